#include "render/timelinerows.h"

#include "domain/countries.h"
#include "domain/regions.h"

#include <QCollator>
#include <QCoreApplication>
#include <algorithm>
#include <numeric>

qint64 TimelineRow::positionOf(IncidentColumns::Index i, qint32 startDay) const
{
    auto it = std::lower_bound(firstDay.begin(), firstDay.end(), startDay);
    for (; it != firstDay.end() && *it == startDay; ++it) {
        const std::size_t k = std::size_t(it - firstDay.begin());
        if (incidents[k] == i)
            return qint64(k);
    }
    return -1;
}

qint64 TimelineRow::nearest(double day) const
{
    if (firstDay.empty())
        return -1;
    const auto it = std::lower_bound(
        firstDay.begin(), firstDay.end(), day, [](qint32 value, double d) { return double(value) + 0.5 < d; });
    const std::size_t k = std::size_t(it - firstDay.begin());
    if (k == 0)
        return 0;
    if (k == firstDay.size())
        return qint64(k - 1);
    return (day - (firstDay[k - 1] + 0.5)) <= ((firstDay[k] + 0.5) - day) ? qint64(k - 1) : qint64(k);
}

int TimelineRows::rowOfKey(const QString &key) const
{
    for (int r = 0; r < rowCount(); ++r) {
        if (m_rows[std::size_t(r)].key == key)
            return r;
    }
    return -1;
}

QVarLengthArray<int, 8> TimelineRows::groupsOf(Index i) const
{
    QVarLengthArray<int, 8> groups;
    const IncidentColumns &c = *m_columns;
    auto addUnique = [&groups](int g) {
        if (g >= 0 && !groups.contains(g))
            groups.append(g);
    };
    switch (m_options.key) {
    case RowKey::VictimCountry:
        for (std::uint32_t k = c.victimOffset[i]; k < c.victimOffset[i + 1]; ++k)
            addUnique(m_countryGroup[c.victimCodes[k]]);
        break;
    case RowKey::AttackerCountry:
        for (std::uint32_t k = c.attackerOffset[i]; k < c.attackerOffset[i + 1]; ++k)
            addUnique(m_countryGroup[c.attackerCodes[k]]);
        break;
    case RowKey::Actor:
        addUnique(int(c.actor[i]));
        break;
    case RowKey::Type:
        addUnique(int(c.type[i]));
        break;
    case RowKey::Sector:
        for (int s = 0; s < SectorCount; ++s) {
            if (c.sectors[i] & (1u << s))
                addUnique(s);
        }
        break;
    }
    if (groups.isEmpty())
        groups.append(m_noneGroup);
    return groups;
}

QVarLengthArray<int, 8> TimelineRows::rowsOf(Index i) const
{
    QVarLengthArray<int, 8> rows;
    if (i >= m_included.size() || !m_included[i])
        return rows;
    for (int g : groupsOf(i)) {
        const int r = m_groupRow[std::size_t(g)];
        if (r >= 0 && !rows.contains(r))
            rows.append(r);
    }
    std::sort(rows.begin(), rows.end());
    return rows;
}

