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
    enum Facet {
        CountryFacet,
        TypeFacet,
        SectorFacet,
        ActorFacet,
        AttributionFacet,
        DatasetFacet,
        DateFacet,
        SearchFacet
    };

    struct Counts
    {
        std::vector<int> countries; // by index into IncidentColumns::countries (victims)
        std::array<int, IncidentTypeCount> types {};
        std::array<int, SectorCount> sectors {};
        std::vector<int> actors; // by index into IncidentColumns::actors
        std::array<int, AttributionCount> attributions {};
        std::vector<int> datasets; // by index into IncidentColumns::datasets
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
