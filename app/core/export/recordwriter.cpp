#include "export/recordwriter.h"

#include "domain/sourcelist.h"
#include "domain/spreadsheetcell.h"
#include "export/jsonstream.h"

#include <QBuffer>
#include <QJsonArray>
#include <QJsonDocument>
#include <algorithm>
#include <array>
#include <cstring>

namespace RecordWriter {
QJsonObject toJson(const Incident &r)
{
    QJsonObject o;
    o.insert(u"id", r.id);
    o.insert(u"title", r.title);
    o.insert(u"start", r.start.toString());
    if (r.end.isValid())
        o.insert(u"end", r.end.toString());
    o.insert(u"victims", QJsonArray::fromStringList(r.victims));
    o.insert(u"attackers", QJsonArray::fromStringList(r.attackers));
    o.insert(u"attribution", Vocabulary::attributionKey(r.attribution));
    if (r.attributedOn.isValid())
        o.insert(u"attributed_on", r.attributedOn.toString());
    if (r.disclosed.isValid())
        o.insert(u"disclosed", r.disclosed.toString());
    o.insert(u"actor", r.actor);
    o.insert(u"type", Vocabulary::typeKey(r.type));
    o.insert(u"sectors", QJsonArray::fromStringList(Vocabulary::sectorKeys(r.sectors)));
    o.insert(u"summary", r.summary);
    QJsonArray sources;
    for (const Source &s : r.sources) {
        sources.append(QJsonObject { { QStringLiteral("url"), s.url }, { QStringLiteral("title"), s.title },
            { QStringLiteral("publisher"), s.publisher }, { QStringLiteral("date"), s.date } });
    }
    o.insert(u"sources", sources);
    o.insert(u"tags", QJsonArray::fromStringList(r.tags));
    if (!r.related.isEmpty())
        o.insert(u"related", QJsonArray::fromStringList(r.related));
    if (!r.notes.isEmpty())
        o.insert(u"notes", r.notes);
    return o;
}

namespace {
    constexpr qsizetype s_progressEvery = 256; // records between two progress calls

    // Calls write(record) for each record and progress every s_progressEvery records and at
    // the end; false when progress asked to stop.
    template <typename Write>
    bool eachRecord(const QList<Incident> &incidents, const ExportFile::Progress &progress, Write &&write)
    {
        const qint64 total = incidents.size();
        for (qsizetype i = 0; i < incidents.size(); ++i) {
            write(incidents.at(i));
            if (progress && (i + 1) % s_progressEvery == 0 && !progress(i + 1, total))
                return false;
        }
        return !progress || progress(total, total);
    }

    // The bytes of QJsonDocument({"dataset", "faultline": 1, "incidents": [...]}).toJson(Indented),
    // one record at a time.
    bool streamFaultlineJson(
        QIODevice &out, const QList<Incident> &incidents, const QString &dataset, const ExportFile::Progress &progress)
    {
        JsonStream json(out);
        json.member(QStringLiteral("dataset"), dataset);
        json.member(QStringLiteral("faultline"), 1);
        json.beginArray(QStringLiteral("incidents"));
        const bool done = eachRecord(incidents, progress, [&](const Incident &r) { json.element(toJson(r)); });
        json.endArray();
        json.finish();
        return done;
    }

