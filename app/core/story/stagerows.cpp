#include "story/stagerows.h"

QStringList StageRows::stepCountries(const IncidentColumns &columns, IncidentColumns::Index i)
{
    QStringList codes;
    auto add = [&](std::uint32_t from, std::uint32_t to, const std::vector<std::uint16_t> &list) {
        for (std::uint32_t k = from; k < to; ++k) {
            const QString &code = columns.countries.at(list[k]);
            if (!codes.contains(code))
                codes << code;
        }
    };
    add(columns.victimOffset[i], columns.victimOffset[i + 1], columns.victimCodes);
    add(columns.attackerOffset[i], columns.attackerOffset[i + 1], columns.attackerCodes);
    return codes;
}

std::vector<IncidentColumns::Index> StageRows::incidentsOf(const IncidentColumns &columns, const QStringList &codes)
{
    std::vector<std::uint8_t> wanted(std::size_t(columns.countries.size()), 0);
    bool any = false;
    for (const QString &code : codes) {
        const int index = columns.countryIndex(code);
        if (index >= 0) {
            wanted[std::size_t(index)] = 1;
            any = true;
        }
    }
    std::vector<IncidentColumns::Index> result;
    if (!any)
        return result;
    for (IncidentColumns::Index i = 0; i < columns.size(); ++i) {
        for (std::uint32_t k = columns.victimOffset[i]; k < columns.victimOffset[i + 1]; ++k) {
            if (wanted[columns.victimCodes[k]]) {
                result.push_back(i);
                break;
            }
        }
    }
    return result;
}

std::shared_ptr<const TimelineRows> StageRows::countryRows(
    const std::shared_ptr<const IncidentColumns> &columns, const QStringList &codes)
{
    const std::vector<IncidentColumns::Index> indices = incidentsOf(*columns, codes);
    RowOptions options;
    options.key = RowKey::VictimCountry;
    options.pinned = codes;
    // Every other victim of these incidents would make a row of its own; they are hidden.
    std::vector<std::uint8_t> seen(std::size_t(columns->countries.size()), 0);
    for (IncidentColumns::Index i : indices) {
        for (std::uint32_t k = columns->victimOffset[i]; k < columns->victimOffset[i + 1]; ++k)
            seen[columns->victimCodes[k]] = 1;
    }
    for (std::size_t c = 0; c < seen.size(); ++c) {
        const QString &code = columns->countries.at(qsizetype(c));
        if (seen[c] && !codes.contains(code))
            options.hidden << code;
    }
    return TimelineRows::build(columns, indices, options);
}

QStringList StageRows::transitionOrder(const QStringList &from, const QStringList &to)
{
    QStringList order;
    for (const QString &code : from) {
        if (!to.contains(code))
            order << code;
    }
    for (const QString &code : from) {
        if (to.contains(code))
            order << code;
    }
    for (const QString &code : to) {
        if (!order.contains(code))
            order << code;
    }
    return order;
}
