#pragma once

#include <QString>

// A signal's name as the messages of an interrupted write give it: "SIGINT", "SIGTERM",
// "SIGHUP" ("signal N" for a number the C library does not name). Shared by the command
// line (Interruption) and the window (TerminationSignals).
QString signalName(int signal);
