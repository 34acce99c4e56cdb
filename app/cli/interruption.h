#pragma once

#include <QString>

// Ctrl+C, a closing terminal or a `kill` while a command writes the document or a file. For
// as long as a Scope lives, SIGINT, SIGTERM and SIGHUP are only noted; the running import or
// export sees the note at its next progress call and stops: an import rolls its transaction
// back (the journal is removed with it), an export drops its temporary file. The command then
// says what happened and exits with 128 + the signal's number, as shells expect. A second
// signal ends the process at once (the default action); SQLite rolls a half-written document
// back from its journal the next time it is opened.
namespace Interruption {
class Scope
{
public:
    Scope();
    ~Scope(); // the default actions again
    Scope(const Scope &) = delete;
    Scope &operator=(const Scope &) = delete;
};

// The signal that came while a Scope lived, or 0.
int signal();
// For a progress callback: false once a signal came.
bool carryOn();
} // namespace Interruption
