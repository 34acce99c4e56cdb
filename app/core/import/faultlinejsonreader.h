#pragma once

#include "import/diagnostic.h"
#include "import/recordvalidator.h"

#include <QByteArray>
#include <QIODevice>
#include <QString>
#include <functional>

// Reads the native `faultline` JSON format: {"faultline": 1, "dataset": name (optional),
// "incidents": [record, ...]}, or a bare array of records as `faultline list --format json`
// prints it (dataset "faultline"), each record an object of RecordValidator::fieldNames() (list
// fields as arrays of strings, sources as URLs or {url, title, publisher, date} objects).
// Each record is validated by RecordValidator; diagnostics carry the line the record's
// object starts on, its JSON path (incidents[12].start) and its id, and a value of the wrong
// JSON type or a duplicate key rejects its record. Whole-file problems (not strict JSON, see
// StrictJson; wrong shape, wrong version) come back as one Diagnostic and read() returns
// false; so does a sink that returns false.
//
// Memory stays bounded by one record (at most StrictJson::s_maxElementBytes; a larger record
// is rejected unread): the file streams from the device twice, once through StrictJson to
// check it whole, once to hand out each element of the "incidents" array to QJsonDocument
// on its own. The scan() below is the lighter splitter the STIX reader uses.
class FaultlineJsonReader
{
public:
    using Sink = std::function<bool(Incident &&)>; // false cancels

    // Reads in two passes over `device` (which must be able to seek): StrictJson checks the whole
    // file and its envelope, then each record is parsed on its own. `rejected`, when given, is
    // raised by one per record rejected; `progress` is called with the bytes read.
    static bool read(QIODevice *device, const QString &fileName, const Sink &sink, Diagnostics &diagnostics,
        const std::function<bool(qint64)> &progress = {}, int *rejected = nullptr);
    static bool read(const QByteArray &bytes, const QString &fileName, const Sink &sink, Diagnostics &diagnostics,
        int *rejected = nullptr);
    // Cheap check for format detection.
    static bool looksLikeFaultline(QByteArrayView head);
    // A bare array of record objects, as `faultline list --format json` prints it.
    static bool looksLikeRecordArray(QByteArrayView head);

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
