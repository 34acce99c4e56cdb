#include "domain/incidentcolumns.h"

#include "domain/actornames.h"

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