    bool streamCsv(QIODevice &out, const QList<Incident> &incidents, const ExportFile::Progress &progress)
    {
        out.write(csvHeader());
        QByteArray row;
        return eachRecord(incidents, progress, [&](const Incident &r) {
            const QStringList cells
                = { r.id, r.title, r.start.toString(), r.end.toString(), r.victims.join(u';'), r.attackers.join(u';'),
                      Vocabulary::attributionKey(r.attribution), r.attributedOn.toString(), r.disclosed.toString(),
                      r.actor, Vocabulary::typeKey(r.type), Vocabulary::sectorKeys(r.sectors).join(u';'), r.summary,
                      SourceList::encode(r.sources), r.tags.join(u';'), r.related.join(u';') };
            row.clear();
            for (qsizetype c = 0; c < cells.size(); ++c) {
                if (c > 0)
                    row += ',';
                appendCsvCell(row, cells.at(c).toUtf8());
            }
            row += "\r\n";
            out.write(row);
        });
    }
} // namespace

QByteArray csvHeader()
{
    return QByteArrayLiteral("id,title,start,end,victims,attackers,attribution,attributed_on,disclosed,actor,type,"
                             "sectors,summary,sources,tags,related\r\n");
}

void appendCsvCell(QByteArray &out, QByteArrayView utf8)
{
    const qsizetype at = out.size();
    out.resize(at + csvCellBound(utf8.size()));
    out.resize(writeCsvCell(out.data() + at, utf8) - out.constData());
}

char *writeCsvCell(char *to, QByteArrayView utf8)
{
    // One pass finds whether the cell needs quotes and how many quotes it holds.
    static constexpr auto s_special = [] {
        std::array<bool, 256> special {};
        for (const char c : { ',', '"', '\n', '\r' })
            special[uchar(c)] = true;
        return special;
    }();
    const char *from = utf8.data();
    const char *const end = from + utf8.size();
    bool quote = false;
    for (const char *p = from; p != end; ++p)
        quote |= s_special[uchar(*p)];
    if (quote)
        *to++ = '"';
    if (SpreadsheetCell::needsApostrophe(utf8))
        *to++ = '\'';
    if (!quote) {
        if (from != end) // an empty view may hold no pointer at all
            std::memcpy(to, from, std::size_t(end - from));
        return to + (end - from);
    }
    for (;;) {
        const auto *q = static_cast<const char *>(std::memchr(from, '"', std::size_t(end - from)));
        const char *runEnd = q ? q + 1 : end; // a quote is copied, then written again: doubled
        std::memcpy(to, from, std::size_t(runEnd - from));
        to += runEnd - from;
        if (!q)
            break;
        *to++ = '"';
        from = runEnd;
    }
    *to++ = '"';
    return to;
}

QByteArray toFaultlineJson(const QList<Incident> &incidents, const QString &dataset)
{
    QBuffer buffer;
    buffer.open(QIODevice::WriteOnly);
    streamFaultlineJson(buffer, incidents, dataset, {});
    return buffer.data();
}

QByteArray toJsonArray(const QList<Incident> &incidents)
{
    QJsonArray array;
    for (const Incident &r : incidents)
        array.append(toJson(r));
    return QJsonDocument(array).toJson(QJsonDocument::Indented);
}

QByteArray toCsv(const QList<Incident> &incidents)
{
    QBuffer buffer;
    buffer.open(QIODevice::WriteOnly);
    streamCsv(buffer, incidents, {});
    return buffer.data();
}

ExportResult writeFaultlineJson(
    const QString &path, const QList<Incident> &incidents, const QString &dataset, const ExportFile::Progress &progress)
{
    return ExportFile::write(path, [&](QIODevice &device) {
        return streamFaultlineJson(device, incidents, dataset, progress) ? ExportResult::success()
                                                                         : ExportResult::cancel();
    });
}

ExportResult writeCsv(const QString &path, const QList<Incident> &incidents, const ExportFile::Progress &progress)
{
    return ExportFile::write(path, [&](QIODevice &device) {
        return streamCsv(device, incidents, progress) ? ExportResult::success() : ExportResult::cancel();
    });
}

namespace {
    // The codes joined by commas within `width` characters: when they do not all fit, the whole
    // codes that do and an ellipsis, so a cut list never passes for a complete one.
    QString fitCodes(const QStringList &codes, int width)
    {
        const QString all = codes.join(u',');
        if (all.size() <= width)
            return all;
        QString shown;
        for (const QString &code : codes) {
            if (shown.size() + code.size() + 2 > width)
                break;
            shown += code + u',';
        }
        return shown + QChar(0x2026);
    }
} // namespace

QByteArray toTable(const QList<Incident> &incidents, int width)
{
    QString out;
    for (const Incident &r : incidents) {
        QString line = QStringLiteral("%1  %2  %3  ")
                           .arg(r.start.toString(), -10)
                           .arg(fitCodes(r.victims, 11), -11)
                           .arg(Vocabulary::typeKey(r.type), -11);
        QString title = r.title;
        // Control characters would move the terminal's cursor: show them as symbols.
        for (QChar &c : title) {
            if (c.category() == QChar::Other_Control || c.category() == QChar::Other_Format)
                c = QChar(0xFFFD);
        }
        const int room = std::max(10, width - int(line.size()));
        if (title.size() > room)
            title = title.left(room - 1) + QChar(0x2026);
        out += line + title + u'\n';
    }
    return out.toUtf8();
}
} // namespace RecordWriter
