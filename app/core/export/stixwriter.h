#pragma once

#include "domain/incident.h"
#include "export/exportfile.h"

#include <QByteArray>
#include <QList>
#include <QString>
#include <QUuid>

// Incident records as a STIX 2.1 bundle, for threat-intelligence platforms (OpenCTI, MISP).
//
// Objects, in this order:
//   location       one per country named anywhere (victim or attacker), `country` = alpha-2,
//                  `name` = the country's common name; "XX" (unknown) has none
//   intrusion-set  one per actor (names compared ignoring case; the first spelling is kept),
//                  with first_seen and last_seen over its incidents
//   relationship   intrusion-set `originates-from` location, for the attacker countries of
//                  its incidents
//   then for each incident, by start day and id:
//   incident       name = title, description = summary, first_seen and last_seen (the whole
//                  uncertain interval), labels = [type], external_references = the Faultline
//                  id (source_name "faultline") and every source (source_name = publisher,
//                  description = title and date, url when it is an absolute URL), and the
//                  fields STIX has no place for as `x_faultline_*` properties (start and end
//                  as written, with their precision; type; sectors; attribution; dates;
//                  victims; attackers; actor; tags)
//   relationship   incident `targets` location (victims), incident `attributed-to`
//                  intrusion-set (with the attribution as description and confidence),
//                  incident `originates-from` location (attacker countries of an incident
//                  without an actor), incident `related-to` incident (when both are exported)
//
// Deterministic: ids are UUIDv5 (s_namespace) of the Faultline id, the country code, the
// actor or the relationship's ends; created and modified come from the records (created =
// the start day, modified = the latest of start, disclosed and attributed-on, at midnight
// UTC; a shared object spans its incidents), never from the clock; the order does not depend
// on the order of `incidents`. Exporting the same records twice gives the same bytes.
namespace StixWriter {
inline const QUuid s_namespace { QStringLiteral("b910402d-902c-4ac5-a17e-f843b32faf02") };

// "incident--<uuid>": the STIX id of `type` for `key` (the Faultline id, an alpha-2 code, an
// actor name folded to lower case, or "<source id>|<relationship>|<target id>").
QString stixId(const QString &type, const QString &key);

QByteArray toBundle(const QList<Incident> &incidents);
// Atomic (ExportFile); progress is called with (incidents written, incidents).
ExportResult write(const QString &path, const QList<Incident> &incidents, const ExportFile::Progress &progress = {});
} // namespace StixWriter
