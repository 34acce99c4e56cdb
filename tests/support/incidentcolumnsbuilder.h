#pragma once

#include "domain/incident.h"
#include "domain/incidentcolumns.h"

#include <QHash>
#include <QList>

// Builds IncidentColumns straight from records, without a database: for render and view
// tests that need many incidents fast. Rowids are 1..n in record order. Header-only.
namespace TestSupport {

class IncidentColumnsBuilder
{
public:
    IncidentColumnsBuilder()
    {
        m_c.actors << QString();
        m_c.datasets << QStringLiteral("test");
        m_c.victimOffset.push_back(0);
        m_c.attackerOffset.push_back(0);
        m_c.idOffset.push_back(0);
        m_c.titleOffset.push_back(0);
    }

    IncidentColumnsBuilder &add(const Incident &r)
    {
        m_c.rowid.push_back(qint64(m_c.rowid.size()) + 1);
        m_c.firstDay.push_back(qint32(r.firstDay()));
        m_c.lastDay.push_back(qint32(r.lastDay()));
        m_c.precision.push_back(std::uint8_t(r.start.precision()));
        m_c.hasEnd.push_back(r.end.isValid() ? 1 : 0);
        m_c.type.push_back(std::uint8_t(r.type));
        m_c.attribution.push_back(std::uint8_t(r.attribution));
        m_c.sectors.push_back(r.sectors);
        m_c.actor.push_back(intern(m_c.actors, m_actors, r.actor));
        m_c.dataset.push_back(0);
        for (const QString &v : r.victims)
            m_c.victimCodes.push_back(std::uint16_t(intern(m_c.countries, m_countries, v)));
        m_c.victimOffset.push_back(std::uint32_t(m_c.victimCodes.size()));
        for (const QString &a : r.attackers)
            m_c.attackerCodes.push_back(std::uint16_t(intern(m_c.countries, m_countries, a)));
        m_c.attackerOffset.push_back(std::uint32_t(m_c.attackerCodes.size()));
        m_c.idText += r.id.toUtf8();
        m_c.idOffset.push_back(std::uint32_t(m_c.idText.size()));
        m_c.titleText += r.title.toUtf8();
        m_c.titleOffset.push_back(std::uint32_t(m_c.titleText.size()));
        return *this;
    }

    IncidentColumns take() { return std::move(m_c); }

private:
    static std::uint32_t intern(QStringList &table, QHash<QString, std::uint32_t> &index, const QString &value)
    {
        auto it = index.constFind(value);
        if (it != index.constEnd())
            return it.value();
        std::uint32_t k = 0; // "" is actors[0]
        if (!value.isEmpty() || table.isEmpty() || !table.first().isEmpty()) {
            table << value;
            k = std::uint32_t(table.size() - 1);
        }
        index.insert(value, k);
        return k;
    }

    IncidentColumns m_c;
    QHash<QString, std::uint32_t> m_actors;
    QHash<QString, std::uint32_t> m_countries;
};

} // namespace TestSupport
