#include "query/incidentcolumns.h"

#include <algorithm>

qint64 IncidentColumns::indexOfRowid(qint64 storeRowid) const
{
    const auto it = std::lower_bound(rowid.begin(), rowid.end(), storeRowid);
    return (it != rowid.end() && *it == storeRowid) ? qint64(it - rowid.begin()) : -1;
}

qint64 IncidentColumns::indexOfId(const QString &incidentId) const
{
    const QByteArray wanted = incidentId.toUtf8();
    for (Index i = 0; i < size(); ++i) {
        if (titleSpan(idText, idOffset, i) == wanted)
            return i;
    }
    return -1;
}

std::size_t IncidentColumns::memoryBytes() const
{
    auto bytes = [](const auto &v) { return v.capacity() * sizeof(typename std::decay_t<decltype(v)>::value_type); };
    return bytes(rowid) + bytes(firstDay) + bytes(lastDay) + bytes(precision) + bytes(hasEnd) + bytes(type)
        + bytes(attribution) + bytes(sectors) + bytes(actor) + bytes(dataset) + bytes(victimOffset)
        + bytes(victimCodes) + bytes(attackerOffset) + bytes(attackerCodes) + bytes(idOffset)
        + bytes(titleOffset) + std::size_t(idText.capacity() + titleText.capacity());
}
