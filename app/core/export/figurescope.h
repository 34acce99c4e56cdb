#pragma once

#include "query/filter.h"
#include "render/timelinerows.h"

#include <memory>
#include <utility>

// What a figure covers, decided the same way by the command line and the export dialog:
// which rows (all of a grouping, or its N busiest) and which days.
namespace FigureScope {
// The first `top` rows of `rows` in their sort order (by count unless the options say
// otherwise; pinned rows first), the others hidden: rebuilt over the incidents of the shown
// rows, so the row arrays stay exact. `top` <= 0 or not below the row count returns `rows`.
std::shared_ptr<const TimelineRows> top(const std::shared_ptr<const TimelineRows> &rows, int top);
// The rows [first, first + count) of `rows`, the others hidden, as top() does; `rows` itself
// when that is all of them.
std::shared_ptr<const TimelineRows> slice(const std::shared_ptr<const TimelineRows> &rows, int first, int count);
// The rows of `rows` whose keys are in `keys` (a hand-picked list), in the order of `rows`, the
// others hidden, as top() does; `rows` itself when that is all of them. Keys `rows` does not
// have are ignored.
std::shared_ptr<const TimelineRows> picked(const std::shared_ptr<const TimelineRows> &rows, const QStringList &keys);

// The days [first, end) a figure shows: the filter's dates when it has them (whole days,
// from the first day of --from to the last of --to), otherwise the rows' extent with a margin
// of 2 % on each side, as the view's zoom to fit; one day around today's when empty.
std::pair<double, double> range(const Filter &filter, const TimelineRows *rows);

// What a caption counts: the incidents drawn in the shown rows (each once, however many rows
// it is in) and the names of the datasets they come from, sorted.
struct Facts
{
    qint64 incidents = 0;
    QStringList datasets;
};
Facts facts(const TimelineRows *rows);

// The caption line of a figure of `rows` over [firstDay, endDay) under `filter`
// (FigureExporter::caption over facts()). With `pickedRows` (the labels of hand-picked rows)
// the caption names them.
QString caption(
    const Filter &filter, const TimelineRows *rows, double firstDay, double endDay, const QStringList &pickedRows = {});
} // namespace FigureScope
