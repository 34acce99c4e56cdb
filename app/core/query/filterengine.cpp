#include "query/filterengine.h"

#include <algorithm>
#include <limits>

namespace {
using Index = IncidentColumns::Index;
// One failure bit per criterion (bit FilterEngine::Facet) for each incident.
using Fails = std::vector<std::uint8_t>;

void markDates(const IncidentColumns &c, const Filter &f, Fails &fails)
{
    if (!f.fromDay && !f.toDay)
        return;
    const qint64 from = f.fromDay.value_or(std::numeric_limits<qint32>::min());
    const qint64 to = f.toDay.value_or(std::numeric_limits<qint32>::max());
    for (Index i = 0; i < c.size(); ++i)
        fails[i] |= std::uint8_t((c.lastDay[i] < from || c.firstDay[i] > to) << FilterEngine::DateFacet);
}

// Type, sector and attribution: small enumerations tested against a bit mask.
void markKinds(const IncidentColumns &c, const Filter &f, Fails &fails)
{
    const Index n = c.size();
    if (!f.types.isEmpty()) {
        std::uint16_t wanted = 0;
        for (IncidentType t : f.types)
            wanted |= std::uint16_t(1u << unsigned(t));
        for (Index i = 0; i < n; ++i)
            fails[i] |= std::uint8_t(!(wanted & (1u << c.type[i])) << FilterEngine::TypeFacet);
    }
    if (f.sectors) {
        for (Index i = 0; i < n; ++i)
            fails[i] |= std::uint8_t(!(c.sectors[i] & f.sectors) << FilterEngine::SectorFacet);
    }
    if (!f.attributions.isEmpty()) {
        std::uint8_t wanted = 0;
        for (Attribution a : f.attributions)
            wanted |= std::uint8_t(1u << unsigned(a));
        for (Index i = 0; i < n; ++i)
            fails[i] |= std::uint8_t(!(wanted & (1u << c.attribution[i])) << FilterEngine::AttributionFacet);
    }
}

// Fails the incidents none of whose countries in one role (offsets and codes) is in `codes`.
// Victim and attacker countries share the country facet's bit: both narrow "which countries".
void markCountryList(const IncidentColumns &c, const QStringList &codes, const std::vector<std::uint32_t> &offsets,
    const std::vector<std::uint16_t> &countryCodes, Fails &fails)
{
    if (codes.isEmpty())
        return;
    std::vector<std::uint8_t> wanted(std::size_t(c.countries.size()), 0);
    for (const QString &code : codes) {
        const int k = c.countryIndex(code.toUpper());
        if (k >= 0)
            wanted[std::size_t(k)] = 1;
    }
    for (Index i = 0; i < c.size(); ++i) {
        bool any = false;
        for (auto k = offsets[i]; k < offsets[i + 1] && !any; ++k)
            any = wanted[countryCodes[k]];
        fails[i] |= std::uint8_t(!any << FilterEngine::CountryFacet);
    }
}

// Actors (any part of the name, any case) and datasets (exact names).
void markNames(const IncidentColumns &c, const Filter &f, Fails &fails)
{
    const Index n = c.size();
    if (!f.actors.isEmpty()) {
        std::vector<std::uint8_t> wanted(std::size_t(c.actors.size()), 0);
        for (qsizetype a = 1; a < c.actors.size(); ++a) {
            for (const QString &needle : f.actors) {
                if (c.actors.at(a).contains(needle, Qt::CaseInsensitive))
                    wanted[std::size_t(a)] = 1;
            }
        }
        for (Index i = 0; i < n; ++i)
            fails[i] |= std::uint8_t(!wanted[c.actor[i]] << FilterEngine::ActorFacet);
    }
    if (!f.datasets.isEmpty()) {
        std::vector<std::uint8_t> wanted(std::size_t(c.datasets.size()), 0);
        for (qsizetype d = 0; d < c.datasets.size(); ++d)
            wanted[std::size_t(d)] = f.datasets.contains(c.datasets.at(d));
        for (Index i = 0; i < n; ++i)
            fails[i] |= std::uint8_t(!wanted[c.dataset[i]] << FilterEngine::DatasetFacet);
    }
}

// `hits` are ascending store rowids; the columns' rowids ascend too, so a merge walk finds them.
void markSearch(const IncidentColumns &c, const QList<qint64> &hits, Fails &fails)
{
    const Index n = c.size();
    std::vector<std::uint8_t> hit(n, 0);
    Index i = 0;
    for (const qint64 rowid : hits) {
        while (i < n && c.rowid[i] < rowid)
            ++i;
        if (i < n && c.rowid[i] == rowid)
            hit[i] = 1;
    }
    for (Index k = 0; k < n; ++k)
        fails[k] |= std::uint8_t(!hit[k] << FilterEngine::SearchFacet);
}

// The incidents that fail nothing, in date order when the columns have one.
std::vector<Index> shownIndices(const IncidentColumns &c, const Fails &fails)
{
    const Index n = c.size();
    std::vector<Index> indices;
    indices.reserve(std::size_t(std::count(fails.begin(), fails.end(), 0)));
    if (c.byDate.size() == n) {
        for (const Index i : c.byDate) {
            if (fails[i] == 0)
                indices.push_back(i);
        }
    } else {
        for (Index i = 0; i < n; ++i) {
            if (fails[i] == 0)
                indices.push_back(i);
        }
    }
    return indices;
}

// Per facet, the incidents that fail no criterion but that facet's own.
FilterEngine::Counts countFacets(const IncidentColumns &c, const Fails &fails)
{
    FilterEngine::Counts counts;
    counts.countries.assign(std::size_t(c.countries.size()), 0);
    counts.actors.assign(std::size_t(c.actors.size()), 0);
    counts.datasets.assign(std::size_t(c.datasets.size()), 0);
    auto onlyFails = [](std::uint8_t m, FilterEngine::Facet facet) { return (m & ~(1u << facet)) == 0; };
    for (Index i = 0; i < c.size(); ++i) {
        const std::uint8_t m = fails[i];
        if (onlyFails(m, FilterEngine::CountryFacet)) {
            for (auto k = c.victimOffset[i]; k < c.victimOffset[i + 1]; ++k)
                ++counts.countries[c.victimCodes[k]];
        }
        if (onlyFails(m, FilterEngine::TypeFacet))
            ++counts.types[c.type[i]];
        if (onlyFails(m, FilterEngine::SectorFacet)) {
            for (int s = 0; s < SectorCount; ++s)
                counts.sectors[std::size_t(s)] += (c.sectors[i] >> s) & 1;
        }
        if (onlyFails(m, FilterEngine::ActorFacet))
            ++counts.actors[c.actor[i]];
        if (onlyFails(m, FilterEngine::AttributionFacet))
            ++counts.attributions[c.attribution[i]];
        if (onlyFails(m, FilterEngine::DatasetFacet))
            ++counts.datasets[c.dataset[i]];
    }
    return counts;
}
} // namespace

FilterEngine::Result FilterEngine::apply(
    const IncidentColumns &c, const Filter &f, const QList<qint64> *searchHits, bool withCounts)
{
    // One failure bit per criterion; an incident is shown when no bit is set, and counted
    // in a facet when no bit but that facet's is set.
    Fails fails(c.size(), 0);
    markDates(c, f, fails);
    markKinds(c, f, fails);
    markCountryList(c, f.countries, c.victimOffset, c.victimCodes, fails);
    markCountryList(c, f.attackerCountries, c.attackerOffset, c.attackerCodes, fails);
    markNames(c, f, fails);
    if (searchHits)
        markSearch(c, *searchHits, fails);

    Result result;
    result.total = int(c.size());
    result.indices = shownIndices(c, fails);
    if (withCounts)
        result.counts = countFacets(c, fails);
    return result;
}
