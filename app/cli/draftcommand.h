#pragma once

#include <QStringList>

class QCommandLineParser;

// `faultline draft [--json] FILE|-`: reads a news article's text (plain text or a saved HTML
// page; "-" reads standard input) and prints the draft record the article reader proposes:
// with --json, one `faultline` JSON record with an "evidence" object (field -> the sentence
// it came from) and "draft_notes" (what the reader could not decide); otherwise the same as
// readable text. Opens no document. A missing or extra argument, an unreadable file or a
// file that is not a regular file is a usage error.
namespace Cli::DraftCommand {
int run(const QCommandLineParser &parser, const QStringList &arguments);

// `faultline [--db PATH] import --draft FILE|-`: drafts a record from the article as run() does
// (with the actors of the document known, as in the window) and saves it as a new record of
// "My records" (UserRecords, one transaction) when it passes the editor's checks
// (RecordForm::fromDraft, RecordValidator). Prints the new id and what the document holds:
// exit 0. A draft that fails a check is not saved: each field and its message go to stderr,
// exit 1. Other files or import options with --draft, an unreadable article or a read-only
// document: exit 2, nothing written.
int importDraft(const QCommandLineParser &parser, const QStringList &files);
} // namespace Cli::DraftCommand
