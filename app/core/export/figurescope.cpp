#include "export/figurescope.h"

#include "export/figureexporter.h"

#include <QDate>
#include <QSet>
#include <algorithm>

namespace FigureScope {

std::shared_ptr<const TimelineRows> top(const std::shared_ptr<const TimelineRows> &rows, int top)
{
    if (top <= 0)
        return rows;
    return slice(rows, 0, top);
}

namespace {
    // The rows of `rows` where keep[r], rebuilt over their incidents, the others hidden.
    std::shared_ptr<const TimelineRows> keepRows(
        const std::shared_ptr<const TimelineRows> &rows, const std::vector<bool> &keep)
    {
        if (std::all_of(keep.begin(), keep.end(), [](bool k) { return k; }))
            return rows;
        std::vector<IncidentColumns::Index> shown;
        RowOptions options = rows->options();
        for (int r = 0; r < rows->rowCount(); ++r) {
            if (!keep[std::size_t(r)]) {
                options.hidden << rows->row(r).key;
                continue;
            }
            const auto &incidents = rows->row(r).incidents;
            shown.insert(shown.end(), incidents.begin(), incidents.end());
        }
        std::sort(shown.begin(), shown.end());
        shown.erase(std::unique(shown.begin(), shown.end()), shown.end());
        return TimelineRows::build(rows->sharedColumns(), shown, options);
    }
} // namespace

std::shared_ptr<const TimelineRows> slice(const std::shared_ptr<const TimelineRows> &rows, int first, int count)
{
    if (!rows)
        return rows;
    first = std::clamp(first, 0, rows->rowCount());
    const int end = std::clamp(first + std::max(0, count), first, rows->rowCount());
    std::vector<bool> keep(std::size_t(rows->rowCount()), false);
    std::fill(keep.begin() + first, keep.begin() + end, true);
    return keepRows(rows, keep);
}

std::shared_ptr<const TimelineRows> picked(const std::shared_ptr<const TimelineRows> &rows, const QStringList &keys)
{
    if (!rows)
        return rows;
    const QSet<QString> wanted(keys.begin(), keys.end());
    std::vector<bool> keep(std::size_t(rows->rowCount()), false);
    for (int r = 0; r < rows->rowCount(); ++r)
        keep[std::size_t(r)] = wanted.contains(rows->row(r).key);
    return keepRows(rows, keep);
}

std::pair<double, double> range(const Filter &filter, const TimelineRows *rows)
{
    const bool empty = !rows || rows->isEmpty();
    double first = empty ? double(QDate::currentDate().toJulianDay()) : double(rows->firstDay());
    double end = empty ? first + 1 : double(rows->lastDay()) + 1;
    if (!filter.fromDay && !filter.toDay && !empty) {
        const double pad = std::max(1.0, (end - first) * 0.02);
        return { first - pad, end + pad };
    }
    if (filter.fromDay)
        first = double(*filter.fromDay);
    if (filter.toDay)
        end = double(*filter.toDay) + 1;
    if (end <= first)
        end = first + 1;
    return { first, end };
}

Facts facts(const TimelineRows *rows)
{
    Facts facts;
    if (!rows || rows->isEmpty())
        return facts;
    const IncidentColumns &columns = rows->columns();
    std::vector<bool> seen(std::size_t(columns.size()), false);
    std::vector<bool> datasetSeen(std::size_t(columns.datasets.size()), false);
    for (const TimelineRow &row : rows->rows()) {
        for (const IncidentColumns::Index i : row.incidents) {
            if (seen[i])
                continue;
            seen[i] = true;
            ++facts.incidents;
            const std::size_t d = columns.dataset[i];
            if (d < datasetSeen.size() && !datasetSeen[d]) {
                datasetSeen[d] = true;
                facts.datasets << columns.datasets.at(qsizetype(d));
            }
        }
    }
    facts.datasets.sort();
    return facts;
}

QString caption(
    const Filter &filter, const TimelineRows *rows, double firstDay, double endDay, const QStringList &pickedRows)
{
    const Facts counted = facts(rows);
    FigureExporter::CaptionFacts caption;
    caption.filter = filter;
    caption.firstDay = firstDay;
    caption.endDay = endDay;
    caption.incidents = counted.incidents;
    caption.datasets = counted.datasets;
    caption.rows = pickedRows;
    return FigureExporter::caption(caption);
}
} // namespace FigureScope