std::shared_ptr<const TimelineRows> TimelineRows::build(
    std::shared_ptr<const IncidentColumns> columns, const std::vector<Index> &indices, const RowOptions &options)
{
    auto result = std::make_shared<TimelineRows>();
    TimelineRows &rows = *result;
    rows.m_columns = columns ? std::move(columns) : std::make_shared<const IncidentColumns>();
    rows.m_options = options;
    const IncidentColumns &c = *rows.m_columns;
    auto tr = [](const char *text) { return QCoreApplication::translate("TimelineRows", text); };

    // Groups: what a row stands for before hiding, with key and label.
    struct Group
    {
        QString key, label, flagCode, region;
    };
    std::vector<Group> groups;
    const bool countryKey = options.key == RowKey::VictimCountry || options.key == RowKey::AttackerCountry;
    if (countryKey) {
        const Regions &regions = Regions::instance();
        const Countries &names = Countries::instance();
        QHash<QString, int> regionGroup;
        rows.m_countryGroup.resize(std::size_t(c.countries.size()));
        for (qsizetype k = 0; k < c.countries.size(); ++k) {
            const QString &code = c.countries.at(k);
            const QString region = regions.region(code);
            if (options.collapse == RegionLevel::None || region.isEmpty()) {
                rows.m_countryGroup[std::size_t(k)] = int(groups.size());
                const bool unknown = code == u"XX";
                groups.push_back(
                    { code, unknown ? tr("Unknown country") : names.name(code), unknown ? QString() : code, region });
                continue;
            }
            const QString name = options.collapse == RegionLevel::Region ? region : regions.subRegion(code);
            auto it = regionGroup.find(name);
            if (it == regionGroup.end()) {
                it = regionGroup.insert(name, int(groups.size()));
                groups.push_back({ name, name, QString(), region });
            }
            rows.m_countryGroup[std::size_t(k)] = it.value();
        }
        if (options.key == RowKey::AttackerCountry) {
            rows.m_noneGroup = int(groups.size());
            groups.push_back({ QString(), tr("Not attributed"), QString(), QString() });
        }
    } else if (options.key == RowKey::Actor) {
        for (qsizetype k = 0; k < c.actors.size(); ++k) {
            const QString &actor = c.actors.at(k);
            groups.push_back({ actor, actor.isEmpty() ? tr("Unknown actor") : actor, QString(), QString() });
        }
        rows.m_noneGroup = 0;
    } else if (options.key == RowKey::Type) {
        for (int t = 0; t < IncidentTypeCount; ++t)
            groups.push_back({ Vocabulary::typeKey(IncidentType(t)), Vocabulary::typeLabel(IncidentType(t)), {}, {} });
    } else {
        for (int s = 0; s < SectorCount; ++s)
            groups.push_back({ Vocabulary::sectorKey(Sector(s)), Vocabulary::sectorLabel(Sector(s)), {}, {} });
        rows.m_noneGroup = int(groups.size());
        groups.push_back({ QString(), tr("No sector"), QString(), QString() });
    }
    if (rows.m_noneGroup < 0) {
        rows.m_noneGroup = int(groups.size());
        groups.push_back({ QString(), tr("Unknown"), QString(), QString() });
    }

    // Incidents by first day (then index), distributed stably: every row comes out sorted.
    // Filter results usually arrive in that order already (IncidentColumns::byDate); only
    // other input pays for a sort.
    std::vector<Index> order;
    order.reserve(indices.size());
    rows.m_included.assign(c.size(), 0);
    for (Index i : indices) {
        if (i < c.size()) {
            rows.m_included[i] = 1;
            order.push_back(i);
        }
    }
    auto byDay
        = [&c](Index a, Index b) { return c.firstDay[a] != c.firstDay[b] ? c.firstDay[a] < c.firstDay[b] : a < b; };
    if (!std::is_sorted(order.begin(), order.end(), byDay))
        std::sort(order.begin(), order.end(), byDay);

    // Each incident's groups, worked out once (CSR): most incidents have exactly one.
    std::vector<int> groupCount(groups.size(), 0);
    rows.m_groupRow.assign(groups.size(), -1);
    std::vector<std::uint32_t> groupStart;
    std::vector<int> groupOf;
    groupStart.reserve(order.size() + 1);
    groupOf.reserve(order.size() + order.size() / 8);
    groupStart.push_back(0);
    // Country rows: an incident with one country (nine in ten) goes straight to its group;
    // the general groupsOf() handles the rest.
    const std::vector<std::uint32_t> *offsets = nullptr;
    const std::vector<std::uint16_t> *codes = nullptr;
    if (options.key == RowKey::VictimCountry) {
        offsets = &c.victimOffset;
        codes = &c.victimCodes;
    } else if (options.key == RowKey::AttackerCountry) {
        offsets = &c.attackerOffset;
        codes = &c.attackerCodes;
    }
    for (Index i : order) {
        if (offsets && (*offsets)[i + 1] - (*offsets)[i] == 1) {
            const int g = rows.m_countryGroup[(*codes)[(*offsets)[i]]];
            groupOf.push_back(g);
            ++groupCount[std::size_t(g)];
        } else {
            for (int g : rows.groupsOf(i)) {
                groupOf.push_back(g);
                ++groupCount[std::size_t(g)];
            }
        }
        groupStart.push_back(std::uint32_t(groupOf.size()));
    }

    std::vector<int> shownGroups;
    for (std::size_t g = 0; g < groups.size(); ++g) {
        if (groupCount[g] == 0)
            continue;
        if (options.hidden.contains(groups[g].key))
            rows.m_hidden.emplace_back(groups[g].key, groups[g].label);
        else
            shownGroups.push_back(int(g));
    }

    std::vector<TimelineRow> built(shownGroups.size());
    for (std::size_t r = 0; r < shownGroups.size(); ++r) {
        const Group &g = groups[std::size_t(shownGroups[r])];
        TimelineRow &row = built[r];
        row.key = g.key;
        row.label = g.label;
        row.flagCode = g.flagCode;
        row.region = g.region;
        row.pinned = options.pinned.contains(g.key);
        const std::size_t n = std::size_t(groupCount[std::size_t(shownGroups[r])]);
        row.incidents.reserve(n);
        row.firstDay.reserve(n);
        row.lastDay.reserve(n);
        rows.m_groupRow[std::size_t(shownGroups[r])] = int(r);
    }
    for (std::size_t k = 0; k < order.size(); ++k) {
        const Index i = order[k];
        for (std::uint32_t gk = groupStart[k]; gk < groupStart[k + 1]; ++gk) {
            const int r = rows.m_groupRow[std::size_t(groupOf[gk])];
            if (r < 0)
                continue;
            TimelineRow &row = built[std::size_t(r)];
            const qint32 length = c.lastDay[i] - c.firstDay[i];
            if (length > TimelineRow::s_shortDays) {
                row.longPositions.push_back(std::uint32_t(row.incidents.size()));
                row.longReach.push_back(
                    row.longReach.empty() ? c.lastDay[i] : std::max(row.longReach.back(), c.lastDay[i]));
            } else {
                row.shortLength = std::max(row.shortLength, length);
            }
            row.maxLastDay = row.incidents.empty() ? c.lastDay[i] : std::max(row.maxLastDay, c.lastDay[i]);
            row.incidents.push_back(i);
            row.firstDay.push_back(c.firstDay[i]);
            row.lastDay.push_back(c.lastDay[i]);
        }
    }

    // Cumulative day weights of the busy rows, for density frames in O(buckets).
    for (TimelineRow &row : built) {
        if (row.count() < TimelineRow::s_weightMinCount)
            continue;
        const qint64 origin = row.firstIncidentDay();
        const qint64 days = qint64(row.maxLastDay) - origin + 1;
        if (days <= 0 || days > 64 * qint64(row.count()) + 65536)
            continue; // a few incidents centuries apart: visiting them is cheaper
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

    // Order: pinned first (in pinned order), then by the chosen key.
    std::vector<int> perm(built.size());
    std::iota(perm.begin(), perm.end(), 0);
    QCollator collator;
    collator.setCaseSensitivity(Qt::CaseInsensitive);
    collator.setNumericMode(true);
    auto byName
        = [&](int a, int b) { return collator.compare(built[std::size_t(a)].label, built[std::size_t(b)].label) < 0; };
    std::stable_sort(perm.begin(), perm.end(), [&](int ia, int ib) {
        const TimelineRow &a = built[std::size_t(ia)];
        const TimelineRow &b = built[std::size_t(ib)];
        if (a.pinned != b.pinned)
            return a.pinned;
        if (a.pinned)
            return options.pinned.indexOf(a.key) < options.pinned.indexOf(b.key);
        // The "none" row (unknown, not attributed) goes last whatever the order.
        if (a.key.isEmpty() != b.key.isEmpty())
            return b.key.isEmpty();
        switch (options.sort) {
        case RowSort::Count:
            if (a.count() != b.count())
                return a.count() > b.count();
            return byName(ia, ib);
        case RowSort::Name:
            return byName(ia, ib);
        case RowSort::FirstIncident:
            if (a.firstIncidentDay() != b.firstIncidentDay())
                return a.firstIncidentDay() < b.firstIncidentDay();
            return byName(ia, ib);
        case RowSort::Region:
            if (a.region.isEmpty() != b.region.isEmpty())
                return b.region.isEmpty();
            if (a.region != b.region)
                return collator.compare(a.region, b.region) < 0;
            if (a.count() != b.count())
                return a.count() > b.count();
            return byName(ia, ib);
        }
        return false;
    });
    std::vector<int> newPosition(built.size());
    rows.m_rows.reserve(built.size());
    for (std::size_t k = 0; k < perm.size(); ++k) {
        newPosition[std::size_t(perm[k])] = int(k);
        rows.m_rows.push_back(std::move(built[std::size_t(perm[k])]));
    }
    for (int &r : rows.m_groupRow) {
        if (r >= 0)
            r = newPosition[std::size_t(r)];
    }

    bool any = false;
    for (const TimelineRow &row : rows.m_rows) {
        if (row.incidents.empty())
            continue;
        rows.m_firstDay = any ? std::min(rows.m_firstDay, row.firstIncidentDay()) : row.firstIncidentDay();
        rows.m_lastDay = any ? std::max(rows.m_lastDay, row.lastIncidentDay()) : row.lastIncidentDay();
        any = true;
    }
    return result;
}
