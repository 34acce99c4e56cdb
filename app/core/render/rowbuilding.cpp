#include "render/rowbuilding.h"

#include "domain/hugepages.h"

#include <QCollator>
#include <algorithm>
#include <numeric>

namespace RowBuilding {

std::vector<Index> dateOrder(
    const IncidentColumns &c, const std::vector<Index> &indices, std::vector<std::uint8_t> &included)
{
    std::vector<Index> order;
    HugePages::reserve(order, indices.size());
    included.assign(c.size(), 0);
    for (Index i : indices) {
        if (i < c.size()) {
            included[i] = 1;
            order.push_back(i);
        }
    }
    auto byDay
        = [&c](Index a, Index b) { return c.firstDay[a] != c.firstDay[b] ? c.firstDay[a] < c.firstDay[b] : a < b; };
    if (std::is_sorted(order.begin(), order.end(), byDay))
        return order;
    // A large share of the incidents (the table's sort order, say, for everything): walking the
    // columns' own date order and keeping the included ones is linear, where sorting a million
    // indices by their dates took a hundred milliseconds. Both give the order of byDay, as
    // byDate breaks ties by index.
    if (c.byDate.size() == c.size() && order.size() >= c.size() / 16) {
        std::vector<Index> walked;
        HugePages::reserve(walked, order.size());
        for (const Index i : c.byDate) {
            if (included[i])
                walked.push_back(i);
        }
        if (walked.size() == order.size() && std::is_sorted(walked.begin(), walked.end(), byDay))
            return walked;
    }
    std::sort(order.begin(), order.end(), byDay);
    return order;
}

void appendIncident(TimelineRow &row, Index i, qint32 first, qint32 last)
{
    const qint32 length = last - first;
    if (length > TimelineRow::s_shortDays) {
        row.longPositions.push_back(std::uint32_t(row.incidents.size()));
        row.longReach.push_back(row.longReach.empty() ? last : std::max(row.longReach.back(), last));
    } else {
        row.shortLength = std::max(row.shortLength, length);
    }
    row.maxLastDay = row.incidents.empty() ? last : std::max(row.maxLastDay, last);
    row.incidents.push_back(i);
    row.firstDay.push_back(first);
    row.lastDay.push_back(last);
}

void addDayWeights(TimelineRow &row)
{
    if (row.count() < TimelineRow::s_weightMinCount)
        return;
    const qint64 origin = row.firstIncidentDay();
    const qint64 days = qint64(row.maxLastDay) - origin + 1;
    if (days <= 0 || days > 64 * qint64(row.count()) + 65536)
        return; // a few incidents centuries apart: visiting them is cheaper
    std::vector<double> rate(std::size_t(days) + 1, 0.0); // difference array of weight per day
    for (std::size_t k = 0; k < row.incidents.size(); ++k) {
        const double w = 1.0 / double(row.lastDay[k] - row.firstDay[k] + 1);
        rate[std::size_t(row.firstDay[k] - origin)] += w;
        rate[std::size_t(row.lastDay[k] - origin + 1)] -= w;
    }
    row.weightOrigin = qint32(origin);
    row.weightBefore.resize(std::size_t(days) + 1);
    double perDay = 0;
    double total = 0;
    row.weightBefore[0] = 0;
    for (std::size_t d = 0; d < std::size_t(days); ++d) {
        perDay += rate[d];
        total += std::max(0.0, perDay);
        row.weightBefore[d + 1] = total;
    }
}

namespace {
    // Whether row a comes before row b under options.sort, both unpinned and with keys.
    bool sortsBefore(const TimelineRow &a, const TimelineRow &b, RowSort sort, const QCollator &collator)
    {
        const auto byName = [&] { return collator.compare(a.label, b.label) < 0; };
        switch (sort) {
        case RowSort::Count:
            return a.count() != b.count() ? a.count() > b.count() : byName();
        case RowSort::Name:
            return byName();
        case RowSort::FirstIncident:
            return a.firstIncidentDay() != b.firstIncidentDay() ? a.firstIncidentDay() < b.firstIncidentDay()
                                                                : byName();
        case RowSort::Region:
            if (a.region.isEmpty() != b.region.isEmpty())
                return b.region.isEmpty();
            if (a.region != b.region)
                return collator.compare(a.region, b.region) < 0;
            return a.count() != b.count() ? a.count() > b.count() : byName();
        }
        return false;
    }
} // namespace

std::vector<int> displayOrder(const std::vector<TimelineRow> &rows, const RowOptions &options)
{
    std::vector<int> perm(rows.size());
    std::iota(perm.begin(), perm.end(), 0);
    QCollator collator;
    collator.setCaseSensitivity(Qt::CaseInsensitive);
    collator.setNumericMode(true);
    std::stable_sort(perm.begin(), perm.end(), [&](int ia, int ib) {
        const TimelineRow &a = rows[std::size_t(ia)];
        const TimelineRow &b = rows[std::size_t(ib)];
        if (a.pinned != b.pinned)
            return a.pinned;
        if (a.pinned)
            return options.pinned.indexOf(a.key) < options.pinned.indexOf(b.key);
        // The "none" row (unknown, not attributed) goes last whatever the order.
        if (a.key.isEmpty() != b.key.isEmpty())
            return b.key.isEmpty();
        return sortsBefore(a, b, options.sort, collator);
    });
    return perm;
}

} // namespace RowBuilding
