// The CSV record writer on arbitrary text: fields holding quotes, commas, line breaks, formula
// starts, backslashes or bytes that are not UTF-8 (read as U+FFFD). The input is cut at NUL bytes
// into the id, title, actor, summary, one tag and one source's URL, title, publisher and date.
// What RecordWriter::toCsv writes must read back (CsvReader) as the header and one row of its
// 16 cells, each verbatim cell giving back its text once the neutralising apostrophe is removed,
// no cell starting a formula, and the sources cell decoding to the sources written (trimmed, as
// the reader trims them).
#include "domain/sourcelist.h"
#include "domain/spreadsheetcell.h"
#include "export/recordwriter.h"
#include "fuzzsupport.h"
#include "import/csvreader.h"

#include <QBuffer>

namespace {
QList<CsvReader::Row> readBack(const QByteArray &csv)
{
    QBuffer buffer;
    buffer.setData(csv);
    buffer.open(QIODevice::ReadOnly);
    CsvReader reader(&buffer);
    QList<CsvReader::Row> rows;
    CsvReader::Row row;
    while (reader.readRow(row))
        rows << row;
    if (reader.hasError())
        qFatal("fuzz: the written CSV does not read back: %s", qPrintable(reader.errorMessage()));
    return rows;
}

void expect(bool ok, const char *what, const QString &detail)
{
    if (!ok)
        qFatal("fuzz: %s: %s", what, qPrintable(detail));
}
} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    FuzzSupport::ensureApplication();
    const QList<QByteArray> parts = FuzzSupport::bytes(data, size).split('\0');
    auto part = [&](qsizetype k) { return k < parts.size() ? QString::fromUtf8(parts.at(k)) : QString(); };
    Incident r;
    r.id = part(0);
    r.title = part(1);
    r.actor = part(2);
    r.summary = part(3);
    r.tags = QStringList { part(4) };
    r.sources = { Source { part(5), part(6), part(7), part(8) } };
    const QList<CsvReader::Row> rows = readBack(RecordWriter::toCsv({ r }));
    expect(rows.size() == 2, "rows read back", QString::number(rows.size()));
    const QStringList header = rows.at(0).fields;
    const QStringList cells = rows.at(1).fields;
    expect(header.size() == 16 && cells.size() == 16, "cells read back", QString::number(cells.size()));
    auto cell = [&](const char *name) { return cells.at(header.indexOf(QString::fromLatin1(name))); };
    const std::pair<const char *, QString> verbatim[]
        = { { "id", r.id }, { "title", r.title }, { "actor", r.actor }, { "summary", r.summary }, { "tags", part(4) } };
    for (const auto &[name, text] : verbatim)
        expect(SpreadsheetCell::restore(cell(name)) == text, name, cell(name));
    for (const QString &c : cells)
        expect(c.isEmpty() || !QStringLiteral("=+-@\t\r").contains(c.front()), "a formula cell", c);
    const QList<Source> sources = SourceList::decode(SpreadsheetCell::restore(cell("sources")));
    const Source &s = r.sources.first();
    const Source trimmed { s.url.trimmed(), s.title.trimmed(), s.publisher.trimmed(), s.date.trimmed() };
    const bool blank = trimmed == Source {};
    expect(blank ? sources.isEmpty() : sources == QList<Source> { trimmed }, "sources", cell("sources"));
    return 0;
}
