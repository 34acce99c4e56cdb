#pragma once

#include "query/incidentcolumns.h"

#include <QString>
#include <QStringList>
#include <QVarLengthArray>

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
    QString key;      // stable: alpha-2, region name, actor, type or sector key; "" = none/unknown
    QString label;    // display text
    QString flagCode; // upper-case alpha-2 when the row is one country with a flag, else empty
    QString region;   // M49 region of a country row (sort key), else empty
    bool pinned = false;

    std::vector<IncidentColumns::Index> incidents; // by firstDay, then index
    std::vector<qint32> firstDay;                  // firstDay[k] of incidents[k], ascending
    std::vector<qint32> lastDay;                   // lastDay[k] of incidents[k] (inclusive), for sequential scans
    std::vector<qint32> reach;                     // max lastDay of incidents[0..k], non-decreasing

    int count() const { return int(incidents.size()); }
    qint32 firstIncidentDay() const { return firstDay.empty() ? 0 : firstDay.front(); }
    qint32 lastIncidentDay() const { return reach.empty() ? 0 : reach.back(); }

    // Positions [first, second) of the incidents that may intersect the days [fromDay, toDay]
    // (inclusive): every incident that does lies inside; a few inside may end before fromDay
    // (callers check lastDay). O(log n).
    std::pair<std::size_t, std::size_t> candidates(qint64 fromDay, qint64 toDay) const;
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
    static std::shared_ptr<const TimelineRows> build(std::shared_ptr<const IncidentColumns> columns,
                                                     const std::vector<Index> &indices, const RowOptions &options);

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
    QVarLengthArray<int, 8> groupsOf(Index i) const;

    std::shared_ptr<const IncidentColumns> m_columns;
    RowOptions m_options;
    std::vector<TimelineRow> m_rows;
    std::vector<std::pair<QString, QString>> m_hidden;
    std::vector<int> m_countryGroup; // country index -> group (identity, or region when collapsed)
    std::vector<int> m_groupRow;     // group -> row position, or -1
    std::vector<std::uint8_t> m_included; // 1 when incident i is in the filter result
    int m_noneGroup = -1;            // group of incidents without a value (no attacker, no sector)
    qint32 m_firstDay = 0;
    qint32 m_lastDay = 0;
};
