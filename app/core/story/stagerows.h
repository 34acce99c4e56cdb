#pragma once

#include "domain/incidentcolumns.h"
#include "render/timelinerows.h"

#include <QStringList>
#include <memory>
#include <vector>

// The rows of a story step's countries, as presentation mode shows them and the handout
// draws them: built from the step's own countries instead of the whole document, so
// entering presentation does not group every incident again.
namespace StageRows {
// The step's countries: the incident's victims, then its attackers, each once, as alpha-2.
QStringList stepCountries(const IncidentColumns &columns, IncidentColumns::Index incident);
// The incidents with a victim among `codes` (alpha-2), in index order. One pass over the
// victims of every incident.
std::vector<IncidentColumns::Index> incidentsOf(const IncidentColumns &columns, const QStringList &codes);
// One victim-country row for each of `codes` that has incidents, in that order, and no other
// row (an incident's other victims are hidden rows).
std::shared_ptr<const TimelineRows> countryRows(
    const std::shared_ptr<const IncidentColumns> &columns, const QStringList &codes);
// The order that keeps both the rows shown before and after a step change together: the
// rows leaving, the rows staying, the rows arriving.
QStringList transitionOrder(const QStringList &from, const QStringList &to);
} // namespace StageRows
