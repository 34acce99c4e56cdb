#pragma once

#include "domain/incident.h"
#include "domain/incidentcolumns.h"
#include "import/importer.h"
#include "query/filterengine.h"
#include "store/userrecords.h"

#include <QHash>
#include <QObject>
#include <QTimer>
#include <atomic>
#include <memory>
#include <optional>

class Database;

// One open document and the work on it, without widgets: opening (a new file can be seeded
// with the bundled dataset), loading the incidents as columns, the record reads and writes the
// window needs, and the background jobs: the page check after opening, the column cache write
// after a load from the rows, and imports. Each job runs on its own connection in the thread
// pool and reports through a signal in the thread that owns the controller. A page check or
// cache write that finishes after another document was opened reports nothing; an import
// always reports its result (it went into the document it started on) but reloads only when
// that document is still the open one.
class DocumentController : public QObject
{
    Q_OBJECT
public:
    explicit DocumentController(QObject *parent = nullptr);
    ~DocumentController() override;

    // Opens `path` (creating it when absent; read-only when it cannot be written) in place of
    // the current document, whose page check and cache write then report nothing. On failure the
    // current document stays open, *errorMessage says why, and nothing is emitted. With
    // `seedIfNew`, a file this call created is first filled with the bundled dataset
    // (seedFailed() when that fails). Then loads the columns (columnsLoaded()) and, after
    // s_checkDelayMs, checks every page in the background (documentChecked()).
    bool open(const QString &path, bool seedIfNew, QString *errorMessage);
    bool isOpen() const { return m_db != nullptr; }
    // The open document (for its stories), or null; owned by the controller.
    Database *database() const { return m_db.get(); }
    QString path() const;
    bool isReadOnly() const;

    // Reads the columns again (from the column cache when it is current) and emits
    // columnsLoaded(); loadFailed() first when the incidents could not be read, and the
    // columns are then empty.
    void reload();
    std::shared_ptr<const IncidentColumns> columns() const { return m_columns; }

    std::optional<Incident> incidentAt(IncidentColumns::Index index) const;
    std::optional<Incident> incidentByRowid(qint64 rowid) const;
    // The filter applied to the loaded columns, its full-text search included.
    FilterEngine::Result applyFilter(const Filter &filter) const;
    bool setNotes(const QString &id, const QString &notes, QString *errorMessage);

    // The user's records and local edits (UserRecords). changeRecord() writes `target` to the
    // document and patches the loaded columns (the record out of its old place, into its new
    // one) instead of reading them again, then emits recordsChanged(); the column cache is
    // written again once the edits pause. On failure nothing changes and *errorMessage says why.
    UserRecords::State recordState(const QString &id) const;
    bool changeRecord(const UserRecords::State &target, qint64 *rowid, QString *errorMessage);
    // A new record's state with a fresh "user-" id (UserRecords::created).
    UserRecords::State newRecordState(const Incident &record) const;
    bool saveCopy(const QString &target, QString *errorMessage) const;

    // Imports `files` in the background, one transaction per file, then reloads and emits
    // importFinished(). Returns false with a reason when there is no document, it is
    // read-only, or an import is already running. A file named in `mappings` is read as CSV
    // through its mapping (MappedCsvReader).
    bool importFiles(const QStringList &files, QString *whyNot = nullptr,
        const QHash<QString, std::shared_ptr<const CsvMapping>> &mappings = {});
    void cancelImport();
    bool isImporting() const { return m_importing; }

    // The incident a document opens on when there is no saved view: the first record of the
    // bundled dataset's seed story. Empty when the bundled data cannot be read.
    static QString startIncidentId();

    // How long the background jobs wait after an open or a load, so they do not compete with
    // the first frames.
    static constexpr int s_checkDelayMs = 1500;
    static constexpr int s_cacheDelayMs = 1000;
    static constexpr int s_cacheAfterEditsMs = 5000;

signals:
    void documentOpened(); // another document replaced the open one; columnsLoaded() follows
    void columnsLoaded();
    // One record changed (changeRecord()): the columns are patched; `id` is the record's.
    void recordsChanged(const QString &id);
    void loadFailed(const QString &error);
    void seedFailed(const QString &error);
    // The background page check: `ok` false when pages are damaged, and documentDamaged()
    // just before says what was found.
    void documentChecked(bool ok);
    void documentDamaged(const QString &error);
    void columnCacheWritten(bool ok); // the columns were stored for a faster next open
    void importProgress(int permille);
    void importFinished(const Importer::Result &result);

private:
    void checkInBackground();
    // The columns from the column cache when it is current (ColumnCache), else from the rows.
    // `generation` is the document's import generation the columns were read at; the cache
    // is written for that one, in the background, when the columns came from the rows.
    IncidentColumns loadColumnsPreferringCache(QString *errorMessage, bool *fromCache, qint64 *generation) const;
    void writeColumnCacheInBackground(qint64 generation);

    std::unique_ptr<Database> m_db;
    std::shared_ptr<const IncidentColumns> m_columns;
    // The result of no filter and the columns it was computed on (a weak pointer: it keeps no
    // old columns alive, and expires rather than match new columns at a freed one's address).
    // Clearing the filters is the costliest change of all.
    mutable std::weak_ptr<const IncidentColumns> m_unfilteredColumns;
    mutable FilterEngine::Result m_unfiltered;
    QTimer *m_cacheAfterEdits = nullptr; // single shot, restarted by every changeRecord()
    quint64 m_serial = 0; // raised by every open: a job for an earlier one reports nothing
    bool m_importing = false;
    std::shared_ptr<std::atomic_bool> m_cancelImport;
};
