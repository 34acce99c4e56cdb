#pragma once

#include "import/diagnostic.h"

#include <QByteArray>
#include <QHash>
#include <QList>
#include <QString>
#include <QStringList>
#include <functional>
#include <memory>

class Database;
struct CsvMapping;

// Imports files into a Database: detects the format, reads, validates and writes every
// record in one transaction (reading on a second thread while this one writes). Records
// whose id is already in the document update it in place. Rejected records are reported
// and skipped, unless `strict`, when any rejection writes nothing. A whole-file error, a
// cancel, a database error or a file that changed while it was read also writes nothing.
// UI-free; progress and cancel go through a callback.
enum class ImportFormat {
    Auto, // detected from the first bytes
    Faultline, // faultline JSON (FaultlineJsonReader)
    Csv, // faultline CSV (FaultlineCsvReader)
    Stix, // STIX 2.0 or 2.1 (StixReader)
    Misp, // MISP events (MispReader)
    Veris, // VERIS / VCDB incidents (VerisReader)
};

struct ImportOptions
{
    ImportFormat format = ImportFormat::Auto;
    bool strict = false;
    // When set, every CSV input is read through this mapping (MappedCsvReader) instead of
    // as faultline CSV; JSON inputs are unaffected.
    std::shared_ptr<const CsvMapping> mapping;
    // A mapping for one file, by the path given to the import (the window asks one per CSV
    // that is not in Faultline's format); it wins over `mapping` for that file.
    QHash<QString, std::shared_ptr<const CsvMapping>> mappingsByPath;
    // Called with (bytes done, bytes total); return false to cancel.
    std::function<bool(qint64, qint64)> progress;
};

class Importer
{
public:
    using Format = ImportFormat;
    using Options = ImportOptions;

    struct Result
    {
        int imported = 0;
        int updated = 0;
        int unchanged = 0;
        int rejected = 0;
        int unknownCountry = 0; // accepted records whose source named no victim country (XX)
        // Through a mapping: the distinct country values no table knew, by field
        // ("victims", "attackers"), each with the rows that had it, most frequent first.
        QHash<QString, QList<std::pair<QString, int>>> unknownCountries;
        Diagnostics diagnostics;
        bool failed = false; // nothing was written (file error, strict, cancel, database)
        bool cancelled = false;
        QString error; // why it failed, when failed
        // What was imported, as given: files, folders and archives (importBytes: the name).
        QStringList paths;
        // The records the document holds once the import committed or rolled back (-1 unknown).
        qint64 documentRecords = -1;

        int accepted() const { return imported + updated + unchanged; }
        // "imported N, updated U, unchanged K, rejected R", and ", no victim country C" when C > 0
        QString summary() const;
        // "the document holds N records", or on failure "nothing was written; the document
        // still holds N records": what is in the document afterwards.
        QString documentLine() const;
        void add(const Result &other);
    };

    // JSON is read into memory whole (then parsed record by record), so it has a cap.
    static constexpr qint64 s_maxJsonBytes = 1024ll * 1024 * 1024;
    // MISP and VERIS files are parsed as one document, so their cap is lower.
    static constexpr qint64 s_maxDocumentBytes = 256ll * 1024 * 1024;
    static constexpr qsizetype s_headBytes = 65536;

    // `path` may be a file, a folder (every file in it and below, recognised by content) or a
    // ZIP archive (read in memory, never unpacked to disk); either way one transaction.
    static Result importFile(Database &db, const QString &path, const Options &options = {});
    // Every path (files, folders, archives), and first the bundled dataset when `bundled`, as
    // one import: one transaction, so a failure in any of them writes nothing at all.
    static Result importFiles(
        Database &db, const QStringList &paths, const Options &options = {}, bool bundled = false);
    // `name` is how diagnostics refer to the data (a file name or ":/data/..." for bundled).
    static Result importBytes(Database &db, const QByteArray &bytes, const QString &name, const Options &options = {});
    // Every file of the bundled dataset, in order, as one import; then the bundled stories
    // the document does not have yet (StoryStore::addBundledStories).
    static Result importBundled(Database &db, const Options &options = {});

    static Format formatFromName(const QString &name, bool *ok = nullptr);
    // True when `path` is a file whose content is CSV and whose header lacks a column
    // faultline CSV requires (title, start, victims, type): it can only be read through a
    // CsvMapping. False for JSON, folders, archives and unreadable files.
    static bool needsCsvMapping(const QString &path);
    // Sniffs the first bytes (up to s_headBytes); on failure returns Auto and sets *why ("looks like PNG ...").
    static Format detect(QByteArrayView head, QString *why);
};
