#include "store/incidentstore.h"

#include "domain/actornames.h"
#include "store/columncache.h"
#include "store/columnscan.h"
#include "store/database.h"
#include "store/killpoint.h"
#include "store/sqliteconnection.h"
#include "store/statement.h"
#include "store/userrecords.h"

#include <QCoreApplication>
#include <QLoggingCategory>
#include <QRegularExpression>

Q_DECLARE_LOGGING_CATEGORY(lcStore)

namespace {
QString tr(const char *text)
{
    return QCoreApplication::translate("IncidentStore", text);
}

const QChar s_listSeparator = u';';

constexpr const char *s_selectColumns
    = "SELECT rowid, id, title, start, \"end\", type, attribution, actor, sectors, summary, tags, related,"
      " dataset, source_file, external_id, notes, disclosed, attributed_on FROM incident ";

QStringList splitList(const QString &joined)
{
    return joined.isEmpty() ? QStringList() : joined.split(s_listSeparator, Qt::SkipEmptyParts);
}

// Back to the page cache every connection reads with (an import raises it while it runs).
void restoreReadingCache(Database &db)
{
    db.exec(QStringLiteral("PRAGMA cache_size = -%1").arg(Database::s_cacheKiB));
}
} // namespace

struct IncidentStore::Statements
{
    Statement findId;
    Statement insert;
    Statement update;
    Statement deleteCountries;
    Statement insertCountry;
    Statement deleteSources;
    Statement insertSource;
    Statement ftsInsert;
    Statement ftsDelete;
    Statement ftsOld;
    Statement insertWithRowid;
    Statement deleteIncident;
    Statement keepImported;
};

IncidentStore::IncidentStore(Database &db)
    : m_db(db)
{ }

IncidentStore::~IncidentStore()
{
    if (m_st) // an import that did not finish
        restoreReadingCache(m_db);
}

qint64 IncidentStore::count() const
{
    return m_db.scalar(QStringLiteral("SELECT count(*) FROM incident")).toLongLong();
}

bool IncidentStore::prepareStatements(QString *errorMessage)
{
    if (m_st)
        return true;
    sqlite3 *h = m_db.handle();
    m_st = std::make_unique<Statements>();
    Statements &s = *m_st;
    const bool ok = s.findId.prepare(h, "SELECT rowid FROM incident WHERE id = ?1")
        && s.insert.prepare(h,
            "INSERT INTO incident (id, title, start, \"end\", first_day, last_day, precision, type,"
            " attribution, actor, sectors, summary, tags, related, dataset, source_file,"
            " external_id, disclosed, attributed_on, notes)"
            " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19, ?21)")
        && s.insertWithRowid.prepare(h,
            "INSERT INTO incident (rowid, id, title, start, \"end\", first_day, last_day, precision, type,"
            " attribution, actor, sectors, summary, tags, related, dataset, source_file,"
            " external_id, disclosed, attributed_on, notes)"
            " VALUES (?22, ?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19, ?21)")
        && s.update.prepare(h,
            "UPDATE incident SET title = ?2, start = ?3, \"end\" = ?4, first_day = ?5, last_day = ?6,"
            " precision = ?7, type = ?8, attribution = ?9, actor = ?10, sectors = ?11, summary = ?12,"
            " tags = ?13, related = ?14, dataset = ?15, source_file = ?16, external_id = ?17,"
            " disclosed = ?18, attributed_on = ?19 WHERE rowid = ?20")
        && s.deleteCountries.prepare(h, "DELETE FROM incident_country WHERE incident = ?1")
        && s.insertCountry.prepare(
            h, "INSERT INTO incident_country (incident, role, position, code) VALUES (?1, ?2, ?3, ?4)")
        && s.deleteSources.prepare(h, "DELETE FROM source WHERE incident = ?1")
        && s.insertSource.prepare(h,
            "INSERT INTO source (incident, position, url, title, publisher, date)"
            " VALUES (?1, ?2, ?3, ?4, ?5, ?6)")
        && s.ftsInsert.prepare(
            h, "INSERT INTO incident_fts (rowid, title, summary, actor, tags) VALUES (?1, ?2, ?3, ?4, ?5)")
        && s.ftsDelete.prepare(h,
            "INSERT INTO incident_fts (incident_fts, rowid, title, summary, actor, tags)"
            " VALUES ('delete', ?1, ?2, ?3, ?4, ?5)")
        && s.ftsOld.prepare(h, "SELECT title, summary, actor, tags FROM incident WHERE rowid = ?1")
        && s.deleteIncident.prepare(h, "DELETE FROM incident WHERE rowid = ?1")
        && s.keepImported.prepare(
            h, "UPDATE local_edit SET imported = ?2 WHERE id = ?1 AND kind <> 'user' AND imported IS NOT ?2");
    if (!ok) {
        if (errorMessage)
            *errorMessage = tr("cannot prepare the statements: %1").arg(SqliteConnection::describeError(h));
        m_st.reset();
        return false;
    }
    return true;
}

