#include "render/timelinerows.h"

#include "domain/countries.h"
#include "domain/hugepages.h"
#include "domain/regions.h"
#include "render/rowbuilding.h"

#include <QCoreApplication>
#include <QHash>
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
    const std::vector<Group> groups = rows.makeGroups();
    const std::vector<Index> order = RowBuilding::dateOrder(*rows.m_columns, indices, rows.m_included);
    const Membership members = rows.membership(order, groups.size());
    std::vector<TimelineRow> built = rows.makeRows(groups, members, order);
    for (TimelineRow &row : built)
        RowBuilding::addDayWeights(row);
    rows.placeRows(std::move(built));
    return result;
}

namespace {
QString tr(const char *text)
{
    return QCoreApplication::translate("TimelineRows", text);
}
} // namespace

// One group per country, or per (sub-)region when collapsed; an attacker grouping adds a
// "Not attributed" group. Fills m_countryGroup.
std::vector<TimelineRows::Group> TimelineRows::countryGroups()
{
    const IncidentColumns &c = *m_columns;
    const Regions &regions = Regions::instance();
    const Countries &names = Countries::instance();
    std::vector<Group> groups;
    QHash<QString, int> regionGroup;
    m_countryGroup.resize(std::size_t(c.countries.size()));
    for (qsizetype k = 0; k < c.countries.size(); ++k) {
        const QString &code = c.countries.at(k);
        const QString region = regions.region(code);
        if (m_options.collapse == RegionLevel::None || region.isEmpty()) {
            m_countryGroup[std::size_t(k)] = int(groups.size());
            const bool unknown = code == u"XX";
            groups.push_back(
                { code, unknown ? tr("Unknown country") : names.name(code), unknown ? QString() : code, region });
            continue;
        }
        const QString name = m_options.collapse == RegionLevel::Region ? region : regions.subRegion(code);
        auto it = regionGroup.find(name);
        if (it == regionGroup.end()) {
            it = regionGroup.insert(name, int(groups.size()));
            groups.push_back({ name, name, QString(), region });
        }
        m_countryGroup[std::size_t(k)] = it.value();
    }
    if (m_options.key == RowKey::AttackerCountry) {
        m_noneGroup = int(groups.size());
        groups.push_back({ QString(), tr("Not attributed"), QString(), QString() });
    }
    return groups;
}

// Every group the key can produce, with the group of incidents without a value (m_noneGroup).
std::vector<TimelineRows::Group> TimelineRows::makeGroups()
{
    const IncidentColumns &c = *m_columns;
    std::vector<Group> groups;
    switch (m_options.key) {
    case RowKey::VictimCountry:
    case RowKey::AttackerCountry:
        groups = countryGroups();
        break;
    case RowKey::Actor:
        for (qsizetype k = 0; k < c.actors.size(); ++k) {
            const QString &actor = c.actors.at(k);
            groups.push_back({ actor, actor.isEmpty() ? tr("Unknown actor") : actor, QString(), QString() });
        }
        m_noneGroup = 0;
        break;
    case RowKey::Type:
        for (int t = 0; t < IncidentTypeCount; ++t)
            groups.push_back({ Vocabulary::typeKey(IncidentType(t)), Vocabulary::typeLabel(IncidentType(t)), {}, {} });
        break;
    case RowKey::Sector:
        for (int s = 0; s < SectorCount; ++s)
            groups.push_back({ Vocabulary::sectorKey(Sector(s)), Vocabulary::sectorLabel(Sector(s)), {}, {} });
        m_noneGroup = int(groups.size());
        groups.push_back({ QString(), tr("No sector"), QString(), QString() });
        break;
    }
    if (m_noneGroup < 0) {
        m_noneGroup = int(groups.size());
        groups.push_back({ QString(), tr("Unknown"), QString(), QString() });
    }
    return groups;
}

