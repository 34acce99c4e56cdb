#include "domain/incidentcolumns.h"

#include "domain/actornames.h"
#include "domain/incident.h"

#include <QHash>
#include <algorithm>
#include <numeric>

qint64 IncidentColumns::indexOfRowid(qint64 storeRowid) const
{
    const auto it = std::lower_bound(rowid.begin(), rowid.end(), storeRowid);
    return (it != rowid.end() && *it == storeRowid) ? qint64(it - rowid.begin()) : -1;
}

qint64 IncidentColumns::indexOfId(const QString &incidentId) const
{
    const QByteArray wanted = incidentId.toUtf8();
    for (Index i = 0; i < size(); ++i) {
        if (textSpan(idText, idOffset, i) == wanted)
            return i;
    }
    return -1;
}

void IncidentColumns::buildDateOrder()
{
    const Index n = size();
    byDate.resize(n);
    if (n == 0)
        return;
    const auto [lo, hi] = std::minmax_element(firstDay.begin(), firstDay.end());
    const std::size_t range = std::size_t(qint64(*hi) - qint64(*lo)) + 1;
    if (range > 4 * std::size_t(n) + 1024) {
        std::iota(byDate.begin(), byDate.end(), Index(0));
        std::stable_sort(byDate.begin(), byDate.end(), [&](Index a, Index b) { return firstDay[a] < firstDay[b]; });
        return;
    }
    // Counting sort over days: linear, and stable, so ties stay in index order.
    std::vector<Index> start(range + 1, 0);
    for (Index i = 0; i < n; ++i)
        ++start[std::size_t(firstDay[i] - *lo) + 1];
    for (std::size_t d = 1; d <= range; ++d)
        start[d] += start[d - 1];
    for (Index i = 0; i < n; ++i)
        byDate[start[std::size_t(firstDay[i] - *lo)]++] = i;
}

std::size_t IncidentColumns::memoryBytes() const
{
    auto bytes = [](const auto &v) { return v.capacity() * sizeof(typename std::decay_t<decltype(v)>::value_type); };
    return bytes(rowid) + bytes(firstDay) + bytes(lastDay) + bytes(precision) + bytes(hasEnd) + bytes(type)
        + bytes(attribution) + bytes(sectors) + bytes(actor) + bytes(dataset) + bytes(victimOffset) + bytes(victimCodes)
        + bytes(attackerOffset) + bytes(attackerCodes) + bytes(idOffset) + bytes(titleOffset) + bytes(byDate)
        + std::size_t(idText.capacity() + titleText.capacity());
}

void IncidentColumns::canonicaliseActors(const ActorNames &names)
{
    QStringList merged { QString() };
    QHash<QString, std::uint32_t> indexOf { { QString(), 0 } };
    std::vector<std::uint32_t> remap(std::size_t(actors.size()), 0);
    bool changed = false;
    for (qsizetype a = 0; a < actors.size(); ++a) {
        const QString name = names.canonicalField(actors.at(a));
        auto it = indexOf.constFind(name);
        if (it == indexOf.cend()) {
            it = indexOf.insert(name, std::uint32_t(merged.size()));
            merged << name;
        }
        remap[std::size_t(a)] = it.value();
        changed = changed || it.value() != std::uint32_t(a) || name != actors.at(a);
    }
    if (!changed)
        return;
    for (std::uint32_t &a : actor)
        a = a < remap.size() ? remap[a] : 0;
    actors = merged;
}

namespace {
// Removes entry i + 1 of CSR offsets and the `count` values it closed, shifting the rest.
template <typename Values> void eraseSpan(std::vector<std::uint32_t> &offsets, Values &values, IncidentColumns::Index i)
{
    const std::uint32_t from = offsets[i];
    const std::uint32_t count = offsets[i + 1] - from;
    if constexpr (std::is_same_v<Values, QByteArray>)
        values.remove(qsizetype(from), qsizetype(count));
    else
        values.erase(values.begin() + from, values.begin() + from + count);
    offsets.erase(offsets.begin() + i + 1);
    for (std::size_t k = i + 1; k < offsets.size(); ++k)
        offsets[k] -= count;
}

// Inserts `inserted` as incident i's span (offsets gain an entry), shifting the rest.
template <typename Values, typename Inserted>
void insertSpan(std::vector<std::uint32_t> &offsets, Values &values, IncidentColumns::Index i, const Inserted &inserted)
{
    const std::uint32_t at = offsets[i];
    const auto count = std::uint32_t(inserted.size());
    if constexpr (std::is_same_v<Values, QByteArray>)
        values.insert(qsizetype(at), inserted);
    else
        values.insert(values.begin() + at, inserted.begin(), inserted.end());
    offsets.insert(offsets.begin() + i + 1, at + count);
    for (std::size_t k = i + 2; k < offsets.size(); ++k)
        offsets[k] += count;
}

template <typename T> void eraseAt(std::vector<T> &v, IncidentColumns::Index i)
{
    v.erase(v.begin() + i);
}

template <typename T, typename V> void insertAt(std::vector<T> &v, IncidentColumns::Index i, V value)
{
    v.insert(v.begin() + i, T(value));
}

template <typename Index> Index internedIndex(QStringList &table, const QString &value)
{
    const qsizetype found = table.indexOf(value);
    if (found >= 0)
        return Index(found);
    table.append(value);
    return Index(table.size() - 1);
}
} // namespace

