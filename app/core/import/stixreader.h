#pragma once

#include "import/foreignrecords.h"

#include <QByteArray>

// Reads STIX 2.0 and 2.1 (a bundle, or a single object) into records: each `incident` and
// `campaign` becomes one, with its name, first/last seen dates (the date as written, never
// moved to another day by a time zone), description and external references as sources.
// Countries come from the object graph, wherever the objects sit in the bundle: `targets`
// and `originates-from` relationships to `location` objects (walking `located-at` up from a
// city or region to its country) or to `identity` objects located at one; when the record
// itself names none, the intrusion sets, threat actors and campaigns it is `attributed-to`
// are asked. The first attributed actor names the record's actor. Types and sectors go
// through data/import/stix.tsv. A record with no victim country lands in the
// unknown-country row.
//
// Memory: besides the file's bytes, a bundle's objects are parsed one at a time (the
// "objects" array is split by FaultlineJsonReader::scan) and only the few facts the graph
// needs are kept per object, so a bundle of tens of MB needs little more than its size.
class StixReader
{
public:
    static bool read(const QByteArray &bytes, ForeignRecords &records);
    // Several files read as one graph (a folder of one-object bundles, as ATT&CK's
    // repository has them): relationships in one file resolve to objects in another.
    struct Part
    {
        QString name;
        QByteArray bytes;
    };
    static bool read(const QList<Part> &parts, ForeignRecords &records);
    static bool looksLikeStix(QByteArrayView head);
    // The calendar date a timestamp was written with: "2015-12-01T05:00:00.000Z" gives
    // "2015-12-01". Empty when `timestamp` does not start with YYYY-MM-DD.
    static QString dateOf(const QString &timestamp);
};
