#pragma once

#include <QByteArrayView>
#include <QString>

// Text cells that a spreadsheet would run as a formula (starting with = + - @ TAB CR, or an
// apostrophe that already protects one) get a leading apostrophe when written to CSV
// (OWASP ASVS V1.2.10); reading CSV removes exactly that apostrophe again, so export and
// import round-trip. Shared by the CSV writer and the CSV importer.
namespace SpreadsheetCell {
QString neutralise(const QString &text);
QString restore(const QString &text);
// Whether neutralise() would prefix this cell, given as UTF-8 (every trigger is ASCII).
bool needsApostrophe(QByteArrayView utf8);
} // namespace SpreadsheetCell
