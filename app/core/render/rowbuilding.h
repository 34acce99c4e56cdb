#pragma once

#include "render/timelinerows.h"

#include <vector>

// The steps of TimelineRows::build that need nothing private, named so each can be tested.
namespace RowBuilding {

using Index = IncidentColumns::Index;

// The incidents of `indices` that exist in `columns`, ordered by first day and then index
// (filter results usually arrive in that order already; only other input pays for a sort).
// Sets included[i] = 1 for each of them, after resizing `included` to the column count.
std::vector<Index> dateOrder(
    const IncidentColumns &columns, const std::vector<Index> &indices, std::vector<std::uint8_t> &included);

// Appends incident i (days [first, last], inclusive) to `row`, which must receive its
// incidents in date order, keeping the long-incident index and the day bounds up to date.
void appendIncident(TimelineRow &row, Index i, qint32 first, qint32 last);

// Fills row.weightBefore (the cumulative day weights a density frame reads) when the row is
// busy enough and its day extent is not absurdly long for its count; leaves it empty otherwise.
void addDayWeights(TimelineRow &row);

// The display order of `rows` as positions into it: pinned rows first (in options.pinned
// order), the row with an empty key (unknown, not attributed) last, the rest by options.sort.
std::vector<int> displayOrder(const std::vector<TimelineRow> &rows, const RowOptions &options);

} // namespace RowBuilding