// Each incident's groups, worked out once: an incident with one country (nine in ten) goes
// straight to its group; groupsOf() handles the rest.
TimelineRows::Membership TimelineRows::membership(const std::vector<Index> &order, std::size_t groupCount) const
{
    const IncidentColumns &c = *m_columns;
    Membership m;
    m.count.assign(groupCount, 0);
    HugePages::reserve(m.start, order.size() + 1);
    HugePages::reserve(m.groupOf, order.size() + order.size() / 8);
    m.start.push_back(0);
    const std::vector<std::uint32_t> *offsets = nullptr;
    const std::vector<std::uint16_t> *codes = nullptr;
    if (m_options.key == RowKey::VictimCountry) {
        offsets = &c.victimOffset;
        codes = &c.victimCodes;
    } else if (m_options.key == RowKey::AttackerCountry) {
        offsets = &c.attackerOffset;
        codes = &c.attackerCodes;
    }
    for (Index i : order) {
        if (offsets && (*offsets)[i + 1] - (*offsets)[i] == 1) {
            const int g = m_countryGroup[(*codes)[(*offsets)[i]]];
            m.groupOf.push_back(g);
            ++m.count[std::size_t(g)];
        } else {
            for (int g : groupsOf(i)) {
                m.groupOf.push_back(g);
                ++m.count[std::size_t(g)];
            }
        }
        m.start.push_back(std::uint32_t(m.groupOf.size()));
    }
    return m;
}

// One row per group with incidents that is not hidden (in group order, so m_groupRow maps to
// these positions), filled with its incidents in date order. Hidden groups go to m_hidden.
std::vector<TimelineRow> TimelineRows::makeRows(
    const std::vector<Group> &groups, const Membership &members, const std::vector<Index> &order)
{
    const IncidentColumns &c = *m_columns;
    m_groupRow.assign(groups.size(), -1);
    std::vector<TimelineRow> built;
    for (std::size_t g = 0; g < groups.size(); ++g) {
        if (members.count[g] == 0)
            continue;
        if (m_options.hidden.contains(groups[g].key)) {
            m_hidden.emplace_back(groups[g].key, groups[g].label);
            continue;
        }
        m_groupRow[g] = int(built.size());
        TimelineRow &row = built.emplace_back();
        row.key = groups[g].key;
        row.label = groups[g].label;
        row.flagCode = groups[g].flagCode;
        row.region = groups[g].region;
        row.pinned = m_options.pinned.contains(groups[g].key);
        const std::size_t n = std::size_t(members.count[g]);
        HugePages::reserve(row.incidents, n);
        HugePages::reserve(row.firstDay, n);
        HugePages::reserve(row.lastDay, n);
    }
    for (std::size_t k = 0; k < order.size(); ++k) {
        const Index i = order[k];
        for (std::uint32_t gk = members.start[k]; gk < members.start[k + 1]; ++gk) {
            const int r = m_groupRow[std::size_t(members.groupOf[gk])];
            if (r >= 0) {
                RowBuilding::appendIncident(built[std::size_t(r)], i, c.firstDay[i], c.lastDay[i]);
                built[std::size_t(r)].typeMask |= 1u << c.type[i];
            }
        }
    }
    return built;
}

// Moves the built rows into display order, remaps m_groupRow to it and sets the day extent.
void TimelineRows::placeRows(std::vector<TimelineRow> built)
{
    const std::vector<int> perm = RowBuilding::displayOrder(built, m_options);
    std::vector<int> newPosition(built.size());
    m_rows.reserve(built.size());
    for (std::size_t k = 0; k < perm.size(); ++k) {
        newPosition[std::size_t(perm[k])] = int(k);
        m_rows.push_back(std::move(built[std::size_t(perm[k])]));
    }
    for (int &r : m_groupRow) {
        if (r >= 0)
            r = newPosition[std::size_t(r)];
    }
    bool any = false;
    for (const TimelineRow &row : m_rows) {
        if (row.incidents.empty())
            continue;
        m_firstDay = any ? std::min(m_firstDay, row.firstIncidentDay()) : row.firstIncidentDay();
        m_lastDay = any ? std::max(m_lastDay, row.lastIncidentDay()) : row.lastIncidentDay();
        any = true;
    }
}
