#pragma once

#include "domain/incidentcolumns.h"
#include "export/exportfile.h"

#include <QByteArray>
#include <QIODevice>
#include <QString>
#include <vector>

class Database;
class RecordTexts;

// Exports records straight from a document, as `faultline export` and File > Export Data…
// do: the incidents `order` names (indices into `columns`, loaded from `db`, in the order they
// are written) are read in one pass (RecordTexts) and written through ExportFile. CSV is
// written as UTF-8 bytes from the columns and the texts, the same bytes RecordWriter::toCsv
// gives for those records; JSON and STIX go through RecordWriter and StixWriter. Progress is
// called with (units done, units) where reading is the first half and writing the second.
namespace RecordExport {
enum class Format { Csv, FaultlineJson, Stix };

// The format a file name asks for: .stix.json, .json, else CSV.
Format formatOf(const QString &path);

ExportResult write(const QString &path, Format format, const Database &db, const IncidentColumns &columns,
    const std::vector<IncidentColumns::Index> &order, const ExportFile::Progress &progress = {});

// The CSV of those records as bytes (without a file), in one pass on this thread: for tests
// and small outputs.
QByteArray toCsv(
    const IncidentColumns &columns, const std::vector<IncidentColumns::Index> &order, const RecordTexts &texts);

// The same bytes as toCsv, written into `out` as write() does: `workers` threads (0: one per
// core, at most s_maxCsvWorkers) format chunks of `chunkRecords` records, and this thread
// writes them in order and calls `progress` (records written, records) after each chunk.
// False when progress cancels; what was written by then stays in `out` (ExportFile drops it).
constexpr qsizetype s_csvChunkRecords = 8192;
constexpr int s_maxCsvWorkers = 4;
bool writeCsv(QIODevice &out, const IncidentColumns &columns, const std::vector<IncidentColumns::Index> &order,
    const RecordTexts &texts, const ExportFile::Progress &progress = {}, qsizetype chunkRecords = s_csvChunkRecords,
    int workers = 0);
} // namespace RecordExport
