#pragma once

#include "domain/incidentcolumns.h"
#include "query/filter.h"

#include <QList>
#include <array>
#include <vector>

// Applies a Filter to IncidentColumns in memory and counts facets. Pure and thread-safe:
// it reads the columns and returns values. Cost is linear in the number of incidents: one
// pass per criterion in use over its column, one to collect the shown incidents and one to
// count the facets; see the filter benchmark.
class FilterEngine
{
public:
    // One bit per criterion in the per-incident failure masks (16 bits wide).
    enum Facet {
        CountryFacet, // victim countries
        AttackerFacet,
        RegionFacet, // victim regions
        TypeFacet,
        SectorFacet,
        ActorFacet,
        AttributionFacet,
        DatasetFacet,
        DateFacet,
        SearchFacet,
        FacetCount
    };

    struct Counts
    {
        std::vector<int> countries; // by index into IncidentColumns::countries (victims)
        std::vector<int> attackers; // by index into IncidentColumns::countries (attackers)
        std::vector<int> regions; // by index into Regions::regionNames(); an incident once per region
        std::array<int, IncidentTypeCount> types {};
        std::array<int, SectorCount> sectors {};
        std::vector<int> actors; // by index into IncidentColumns::actors
        std::array<int, AttributionCount> attributions {};
        std::vector<int> datasets; // by index into IncidentColumns::datasets
        // years[y - firstYear]: incidents whose interval touches year y.
        int firstYear = 0;
        std::vector<int> years;
        int yearCount(int year) const
        {
            const int k = year - firstYear;
            return k >= 0 && k < int(years.size()) ? years[std::size_t(k)] : 0;
        }
    };

    struct Result
    {
        // In date order when the columns have one (IncidentColumns::byDate), else ascending.
        std::vector<IncidentColumns::Index> indices;
        Counts counts; // per facet: incidents matching every *other* criterion
        int total = 0;
    };

    // `searchHits` are store rowids matching filter.search (ascending), or null when the
    // filter has no search text.
    static Result apply(
        const IncidentColumns &columns, const Filter &filter, const QList<qint64> *searchHits, bool withCounts = true);
};
