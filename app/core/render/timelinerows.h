#pragma once

#include "domain/incidentcolumns.h"

#include <QString>
#include <QStringList>
#include <QVarLengthArray>
#include <algorithm>
#include <memory>
#include <utility>
#include <vector>

// What a timeline row stands for.
enum class RowKey { VictimCountry, AttackerCountry, Actor, Type, Sector };
enum class RowSort { Count, Name, FirstIncident, Region };
// Countries collapsed into their UN M49 region or sub-region; ignored for non-country keys.
enum class RegionLevel { None, Region, SubRegion };

// How incidents are grouped into rows: a value, cheap to copy and compare.
struct RowOptions
{
    RowKey key = RowKey::VictimCountry;
    RowSort sort = RowSort::Count;
    RegionLevel collapse = RegionLevel::None;
    QStringList hidden; // row keys left out
    QStringList pinned; // row keys shown first, in this order

    friend bool operator==(const RowOptions &, const RowOptions &) = default;
};

// One row of the timeline: its incidents sorted by first day, with the arrays the renderer
// binary-searches. An incident with several victims (or sectors) is in each of its rows.
struct TimelineRow
{
    QString key; // stable: alpha-2, region name, actor, type or sector key; "" = none/unknown
    QString label; // display text
    QString flagCode; // upper-case alpha-2 when the row is one country with a flag, else empty
    QString region; // M49 region of a country row (sort key), else empty
    bool pinned = false;

    std::vector<IncidentColumns::Index> incidents; // by firstDay, then index
    std::vector<qint32> firstDay; // firstDay[k] of incidents[k], ascending
    std::vector<qint32> lastDay; // lastDay[k] of incidents[k] (inclusive), for sequential scans

    // Long incidents (more than s_shortDays between first and last day) are also listed apart,
    // so the short ones can be found from their first day alone and a few year-long spans do
    // not drag every query back a year.
    static constexpr qint32 s_shortDays = 40;
    std::vector<std::uint32_t> longPositions; // ascending positions of the long incidents
    std::vector<qint32> longReach; // max lastDay over longPositions[0..k], non-decreasing
    qint32 shortLength = 0; // max lastDay - firstDay among the short incidents
    qint32 maxLastDay = 0;
    std::uint32_t typeMask = 0; // bit t set when an incident of IncidentType t is in the row

    // Density of busy rows without visiting their incidents: every incident weighs 1, spread
    // evenly over its days [firstDay, lastDay]; weightBefore[d - weightOrigin] is the total
    // weight of the days before day d (size = days + 1). Built only for rows of at least
    // s_weightMinCount incidents whose day extent is not absurdly long for their count (a
    // density frame then costs O(buckets) instead of O(incidents)); empty otherwise.
    static constexpr int s_weightMinCount = 2048;
    qint32 weightOrigin = 0;
    std::vector<double> weightBefore;
    bool hasWeights() const { return !weightBefore.empty(); }
    // Weight before the fractional day `day` (linear within a day). Requires hasWeights().
    double weightBeforeDay(double day) const
    {
        const double rel = day - weightOrigin;
        if (rel <= 0)
            return 0;
        const std::size_t last = weightBefore.size() - 1;
        if (rel >= double(last))
            return weightBefore[last];
        const std::size_t d = std::size_t(rel);
        return weightBefore[d] + (rel - double(d)) * (weightBefore[d + 1] - weightBefore[d]);
    }

    // Incidents that certainly intersect the days [fromDay, toDay] (inclusive) and start in
    // them, by binary search: a lower bound of the visible ones, O(log n).
    std::size_t startingIn(qint64 fromDay, qint64 toDay) const
    {
        const auto lo = std::lower_bound(
            firstDay.begin(), firstDay.end(), fromDay, [](qint32 value, qint64 day) { return qint64(value) < day; });
        const auto hi
            = std::upper_bound(lo, firstDay.end(), toDay, [](qint64 day, qint32 value) { return day < qint64(value); });
        return std::size_t(hi - lo);
    }

    int count() const { return int(incidents.size()); }
    qint32 firstIncidentDay() const { return firstDay.empty() ? 0 : firstDay.front(); }
    qint32 lastIncidentDay() const { return maxLastDay; }
    bool isLong(std::size_t k) const { return lastDay[k] - firstDay[k] > s_shortDays; }