bool IncidentStore::beginImport(QString *errorMessage)
{
    if (!prepareStatements(errorMessage))
        return false;
    m_userOwned.clear();
    m_importChanged = false;
    forgetTouched();
    {
        Statement owned(m_db.handle(), "SELECT id, kind FROM local_edit");
        while (owned.step() == SQLITE_ROW)
            m_userOwned.insert(owned.text(0), owned.text(1));
    }
    m_bulk = m_db.scalar(QStringLiteral("SELECT NOT EXISTS (SELECT 1 FROM incident)")).toBool();
    // Whatever this import changes, the cached columns no longer describe the document.
    if (!ColumnCache::invalidate(m_db, errorMessage)) {
        m_st.reset();
        return false;
    }
    // Index pages stay hot through a bulk insert with a bigger cache; finishImport() shrinks it.
    m_db.exec(QStringLiteral("PRAGMA cache_size = -131072"));
    // Building an index once after a bulk insert is cheaper than maintaining it row by row;
    // inside the import's transaction, so a rollback restores it.
    if (m_bulk && !m_db.exec(QStringLiteral("DROP INDEX IF EXISTS incident_country_code"), errorMessage)) {
        m_st.reset();
        return false;
    }
    return true;
}

bool IncidentStore::touched(qint64 rowid) const
{
    if (rowid >= 0 && rowid < s_touchedBits) {
        const auto word = std::size_t(rowid / 64);
        return word < m_touched.size() && (m_touched[word] >> (rowid % 64)) & 1;
    }
    return m_touchedFar.contains(rowid);
}

void IncidentStore::touch(qint64 rowid)
{
    if (rowid >= 0 && rowid < s_touchedBits) {
        const auto word = std::size_t(rowid / 64);
        if (word >= m_touched.size())
            m_touched.resize(std::max(word + 1, 2 * m_touched.size()), 0);
        m_touched[word] |= std::uint64_t(1) << (rowid % 64);
    } else {
        m_touchedFar.insert(rowid);
    }
}

void IncidentStore::forgetTouched()
{
    std::vector<std::uint64_t>().swap(m_touched);
    std::unordered_set<qint64>().swap(m_touchedFar);
    m_userOwnedSeen.clear();
}

qint64 IncidentStore::existingRowid(const QString &id)
{
    // Into a document that was empty, every record is new (the importer rejects repeated ids).
    if (m_bulk)
        return -1;
    Statement &find = m_st->findId;
    find.reset();
    find.bind(1, id);
    const qint64 rowid = find.step() == SQLITE_ROW ? find.int64(0) : -1;
    find.reset();
    return rowid;
}

bool IncidentStore::index(qint64 rowid, const Incident &r, const QString &tags)
{
    Statement &insert = m_st->ftsInsert;
    insert.reset();
    insert.bind(1, rowid);
    insert.bind(2, r.title);
    insert.bind(3, r.summary);
    insert.bind(4, r.actor);
    insert.bind(5, tags);
    return insert.exec();
}

bool IncidentStore::unindex(qint64 rowid)
{
    Statements &s = *m_st;
    s.ftsOld.reset();
    s.ftsOld.bind(1, rowid);
    bool ok = true;
    if (s.ftsOld.step() == SQLITE_ROW) {
        s.ftsDelete.reset();
        s.ftsDelete.bind(1, rowid);
        for (int c = 0; c < 4; ++c)
            s.ftsDelete.bind(c + 2, s.ftsOld.text(c));
        ok = s.ftsDelete.exec();
    }
    s.ftsOld.reset();
    return ok;
}

