#pragma once

#include "domain/incident.h"
#include "export/exportfile.h"

#include <QByteArray>
#include <QIODevice>
#include <QJsonObject>
#include <QList>

// Writes incident records as data: `faultline` JSON (what the importer reads; importing it
// into an empty document gives back the same records, notes included; the file names one
// dataset for all of them, so the records' own dataset names are not kept), `faultline` CSV, and
// an aligned plain-text table for the terminal. The file writers stream record by record
// through ExportFile (atomic: a failure or a cancel leaves no file, or the old one) and call
// `progress` with (records written, records) every few hundred records.
namespace RecordWriter {
QJsonObject toJson(const Incident &incident);
QByteArray toFaultlineJson(const QList<Incident> &incidents, const QString &dataset = QStringLiteral("faultline"));
// A JSON array of records, as `list --format json` prints.
QByteArray toJsonArray(const QList<Incident> &incidents);

// CSV with a header naming the record's fields (ARCHITECTURE.md, "The incident record"), one
// row per record, CRLF line ends. Lists are joined by ";"; the `sources` cell holds every source
// with its publisher, title and date (SourceList). Formula-like cells are neutralised
// (SpreadsheetCell), and the CSV reader restores them. Notes are not written.
QByteArray toCsv(const QList<Incident> &incidents);
// The header row of that CSV, CRLF included.
QByteArray csvHeader();
// Appends one CSV cell of UTF-8 text: neutralised (SpreadsheetCell), then quoted when it
// holds a comma, a quote or a line break. Every CSV cell the writers produce goes through here
// or through writeCsvCell, which writes the same bytes.
void appendCsvCell(QByteArray &out, QByteArrayView utf8);
// The most bytes a cell of `size` bytes of text can take: every byte a doubled quote, plus
// the two enclosing quotes and an apostrophe.
constexpr qsizetype csvCellBound(qsizetype size)
{
    return 2 * size + 3;
}
// Writes the cell appendCsvCell appends at `to`, which has room for csvCellBound bytes, and
// returns the end of what it wrote. For writers that format many cells into one buffer.
char *writeCsvCell(char *to, QByteArrayView utf8);

// The same bytes as toFaultlineJson and toCsv, into a file.
ExportResult writeFaultlineJson(const QString &path, const QList<Incident> &incidents,
    const QString &dataset = QStringLiteral("faultline"), const ExportFile::Progress &progress = {});
ExportResult writeCsv(const QString &path, const QList<Incident> &incidents, const ExportFile::Progress &progress = {});

// date, victims, type, title, one line each, for a terminal of `width` columns; a victims
// list or a title cut to fit ends in an ellipsis.
QByteArray toTable(const QList<Incident> &incidents, int width = 120);
} // namespace RecordWriter
