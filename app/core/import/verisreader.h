#pragma once

#include "import/foreignrecords.h"

#include <QByteArray>

// Reads VERIS incidents (the VERIS Community Database's one JSON file per incident, schema
// 1.2 to 1.4; or an array of them) into records: `plus.master_id` as the id, the partial date
// of `timeline.incident`, `victim.country` (a string or a list) as victims,
// `actor.external/partner.country` as attackers, `action.*` to a type and the NAICS code of
// `victim.industry` to a sector (both through data/import/veris.tsv), `summary`, and
// `reference` split into sources. "Unknown" and "Other" countries are left out, so a record
// with no known victim country lands in the unknown-country row.
class VerisReader
{
public:
    static bool read(const QByteArray &bytes, ForeignRecords &records);
    static bool looksLikeVeris(QByteArrayView head);
    // `reference` as sources: split at semicolons, and at commas or spaces before another URL;
    // trailing dots and spaces cut. A part that is not a URL becomes a source title.
    static QList<Source> splitReference(const QString &reference);
};