// Binds the record's columns to the insert or the update (which share their numbering).
void IncidentStore::bindRecord(Statement &st, const Incident &r, qint64 rowid, const QString &tags)
{
    st.reset();
    st.bind(1, r.id);
    st.bind(2, r.title);
    st.bind(3, r.start.toString());
    st.bindOrNull(4, r.end.isValid() ? r.end.toString() : QString());
    st.bind(5, r.firstDay());
    st.bind(6, r.lastDay());
    st.bind(7, int(r.start.precision()));
    st.bind(8, Vocabulary::typeKey(r.type));
    st.bind(9, Vocabulary::attributionKey(r.attribution));
    st.bind(10, r.actor);
    st.bind(11, Vocabulary::sectorKeys(r.sectors).join(s_listSeparator));
    st.bind(12, r.summary);
    st.bind(13, tags);
    st.bind(14, r.related.join(s_listSeparator));
    st.bind(15, r.provenance.dataset);
    st.bind(16, r.provenance.file);
    st.bind(17, r.provenance.externalId);
    st.bindOrNull(18, r.disclosed.isValid() ? r.disclosed.toString() : QString());
    st.bindOrNull(19, r.attributedOn.isValid() ? r.attributedOn.toString() : QString());
    if (rowid >= 0)
        st.bind(20, rowid);
    else
        st.bind(21, r.notes); // a new record may bring notes (an exported document); updates never touch them
}

// The record's countries and sources, after those of its earlier version when `replace`.
const Statement *IncidentStore::writeLists(const Incident &r, qint64 rowid, bool replace)
{
    Statements &s = *m_st;
    if (replace) {
        s.deleteCountries.reset();
        s.deleteCountries.bind(1, rowid);
        s.deleteSources.reset();
        s.deleteSources.bind(1, rowid);
        if (!s.deleteCountries.exec() || !s.deleteSources.exec())
            return &s.deleteCountries;
    }
    const QStringList *lists[2] = { &r.victims, &r.attackers };
    for (int role = 0; role < 2; ++role) {
        int position = 0;
        for (const QString &code : *lists[role]) {
            s.insertCountry.reset();
            s.insertCountry.bind(1, rowid);
            s.insertCountry.bind(2, role);
            s.insertCountry.bind(3, position++);
            s.insertCountry.bind(4, code);
            if (!s.insertCountry.exec())
                return &s.insertCountry;
        }
    }
    int position = 0;
    for (const Source &src : r.sources) {
        s.insertSource.reset();
        s.insertSource.bind(1, rowid);
        s.insertSource.bind(2, position++);
        s.insertSource.bind(3, src.url);
        s.insertSource.bind(4, src.title);
        s.insertSource.bind(5, src.publisher);
        s.insertSource.bind(6, src.date);
        if (!s.insertSource.exec())
            return &s.insertSource;
    }
    return nullptr;
}

