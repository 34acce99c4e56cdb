#include "export/recordexport.h"

#include "export/jsonstream.h"
#include "export/recordwriter.h"
#include "export/stixwriter.h"
#include "store/killpoint.h"
#include "store/recordtexts.h"

#include <QBuffer>
#include <algorithm>
#include <array>
#include <memory>
#include <span>
#include <unordered_map>

namespace {
using Index = IncidentColumns::Index;

constexpr qsizetype s_flushAt = 1 << 20; // bytes gathered before one write to the file
constexpr qsizetype s_progressEvery = 4096; // records between two progress calls

QList<QByteArray> utf8Of(const QStringList &texts)
{
    QList<QByteArray> out;
    out.reserve(texts.size());
    for (const QString &t : texts)
        out << t.toUtf8();
    return out;
}

// A list stored joined by ";", as the record's list gives it back: without empty items.
void appendList(QByteArray &out, QByteArrayView joined)
{
    bool first = true;
    for (qsizetype from = 0; from <= joined.size();) {
        qsizetype at = joined.indexOf(';', from);
        if (at < 0)
            at = joined.size();
        if (at > from) {
            if (!first)
                out += ';';
            out += joined.sliced(from, at - from);
            first = false;
        }
        from = at + 1;
    }
}

// A source field with "\", ";" and "|" escaped by a backslash, as SourceList writes it, at
// `to`, which has room for twice the field; returns the end of what it wrote.
char *writeEscaped(char *to, QByteArrayView field)
{
    static constexpr auto s_escaped = [] {
        std::array<bool, 256> escaped {};
        for (const char c : { '\\', ';', '|' })
            escaped[uchar(c)] = true;
        return escaped;
    }();
    for (const char c : field) {
        if (s_escaped[uchar(c)])
            *to++ = '\\';
        *to++ = c;
    }
    return to;
}

// The `sources` cell before quoting: SourceList::encode's bytes.
void appendSources(QByteArray &out, const std::vector<RecordTexts::Source> &sources)
{
    qsizetype bound = qsizetype(sources.size()) * 10;
    for (const RecordTexts::Source &s : sources)
        bound += 2 * (s.publisher.size() + s.title.size() + s.date.size() + s.url.size());
    const qsizetype at = out.size();
    out.resize(at + bound);
    char *to = out.data() + at;
    for (std::size_t k = 0; k < sources.size(); ++k) {
        const RecordTexts::Source &s = sources[k];
        if (k > 0)
            *to++ = ';';
        if (s.publisher.isEmpty() && s.title.isEmpty() && s.date.isEmpty()) {
            to = writeEscaped(to, s.url);
            continue;
        }
        for (const QByteArrayView field : { s.publisher, s.title, s.date }) {
            to = writeEscaped(to, field);
            to = std::copy_n(" | ", 3, to);
        }
        to = writeEscaped(to, s.url);
    }
    out.resize(to - out.constData());
}

// Writes CSV rows of incidents from the columns and their texts, every value the columns
// intern (countries, vocabulary keys) turned into UTF-8 once. A row is written through a
// pointer into room made for its longest form (RecordWriter::csvCellBound per cell): at
// sixteen cells a row and a million rows, QByteArray's checks per append would cost more
// than the bytes.
class CsvRows
{
public:
    explicit CsvRows(const IncidentColumns &columns)
        : m_c(columns)
        , m_countries(utf8Of(columns.countries))
    {
        for (int t = 0; t < IncidentTypeCount; ++t)
            m_types << Vocabulary::typeKey(IncidentType(t)).toUtf8();
        for (int a = 0; a < AttributionCount; ++a)
            m_attributions << Vocabulary::attributionKey(Attribution(a)).toUtf8();
    }

