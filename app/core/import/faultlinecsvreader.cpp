#include "import/faultlinecsvreader.h"

#include "domain/sourcelist.h"
#include "domain/spreadsheetcell.h"
#include "import/csvreader.h"

#include <QCoreApplication>
#include <QHash>

namespace {
QString tr(const char *text)
{
    return QCoreApplication::translate("FaultlineCsvReader", text);
}

bool isListField(const QString &f)
{
    return f == u"victims" || f == u"attackers" || f == u"sectors" || f == u"tags" || f == u"related";
}

QStringList splitValues(const QString &text)
{
    QStringList list;
    for (const QString &part : text.split(u';', Qt::SkipEmptyParts)) {
        const QString v = part.trimmed();
        if (!v.isEmpty())
            list.append(v);
    }
    return list;
}

Diagnostic fileError(const QString &fileName, int line, const QString &field, const QString &reason)
{
    return { fileName, line, field, reason, Diagnostic::Severity::Error, {} };
}

// The field each column holds, in column order (empty for an ignored column); nullopt when
// the header is unusable (a whole-file error is then in `diagnostics`).
std::optional<QStringList> readHeader(const CsvReader::Row &header, const QString &fileName, Diagnostics &diagnostics)
{
    // Header names are matched without regard to case or surrounding space (locale-free).
    const QStringList known = RecordValidator::fieldNames();
    QStringList columns;
    QHash<QString, int> seen;
    for (int c = 0; c < header.fields.size(); ++c) {
        QString name = header.fields.at(c).trimmed().toLower();
        if (name.isEmpty()) {
            diagnostics.append({ fileName, header.line, tr("column %1").arg(c + 1),
                tr("empty column name, column ignored"), Diagnostic::Severity::Warning, {} });
            columns.append(QString());
            continue;
        }
        if (seen.contains(name)) {
            diagnostics.append(fileError(fileName, header.line, name,
                tr("duplicate column (columns %1 and %2)").arg(seen.value(name) + 1).arg(c + 1)));
            return std::nullopt;
        }
        seen.insert(name, c);
        if (!known.contains(name)) {
            diagnostics.append(
                { fileName, header.line, name, tr("unknown column, ignored"), Diagnostic::Severity::Warning, {} });
            name.clear();
        }
        columns.append(name);
    }
    for (const char *required : { "title", "start", "victims", "type" }) {
        if (!seen.contains(QString::fromLatin1(required))) {
            diagnostics.append(fileError(fileName, header.line, QString::fromLatin1(required),
                tr("no such column in the header; expected the columns %1").arg(known.join(QStringLiteral(", ")))));
            return std::nullopt;
        }
    }
    return columns;
}

// The fields of a data row as a RawRecord. False when a value cannot be read (a malformed
// source); each problem is then in `diagnostics`, naming the line and the field.
bool toRawRecord(const CsvReader::Row &row, const QStringList &columns, const QString &fileName, RawRecord &raw,
    Diagnostics &diagnostics)
{
    raw.line = row.line;
    QStringList sourceErrors;
    for (int c = 0; c < columns.size(); ++c) {
        const QString &field = columns.at(c);
        if (field.isEmpty())
            continue;
        const QString value = SpreadsheetCell::restore(row.fields.at(c));
        if (field == u"sources")
            raw.sources = SourceList::decode(value, &sourceErrors);
        else if (isListField(field))
            raw.lists.insert(field, splitValues(value));
        else
            raw.text.insert(field, value);
    }
    const QString id = raw.text.value(QStringLiteral("id")).trimmed();
    for (const QString &error : std::as_const(sourceErrors))
        diagnostics.append({ fileName, row.line, QStringLiteral("sources"), error, Diagnostic::Severity::Error, id });
    return sourceErrors.isEmpty();
}
} // namespace

bool FaultlineCsvReader::read(QIODevice *device, const QString &fileName, const QString &dataset, const Sink &sink,
    Diagnostics &diagnostics, const Progress &progress, int *rejected)
{
    int rejectedHere = 0;
    int &rejectedRows = rejected ? *rejected : rejectedHere;
    CsvReader reader(device);
    reader.setDelimiter(CsvReader::detectDelimiter(device->peek(64 * 1024)));
    CsvReader::Row header;
    if (!reader.readRow(header)) {
        diagnostics.append(reader.hasError()
                ? fileError(fileName, reader.errorLine(), {}, reader.errorMessage().section(u' ', 1))
                : fileError(fileName, 0, {}, tr("empty, no records")));
        return false;
    }
    const std::optional<QStringList> columns = readHeader(header, fileName, diagnostics);
    if (!columns)
        return false;

    RecordValidator records(fileName, dataset);
    CsvReader::Row row;
    int rows = 0;
    while (reader.readRow(row)) {
        if (row.fields.size() == 1 && row.fields.first().trimmed().isEmpty())
            continue;
        ++rows;
        if (row.fields.size() != columns->size()) {
            diagnostics.append(fileError(fileName, row.line, {},
                tr("expected %1 fields, found %2").arg(columns->size()).arg(row.fields.size())));
            ++rejectedRows;
            continue;
        }
        RawRecord raw;
        const bool readable = toRawRecord(row, *columns, fileName, raw, diagnostics);
        // Validated even when a value was unreadable, so every problem of the row is reported.
        std::optional<Incident> incident = records.read(raw, diagnostics);
        if (!incident || !readable)
            ++rejectedRows;
        else if (!sink(std::move(*incident)))
            return false;
        if (progress && (rows & 1023) == 0 && !progress(reader.bytesRead()))
            return false;
    }
    if (reader.hasError()) {
        diagnostics.append(
            fileError(fileName, reader.errorLine(), {}, reader.errorMessage().section(u':', 2).trimmed()));
        return false;
    }
    if (rows == 0)
        diagnostics.append({ fileName, 0, {}, tr("header only, no records"), Diagnostic::Severity::Warning, {} });
    return true;
}
