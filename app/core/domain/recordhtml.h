#pragma once

#include "domain/incident.h"

#include <QString>
#include <QStringList>

class QUrl;

// The detail pane's document for one incident, built without widgets so the command line, the
// tests and the fuzz harness (tests/fuzz/fuzz_detail_text.cpp) can check it. Every data string
// is escaped and isolated with its bidi controls made visible (DisplayText): the document shows
// data as text, never as markup, and a string cannot reorder the labels around it. Its only
// links are the sources' addresses that isOpenable() accepts; any other address shows as grey
// text. Labels are translated in the context "DetailPane", where the pane had them.
namespace RecordHtml {
// Rich text (the subset QTextDocument reads) for `incident`; every place where one of
// `highlightTerms` starts a word in the actor, tags, title or summary is marked, case-insensitively.
QString toHtml(const Incident &incident, const QStringList &highlightTerms = {});
// True for a valid http or https URL with a host: the only links Faultline opens.
bool isOpenable(const QUrl &url);
} // namespace RecordHtml
