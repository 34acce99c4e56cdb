#pragma once

#include "import/foreignrecords.h"

#include <QByteArray>
#include <QStringList>

// Reads MISP events (the MISP core format: {"Event": {...}}, an event object without the
// wrapper, a list of either, or {"response": [...]}) into records: the event's uuid as the
// id, `info` as the title, `date` as the start, the threat level as a tag, `link`
// attributes (also inside objects) as sources, and from its tags and galaxies: the country
// galaxy as victims, sectors, the threat actor (its galaxy's `meta.country` as the
// attacker), attack patterns as tags, and a type (data/import/misp.tsv). An event that
// names no country lands in the unknown-country row.
class MispReader
{
public:
    static bool read(const QByteArray &bytes, ForeignRecords &records);
    static bool looksLikeMisp(QByteArrayView head);
    // A feed's manifest.json: {"<event uuid>": {...}, ...}. The uuids it lists, or nothing
    // when `bytes` is not a manifest.
    static QStringList manifestEvents(const QByteArray &bytes);
};
