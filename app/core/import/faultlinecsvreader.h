#pragma once

#include "import/diagnostic.h"
#include "import/recordvalidator.h"

#include <QIODevice>
#include <QString>
#include <functional>

// Reads `faultline` CSV, what the CSV export writes: a header row naming record fields
// (RecordValidator::fieldNames()) in any order, matched without regard to case; title, start,
// victims and type are required, other columns may be missing, unknown ones are ignored with
// a warning. List fields hold values separated by ";"; `sources` holds every source of the
// record in SourceList's form ("publisher | title | date | url" or a URL alone, separated by
// ";"). Cells are restored from spreadsheet-safe form (SpreadsheetCell). Rows are streamed
// from the device; a rejected row gives diagnostics with its physical line and the field
// (one per malformed source). Returns false on whole-file problems (bad header, unreadable
// text, unterminated quote) or when the sink or the progress callback (every 1024 rows)
// returns false. `rejected`, when given, is raised by one for every row rejected.
class FaultlineCsvReader
{
public:
    using Sink = std::function<bool(Incident &&)>;
    using Progress = std::function<bool(qint64 bytesRead)>;

    static bool read(QIODevice *device, const QString &fileName, const QString &dataset, const Sink &sink,
        Diagnostics &diagnostics, const Progress &progress = {}, int *rejected = nullptr);
};
