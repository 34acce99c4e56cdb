#include "query/filterengine.h"

#include <algorithm>

FilterEngine::Result FilterEngine::apply(
    const IncidentColumns &c, const Filter &f, const QList<qint64> *searchHits, bool withCounts)
{
    using Index = IncidentColumns::Index;
    const Index n = c.size();
    Result result;
    result.total = int(n);

    // One failure bit per criterion; an incident is shown when no bit is set, and counted
    // in a facet when no bit but that facet's is set.
    std::vector<std::uint8_t> fails(n, 0);

    if (f.fromDay || f.toDay) {
        const qint64 from = f.fromDay.value_or(std::numeric_limits<qint32>::min());
        const qint64 to = f.toDay.value_or(std::numeric_limits<qint32>::max());
        for (Index i = 0; i < n; ++i)
            fails[i] |= std::uint8_t((c.lastDay[i] < from || c.firstDay[i] > to) << DateFacet);
    }
    if (!f.types.isEmpty()) {
        std::uint16_t wanted = 0;
        for (IncidentType t : f.types)
            wanted |= std::uint16_t(1u << unsigned(t));
        for (Index i = 0; i < n; ++i)
            fails[i] |= std::uint8_t(!(wanted & (1u << c.type[i])) << TypeFacet);
    }
    if (f.sectors) {
        for (Index i = 0; i < n; ++i)
            fails[i] |= std::uint8_t(!(c.sectors[i] & f.sectors) << SectorFacet);
    }
    if (!f.attributions.isEmpty()) {
        std::uint8_t wanted = 0;
        for (Attribution a : f.attributions)
            wanted |= std::uint8_t(1u << unsigned(a));
        for (Index i = 0; i < n; ++i)
            fails[i] |= std::uint8_t(!(wanted & (1u << c.attribution[i])) << AttributionFacet);
    }
    auto countryWanted = [&](const QStringList &codes) {
        std::vector<std::uint8_t> wanted(std::size_t(c.countries.size()), 0);
        for (const QString &code : codes) {
            const int k = c.countryIndex(code.toUpper());
            if (k >= 0)
                wanted[std::size_t(k)] = 1;
        }
        return wanted;
    };
    if (!f.countries.isEmpty()) {
        const auto wanted = countryWanted(f.countries);
        for (Index i = 0; i < n; ++i) {
            bool any = false;
            for (auto k = c.victimOffset[i]; k < c.victimOffset[i + 1] && !any; ++k)
                any = wanted[c.victimCodes[k]];
            fails[i] |= std::uint8_t(!any << CountryFacet);
        }
    }
    if (!f.attackerCountries.isEmpty()) {
        // Attacker countries share the country facet's bit: both narrow "which countries".
        const auto wanted = countryWanted(f.attackerCountries);
        for (Index i = 0; i < n; ++i) {
            bool any = false;
            for (auto k = c.attackerOffset[i]; k < c.attackerOffset[i + 1] && !any; ++k)
                any = wanted[c.attackerCodes[k]];
            fails[i] |= std::uint8_t(!any << CountryFacet);
        }
    }
    if (!f.actors.isEmpty()) {
        std::vector<std::uint8_t> wanted(std::size_t(c.actors.size()), 0);
        for (qsizetype a = 1; a < c.actors.size(); ++a) {
            for (const QString &needle : f.actors) {
                if (c.actors.at(a).contains(needle, Qt::CaseInsensitive))
                    wanted[std::size_t(a)] = 1;
            }
        }
        for (Index i = 0; i < n; ++i)
            fails[i] |= std::uint8_t(!wanted[c.actor[i]] << ActorFacet);
    }
    if (!f.datasets.isEmpty()) {
        std::vector<std::uint8_t> wanted(std::size_t(c.datasets.size()), 0);
        for (qsizetype d = 0; d < c.datasets.size(); ++d)
            wanted[std::size_t(d)] = f.datasets.contains(c.datasets.at(d));
        for (Index i = 0; i < n; ++i)
            fails[i] |= std::uint8_t(!wanted[c.dataset[i]] << DatasetFacet);
    }
    if (searchHits) {
        std::vector<std::uint8_t> hit(n, 0);
        Index i = 0;
        for (const qint64 rowid : *searchHits) {
            while (i < n && c.rowid[i] < rowid)
                ++i;
            if (i < n && c.rowid[i] == rowid)
                hit[i] = 1;
        }
        for (Index k = 0; k < n; ++k)
            fails[k] |= std::uint8_t(!hit[k] << SearchFacet);
    }

    std::size_t shown = 0;
    for (Index i = 0; i < n; ++i)
        shown += fails[i] == 0;
    result.indices.reserve(shown);
    if (c.byDate.size() == n) {
        for (const Index i : c.byDate) {
            if (fails[i] == 0)
                result.indices.push_back(i);
        }
    } else {
        for (Index i = 0; i < n; ++i) {
            if (fails[i] == 0)
                result.indices.push_back(i);
        }
    }
    if (!withCounts)
        return result;

    Counts &counts = result.counts;
    counts.countries.assign(std::size_t(c.countries.size()), 0);
    counts.actors.assign(std::size_t(c.actors.size()), 0);
    counts.datasets.assign(std::size_t(c.datasets.size()), 0);
    for (Index i = 0; i < n; ++i) {
        const std::uint8_t m = fails[i];
        if ((m & ~(1u << CountryFacet)) == 0) {
            for (auto k = c.victimOffset[i]; k < c.victimOffset[i + 1]; ++k)
                ++counts.countries[c.victimCodes[k]];
        }
        if ((m & ~(1u << TypeFacet)) == 0)
            ++counts.types[c.type[i]];
        if ((m & ~(1u << SectorFacet)) == 0) {
            for (int s = 0; s < SectorCount; ++s)
                counts.sectors[std::size_t(s)] += (c.sectors[i] >> s) & 1;
        }
        if ((m & ~(1u << ActorFacet)) == 0)
            ++counts.actors[c.actor[i]];
        if ((m & ~(1u << AttributionFacet)) == 0)
            ++counts.attributions[c.attribution[i]];
        if ((m & ~(1u << DatasetFacet)) == 0)
            ++counts.datasets[c.dataset[i]];
    }
    return result;
}
