#pragma once

#include "domain/incidentcolumns.h"

#include <QString>
#include <optional>

class Database;

// Builds IncidentColumns from a document's rows (the column cache's fallback and source).
class ColumnScan
{
public:
    // Documents whose rowids span this many or more are read by two threads when allowed.
    static constexpr qint64 s_parallelThreshold = 50000;

    // Every incident of `db` as columns, in rowid order, with the date order built. With
    // `parallel`, a large document is read in two halves at once, each on a read-only
    // connection of its own: the scan is CPU-bound (decoding records), so two cores halve the
    // wait. On failure returns nullopt and sets *errorMessage.
    static std::optional<IncidentColumns> scan(const Database &db, bool parallel, QString *errorMessage = nullptr);

    // The sectors of a stored `sectors` value (keys joined by ';'); unknown keys are skipped.
    static SectorMask sectorMask(const QString &joined);
};
