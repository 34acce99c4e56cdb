#pragma once

#include "import/diagnostic.h"
#include "import/recordvalidator.h"

#include <QIODevice>
#include <QString>
#include <functional>

// Reads `faultline` CSV (SPEC §4): a header row naming section 2 fields in any order
// (optional ones may be missing), multi-values separated by ";", and `sources` holding URLs
// separated by ";". Rows are streamed from the device; each rejected row gives diagnostics
// with its physical line. Returns false on whole-file problems (bad header, unreadable text,
// unterminated quote) or when the sink or progress callback cancels.
class FaultlineCsvReader
{
public:
    using Sink = std::function<bool(Incident &&)>;
    using Progress = std::function<bool(qint64 bytesRead)>;

    static bool read(QIODevice *device, const QString &fileName, const QString &dataset, const Sink &sink,
        Diagnostics &diagnostics, const Progress &progress = {});
};
