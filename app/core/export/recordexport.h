#pragma once

#include "domain/incidentcolumns.h"
#include "export/exportfile.h"
#include "store/recordtexts.h"

#include <QByteArray>
#include <QIODevice>
#include <QString>
#include <optional>
#include <vector>

class Database;

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

// The CSV rows of those records (shaped RecordTexts), each formatted by the thread that reads
// it: the bytes of toCsv without its header, one row per record of `order`.
std::optional<RecordTexts> readCsvRows(const Database &db, const IncidentColumns &columns,
    const std::vector<IncidentColumns::Index> &order, const RecordTexts::Progress &progress = {},
    QString *error = nullptr, qint64 parallelFrom = RecordTexts::s_parallelFrom);
// Writes the header and those rows in order into `out`, calling `progress` (records written,
// records) every `progressEvery` records, once they are in `out`. False when progress cancels;
// what was written by then stays in `out` (ExportFile drops it).
bool writeCsvRows(
    QIODevice &out, const RecordTexts &rows, const ExportFile::Progress &progress = {}, qsizetype progressEvery = 4096);
} // namespace RecordExport
