#include "import/faultlinecsvreader.h"

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
} // namespace

bool FaultlineCsvReader::read(QIODevice *device, const QString &fileName, const QString &dataset, const Sink &sink,
    Diagnostics &diagnostics, const Progress &progress)
{
    auto fileError = [&](int line, const QString &field, const QString &reason) {
        diagnostics.append({ fileName, line, field, reason, Diagnostic::Severity::Error, {} });
        return false;
    };
    CsvReader reader(device);
    reader.setDelimiter(CsvReader::detectDelimiter(device->peek(64 * 1024)));
    CsvReader::Row header;
    if (!reader.readRow(header)) {
        if (reader.hasError())
            return fileError(reader.errorLine(), {}, reader.errorMessage().section(u' ', 1));
        return fileError(0, {}, tr("empty, no records"));
    }

    // Header names are matched without regard to case or surrounding space (locale-free).
    const QStringList known = RecordValidator::fieldNames();
    QList<QString> columns; // field per column; empty when ignored
    QHash<QString, int> seen;
    for (int c = 0; c < header.fields.size(); ++c) {
        QString name = header.fields.at(c).trimmed().toLower();
        if (name.isEmpty()) {
            diagnostics.append({ fileName, header.line, tr("column %1").arg(c + 1),
                tr("empty column name, column ignored"), Diagnostic::Severity::Warning, {} });
            columns.append(QString());
            continue;
        }
        if (seen.contains(name))
            return fileError(
                header.line, name, tr("duplicate column (columns %1 and %2)").arg(seen.value(name) + 1).arg(c + 1));
        seen.insert(name, c);
        if (!known.contains(name)) {
            diagnostics.append(
                { fileName, header.line, name, tr("unknown column, ignored"), Diagnostic::Severity::Warning, {} });
            name.clear();
        }
        columns.append(name);
    }
    for (const char *required : { "title", "start", "victims", "type" }) {
        if (!seen.contains(QString::fromLatin1(required)))
            return fileError(header.line, QString::fromLatin1(required),
                tr("no such column in the header; expected the columns %1").arg(known.join(QStringLiteral(", "))));
    }

    RecordValidator records(fileName, dataset);
    CsvReader::Row row;
    int rows = 0;
    while (reader.readRow(row)) {
        if (row.fields.size() == 1 && row.fields.first().trimmed().isEmpty())
            continue;
        ++rows;
        if (row.fields.size() != columns.size()) {
            diagnostics.append(
                { fileName, row.line, {}, tr("expected %1 fields, found %2").arg(columns.size()).arg(row.fields.size()),
                    Diagnostic::Severity::Error, {} });
            continue;
        }
        RawRecord raw;
        raw.line = row.line;
        for (int c = 0; c < columns.size(); ++c) {
            const QString &field = columns.at(c);
            if (field.isEmpty())
                continue;
            const QString value = SpreadsheetCell::restore(row.fields.at(c));
            if (field == u"sources") {
                for (const QString &url : splitValues(value))
                    raw.sources.append({ url, {}, {}, {} });
            } else if (isListField(field)) {
                raw.lists.insert(field, splitValues(value));
            } else {
                raw.text.insert(field, value);
            }
        }
        if (std::optional<Incident> incident = records.read(raw, diagnostics)) {
            if (!sink(std::move(*incident)))
                return false;
        }
        if (progress && (rows & 1023) == 0 && !progress(reader.bytesRead()))
            return false;
    }
    if (reader.hasError()) {
        const QString message = reader.errorMessage();
        return fileError(reader.errorLine(), {}, message.section(u':', 2).trimmed());
    }
    if (rows == 0)
        diagnostics.append({ fileName, 0, {}, tr("header only, no records"), Diagnostic::Severity::Warning, {} });
    return true;
}
