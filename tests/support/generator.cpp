#include "generator.h"

#include "domain/countries.h"
#include "export/recordwriter.h"

#include <QJsonDocument>
#include <algorithm>
#include <cmath>

namespace {
const char *const s_words[] = { "attack", "network", "government", "systems", "operators", "data", "stolen", "ministry",
    "services", "disrupted", "officials", "investigation", "malware", "phishing", "campaign", "intrusion", "servers",
    "customers", "records", "exposed", "hospital", "energy", "grid", "bank", "payments", "election", "portal",
    "offline", "ransom", "demanded", "encrypted", "backups", "restored", "weeks", "agency", "national", "security",
    "researchers", "attributed", "group", "state", "sponsored", "telecom", "provider", "outage", "citizens",
    "passports", "defence", "contractor", "emails", "leaked", "media", "broadcaster", "airport", "port", "shipping",
    "water", "utility", "university", "students", "police" };
constexpr int s_wordCount = int(sizeof(s_words) / sizeof(*s_words));
} // namespace

Generator::Generator(std::uint64_t seed)
    : m_rng(seed)
{
    // A fixed order of real codes: every known alpha-2, sorted, first 200.
    QStringList codes = Countries::instance().codes();
    codes.removeAll(QStringLiteral("XX"));
    codes.removeAll(QStringLiteral("XK"));
    m_countries = codes.mid(0, s_countryCount);
    double sum = 0;
    for (int k = 1; k <= s_countryCount; ++k) {
        sum += 1.0 / k;
        m_zipf.push_back(sum);
    }
    for (double &w : m_zipf)
        w /= sum;
}

int Generator::zipfCountry()
{
    const double u = unit();
    return int(std::lower_bound(m_zipf.begin(), m_zipf.end(), u) - m_zipf.begin());
}

Incident Generator::next()
{
    Incident r;
    const qint64 serial = m_serial++;
    r.id = QStringLiteral("g-%1").arg(serial);
    static const qint64 first = QDate(2000, 1, 1).toJulianDay();
    static const qint64 last = QDate(2026, 12, 31).toJulianDay();
    const QDate day = QDate::fromJulianDay(first + qint64(below(std::uint64_t(last - first + 1))));
    const std::uint64_t p = below(100);
    if (p < 70)
        r.start = PartialDate::day(day.year(), day.month(), day.day());
    else if (p < 90)
        r.start = PartialDate::month(day.year(), day.month());
    else
        r.start = PartialDate::year(day.year());
    if (below(100) < 15) {
        const QDate end = r.start.lastDate().addDays(qint64(1 + below(90)));
        r.end = PartialDate::day(end.year(), end.month(), end.day());
    }
    const int victims = below(100) < 10 ? 2 + int(below(3)) : 1;
    while (r.victims.size() < victims) {
        const QString code = m_countries.at(zipfCountry());
        if (!r.victims.contains(code))
            r.victims << code;
    }
    r.type = IncidentType(below(IncidentTypeCount));
    r.sectors = sectorBit(Sector(below(SectorCount)));
    if (below(4) == 0)
        r.sectors |= sectorBit(Sector(below(SectorCount)));
    r.attribution = Attribution(below(AttributionCount));
    if (r.attribution != Attribution::None && below(2) == 0)
        r.attackers << m_countries.at(int(below(20)));
    r.actor = below(3) == 0 ? QString() : QStringLiteral("Group %1").arg(below(500));
    QString title = QStringLiteral("Incident %1:").arg(serial);
    for (int w = 0; w < 5; ++w)
        title += u' ' + QLatin1StringView(s_words[below(s_wordCount)]);
    r.title = title;
    const int length = 100 + int(below(301));
    QString summary;
    summary.reserve(length + 16);
    while (summary.size() < length) {
        if (!summary.isEmpty())
            summary += u' ';
        summary += QLatin1StringView(s_words[below(s_wordCount)]);
    }
    summary.truncate(length - 1);
    summary += u'.';
    r.summary = summary;
    r.sources << Source { QStringLiteral("https://example.org/report/%1").arg(serial), QString(), QString(),
        QString() };
    r.tags << QLatin1StringView(s_words[below(s_wordCount)]);
    return r;
}

void Generator::writeCsv(QIODevice *out, int n, std::uint64_t seed)
{
    Generator g(seed);
    QList<Incident> batch;
    bool header = true;
    for (int i = 0; i < n; ++i) {
        batch << g.next();
        if (batch.size() == 10000 || i == n - 1) {
            QByteArray csv = RecordWriter::toCsv(batch);
            if (!header)
                csv.remove(0, csv.indexOf('\n') + 1);
            header = false;
            out->write(csv);
            batch.clear();
        }
    }
}

void Generator::writeJson(QIODevice *out, int n, std::uint64_t seed)
{
    Generator g(seed);
    out->write("{\"faultline\": 1, \"dataset\": \"generated\", \"incidents\": [\n");
    for (int i = 0; i < n; ++i) {
        QByteArray record = QJsonDocument(RecordWriter::toJson(g.next())).toJson(QJsonDocument::Compact);
        if (i + 1 < n)
            record += ",\n";
        out->write(record);
    }
    out->write("\n]}\n");
}
