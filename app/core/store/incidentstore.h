#pragma once

#include "domain/incident.h"
#include "domain/incidentcolumns.h"

#include <QList>
#include <QString>
#include <memory>
#include <optional>

class Database;

// Reads and writes incident records in a Database (SPEC §2-3). Not thread-safe: use it in
// the thread that opened the database. Errors come back as false/nullopt plus a message.
class IncidentStore
{
public:
    enum class Outcome { Inserted, Updated, Unchanged };

    explicit IncidentStore(Database &db);
    ~IncidentStore();

    // An import session: call inside a Transaction. When the document holds no incidents
    // the full-text index is built once in finishImport() instead of row by row.
    bool beginImport(QString *errorMessage);
    // Inserts a new id, updates an existing one in place (the user's notes are kept), or
    // leaves it alone when the content is the same.
    std::optional<Outcome> upsert(const Incident &incident, QString *errorMessage);
    bool finishImport(QString *errorMessage);

    qint64 count() const;
    std::optional<Incident> incident(const QString &id) const;
    std::optional<Incident> incidentByRowid(qint64 rowid) const;
    bool setNotes(const QString &id, const QString &notes, QString *errorMessage);

    // Full-text search over title, summary, actor and tags. Each whitespace-separated word
    // of `userQuery` must match, the last one as a prefix (it may be half typed); FTS5
    // operators in it are taken literally.
    // Returns store rowids in ascending order.
    QList<qint64> search(const QString &userQuery, QString *errorMessage = nullptr) const;
    static QString toFtsQuery(const QString &userQuery);

    // Every incident as columns (see IncidentColumns). Documents of s_parallelLoadThreshold
    // incidents or more are read by two threads, the second on its own read-only connection.
    // Auto reads the document's column cache when it is current and sound, else scans the
    // rows with two threads; Scan always scans with two threads; Sequential with one.
    enum class LoadMode { Auto, Scan, Sequential };
    IncidentColumns loadColumns(
        QString *errorMessage = nullptr, LoadMode mode = LoadMode::Auto, bool *fromCache = nullptr) const;

    // Raised by every import; a column cache is only read when it carries the current one.
    qint64 generation() const;
    // Stores `columns`, read at `generation`, as the document's column cache, on a connection
    // of its own (callable from any thread). Does nothing if an import has happened since.
    static bool writeColumnCache(
        const QString &path, const IncidentColumns &columns, qint64 generation, QString *errorMessage = nullptr);
    static constexpr qint64 s_parallelLoadThreshold = 50000;

    // The records with these rowids, in the given order (missing ones are skipped); every
    // record for allIncidents().
    QList<Incident> incidents(const QList<qint64> &rowids) const;
    QList<Incident> allIncidents() const;

private:
    struct Statements;
    Database &m_db;
    std::unique_ptr<Statements> m_st;
    bool m_bulk = false; // the document was empty: insert only, index once at the end
};
