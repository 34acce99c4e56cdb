#pragma once

#include "domain/incident.h"
#include "query/incidentcolumns.h"

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
    enum class LoadMode { Auto, Sequential };
    IncidentColumns loadColumns(QString *errorMessage = nullptr, LoadMode mode = LoadMode::Auto) const;
    static constexpr qint64 s_parallelLoadThreshold = 50000;

    // Records in rowid order; all of them when `rowids` is empty and `all` is true.
    QList<Incident> incidents(const QList<qint64> &rowids) const;
    QList<Incident> allIncidents() const;

private:
    struct Statements;
    Database &m_db;
    std::unique_ptr<Statements> m_st;
    bool m_bulk = false; // the document was empty: insert only, index once at the end
};