    void append(QByteArray &out, Index i, const RecordTexts::View &v)
    {
        m_victims.resize(0);
        codes(m_victims, m_c.victimCodes, m_c.victimOffset, i);
        m_attackers.resize(0);
        codes(m_attackers, m_c.attackerCodes, m_c.attackerOffset, i);
        m_sources.resize(0);
        appendSources(m_sources, v.sources);
        m_tags.resize(0);
        appendList(m_tags, v.tags);
        m_related.resize(0);
        appendList(m_related, v.related);
        const QByteArrayView cells[] = { m_c.idUtf8(i), m_c.titleUtf8(i), v.start, v.end, m_victims, m_attackers,
            m_attributions.at(m_c.attribution[i]), v.attributedOn, v.disclosed, v.actor, m_types.at(m_c.type[i]),
            sectors(m_c.sectors[i]), v.summary, m_sources, m_tags, m_related };
        qsizetype bound = 2; // CRLF
        for (const QByteArrayView cell : cells)
            bound += 1 + RecordWriter::csvCellBound(cell.size());
        const qsizetype at = out.size();
        out.resize(at + bound);
        char *to = out.data() + at;
        to = RecordWriter::writeCsvCell(to, cells[0]);
        for (const QByteArrayView cell : std::span(cells).subspan(1)) {
            *to++ = ',';
            to = RecordWriter::writeCsvCell(to, cell);
        }
        *to++ = '\r';
        *to++ = '\n';
        out.resize(to - out.constData());
    }

private:
    void codes(QByteArray &out, const std::vector<std::uint16_t> &codes, const std::vector<std::uint32_t> &offsets,
        Index i) const
    {
        for (auto k = offsets[i]; k < offsets[i + 1]; ++k) {
            if (k > offsets[i])
                out += ';';
            out += m_countries.at(codes[k]);
        }
    }
    const QByteArray &sectors(SectorMask mask)
    {
        auto found = m_sectors.find(mask);
        if (found == m_sectors.end())
            found = m_sectors.emplace(mask, Vocabulary::sectorKeys(mask).join(u';').toUtf8()).first;
        return found->second;
    }

    const IncidentColumns &m_c;
    QList<QByteArray> m_countries, m_types, m_attributions;
    std::unordered_map<SectorMask, QByteArray> m_sectors;
    QByteArray m_victims, m_attackers, m_sources, m_tags, m_related;
};

QString text(QByteArrayView utf8)
{
    return QString::fromUtf8(utf8);
}

QStringList list(QByteArrayView joined)
{
    return joined.isEmpty() ? QStringList() : text(joined).split(u';', Qt::SkipEmptyParts);
}

QStringList countryList(const IncidentColumns &c, const std::vector<std::uint16_t> &codes,
    const std::vector<std::uint32_t> &offsets, Index i)
{
    QStringList out;
    for (auto k = offsets[i]; k < offsets[i + 1]; ++k)
        out << c.countries.at(codes[k]);
    return out;
}

// The record as IncidentStore::incidents gives it, provenance left out.
Incident incidentOf(const IncidentColumns &c, Index i, const RecordTexts::View &v)
{
    Incident r;
    r.id = c.id(i);
    r.title = c.title(i);
    r.start = PartialDate::parse(text(v.start));
    if (!v.end.isEmpty())
        r.end = PartialDate::parse(text(v.end));
    r.victims = countryList(c, c.victimCodes, c.victimOffset, i);
    r.attackers = countryList(c, c.attackerCodes, c.attackerOffset, i);
    r.attribution = Attribution(c.attribution[i]);
    if (!v.attributedOn.isEmpty())
        r.attributedOn = PartialDate::parse(text(v.attributedOn));
    if (!v.disclosed.isEmpty())
        r.disclosed = PartialDate::parse(text(v.disclosed));
    r.actor = text(v.actor);
    r.type = c.typeOf(i);
    r.sectors = c.sectors[i];
    r.summary = text(v.summary);
    for (const RecordTexts::Source &s : v.sources)
        r.sources.append({ text(s.url), text(s.title), text(s.publisher), text(s.date) });
    r.tags = list(v.tags);
    r.related = list(v.related);
    r.notes = text(v.notes);
    return r;
}

// Writes the CSV into `out` in large blocks; false when progress cancels.
bool streamCsv(QIODevice &out, const IncidentColumns &columns, const std::vector<Index> &order,
    const RecordTexts &texts, const ExportFile::Progress &progress)
{
    CsvRows rows(columns);
    QByteArray buffer = RecordWriter::csvHeader();
    buffer.reserve(s_flushAt + (64 << 10));
    RecordTexts::View view;
    const auto total = qint64(order.size());
    for (std::size_t k = 0; k < order.size(); ++k) {
        if (texts.at(qsizetype(k), view))
            rows.append(buffer, order[k], view);
        if (buffer.size() >= s_flushAt) {
            out.write(buffer);
            buffer.resize(0);
        }
        if (progress && (k + 1) % s_progressEvery == 0 && !progress(qint64(k + 1), total))
            return false;
    }
    out.write(buffer);
    return !progress || progress(total, total);
}

// The bytes of RecordWriter::toFaultlineJson for these records, one record at a time.
bool streamJson(QIODevice &out, const IncidentColumns &columns, const std::vector<Index> &order,
    const RecordTexts &texts, const ExportFile::Progress &progress)
{
    JsonStream json(out);
    json.member(QStringLiteral("dataset"), QStringLiteral("faultline"));
    json.member(QStringLiteral("faultline"), 1);
    json.beginArray(QStringLiteral("incidents"));
    RecordTexts::View view;
    const auto total = qint64(order.size());
    bool done = true;
    for (std::size_t k = 0; k < order.size() && done; ++k) {
        if (texts.at(qsizetype(k), view))
            json.element(RecordWriter::toJson(incidentOf(columns, order[k], view)));
        done = !progress || (k + 1) % s_progressEvery != 0 || progress(qint64(k + 1), total);
        if ((k + 1) % s_progressEvery == 0)
            KillPoint::reach("export.mid");
    }
    json.endArray();
    json.finish();
    return done && (!progress || progress(total, total));
}

QList<Incident> incidentsOf(const IncidentColumns &columns, const std::vector<Index> &order, const RecordTexts &texts)
{
    QList<Incident> incidents;
    incidents.reserve(qsizetype(order.size()));
    RecordTexts::View view;
    for (std::size_t k = 0; k < order.size(); ++k) {
        if (texts.at(qsizetype(k), view))
            incidents << incidentOf(columns, order[k], view);
    }
    return incidents;
}
} // namespace

