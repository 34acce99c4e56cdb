#include "store/userrecords.h"

#include "store/columncache.h"
#include "store/database.h"
#include "store/incidentstore.h"
#include "store/killpoint.h"
#include "store/statement.h"

#include <QCoreApplication>
#include <QDate>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace {
QString tr(const char *text)
{
    return QCoreApplication::translate("UserRecords", text);
}

QString kindKey(UserRecords::Kind kind)
{
    switch (kind) {
    case UserRecords::Kind::User:
        return QStringLiteral("user");
    case UserRecords::Kind::Edited:
        return QStringLiteral("edited");
    case UserRecords::Kind::Deleted:
        return QStringLiteral("deleted");
    case UserRecords::Kind::Imported:
        break;
    }
    return QString();
}

UserRecords::Kind kindFromKey(const QString &key)
{
    if (key == u"user")
        return UserRecords::Kind::User;
    if (key == u"edited")
        return UserRecords::Kind::Edited;
    if (key == u"deleted")
        return UserRecords::Kind::Deleted;
    return UserRecords::Kind::Imported;
}

QJsonArray toArray(const QStringList &list)
{
    return QJsonArray::fromStringList(list);
}

QStringList toList(const QJsonValue &value)
{
    QStringList list;
    for (const QJsonValue &v : value.toArray())
        list << v.toString();
    return list;
}

void setDate(QJsonObject &o, const char *key, const PartialDate &date)
{
    if (date.isValid())
        o.insert(QLatin1StringView(key), date.toString());
}

PartialDate date(const QJsonObject &o, const char *key)
{
    return PartialDate::parse(o.value(QLatin1StringView(key)).toString());
}
} // namespace

QString UserRecords::datasetName()
{
    return QStringLiteral("My records");
}

UserRecords::UserRecords(Database &db)
    : m_db(db)
{ }

UserRecords::State UserRecords::state(const QString &id) const
{
    State st;
    st.id = id;
    IncidentStore store(m_db);
    Statement row(m_db.handle(), "SELECT rowid FROM incident WHERE id = ?1");
    row.bind(1, id);
    if (row.step() == SQLITE_ROW) {
        st.rowid = row.int64(0);
        st.live = store.incidentByRowid(st.rowid);
    }
    Statement edit(m_db.handle(), "SELECT kind, imported FROM local_edit WHERE id = ?1");
    edit.bind(1, id);
    if (edit.step() == SQLITE_ROW) {
        st.kind = kindFromKey(edit.text(0));
        if (!edit.isNull(1))
            st.imported = fromJson(edit.text(1));
    }
    return st;
}

qint64 UserRecords::rowidOf(const QString &id) const
{
    Statement row(m_db.handle(), "SELECT rowid FROM incident WHERE id = ?1");
    row.bind(1, id);
    return row.step() == SQLITE_ROW ? row.int64(0) : -1;
}

QString UserRecords::newId() const
{
    const QString stem = s_idPrefix + QDate::currentDate().toString(u"yyyyMMdd") + u'-';
    Statement taken(
        m_db.handle(), "SELECT 1 FROM incident WHERE id = ?1 UNION ALL SELECT 1 FROM local_edit WHERE id = ?1");
    for (int n = 1;; ++n) {
        const QString id = stem + QString::number(n);
        taken.reset();
        taken.bind(1, id);
        if (taken.step() != SQLITE_ROW)
            return id;
    }
}

UserRecords::State UserRecords::created(Incident record) const
{
    if (!record.id.startsWith(s_idPrefix))
        record.id = newId();
    record.provenance = { datasetName(), QString(), QString() };
    State st;
    st.id = record.id;
    st.kind = Kind::User;
    st.live = std::move(record);
    return st;
}

UserRecords::State UserRecords::edited(const State &before, Incident record)
{
    State st = before;
    record.id = before.id;
    if (before.live) {
        record.provenance = before.live->provenance;
        record.notes = before.live->notes;
    }
    if (before.kind == Kind::Imported && before.live) {
        st.kind = Kind::Edited;
        st.imported = before.live;
    } else if (before.kind == Kind::Deleted) {
        st.kind = Kind::Edited;
    }
    st.live = std::move(record);
    return st;
}

UserRecords::State UserRecords::deleted(const State &before)
{
    State st = before;
    st.live.reset();
    if (before.kind == Kind::User) {
        st.kind = Kind::Imported; // nothing remains of it
        st.imported.reset();
    } else {
        st.kind = Kind::Deleted;
        if (before.kind == Kind::Imported)
            st.imported = before.live;
    }
    return st;
}

UserRecords::State UserRecords::reverted(const State &before)
{
    State st = before;
    if ((before.kind == Kind::Edited || before.kind == Kind::Deleted) && before.imported) {
        st.kind = Kind::Imported;
        Incident restored = *before.imported;
        if (before.live)
            restored.notes = before.live->notes; // the notes are the user's either way
        st.live = std::move(restored);
        st.imported.reset();
    }
    return st;
}

