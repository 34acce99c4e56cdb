#pragma once

#include "import/diagnostic.h"
#include "import/recordreader.h"

#include <QByteArray>
#include <QString>

#include <functional>

// Reads the native `faultline` JSON format: {"faultline": 1, "incidents": [record, ...]}
// (SPEC §4). Each record is validated by RecordReader; diagnostics carry the line the
// record's object starts on. Whole-file problems (not JSON, wrong shape, wrong version)
// come back as one Diagnostic with line 0 and the function returns false.
class FaultlineJsonImporter
{
public:
    using Sink = std::function<bool(Incident &&)>; // false cancels

    static bool read(const QByteArray &bytes, const QString &fileName, const Sink &sink, Diagnostics &diagnostics);
    // Cheap check for format detection.
    static bool looksLikeFaultline(QByteArrayView head);

    // Lines (1-based) on which each element of the top-level "incidents" array begins.
    static QList<int> recordLines(QByteArrayView bytes);
};