namespace RecordExport {
Format formatOf(const QString &path)
{
    if (path.endsWith(QStringLiteral(".stix.json"), Qt::CaseInsensitive))
        return Format::Stix;
    if (path.endsWith(QStringLiteral(".json"), Qt::CaseInsensitive))
        return Format::FaultlineJson;
    return Format::Csv;
}

QByteArray toCsv(const IncidentColumns &columns, const std::vector<Index> &order, const RecordTexts &texts)
{
    QBuffer buffer;
    buffer.open(QIODevice::WriteOnly);
    streamCsv(buffer, columns, order, texts, {});
    return buffer.data();
}

std::optional<RecordTexts> readCsvRows(const Database &db, const IncidentColumns &columns,
    const std::vector<Index> &order, const RecordTexts::Progress &progress, QString *error, qint64 parallelFrom)
{
    const RecordTexts::ShaperFactory rows = [&columns]() -> RecordTexts::Shaper {
        return [csv = std::make_shared<CsvRows>(columns)](
                   Index i, const RecordTexts::View &v, QByteArray &out) { csv->append(out, i, v); };
    };
    return RecordTexts::readShaped(db, columns, order, rows, progress, error, parallelFrom);
}

bool writeCsvRows(
    QIODevice &out, const RecordTexts &rows, const ExportFile::Progress &progress, qsizetype progressEvery)
{
    QByteArray buffer = RecordWriter::csvHeader();
    buffer.reserve(s_flushAt + (64 << 10));
    const auto total = qint64(rows.size());
    for (qsizetype k = 0; k < rows.size(); ++k) {
        buffer.append(rows.shapedAt(k));
        const bool report = progress && (k + 1) % progressEvery == 0;
        if (buffer.size() >= s_flushAt || report) {
            out.write(buffer); // what progress reports is in the file
            buffer.resize(0);
            KillPoint::reach("export.mid");
        }
        if (report && !progress(qint64(k + 1), total))
            return false;
    }
    out.write(buffer);
    return !progress || progress(total, total);
}

ExportResult write(const QString &path, Format format, const Database &db, const IncidentColumns &columns,
    const std::vector<Index> &order, const ExportFile::Progress &progress)
{
    const auto count = qint64(order.size());
    // Reading is the first half of the units, writing the second.
    const auto reading = [&](qint64 done, qint64 total) {
        return !progress || progress(total > 0 ? done * count / total : 0, 2 * count);
    };
    const ExportFile::Progress writing
        = [&](qint64 done, qint64) { return !progress || progress(count + done, 2 * count); };
    QString error;
    if (format == Format::Csv) {
        // Each row is formatted by the thread that reads it; what is left is writing in order.
        const std::optional<RecordTexts> rows = readCsvRows(db, columns, order, reading, &error);
        if (!rows)
            return error.isEmpty() ? ExportResult::cancel() : ExportResult::failure(error);
        return ExportFile::write(path, [&](QIODevice &device) {
            return writeCsvRows(device, *rows, writing) ? ExportResult::success() : ExportResult::cancel();
        });
    }
    const std::optional<RecordTexts> texts = RecordTexts::read(db, columns, order, reading, &error);
    if (!texts)
        return error.isEmpty() ? ExportResult::cancel() : ExportResult::failure(error);
    if (format == Format::Stix)
        return StixWriter::write(path, incidentsOf(columns, order, *texts), writing);
    return ExportFile::write(path, [&](QIODevice &device) {
        return streamJson(device, columns, order, *texts, writing) ? ExportResult::success() : ExportResult::cancel();
    });
}
} // namespace RecordExport