std::optional<IncidentStore::Outcome> IncidentStore::upsert(const Incident &r, QString *errorMessage)
{
    Q_ASSERT(m_st);
    Statements &s = *m_st;
    auto fail = [&](const Statement &st, const char *what) -> std::optional<Outcome> {
        if (errorMessage)
            *errorMessage = tr("%1 %2: %3").arg(QString::fromLatin1(what), r.id, st.errorMessage());
        return std::nullopt;
    };

    if (const auto owned = m_userOwned.constFind(r.id); owned != m_userOwned.cend()) {
        // The user's: the live record stays as the user left it.
        if (m_userOwnedSeen.contains(r.id))
            return Outcome::Repeated;
        m_userOwnedSeen.insert(r.id);
        if (*owned != u"user") {
            s.keepImported.reset();
            s.keepImported.bind(1, r.id);
            s.keepImported.bind(2, UserRecords::toJson(r));
            if (!s.keepImported.exec())
                return fail(s.keepImported, "cannot keep the imported version of");
            m_importChanged = m_importChanged || sqlite3_changes(m_db.handle()) > 0;
        }
        return Outcome::Unchanged;
    }
    qint64 rowid = existingRowid(r.id);
    if (rowid >= 0 && touched(rowid))
        return Outcome::Repeated;
    const bool update = rowid >= 0;
    if (update) {
        const std::optional<Incident> old = incidentByRowid(rowid);
        if (old && old->sameContent(r)) {
            touch(rowid);
            return Outcome::Unchanged;
        }
        if (!unindex(rowid))
            return fail(s.ftsDelete, "cannot unindex");
    }
    Statement &st = update ? s.update : s.insert;
    const QString tags = r.tags.join(s_listSeparator);
    bindRecord(st, r, rowid, tags);
    if (!st.exec()) {
        // Into a document that was empty every row is this import's: an id already there is a
        // repeat (existingRowid does not look, to spare a lookup per row).
        if (!update && m_bulk && sqlite3_extended_errcode(m_db.handle()) == SQLITE_CONSTRAINT_UNIQUE) {
            st.reset();
            return Outcome::Repeated;
        }
        return fail(st, update ? "cannot update" : "cannot insert");
    }
    if (!update)
        rowid = sqlite3_last_insert_rowid(m_db.handle());
    if (!m_bulk)
        touch(rowid);
    if (const Statement *failed = writeLists(r, rowid, update))
        return fail(*failed,
            failed == &s.insertSource        ? "cannot store the sources of"
                : failed == &s.insertCountry ? "cannot store the countries of"
                                             : "cannot update");
    if (!m_bulk && !index(rowid, r, tags))
        return fail(s.ftsInsert, "cannot index");
    m_importChanged = true;
    return update ? Outcome::Updated : Outcome::Inserted;
}

std::optional<qint64> IncidentStore::put(const Incident &r, qint64 rowid, QString *errorMessage)
{
    if (!prepareStatements(errorMessage))
        return std::nullopt;
    Statements &s = *m_st;
    auto fail = [&](const Statement &st, const char *what) -> std::optional<qint64> {
        if (errorMessage)
            *errorMessage = tr("%1 %2: %3").arg(QString::fromLatin1(what), r.id, st.errorMessage());
        return std::nullopt;
    };
    s.findId.reset();
    s.findId.bind(1, r.id);
    const qint64 existing = s.findId.step() == SQLITE_ROW ? s.findId.int64(0) : -1;
    s.findId.reset();
    const QString tags = r.tags.join(s_listSeparator);
    if (existing >= 0) {
        if (!unindex(existing))
            return fail(s.ftsDelete, "cannot unindex");
        bindRecord(s.update, r, existing, tags);
        if (!s.update.exec())
            return fail(s.update, "cannot update");
        Statement notes(m_db.handle(), "UPDATE incident SET notes = ?2 WHERE rowid = ?1");
        notes.bind(1, existing);
        notes.bind(2, r.notes);
        if (!notes.exec())
            return fail(notes, "cannot update");
        rowid = existing;
    } else {
        Statement &st = rowid >= 0 ? s.insertWithRowid : s.insert;
        bindRecord(st, r, -1, tags);
        if (rowid >= 0)
            st.bind(22, rowid);
        if (!st.exec())
            return fail(st, "cannot insert");
        rowid = sqlite3_last_insert_rowid(m_db.handle());
    }
    // Only a user's edit puts one record (UserRecords::apply); its row now disagrees with its
    // countries, sources and full-text entry.
    KillPoint::reach("record.row");
    if (const Statement *failed = writeLists(r, rowid, existing >= 0))
        return fail(*failed, "cannot store the countries and sources of");
    if (!index(rowid, r, tags))
        return fail(s.ftsInsert, "cannot index");
    return rowid;
}

