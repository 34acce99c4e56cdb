#include "query/filterengine.h"

#include "domain/actornames.h"
#include "domain/regions.h"

#include <QDate>
#include <algorithm>
#include <bit>
#include <limits>

namespace {
using Index = IncidentColumns::Index;
// One failure bit per criterion (bit FilterEngine::Facet) for each incident.
using Mask = std::uint16_t;
using Fails = std::vector<Mask>;
static_assert(FilterEngine::FacetCount <= 16, "the failure masks hold one bit per facet");

constexpr Mask bit(bool fails, FilterEngine::Facet facet)
{
    return Mask(Mask(fails) << facet);
}

void markDates(const IncidentColumns &c, const Filter &f, Fails &fails)
{
    if (!f.fromDay && !f.toDay)
        return;
    const qint64 from = f.fromDay.value_or(std::numeric_limits<qint32>::min());
    const qint64 to = f.toDay.value_or(std::numeric_limits<qint32>::max());
    for (Index i = 0; i < c.size(); ++i)
        fails[i] |= bit(c.lastDay[i] < from || c.firstDay[i] > to, FilterEngine::DateFacet);
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
            fails[i] |= bit(!(wanted & (1u << c.type[i])), FilterEngine::TypeFacet);
    }
    if (f.sectors) {
        for (Index i = 0; i < n; ++i)
            fails[i] |= bit(!(c.sectors[i] & f.sectors), FilterEngine::SectorFacet);
    }
    if (!f.attributions.isEmpty()) {
        std::uint8_t wanted = 0;
        for (Attribution a : f.attributions)
            wanted |= std::uint8_t(1u << unsigned(a));
        for (Index i = 0; i < n; ++i)
            fails[i] |= bit(!(wanted & (1u << c.attribution[i])), FilterEngine::AttributionFacet);
    }
}

// Which entries of the columns' country table a criterion wants, one byte per country.
std::vector<std::uint8_t> wantedCodes(const IncidentColumns &c, const QStringList &codes)
{
    std::vector<std::uint8_t> wanted(std::size_t(c.countries.size()), 0);
    for (const QString &code : codes) {
        const int k = c.countryIndex(code.toUpper());
        if (k >= 0)
            wanted[std::size_t(k)] = 1;
    }
    return wanted;
}

std::vector<std::uint8_t> wantedRegions(const IncidentColumns &c, const QStringList &regions)
{
    std::vector<std::uint8_t> wanted(std::size_t(c.countries.size()), 0);
    for (qsizetype k = 0; k < c.countries.size(); ++k) {
        for (const QString &region : regions)
            wanted[std::size_t(k)] |= std::uint8_t(Regions::instance().contains(region, c.countries.at(k)));
    }
    return wanted;
}

// Sets `facet`'s bit on the incidents none of whose countries in one role (offsets and codes)
// is wanted.
void markCountries(const IncidentColumns &c, const std::vector<std::uint8_t> &wanted,
    const std::vector<std::uint32_t> &offsets, const std::vector<std::uint16_t> &countryCodes,
    FilterEngine::Facet facet, Fails &fails)
{
    for (Index i = 0; i < c.size(); ++i) {
        bool any = false;
        for (auto k = offsets[i]; k < offsets[i + 1] && !any; ++k)
            any = wanted[countryCodes[k]];
        fails[i] |= bit(!any, facet);
    }
}

// Victim countries, attacker countries and victim regions: one bit each, so each facet's
// counts show what choosing there would add to the other two.
void markPlaces(const IncidentColumns &c, const Filter &f, Fails &fails)
{
    if (!f.countries.isEmpty())
        markCountries(c, wantedCodes(c, f.countries), c.victimOffset, c.victimCodes, FilterEngine::CountryFacet, fails);
    if (!f.attackerCountries.isEmpty())
        markCountries(c, wantedCodes(c, f.attackerCountries), c.attackerOffset, c.attackerCodes,
            FilterEngine::AttackerFacet, fails);
    if (!f.regions.isEmpty())
        markCountries(c, wantedRegions(c, f.regions), c.victimOffset, c.victimCodes, FilterEngine::RegionFacet, fails);
}

