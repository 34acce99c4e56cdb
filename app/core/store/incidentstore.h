#pragma once

#include "domain/incident.h"
#include "domain/incidentcolumns.h"
#include "store/columnscan.h"

#include <QHash>
#include <QList>
#include <QSet>
#include <QString>
#include <cstdint>
#include <memory>
#include <optional>
#include <unordered_set>
#include <vector>

class Database;
class Statement;

// Reads and writes incident records in a Database. Not thread-safe: use it in the thread that
// opened the database. Errors come back as false/nullopt plus a message.
class IncidentStore
{
public:
    // Repeated: this import already wrote a record with that id (an earlier row of the same
    // files); nothing is written.
    enum class Outcome { Inserted, Updated, Unchanged, Repeated };

    explicit IncidentStore(Database &db);
    ~IncidentStore();

    // An import session: call inside a Transaction. When the document holds no incidents
    // the full-text index is built once in finishImport() instead of row by row.
    bool beginImport(QString *errorMessage);
    // Inserts a new id, updates an existing one in place (the user's notes are kept), or
    // leaves it alone when the content is the same. An id the user owns (a record of "My
    // records", or an imported record edited or deleted locally: UserRecords) is left alone
    // and reported Unchanged; for an edited or deleted one the kept imported version is
    // refreshed, so Revert restores what the file now says.
    std::optional<Outcome> upsert(const Incident &incident, QString *errorMessage);
    bool finishImport(QString *errorMessage);
    // True once this import session changed the document: a record inserted or updated, or a
    // kept imported version refreshed. An import that changed nothing need not commit.
    bool importChangedDocument() const { return m_importChanged; }

    // One record written outside an import (UserRecords; call inside a Transaction): replaces
    // the row with the record's id, or inserts one, with `rowid` when it is 0 or more (an undone
    // deletion gets its place back). The record's notes are written too. Neither raises the
    // generation; the caller does. Returns the rowid, or nullopt with a message.
    std::optional<qint64> put(const Incident &incident, qint64 rowid, QString *errorMessage);
    // Deletes the record with this id, its countries, sources and index entry; true when
    // there was none.
    bool remove(const QString &id, QString *errorMessage);

    qint64 count() const;
    std::optional<Incident> incident(const QString &id) const;
    std::optional<Incident> incidentByRowid(qint64 rowid) const;
    bool setNotes(const QString &id, const QString &notes, QString *errorMessage);

    // Full-text search over title, summary, actor and tags. Each whitespace-separated word
    // of `userQuery` must match, the last one as a prefix (it may be half typed); FTS5
    // operators in it are taken literally.
    // A query that is an actor's name or alias (ActorNames) also matches every record whose
    // actor is any name of that actor.
    // Returns store rowids in ascending order.
    QList<qint64> search(const QString &userQuery, QString *errorMessage = nullptr) const;
    static QString toFtsQuery(const QString &userQuery);
    // `fts` (toFtsQuery of `userQuery`) widened by the actor's other names when `userQuery` names one.
    static QString withActorNames(const QString &userQuery, const QString &fts);

    // Every incident as columns (see IncidentColumns). Auto reads the document's column cache
    // (ColumnCache) when it is current and sound, else scans the rows; Scan always scans the
    // rows; Sequential scans them on this thread only. A scan of a document whose rowids span
    // s_parallelLoadThreshold or more, not Sequential, is done by two threads, each on a
    // read-only connection of its own (ColumnScan). On failure returns empty columns and
    // sets *errorMessage.
    enum class LoadMode { Auto, Scan, Sequential };
    IncidentColumns loadColumns(
        QString *errorMessage = nullptr, LoadMode mode = LoadMode::Auto, bool *fromCache = nullptr) const;
    static constexpr qint64 s_parallelLoadThreshold = ColumnScan::s_parallelThreshold;

    // The records with these rowids, in the given order (missing ones are skipped); every
    // record for allIncidents().
    QList<Incident> incidents(const QList<qint64> &rowids) const;
    QList<Incident> allIncidents() const;

private:
    struct Statements;
    bool prepareStatements(QString *errorMessage);
    // The steps of upsert().
    qint64 existingRowid(const QString &id);
    // Adds the record's words to the full-text index under `rowid` (its FTS insert statement
    // says why when false).
    bool index(qint64 rowid, const Incident &r, const QString &tags);
    bool unindex(qint64 rowid);
    static void bindRecord(Statement &st, const Incident &r, qint64 rowid, const QString &tags);
    const Statement *writeLists(const Incident &r, qint64 rowid, bool replace); // the failed statement, or null

    Database &m_db;
    std::unique_ptr<Statements> m_st;
    bool m_bulk = false; // the document was empty: insert only, index once at the end
    bool m_importChanged = false;
    QHash<QString, QString> m_userOwned; // during an import: id -> local_edit kind
    // The rows this import wrote, to tell a repeated id. Kept by rowid, one bit each (rowids
    // past s_touchedBits in a set), so a file of millions of records costs no id strings in
    // memory; a bulk import keeps nothing: the id's UNIQUE constraint tells it.
    static constexpr qint64 s_touchedBits = qint64(1) << 27;
    std::vector<std::uint64_t> m_touched;
    std::unordered_set<qint64> m_touchedFar;
    QSet<QString> m_userOwnedSeen; // ids the user owns that this import met
    bool touched(qint64 rowid) const;
    void touch(qint64 rowid);
    void forgetTouched();
};