bool IncidentStore::remove(const QString &id, QString *errorMessage)
{
    if (!prepareStatements(errorMessage))
        return false;
    Statements &s = *m_st;
    s.findId.reset();
    s.findId.bind(1, id);
    const qint64 rowid = s.findId.step() == SQLITE_ROW ? s.findId.int64(0) : -1;
    s.findId.reset();
    if (rowid < 0)
        return true;
    s.deleteCountries.reset();
    s.deleteCountries.bind(1, rowid);
    s.deleteSources.reset();
    s.deleteSources.bind(1, rowid);
    s.deleteIncident.reset();
    s.deleteIncident.bind(1, rowid);
    const bool ok = unindex(rowid) && s.deleteCountries.exec() && s.deleteSources.exec() && s.deleteIncident.exec();
    if (!ok && errorMessage)
        *errorMessage = tr("cannot delete %1: %2").arg(id, SqliteConnection::describeError(m_db.handle()));
    return ok;
}

bool IncidentStore::finishImport(QString *errorMessage)
{
    m_st.reset();
    m_userOwned.clear();
    forgetTouched();
    restoreReadingCache(m_db);
    if (m_bulk) {
        m_bulk = false;
        QString error;
        if (!m_db.exec(QStringLiteral("CREATE INDEX incident_country_code ON incident_country(code, role);"
                                      "INSERT INTO incident_fts (incident_fts) VALUES ('rebuild')"),
                &error)) {
            if (errorMessage)
                *errorMessage = tr("cannot build the full-text index: %1").arg(error);
            return false;
        }
    }
    return true;
}

std::optional<Incident> IncidentStore::incident(const QString &id) const
{
    Statement st(m_db.handle(), "SELECT rowid FROM incident WHERE id = ?1");
    st.bind(1, id);
    if (st.step() != SQLITE_ROW)
        return std::nullopt;
    return incidentByRowid(st.int64(0));
}

std::optional<Incident> IncidentStore::incidentByRowid(qint64 rowid) const
{
    const QList<Incident> list = incidents({ rowid });
    if (list.isEmpty())
        return std::nullopt;
    return list.first();
}

QList<Incident> IncidentStore::allIncidents() const
{
    QList<qint64> rowids;
    Statement st(m_db.handle(), "SELECT rowid FROM incident ORDER BY rowid");
    while (st.step() == SQLITE_ROW)
        rowids.append(st.int64(0));
    return incidents(rowids);
}

QList<Incident> IncidentStore::incidents(const QList<qint64> &rowids) const
{
    QList<Incident> result;
    result.reserve(rowids.size());
    sqlite3 *h = m_db.handle();
    const QByteArray sql = QByteArray(s_selectColumns) + QByteArray("WHERE rowid = ?1");
    Statement main(h, sql.constData());
    Statement countries(h, "SELECT role, code FROM incident_country WHERE incident = ?1 ORDER BY role, position");
    Statement sources(h, "SELECT url, title, publisher, date FROM source WHERE incident = ?1 ORDER BY position");
    // One read transaction for the whole batch (unless one is open already): outside a
    // transaction every statement takes and drops the file lock, system calls that cost more
    // than the lookups themselves.
    const bool ownTransaction = sqlite3_get_autocommit(h) != 0;
    if (ownTransaction)
        sqlite3_exec(h, "BEGIN", nullptr, nullptr, nullptr);
    for (const qint64 rowid : rowids) {
        main.reset();
        main.bind(1, rowid);
        if (main.step() != SQLITE_ROW)
            continue;
        Incident r;
        r.id = main.text(1);
        r.title = main.text(2);
        r.start = PartialDate::parse(main.text(3));
        if (!main.isNull(4))
            r.end = PartialDate::parse(main.text(4));
        r.type = Vocabulary::typeFromKey(main.text(5)).value_or(IncidentType::Other);
        r.attribution = Vocabulary::attributionFromKey(main.text(6)).value_or(Attribution::None);
        r.actor = main.text(7);
        r.sectors = ColumnScan::sectorMask(main.text(8));
        r.summary = main.text(9);
        r.tags = splitList(main.text(10));
        r.related = splitList(main.text(11));
        r.provenance = { main.text(12), main.text(13), main.text(14) };
        r.notes = main.text(15);
        if (!main.isNull(16))
            r.disclosed = PartialDate::parse(main.text(16));
        if (!main.isNull(17))
            r.attributedOn = PartialDate::parse(main.text(17));
        countries.reset();
        countries.bind(1, rowid);
        while (countries.step() == SQLITE_ROW)
            (countries.integer(0) == 0 ? r.victims : r.attackers).append(countries.text(1));
        sources.reset();
        sources.bind(1, rowid);
        while (sources.step() == SQLITE_ROW)
            r.sources.append({ sources.text(0), sources.text(1), sources.text(2), sources.text(3) });
        result.append(std::move(r));
    }
    if (ownTransaction)
        sqlite3_exec(h, "COMMIT", nullptr, nullptr, nullptr);
    return result;
}

