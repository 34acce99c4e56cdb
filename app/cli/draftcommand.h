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
} // namespace Cli::DraftCommand