// Actors (any part of the name or of one of its aliases, any case) and datasets (exact names).
void markNames(const IncidentColumns &c, const Filter &f, Fails &fails)
{
    const Index n = c.size();
    if (!f.actors.isEmpty()) {
        std::vector<std::uint8_t> wanted(std::size_t(c.actors.size()), 0);
        for (qsizetype a = 1; a < c.actors.size(); ++a) {
            for (const QString &needle : f.actors) {
                if (ActorNames::instance().fieldContains(c.actors.at(a), needle))
                    wanted[std::size_t(a)] = 1;
            }
        }
        for (Index i = 0; i < n; ++i)
            fails[i] |= bit(!wanted[c.actor[i]], FilterEngine::ActorFacet);
    }
    if (!f.datasets.isEmpty()) {
        std::vector<std::uint8_t> wanted(std::size_t(c.datasets.size()), 0);
        for (qsizetype d = 0; d < c.datasets.size(); ++d)
            wanted[std::size_t(d)] = f.datasets.contains(c.datasets.at(d));
        for (Index i = 0; i < n; ++i)
            fails[i] |= bit(!wanted[c.dataset[i]], FilterEngine::DatasetFacet);
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
        fails[k] |= bit(!hit[k], FilterEngine::SearchFacet);
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

// Year counts: every year an incident's interval touches, from the first year of the columns.
// A table of 256-day blocks gives each day's year with one lookup and one comparison (a block
// holds at most one new year's day), so counting costs no date arithmetic per incident.
class YearCounter
{
public:
    YearCounter(const IncidentColumns &c, FilterEngine::Counts &counts)
        : m_counts(counts)
    {
        if (c.isEmpty())
            return;
        qint32 lowest = std::numeric_limits<qint32>::max();
        qint32 highest = std::numeric_limits<qint32>::min();
        for (const qint32 day : c.firstDay)
            lowest = std::min(lowest, day);
        for (const qint32 day : c.lastDay)
            highest = std::max(highest, day);
        highest = std::max(highest, lowest);
        const int firstYear = QDate::fromJulianDay(lowest).year();
        const int years = QDate::fromJulianDay(highest).year() - firstYear + 1;
        if (years <= 0 || years > MaxYears)
            return; // dates outside the calendar Faultline reads: no year counts
        counts.firstYear = firstYear;
        counts.years.assign(std::size_t(years), 0);
        for (int y = 0; y <= years; ++y)
            m_january.push_back(QDate(firstYear + y, 1, 1).toJulianDay());
        m_base = m_january.front();
        std::size_t y = 0;
        for (qint64 day = m_base; day <= highest; day += BlockDays) {
            while (day >= m_january[y + 1])
                ++y;
            m_blockYear.push_back(std::uint32_t(y));
        }
    }
    void add(qint32 firstDay, qint32 lastDay)
    {
        if (m_blockYear.empty())
            return;
        std::size_t y = yearIndex(firstDay);
        ++m_counts.years[y];
        if (lastDay < m_january[y + 1])
            return; // the common case: within one year
        const std::size_t last = yearIndex(lastDay);
        while (++y <= last)
            ++m_counts.years[y];
    }

private:
    static constexpr qint64 BlockDays = 256;
    static constexpr int MaxYears = 10000;
    std::size_t yearIndex(qint32 day) const
    {
        const qint64 offset = std::max<qint64>(day, m_base) - m_base;
        const std::size_t y = m_blockYear[std::min(std::size_t(offset / BlockDays), m_blockYear.size() - 1)];
        return y + 1 < m_january.size() - 1 && day >= m_january[y + 1] ? y + 1 : y;
    }
    FilterEngine::Counts &m_counts;
    std::vector<qint64> m_january; // Julian day of 1 January of firstYear + k, one past the last year
    std::vector<std::uint32_t> m_blockYear; // year index at the start of each block of days
    qint64 m_base = 0;
};

// Each victim country's region as a bit (of Regions::regionNames()).
std::vector<std::uint32_t> regionBits(const IncidentColumns &c)
{
    const QStringList &names = Regions::instance().regionNames();
    std::vector<std::uint32_t> bits(std::size_t(c.countries.size()), 0);
    for (qsizetype k = 0; k < c.countries.size(); ++k) {
        const qsizetype r = names.indexOf(Regions::instance().region(c.countries.at(k)));
        if (r >= 0 && r < 32)
            bits[std::size_t(k)] = 1u << r;
    }
    return bits;
}

// Counts incidents in the facets: one facet's counts (count) or all of them (countAll).
class FacetCounter
{
public:
    FacetCounter(const IncidentColumns &c, FilterEngine::Counts &counts)
        : m_c(c)
        , m_counts(counts)
        , m_regionOf(regionBits(c))
        , m_years(c, counts)
    { }

    void countAll(Index i)
    {
        // Victim countries and their regions in one walk; a region once however many of its
        // countries were hit.
        std::uint32_t regions = 0;
        for (auto k = m_c.victimOffset[i]; k < m_c.victimOffset[i + 1]; ++k) {
            ++m_counts.countries[m_c.victimCodes[k]];
            regions |= m_regionOf[m_c.victimCodes[k]];
        }
        addRegions(regions);
        attackers(i);
        ++m_counts.types[m_c.type[i]];
        sectors(i);
        ++m_counts.actors[m_c.actor[i]];
        ++m_counts.attributions[m_c.attribution[i]];
        ++m_counts.datasets[m_c.dataset[i]];
        m_years.add(m_c.firstDay[i], m_c.lastDay[i]);
    }

    void count(Index i, FilterEngine::Facet facet)
    {
        switch (facet) {
        case FilterEngine::CountryFacet:
            for (auto k = m_c.victimOffset[i]; k < m_c.victimOffset[i + 1]; ++k)
                ++m_counts.countries[m_c.victimCodes[k]];
            break;
        case FilterEngine::AttackerFacet:
            attackers(i);
            break;
        case FilterEngine::RegionFacet: {
            std::uint32_t regions = 0;
            for (auto k = m_c.victimOffset[i]; k < m_c.victimOffset[i + 1]; ++k)
                regions |= m_regionOf[m_c.victimCodes[k]];
            addRegions(regions);
            break;
        }
        case FilterEngine::TypeFacet:
            ++m_counts.types[m_c.type[i]];
            break;
        case FilterEngine::SectorFacet:
            sectors(i);
            break;
        case FilterEngine::ActorFacet:
            ++m_counts.actors[m_c.actor[i]];
            break;
        case FilterEngine::AttributionFacet:
            ++m_counts.attributions[m_c.attribution[i]];
            break;
        case FilterEngine::DatasetFacet:
            ++m_counts.datasets[m_c.dataset[i]];
            break;
        case FilterEngine::DateFacet:
            m_years.add(m_c.firstDay[i], m_c.lastDay[i]);
            break;
        case FilterEngine::SearchFacet:
        case FilterEngine::FacetCount:
            break;
        }
    }

private:
    void addRegions(std::uint32_t regions)
    {
        for (; regions; regions &= regions - 1)
            ++m_counts.regions[std::size_t(std::countr_zero(regions))];
    }
    void attackers(Index i)
    {
        for (auto k = m_c.attackerOffset[i]; k < m_c.attackerOffset[i + 1]; ++k)
            ++m_counts.attackers[m_c.attackerCodes[k]];
    }
    void sectors(Index i)
    {
        for (unsigned bits = m_c.sectors[i]; bits; bits &= bits - 1)
            ++m_counts.sectors[std::size_t(std::countr_zero(bits))];
    }
    const IncidentColumns &m_c;
    FilterEngine::Counts &m_counts;
    std::vector<std::uint32_t> m_regionOf;
    YearCounter m_years;
};

// Per facet, the incidents that fail no criterion but that facet's own: an incident that fails
// nothing counts in every facet, one that fails one criterion only in that one's facet, one
// that fails two in none.
FilterEngine::Counts countFacets(const IncidentColumns &c, const Fails &fails)
{
    FilterEngine::Counts counts;
    counts.countries.assign(std::size_t(c.countries.size()), 0);
    counts.attackers.assign(std::size_t(c.countries.size()), 0);
    counts.regions.assign(std::size_t(Regions::instance().regionNames().size()), 0);
    counts.actors.assign(std::size_t(c.actors.size()), 0);
    counts.datasets.assign(std::size_t(c.datasets.size()), 0);
    FacetCounter counter(c, counts);
    for (Index i = 0; i < c.size(); ++i) {
        const Mask m = fails[i];
        if (m == 0)
            counter.countAll(i);
        else if ((m & (m - 1)) == 0)
            counter.count(i, FilterEngine::Facet(std::countr_zero(m)));
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
    markPlaces(c, f, fails);
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