bool IncidentStore::setNotes(const QString &id, const QString &notes, QString *errorMessage)
{
    if (m_db.isReadOnly()) {
        if (errorMessage)
            *errorMessage = tr("the document is read-only");
        return false;
    }
    Statement st(m_db.handle(), "UPDATE incident SET notes = ?2 WHERE id = ?1");
    st.bind(1, id);
    st.bind(2, notes);
    if (!st.exec() || sqlite3_changes(m_db.handle()) != 1) {
        if (errorMessage)
            *errorMessage = tr("cannot save the notes of %1: %2").arg(id, st.errorMessage());
        return false;
    }
    return true;
}

QString IncidentStore::toFtsQuery(const QString &userQuery)
{
    // Every word must match; only the last one as a prefix, since that is the word being typed
    // (a prefix term costs several times an exact one on a large index).
    const QStringList words = userQuery.split(QRegularExpression(QStringLiteral("\\s+")), Qt::SkipEmptyParts);
    QStringList terms;
    for (qsizetype i = 0; i < words.size(); ++i) {
        QString word = words.at(i);
        word.replace(u'"', QStringLiteral("\"\""));
        terms.append(u'"' + word + (i + 1 == words.size() ? QStringLiteral("\"*") : QStringLiteral("\"")));
    }
    return terms.join(u' ');
}

QString IncidentStore::withActorNames(const QString &userQuery, const QString &fts)
{
    // A query that names an actor (by its canonical name or an alias) also finds the records
    // that name the actor any other way: "Fancy Bear" finds the records of APT28.
    const ActorNames &actors = ActorNames::instance();
    if (fts.isEmpty() || !actors.isKnown(userQuery))
        return fts;
    QStringList phrases;
    for (QString name : actors.allNames(userQuery)) {
        name.replace(u'"', QStringLiteral("\"\""));
        phrases << u'"' + name + u'"';
    }
    return QStringLiteral("(%1) OR actor : (%2)").arg(fts, phrases.join(QStringLiteral(" OR ")));
}

QList<qint64> IncidentStore::search(const QString &userQuery, QString *errorMessage) const
{
    QList<qint64> rowids;
    const QString fts = withActorNames(userQuery, toFtsQuery(userQuery));
    if (fts.isEmpty())
        return rowids;
    Statement st(m_db.handle(), "SELECT rowid FROM incident_fts WHERE incident_fts MATCH ?1 ORDER BY rowid");
    st.bind(1, fts);
    int rc;
    while ((rc = st.step()) == SQLITE_ROW)
        rowids.append(st.int64(0));
    if (rc != SQLITE_DONE && errorMessage)
        *errorMessage = tr("search failed: %1").arg(st.errorMessage());
    return rowids;
}

IncidentColumns IncidentStore::loadColumns(QString *errorMessage, LoadMode mode, bool *fromCache) const
{
    if (fromCache)
        *fromCache = false;
    if (mode == LoadMode::Auto) {
        QString whyNot;
        if (std::optional<IncidentColumns> cached = ColumnCache::read(m_db, &whyNot)) {
            if (fromCache)
                *fromCache = true;
            // A cache written by an older Faultline may hold names the actor table now merges.
            cached->canonicaliseActors(ActorNames::instance());
            return std::move(*cached);
        }
        qCDebug(lcStore) << "column cache not used:" << whyNot;
    }
    std::optional<IncidentColumns> scanned = ColumnScan::scan(m_db, mode != LoadMode::Sequential, errorMessage);
    if (!scanned)
        return IncidentColumns();
    // The facet, the rows and the table show one name per actor, whatever a record spelt.
    scanned->canonicaliseActors(ActorNames::instance());
    return std::move(*scanned);
}