IncidentColumns IncidentColumns::copyWithRoom() const
{
    auto copy = [](const auto &from, std::size_t room) {
        std::decay_t<decltype(from)> to;
        to.reserve(from.size() + room);
        to.insert(to.end(), from.begin(), from.end());
        return to;
    };
    auto copyText = [](const QByteArray &from) {
        QByteArray to;
        to.reserve(from.size() + 4096);
        to.append(from);
        return to;
    };
    IncidentColumns c;
    c.rowid = copy(rowid, 1);
    c.firstDay = copy(firstDay, 1);
    c.lastDay = copy(lastDay, 1);
    c.precision = copy(precision, 1);
    c.hasEnd = copy(hasEnd, 1);
    c.type = copy(type, 1);
    c.attribution = copy(attribution, 1);
    c.sectors = copy(sectors, 1);
    c.actor = copy(actor, 1);
    c.dataset = copy(dataset, 1);
    c.victimOffset = copy(victimOffset, 1);
    c.victimCodes = copy(victimCodes, 16);
    c.attackerOffset = copy(attackerOffset, 1);
    c.attackerCodes = copy(attackerCodes, 16);
    c.countries = countries;
    c.actors = actors;
    c.datasets = datasets;
    c.idText = copyText(idText);
    c.idOffset = copy(idOffset, 1);
    c.titleText = copyText(titleText);
    c.titleOffset = copy(titleOffset, 1);
    c.byDate = copy(byDate, 1);
    return c;
}

void IncidentColumns::removeAt(Index i)
{
    Q_ASSERT(i < size());
    // Out of the date order first, while firstDay still says where it is.
    const auto dateLess
        = [this](Index a, Index b) { return firstDay[a] < firstDay[b] || (firstDay[a] == firstDay[b] && a < b); };
    auto at = std::lower_bound(byDate.begin(), byDate.end(), i, dateLess);
    if (at != byDate.end() && *at == i)
        byDate.erase(at);
    else
        byDate.erase(std::find(byDate.begin(), byDate.end(), i));
    for (Index &k : byDate)
        k -= k > i ? 1 : 0;
    eraseAt(rowid, i);
    eraseAt(firstDay, i);
    eraseAt(lastDay, i);
    eraseAt(precision, i);
    eraseAt(hasEnd, i);
    eraseAt(type, i);
    eraseAt(attribution, i);
    eraseAt(sectors, i);
    eraseAt(actor, i);
    eraseAt(dataset, i);
    eraseSpan(victimOffset, victimCodes, i);
    eraseSpan(attackerOffset, attackerCodes, i);
    eraseSpan(idOffset, idText, i);
    eraseSpan(titleOffset, titleText, i);
}

IncidentColumns::Index IncidentColumns::insertRecord(qint64 storeRowid, const Incident &r, const ActorNames &names)
{
    const auto i = Index(std::lower_bound(rowid.begin(), rowid.end(), storeRowid) - rowid.begin());
    if (actors.isEmpty())
        actors.append(QString());
    for (std::vector<std::uint32_t> *offsets : { &idOffset, &titleOffset, &victimOffset, &attackerOffset }) {
        if (offsets->empty())
            offsets->push_back(0);
    }
    insertAt(rowid, i, storeRowid);
    insertAt(firstDay, i, qint32(r.firstDay()));
    insertAt(lastDay, i, qint32(r.lastDay()));
    insertAt(precision, i, std::uint8_t(r.start.precision()));
    insertAt(hasEnd, i, std::uint8_t(r.end.isValid() ? 1 : 0));
    insertAt(type, i, std::uint8_t(r.type));
    insertAt(attribution, i, std::uint8_t(r.attribution));
    insertAt(sectors, i, r.sectors);
    const QString actorName = names.canonicalField(r.actor);
    insertAt(actor, i, actorName.isEmpty() ? 0u : internedIndex<std::uint32_t>(actors, actorName));
    insertAt(dataset, i, internedIndex<std::uint16_t>(datasets, r.provenance.dataset));
    auto codes = [this](const QStringList &list) {
        std::vector<std::uint16_t> out;
        for (const QString &code : list)
            out.push_back(internedIndex<std::uint16_t>(countries, code));
        return out;
    };
    insertSpan(victimOffset, victimCodes, i, codes(r.victims));
    insertSpan(attackerOffset, attackerCodes, i, codes(r.attackers));
    insertSpan(idOffset, idText, i, r.id.toUtf8());
    insertSpan(titleOffset, titleText, i, r.title.toUtf8());
    // Into the date order: indexes from i on move up by one, then i goes after every incident
    // that starts on an earlier day, or on the same day with a lower index.
    for (Index &k : byDate)
        k += k >= i ? 1 : 0;
    const auto dateLess
        = [this](Index a, Index b) { return firstDay[a] < firstDay[b] || (firstDay[a] == firstDay[b] && a < b); };
    byDate.insert(std::lower_bound(byDate.begin(), byDate.end(), i, dateLess), i);
    return i;
}
