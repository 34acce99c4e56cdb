#pragma once

#include "incidentcolumnsbuilder.h"
#include "render/timelinerows.h"

#include <QDate>
#include <QStringList>
#include <memory>
#include <numeric>
#include <random>
#include <vector>

// Small, newsroom-like datasets for the timeline tests (render, layout, view): real
// country codes, plausible titles, every precision, type and attribution. Deterministic.
namespace TimelineTestData {

inline Incident make(const QString &id, const QString &title, PartialDate start, QStringList victims, IncidentType type,
    Attribution attribution = Attribution::None, PartialDate end = {})
{
    Incident r;
    r.id = id;
    r.title = title;
    r.start = start;
    r.end = end;
    r.victims = std::move(victims);
    r.type = type;
    r.attribution = attribution;
    return r;
}

// About `n` incidents over 2014-2024 in 14 countries, skewed like real trackers.
inline IncidentColumns newsroom(int n = 420, unsigned seed = 7)
{
    static const QStringList countries = { QStringLiteral("UA"), QStringLiteral("US"), QStringLiteral("GB"),
        QStringLiteral("DE"), QStringLiteral("FR"), QStringLiteral("AL"), QStringLiteral("EE"), QStringLiteral("IL"),
        QStringLiteral("IR"), QStringLiteral("KR"), QStringLiteral("JP"), QStringLiteral("TW"), QStringLiteral("SA"),
        QStringLiteral("XX") };
    static const char *const subjects[] = { "Power grid operator", "Ministry of Foreign Affairs", "National bank",
        "Parliament website", "Election commission", "Hospital network", "Telecom provider", "Port authority",
        "Water utility", "Defence contractor", "State broadcaster", "Customs service", "University", "Oil company" };
    static const char *const events[] = { "hit by wiper malware", "breached, emails leaked", "knocked offline by DDoS",
        "encrypted by ransomware", "defaced with propaganda", "targeted by spear-phishing", "suffers prolonged outage",
        "data of citizens exposed" };
    std::mt19937 rng(seed);
    auto below = [&rng](int k) { return int(rng() % unsigned(k)); };
    TestSupport::IncidentColumnsBuilder builder;
    const qint64 first = QDate(2014, 1, 1).toJulianDay();
    const qint64 last = QDate(2024, 12, 31).toJulianDay();
    for (int i = 0; i < n; ++i) {
        // Zipf-like: country k with weight 1 / (k + 1).
        int c = 0;
        double u = double(rng()) / double(rng.max()) * 3.25; // harmonic number of 14
        while (c < countries.size() - 1 && (u -= 1.0 / (c + 1)) > 0)
            ++c;
        // Bursts: a third of the incidents cluster around a few campaigns.
        qint64 day = first + below(int(last - first));
        if (below(3) == 0)
            day = QDate(2022, 2, 10).toJulianDay() + below(120);
        const QDate d = QDate::fromJulianDay(day);
        const int p = below(10);
        PartialDate start = p < 7 ? PartialDate::day(d.year(), d.month(), d.day())
            : p < 9               ? PartialDate::month(d.year(), d.month())
                                  : PartialDate::year(d.year());
        PartialDate end;
        if (p < 7 && below(7) == 0) {
            const QDate e = d.addDays(3 + below(60));
            end = PartialDate::day(e.year(), e.month(), e.day());
        }
        QStringList victims { countries.at(c) };
        if (below(10) == 0)
            victims << countries.at((c + 1 + below(4)) % countries.size());
        const QString title = QString::fromLatin1(subjects[below(14)]) + u' ' + QString::fromLatin1(events[below(8)]);
        builder.add(make(QStringLiteral("t-%1").arg(i), title, start, victims, IncidentType(below(IncidentTypeCount)),
            Attribution(below(AttributionCount)), end));
    }
    return builder.take();
}

// The rows of every incident of `columns`, grouped as `options` say.
inline std::shared_ptr<const TimelineRows> rowsOf(IncidentColumns columns, RowOptions options = {})
{
    auto shared = std::make_shared<const IncidentColumns>(std::move(columns));
    std::vector<IncidentColumns::Index> all(shared->size());
    std::iota(all.begin(), all.end(), 0u);
    return TimelineRows::build(shared, all, options);
}

// One incident per shape (a day, a bar, a month, two countries), in Albania and Montenegro, far
// apart in 2022.
inline IncidentColumns shapes()
{
    TestSupport::IncidentColumnsBuilder b;
    b.add(make(QStringLiteral("p"), QStringLiteral("Point"), PartialDate::day(2022, 3, 10), { QStringLiteral("AL") },
        IncidentType::Ransomware, Attribution::Official));
    b.add(make(QStringLiteral("b"), QStringLiteral("Bar"), PartialDate::day(2022, 5, 1), { QStringLiteral("AL") },
        IncidentType::Espionage, Attribution::None, PartialDate::day(2022, 6, 30)));
    b.add(make(QStringLiteral("m"), QStringLiteral("Month"), PartialDate::month(2022, 9), { QStringLiteral("AL") },
        IncidentType::Influence, Attribution::None));
    b.add(make(QStringLiteral("x"), QStringLiteral("Two countries"), PartialDate::day(2022, 11, 15),
        { QStringLiteral("AL"), QStringLiteral("ME") }, IncidentType::Ddos, Attribution::Vendor));
    return b.take();
}

} // namespace TimelineTestData