    // Calls f(position) for every incident that may intersect the days [fromDay, toDay]
    // (inclusive): each one that does exactly once, plus a few that do not (callers check
    // firstDay/lastDay). Short incidents come first in ascending day order, then the long
    // ones. O(log n + candidates); candidates exceed the visible incidents by at most
    // shortLength days' worth of short ones and the long ones that end before fromDay.
    template <typename F> void forEachCandidate(qint64 fromDay, qint64 toDay, F &&f) const
    {
        const auto end = std::upper_bound(
            firstDay.begin(), firstDay.end(), toDay, [](qint64 day, qint32 value) { return day < qint64(value); });
        auto it = std::lower_bound(
            firstDay.begin(), end, fromDay - shortLength, [](qint32 value, qint64 day) { return qint64(value) < day; });
        for (; it != end; ++it) {
            const std::size_t k = std::size_t(it - firstDay.begin());
            if (!isLong(k))
                f(k);
        }
        auto lit = std::lower_bound(
            longReach.begin(), longReach.end(), fromDay, [](qint32 value, qint64 day) { return qint64(value) < day; });
        for (; lit != longReach.end(); ++lit) {
            const std::uint32_t k = longPositions[std::size_t(lit - longReach.begin())];
            if (qint64(firstDay[k]) > toDay)
                break;
            f(std::size_t(k));
        }
    }

    // Position of incident i in this row, or -1. O(log n + incidents starting that day).
    qint64 positionOf(IncidentColumns::Index i, qint32 startDay) const;
    // Position of the incident whose first day is nearest to `day`, or -1 when empty.
    qint64 nearest(double day) const;
};

// The rows of a timeline for one filter result: built once per filter or grouping change
// (O(n log n)), immutable afterwards and shared read-only by frames, the view and exports.
class TimelineRows
{
public:
    using Index = IncidentColumns::Index;

    // `indices` are the filtered incidents (any order). The rows keep `columns` alive.
    static std::shared_ptr<const TimelineRows> build(
        std::shared_ptr<const IncidentColumns> columns, const std::vector<Index> &indices, const RowOptions &options);

    const IncidentColumns &columns() const { return *m_columns; }
    std::shared_ptr<const IncidentColumns> sharedColumns() const { return m_columns; }
    const RowOptions &options() const { return m_options; }
    const std::vector<TimelineRow> &rows() const { return m_rows; }
    int rowCount() const { return int(m_rows.size()); }
    const TimelineRow &row(int r) const { return m_rows[std::size_t(r)]; }
    int rowOfKey(const QString &key) const;

    // Rows that are hidden by the options but have incidents: (key, label), for "show again".
    const std::vector<std::pair<QString, QString>> &hiddenRows() const { return m_hidden; }

    // Ascending positions of the rows that show incident i (none when it is filtered out or
    // all its rows are hidden).
    QVarLengthArray<int, 8> rowsOf(Index i) const;

    // Day extent [firstDay, lastDay] (inclusive) of every incident in a shown row; 0, 0 when empty.
    qint32 firstDay() const { return m_firstDay; }
    qint32 lastDay() const { return m_lastDay; }
    bool isEmpty() const { return m_rows.empty(); }

private:
    // The steps of build(), in order. A group is what a row stands for before hiding.
    struct Group
    {
        QString key, label, flagCode, region;
    };
    // Each incident's groups in date order (CSR: the groups of order[k] are
    // groupOf[start[k] .. start[k + 1])), and the number of incidents in each group.
    struct Membership
    {
        std::vector<std::uint32_t> start;
        std::vector<int> groupOf;
        std::vector<int> count;
    };
    std::vector<Group> makeGroups();
    std::vector<Group> countryGroups();
    Membership membership(const std::vector<Index> &order, std::size_t groupCount) const;
    std::vector<TimelineRow> makeRows(
        const std::vector<Group> &groups, const Membership &members, const std::vector<Index> &order);
    void placeRows(std::vector<TimelineRow> built);

    QVarLengthArray<int, 8> groupsOf(Index i) const;

    std::shared_ptr<const IncidentColumns> m_columns;
    RowOptions m_options;
    std::vector<TimelineRow> m_rows;
    std::vector<std::pair<QString, QString>> m_hidden;
    std::vector<int> m_countryGroup; // country index -> group (identity, or region when collapsed)
    std::vector<int> m_groupRow; // group -> row position, or -1
    std::vector<std::uint8_t> m_included; // 1 when incident i is in the filter result
    int m_noneGroup = -1; // group of incidents without a value (no attacker, no sector)
    qint32 m_firstDay = 0;
    qint32 m_lastDay = 0;
};
