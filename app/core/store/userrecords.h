#pragma once

#include "domain/incident.h"

#include <QString>
#include <optional>

class Database;

// The user's own records and their local edits of imported records (ARCHITECTURE.md, "Your
// own records"). Table local_edit (schema 5) names every id the user owns, so imports leave
// it alone (IncidentStore::upsert):
//   User     a record the user wrote: dataset "My records", id "user-...";
//   Edited   an imported record the user changed; the imported version is kept for Revert;
//   Deleted  an imported record the user deleted; the imported version is kept, so a
//            re-import does not bring it back and an undo or Revert can.
// Every change is a move from one State to another: the window's undo commands keep both
// and apply() either. Records reach here validated (RecordValidator, as the importer does).
// Use in the thread that opened the database.
class UserRecords
{
public:
    enum class Kind { Imported, User, Edited, Deleted };

    // All the document holds about one id. `live` is the record the timeline shows (none when
    // deleted or unknown), at store rowid `rowid`; `imported` the kept imported version.
    struct State
    {
        QString id;
        Kind kind = Kind::Imported;
        std::optional<Incident> live;
        qint64 rowid = -1;
        std::optional<Incident> imported;

        bool isEditedLocally() const { return kind == Kind::Edited; }
    };

    static QString datasetName(); // "My records"
    static constexpr QStringView s_idPrefix = u"user-";

    explicit UserRecords(Database &db);

    State state(const QString &id) const;
    qint64 rowidOf(const QString &id) const; // -1 when the document has no such record
    // A fresh id for a new record: "user-" + the date + a counter unused in the document.
    QString newId() const;

    // The states each action leads to, from the current one (nothing is written).
    // A new record of "My records" (id and provenance set here when the record has no
    // "user-" id yet).
    State created(Incident record) const;
    // `record` replacing the live one: a user record stays the user's; an imported one
    // becomes Edited, keeping its imported version (its provenance is kept too).
    static State edited(const State &before, Incident record);
    // A user record disappears; an imported one becomes Deleted (its imported version kept).
    static State deleted(const State &before);
    // An Edited or Deleted record back to its imported version.
    static State reverted(const State &before);

    // Makes the document hold `target` for its id, in one transaction: the incident row (with
    // its countries, sources and full-text entry) and the local_edit row. Raises the
    // generation, so the column cache of before is not read again. On success *rowid is the
    // live record's rowid (-1 when there is none).
    bool apply(const State &target, qint64 *rowid = nullptr, QString *errorMessage = nullptr);

    // One record as a faultline JSON object, as local_edit keeps imported versions (notes and
    // provenance included), and back.
    static QString toJson(const Incident &record);
    static std::optional<Incident> fromJson(const QString &json);

private:
    Database &m_db;
};
