#pragma once

#include "import/diagnostic.h"
#include "import/recordvalidator.h"

#include <QByteArray>
#include <QString>
#include <functional>

// Reads the native `faultline` JSON format: {"faultline": 1, "dataset": name (optional),
// "incidents": [record, ...]}, each record an object of RecordValidator::fieldNames() (list
// fields as arrays of strings, sources as URLs or {url, title, publisher, date} objects).
// Each record is validated by RecordValidator; diagnostics carry the line the record's
// object starts on, and a value of the wrong JSON type rejects its record. Whole-file
// problems (not JSON, wrong shape, wrong version) come back as one Diagnostic and read()
// returns false; so does a sink that returns false.
//
// Beyond the file's bytes (which the Importer reads whole, up to Importer::s_maxJsonBytes),
// memory stays bounded by one record: a light scan finds where each element of the
// "incidents" array starts and ends, then the envelope and every record are parsed by
// QJsonDocument on their own, so a gigabyte file is read without a gigabyte-sized
// document tree.
class FaultlineJsonReader
{
public:
    using Sink = std::function<bool(Incident &&)>; // false cancels

    static bool read(const QByteArray &bytes, const QString &fileName, const Sink &sink, Diagnostics &diagnostics);
    // Cheap check for format detection.
    static bool looksLikeFaultline(QByteArrayView head);

    // Where the top-level "incidents" array is and where each of its elements lies.
    struct Layout
    {
        qsizetype arrayBegin = -1; // offset of '['
        qsizetype arrayEnd = -1; // offset of the matching ']'
        struct Element
        {
            qsizetype begin = 0; // first byte of the value
            qsizetype end = 0; // one past its last byte
            int line = 0; // 1-based line of `begin`
        };
        QList<Element> elements;
    };
    // `arrayKey` names the top-level array to split ("objects" for a STIX bundle).
    static Layout scan(QByteArrayView bytes, QByteArrayView arrayKey = "incidents");
    static constexpr int s_maxDepth = 64; // nesting deeper than this is refused before parsing
};