bool UserRecords::apply(const State &target, qint64 *rowid, QString *errorMessage)
{
    if (m_db.isReadOnly()) {
        if (errorMessage)
            *errorMessage = tr("the document is read-only");
        return false;
    }
    Transaction transaction(m_db);
    if (!transaction.isActive()) {
        if (errorMessage)
            *errorMessage = transaction.errorMessage();
        return false;
    }
    IncidentStore store(m_db);
    qint64 liveRowid = -1;
    if (target.live) {
        const std::optional<qint64> written = store.put(*target.live, target.rowid, errorMessage);
        if (!written)
            return false;
        liveRowid = *written;
    } else if (!store.remove(target.id, errorMessage)) {
        return false;
    }
    // The record is written (or gone) but local_edit does not say yet whose it is: a re-import
    // committed from here would overwrite an edit or bring a deleted record back.
    KillPoint::reach("record.mid");
    Statement edit(m_db.handle(),
        target.kind == Kind::Imported ? "DELETE FROM local_edit WHERE id = ?1"
                                      : "INSERT OR REPLACE INTO local_edit (id, kind, imported) VALUES (?1, ?2, ?3)");
    edit.bind(1, target.id);
    if (target.kind != Kind::Imported) {
        edit.bind(2, kindKey(target.kind));
        edit.bindOrNull(3, target.imported ? toJson(*target.imported) : QString());
    }
    if (!edit.exec()) {
        if (errorMessage)
            *errorMessage = tr("cannot record the local edit of %1: %2").arg(target.id, edit.errorMessage());
        return false;
    }
    // The generation says the stored column cache is out of date; the cache itself is left
    // for the next write to replace (deleting its pages would cost more than the edit).
    if (!m_db.exec(QStringLiteral("UPDATE document_meta SET value = value + 1 WHERE key = 'generation'"), errorMessage))
        return false;
    KillPoint::reach("record.before-commit");
    if (!transaction.commit()) {
        if (errorMessage)
            *errorMessage = transaction.errorMessage();
        return false;
    }
    KillPoint::reach("record.after-commit");
    if (rowid)
        *rowid = liveRowid;
    return true;
}

QString UserRecords::toJson(const Incident &r)
{
    QJsonObject o;
    o.insert(u"id", r.id);
    o.insert(u"title", r.title);
    setDate(o, "start", r.start);
    setDate(o, "end", r.end);
    o.insert(u"victims", toArray(r.victims));
    o.insert(u"attackers", toArray(r.attackers));
    o.insert(u"attribution", Vocabulary::attributionKey(r.attribution));
    o.insert(u"actor", r.actor);
    o.insert(u"type", Vocabulary::typeKey(r.type));
    o.insert(u"sectors", toArray(Vocabulary::sectorKeys(r.sectors)));
    setDate(o, "disclosed", r.disclosed);
    setDate(o, "attributed_on", r.attributedOn);
    o.insert(u"summary", r.summary);
    QJsonArray sources;
    for (const Source &s : r.sources) {
        QJsonObject source;
        source.insert(u"url", s.url);
        source.insert(u"title", s.title);
        source.insert(u"publisher", s.publisher);
        source.insert(u"date", s.date);
        sources.append(source);
    }
    o.insert(u"sources", sources);
    o.insert(u"tags", toArray(r.tags));
    o.insert(u"related", toArray(r.related));
    o.insert(u"notes", r.notes);
    QJsonObject provenance;
    provenance.insert(u"dataset", r.provenance.dataset);
    provenance.insert(u"file", r.provenance.file);
    provenance.insert(u"external_id", r.provenance.externalId);
    o.insert(u"provenance", provenance);
    return QString::fromUtf8(QJsonDocument(o).toJson(QJsonDocument::Compact));
}

std::optional<Incident> UserRecords::fromJson(const QString &json)
{
    const QJsonDocument doc = QJsonDocument::fromJson(json.toUtf8());
    if (!doc.isObject())
        return std::nullopt;
    const QJsonObject o = doc.object();
    Incident r;
    r.id = o.value(u"id").toString();
    r.title = o.value(u"title").toString();
    r.start = date(o, "start");
    if (r.id.isEmpty() || !r.start.isValid())
        return std::nullopt;
    r.end = date(o, "end");
    r.victims = toList(o.value(u"victims"));
    r.attackers = toList(o.value(u"attackers"));
    r.attribution = Vocabulary::attributionFromKey(o.value(u"attribution").toString()).value_or(Attribution::None);
    r.actor = o.value(u"actor").toString();
    r.type = Vocabulary::typeFromKey(o.value(u"type").toString()).value_or(IncidentType::Other);
    for (const QString &key : toList(o.value(u"sectors")))
        if (const auto s = Vocabulary::sectorFromKey(key))
            r.sectors |= sectorBit(*s);
    r.disclosed = date(o, "disclosed");
    r.attributedOn = date(o, "attributed_on");
    r.summary = o.value(u"summary").toString();
    for (const QJsonValue &v : o.value(u"sources").toArray()) {
        const QJsonObject s = v.toObject();
        r.sources.append({ s.value(u"url").toString(), s.value(u"title").toString(), s.value(u"publisher").toString(),
            s.value(u"date").toString() });
    }
    r.tags = toList(o.value(u"tags"));
    r.related = toList(o.value(u"related"));
    r.notes = o.value(u"notes").toString();
    const QJsonObject p = o.value(u"provenance").toObject();
    r.provenance = { p.value(u"dataset").toString(), p.value(u"file").toString(), p.value(u"external_id").toString() };
    return r;
}
