#pragma once

#include "domain/partialdate.h"
#include "import/csvmapping.h"
#include "import/diagnostic.h"
#include "import/recordvalidator.h"

#include <QIODevice>
#include <QList>
#include <QString>
#include <functional>

// Reads any CSV through a CsvMapping into records. UI-free and streaming: the encoding and
// delimiter come from the mapping or are detected from the first 64 KiB (CsvReader), rows
// keep their physical line numbers through quoted line breaks.
//
// Each row is read field by field: a constant, or the mapped columns (joined with a space;
// for a multi-valued field each column's cell is split at the separator), each value
// translated through the field's "values". Then, on that row, with its line: dates are read
// (parseDate), countries resolved (names in any case, codes, the aliases of
// data/country-aliases.tsv), type, attribution and sectors checked. Rows with the same id
// are one record (long format): list fields are merged in order without repeats, the actor
// names are joined, other fields keep the first non-empty value (a different later value is
// a warning on its line). Without an id column, the id is derived from title and start
// (RecordValidator::derivedId), so re-importing the same file gives the same ids and rows
// with the same title and start are one record. The merged record is then validated by
// RecordValidator (its diagnostics name the record's first line).
//
// A group of rows is held until the file ends, or until more than s_maxPending groups are
// held (the oldest is then written): a 1 GB file stays bounded; a row whose id was already
// written is an error asking for the file to be sorted by id.
//
// Row diagnostics are capped at s_maxDiagnostics per file; a summary of every unknown
// country value with its count is always added (one warning per field).
class MappedCsvReader
{
public:
    using Sink = std::function<bool(Incident &&)>; // false cancels
    using Progress = std::function<bool(qint64 bytesRead)>; // false cancels
    // Told of each rejected record as the rows gave it (dates in ISO form, known countries as
    // codes), in the order records are handed over; a preview shows them beside the others.
    using Rejected = std::function<void(const RawRecord &)>;

    struct Counts
    {
        int rows = 0;
        int rejected = 0; // records (groups of rows) rejected
        int unknownCountry = 0; // accepted records whose only victim is XX
        // Distinct unknown country values by field ("victims", "attackers"): value -> rows
        QHash<QString, QList<std::pair<QString, int>>> unknownCountries;
    };

    // The header and the first rows of a file as text, for a preview or a guess.
    struct Sample
    {
        QStringList header;
        QList<QStringList> rows;
        int headerLine = 0;
        QChar delimiter;
        CsvReader::Encoding encoding = CsvReader::Encoding::Detect;
        QString error; // "LINE:COL: reason" when the file could not be read that far
    };
    // Reads from the device's current position; the device is left where reading stopped.
    static Sample sample(QIODevice *device, const CsvMapping &mapping, int maxRows);

    // Returns false on a whole-file problem (unreadable text, a mapped column missing from the
    // header, an unterminated quote) or when the sink or progress cancels. `maxRows` > 0
    // stops after that many data rows (a preview reads with the same code as an import).
    static bool read(QIODevice *device, const CsvMapping &mapping, const QString &fileName, const QString &dataset,
        const Sink &sink, Diagnostics &diagnostics, Counts *counts = nullptr, const Progress &progress = {},
        int maxRows = 0, const Rejected &rejected = {});

    // A date cell: the mapping's date_format first (its precision is what it names: no "d" is
    // a month, no "M" a year), then ISO (2022, 2022-07, 2022-07-17, with any time after the
    // day dropped), day-first forms (17/07/2022, 17.7.2022; never month first unless
    // date_format says so, and then a slash date that does not fit it is an error), English
    // month names (17 July 2022, July 2022, July 17, 2022) and Excel serial numbers (five to
    // seven digits, optionally with a fraction: 44927 is 2023-01-01).
    static PartialDate parseDate(QStringView text, const QString &dateFormat, QString *why);

    static constexpr int s_maxDiagnostics = 200;
    static constexpr int s_maxPending = 20000;
};
