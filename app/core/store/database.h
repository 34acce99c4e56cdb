#pragma once

#include "store/sqliteconnection.h"

#include <QString>
#include <QVariant>

// One Faultline document: a SQLite file opened through SqliteConnection (with its hardening),
// checked to be a Faultline document (application id, only the tables and indexes Faultline
// creates, a format this build knows, and PRAGMA quick_check unless turned off) and migrated
// to the newest schema. Owns its connection; the raw handle is exposed for the store's bulk
// paths and for multi-statement scripts. A Database belongs to the thread that opened it.
class Database
{
public:
    enum class Mode { ReadWrite, ReadOnly };

    static constexpr int s_applicationId = 0x464C544E; // "FLTN"
    // The page cache of the document's connection while it reads; an import raises it while
    // it runs (IncidentStore).
    static constexpr int s_cacheKiB = 16 * 1024;
    static int schemaVersion(); // newest version this build knows
    // Why the first read of the document at `path` failed with SQLite's result code `rc`, in
    // words a user can act on (`sqliteWords` is SQLite's own message). A document that a
    // program left half-written keeps a journal beside it; when the folder cannot be written,
    // that journal cannot be played back, and the message says what to do instead.
    static QString openFailure(int rc, const QString &path, const QString &sqliteWords);

    Database();
    ~Database();
    Database(const Database &) = delete;
    Database &operator=(const Database &) = delete;

    // Opens (creating when ReadWrite and absent) and migrates to the newest schema.
    // Refuses files that are not Faultline documents, are damaged, or come from a newer
    // Faultline. A file that cannot be written is opened read-only when `mode` allows the
    // fallback (ReadWrite falls back and sets isReadOnly()). On failure returns false and
    // sets *errorMessage to a sentence naming the file.
    bool open(const QString &path, Mode mode = Mode::ReadWrite, QString *errorMessage = nullptr);
    // PRAGMA quick_check reads every page, as long as loading the document does. The window
    // turns it off for open() and runs quickCheck() on another thread after the first frame.
    void setQuickCheckOnOpen(bool on) { m_quickCheckOnOpen = on; }
    // Checks a document's pages on its own read-only connection (callable from any thread).
    static bool quickCheck(const QString &path, QString *errorMessage);
    void close();

    bool isOpen() const { return m_connection.isOpen(); }
    bool isReadOnly() const { return m_readOnly; }
    bool wasCreated() const { return m_created; } // true when open() made a new file
    QString path() const { return m_path; }
    sqlite3 *handle() const { return m_connection.handle(); }

    // Runs one or more SQL statements; false with a message that says what failed.
    bool exec(const QString &sql, QString *errorMessage = nullptr);
    // First column of the first row of a query, or a null QVariant.
    QVariant scalar(const QString &sql) const;

    // Migrates from user_version to schemaVersion(), every step in one transaction.
    bool migrate(QString *errorMessage = nullptr);

    // Copies the whole document to `target` through SQLite's backup API, written to a
    // temporary file first and renamed, so the target is complete or absent.
    bool saveCopy(const QString &target, QString *errorMessage = nullptr) const;

private:
    bool checkIdentity(QString *errorMessage);
    SqliteConnection m_connection;
    QString m_path;
    bool m_readOnly = false;
    bool m_created = false;
    bool m_quickCheckOnOpen = true;
};

// Rolls back unless commit() was called. Starts with BEGIN IMMEDIATE (no savepoints), so a
// second writer fails with "busy" at the start (after the busy timeout) rather than halfway.
class Transaction
{
public:
    explicit Transaction(Database &db);
    ~Transaction();
    Transaction(const Transaction &) = delete;
    Transaction &operator=(const Transaction &) = delete;

    bool isActive() const { return m_active; }
    QString errorMessage() const { return m_error; }
    bool commit();

private:
    Database &m_db;
    bool m_active = false;
    QString m_error;
};
