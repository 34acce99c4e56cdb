#include "store/incidentstore.h"

#include "store/columncache.h"
#include "store/database.h"
#include "store/statement.h"

#include <QCoreApplication>
#include <QHash>
#include <QLoggingCategory>
#include <QRegularExpression>
#include <algorithm>
#include <cstring>
#include <string>
#include <string_view>
#include <thread>
#include <unordered_map>

Q_DECLARE_LOGGING_CATEGORY(lcStore)

namespace {
QString tr(const char *text)
{
    return QCoreApplication::translate("IncidentStore", text);
}

// std::string keys looked up by std::string_view without building a key (C++20).
struct ViewHash
{
    using is_transparent = void;
    std::size_t operator()(std::string_view v) const { return std::hash<std::string_view> {}(v); }
};
template <typename T> using ViewMap = std::unordered_map<std::string, T, ViewHash, std::equal_to<>>;

const QChar s_listSeparator = u';';

constexpr const char *s_selectColumns
    = "SELECT rowid, id, title, start, \"end\", type, attribution, actor, sectors, summary, tags, related,"
      " dataset, source_file, external_id, notes, disclosed, attributed_on FROM incident ";

QStringList splitList(const QString &joined)
{
    return joined.isEmpty() ? QStringList() : joined.split(s_listSeparator, Qt::SkipEmptyParts);
}

SectorMask sectorMask(const QString &joined)
{
    SectorMask mask = 0;
    for (const QString &key : splitList(joined)) {
        if (const auto s = Vocabulary::sectorFromKey(key))
            mask |= sectorBit(*s);
    }
    return mask;
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
};

IncidentStore::IncidentStore(Database &db)
    : m_db(db)
{ }

IncidentStore::~IncidentStore()
{
    if (m_st) // an import that did not finish: back to the reading cache size
        m_db.exec(QStringLiteral("PRAGMA cache_size = -16384"));
}

qint64 IncidentStore::count() const
{
    return m_db.scalar(QStringLiteral("SELECT count(*) FROM incident")).toLongLong();
}

bool IncidentStore::beginImport(QString *errorMessage)
{
    sqlite3 *h = m_db.handle();
    m_st = std::make_unique<Statements>();
    Statements &s = *m_st;
    const bool ok = s.findId.prepare(h, "SELECT rowid FROM incident WHERE id = ?1")
        && s.insert.prepare(h,
            "INSERT INTO incident (id, title, start, \"end\", first_day, last_day, precision, type,"
            " attribution, actor, sectors, summary, tags, related, dataset, source_file,"
            " external_id, disclosed, attributed_on, notes)"
            " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19, ?21)")
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
        && s.ftsOld.prepare(h, "SELECT title, summary, actor, tags FROM incident WHERE rowid = ?1");
    if (!ok) {
        if (errorMessage)
            *errorMessage = tr("cannot prepare the import: %1").arg(QString::fromUtf8(sqlite3_errmsg(h)));
        m_st.reset();
        return false;
    }
    m_bulk = m_db.scalar(QStringLiteral("SELECT NOT EXISTS (SELECT 1 FROM incident)")).toBool();
    // Whatever this import changes, the cached columns no longer describe the document.
    if (!m_db.exec(QStringLiteral("UPDATE document_meta SET value = value + 1 WHERE key = 'generation';"
                                  "DELETE FROM column_cache"),
            errorMessage)) {
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

std::optional<IncidentStore::Outcome> IncidentStore::upsert(const Incident &r, QString *errorMessage)
{
    Q_ASSERT(m_st);
    Statements &s = *m_st;
    auto fail = [&](const Statement &st, const char *what) -> std::optional<Outcome> {
        if (errorMessage)
            *errorMessage = tr("%1 %2: %3").arg(QString::fromLatin1(what), r.id, st.errorMessage());
        return std::nullopt;
    };

    // Into a document that was empty, every record is new (the importer rejects repeated ids).
    qint64 rowid = -1;
    if (!m_bulk) {
        s.findId.reset();
        s.findId.bind(1, r.id);
        if (s.findId.step() == SQLITE_ROW)
            rowid = s.findId.int64(0);
        s.findId.reset();
    }

    if (rowid >= 0) {
        const std::optional<Incident> old = incidentByRowid(rowid);
        if (old && old->sameContent(r))
            return Outcome::Unchanged;
        if (!m_bulk) {
            s.ftsOld.reset();
            s.ftsOld.bind(1, rowid);
            if (s.ftsOld.step() == SQLITE_ROW) {
                s.ftsDelete.reset();
                s.ftsDelete.bind(1, rowid);
                for (int c = 0; c < 4; ++c)
                    s.ftsDelete.bind(c + 2, s.ftsOld.text(c));
                if (!s.ftsDelete.exec())
                    return fail(s.ftsDelete, "cannot unindex");
            }
            s.ftsOld.reset();
        }
    }

    Statement &st = rowid >= 0 ? s.update : s.insert;
    const QString tags = r.tags.join(s_listSeparator);
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
    if (!st.exec())
        return fail(st, rowid >= 0 ? "cannot update" : "cannot insert");
    if (rowid < 0)
        rowid = sqlite3_last_insert_rowid(m_db.handle());

    if (st.get() == s.update.get()) {
        s.deleteCountries.reset();
        s.deleteCountries.bind(1, rowid);
        s.deleteSources.reset();
        s.deleteSources.bind(1, rowid);
        if (!s.deleteCountries.exec() || !s.deleteSources.exec())
            return fail(s.deleteCountries, "cannot update");
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
                return fail(s.insertCountry, "cannot store the countries of");
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
            return fail(s.insertSource, "cannot store the sources of");
    }
    if (!m_bulk) {
        s.ftsInsert.reset();
        s.ftsInsert.bind(1, rowid);
        s.ftsInsert.bind(2, r.title);
        s.ftsInsert.bind(3, r.summary);
        s.ftsInsert.bind(4, r.actor);
        s.ftsInsert.bind(5, tags);
        if (!s.ftsInsert.exec())
            return fail(s.ftsInsert, "cannot index");
    }
    return st.get() == s.update.get() ? Outcome::Updated : Outcome::Inserted;
}

bool IncidentStore::finishImport(QString *errorMessage)
{
    m_st.reset();
    m_db.exec(QStringLiteral("PRAGMA cache_size = -16384"));
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
        r.sectors = sectorMask(main.text(8));
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

QList<qint64> IncidentStore::search(const QString &userQuery, QString *errorMessage) const
{
    QList<qint64> rowids;
    const QString fts = toFtsQuery(userQuery);
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

namespace {
// Reads incidents with rowid in [fromRowid, toRowid) into `c` (empty on entry), countries
// included. Runs on whichever connection it is given, so two can run at once.
bool scanColumns(
    sqlite3 *h, qint64 fromRowid, qint64 toRowid, qint64 expected, IncidentColumns &c, QString *errorMessage)
{
    expected = std::clamp<qint64>(expected, 0, 50'000'000); // a hint; rowids can be sparse
    c.rowid.reserve(expected);
    c.firstDay.reserve(expected);
    c.lastDay.reserve(expected);
    c.precision.reserve(expected);
    c.hasEnd.reserve(expected);
    c.type.reserve(expected);
    c.attribution.reserve(expected);
    c.sectors.reserve(expected);
    c.actor.reserve(expected);
    c.dataset.reserve(expected);
    c.idOffset.reserve(expected + 1);
    c.titleOffset.reserve(expected + 1);
    c.idOffset.push_back(0);
    c.titleOffset.push_back(0);
    c.actors.append(QString());
    c.idText.reserve(expected * 16);
    c.titleText.reserve(expected * 64);

    // Repeated strings are looked up by view, so the million-row loop allocates nothing.
    ViewMap<quint32> actorIndex;
    ViewMap<quint16> datasetIndex;
    ViewMap<SectorMask> sectorCache;
    ViewMap<quint8> typeCache;
    ViewMap<quint8> attributionCache;
    auto lookup = [](auto &map, QByteArrayView key, auto &&make) {
        const std::string_view view(key.data(), std::size_t(key.size()));
        auto it = map.find(view);
        if (it == map.end())
            it = map.emplace(std::string(view), make()).first;
        return it->second;
    };

    Statement st(h,
        "SELECT rowid, id, title, first_day, last_day, precision, \"end\" IS NOT NULL, type, attribution,"
        " actor, sectors, dataset FROM incident WHERE rowid >= ?1 AND rowid < ?2 ORDER BY rowid");
    st.bind(1, fromRowid);
    st.bind(2, toRowid);
    int rc;
    while ((rc = st.step()) == SQLITE_ROW) {
        c.rowid.push_back(st.int64(0));
        c.idText.append(st.utf8(1));
        c.idOffset.push_back(quint32(c.idText.size()));
        c.titleText.append(st.utf8(2));
        c.titleOffset.push_back(quint32(c.titleText.size()));
        c.firstDay.push_back(qint32(st.int64(3)));
        c.lastDay.push_back(qint32(st.int64(4)));
        c.precision.push_back(quint8(st.integer(5)));
        c.hasEnd.push_back(quint8(st.integer(6)));
        const QByteArrayView typeKey = st.utf8(7);
        c.type.push_back(lookup(typeCache, typeKey,
            [&] { return quint8(Vocabulary::typeFromKey(QString::fromUtf8(typeKey)).value_or(IncidentType::Other)); }));
        const QByteArrayView attributionKey = st.utf8(8);
        c.attribution.push_back(lookup(attributionCache, attributionKey, [&] {
            return quint8(
                Vocabulary::attributionFromKey(QString::fromUtf8(attributionKey)).value_or(Attribution::None));
        }));
        const QByteArrayView actorText = st.utf8(9);
        c.actor.push_back(actorText.isEmpty() ? 0 : lookup(actorIndex, actorText, [&] {
            c.actors.append(QString::fromUtf8(actorText));
            return quint32(c.actors.size() - 1);
        }));
        const QByteArrayView sectorText = st.utf8(10);
        c.sectors.push_back(lookup(sectorCache, sectorText, [&] { return sectorMask(QString::fromUtf8(sectorText)); }));
        const QByteArrayView datasetKey = st.utf8(11);
        c.dataset.push_back(lookup(datasetIndex, datasetKey, [&] {
            c.datasets.append(QString::fromUtf8(datasetKey));
            return quint16(c.datasets.size() - 1);
        }));
    }
    if (rc != SQLITE_DONE) {
        if (errorMessage)
            *errorMessage = tr("cannot read the incidents: %1").arg(st.errorMessage());
        return false;
    }

    // Countries, in incident order; the rowids ascend, so a merge walk fills the offsets.
    const std::size_t count = c.rowid.size();
    c.victimOffset.assign(count + 1, 0);
    c.attackerOffset.assign(count + 1, 0);
    QHash<quint16, quint16> countryIndex; // packed two-letter code -> index
    Statement cs(h,
        "SELECT incident, role, code FROM incident_country WHERE incident >= ?1 AND incident < ?2"
        " ORDER BY incident, role, position");
    cs.bind(1, fromRowid);
    cs.bind(2, toRowid);
    std::size_t i = 0;
    std::vector<std::uint32_t> victimsPer(count, 0), attackersPer(count, 0);
    while ((rc = cs.step()) == SQLITE_ROW) {
        const qint64 incident = cs.int64(0);
        while (i < count && c.rowid[i] < incident)
            ++i;
        if (i == count || c.rowid[i] != incident)
            continue;
        const QByteArrayView code = cs.utf8(2);
        const quint16 packed = code.size() == 2 ? quint16((quint8(code[0]) << 8) | quint8(code[1])) : 0;
        auto it = countryIndex.find(packed);
        if (it == countryIndex.end()) {
            it = countryIndex.insert(packed, quint16(c.countries.size()));
            c.countries.append(QString::fromUtf8(code));
        }
        if (cs.integer(1) == 0) {
            c.victimCodes.push_back(*it);
            ++victimsPer[i];
        } else {
            c.attackerCodes.push_back(*it);
            ++attackersPer[i];
        }
    }
    if (rc != SQLITE_DONE) {
        if (errorMessage)
            *errorMessage = tr("cannot read the countries of the incidents: %1").arg(cs.errorMessage());
        return false;
    }
    for (std::size_t k = 0; k < count; ++k) {
        c.victimOffset[k + 1] = c.victimOffset[k] + victimsPer[k];
        c.attackerOffset[k + 1] = c.attackerOffset[k] + attackersPer[k];
    }
    return true;
}

// Maps each string of `from` to its index in `into`, adding the ones it lacks.
template <typename Index> std::vector<Index> mergeTable(QStringList &into, const QStringList &from)
{
    QHash<QString, Index> known;
    for (qsizetype k = 0; k < into.size(); ++k)
        known.insert(into.at(k), Index(k));
    std::vector<Index> map(std::size_t(from.size()));
    for (qsizetype k = 0; k < from.size(); ++k) {
        auto it = known.constFind(from.at(k));
        if (it == known.cend()) {
            it = known.insert(from.at(k), Index(into.size()));
            into.append(from.at(k));
        }
        map[std::size_t(k)] = *it;
    }
    return map;
}

// Appends `b` (whose rowids all follow a's) to `a`, re-indexing b's interned strings.
void appendColumns(IncidentColumns &a, IncidentColumns &&b)
{
    auto append = [](auto &to, const auto &from) { to.insert(to.end(), from.begin(), from.end()); };
    append(a.rowid, b.rowid);
    append(a.firstDay, b.firstDay);
    append(a.lastDay, b.lastDay);
    append(a.precision, b.precision);
    append(a.hasEnd, b.hasEnd);
    append(a.type, b.type);
    append(a.attribution, b.attribution);
    append(a.sectors, b.sectors);

    // a.actors[0] and b.actors[0] are both "", so index 0 maps to 0.
    const auto actorMap = mergeTable<std::uint32_t>(a.actors, b.actors);
    for (const auto k : b.actor)
        a.actor.push_back(actorMap[k]);
    const auto datasetMap = mergeTable<std::uint16_t>(a.datasets, b.datasets);
    for (const auto k : b.dataset)
        a.dataset.push_back(datasetMap[k]);
    const auto countryMap = mergeTable<std::uint16_t>(a.countries, b.countries);
    auto appendCsr = [&](std::vector<std::uint32_t> &offsets, std::vector<std::uint16_t> &codes,
                         const std::vector<std::uint32_t> &bOffsets, const std::vector<std::uint16_t> &bCodes) {
        const std::uint32_t base = offsets.back();
        for (std::size_t k = 1; k < bOffsets.size(); ++k)
            offsets.push_back(base + bOffsets[k]);
        for (const auto code : bCodes)
            codes.push_back(countryMap[code]);
    };
    appendCsr(a.victimOffset, a.victimCodes, b.victimOffset, b.victimCodes);
    appendCsr(a.attackerOffset, a.attackerCodes, b.attackerOffset, b.attackerCodes);

    auto appendText = [](QByteArray &text, std::vector<std::uint32_t> &offsets, const QByteArray &bText,
                          const std::vector<std::uint32_t> &bOffsets) {
        const std::uint32_t base = std::uint32_t(text.size());
        text.append(bText);
        for (std::size_t k = 1; k < bOffsets.size(); ++k)
            offsets.push_back(base + bOffsets[k]);
    };
    appendText(a.idText, a.idOffset, b.idText, b.idOffset);
    appendText(a.titleText, a.titleOffset, b.titleText, b.titleOffset);
}
} // namespace

qint64 IncidentStore::generation() const
{
    return m_db.scalar(QStringLiteral("SELECT value FROM document_meta WHERE key = 'generation'")).toLongLong();
}

namespace {
constexpr qsizetype s_cachePartBytes = 16 * 1024 * 1024; // below the connection's blob limit

// Reads the cache's parts in order as one stream, a part at a time.
class CachePartsReader : public QIODevice
{
public:
    CachePartsReader(sqlite3 *h, qint64 generation, qint64 size)
        : m_statement(h, "SELECT data FROM column_cache WHERE generation = ?1 ORDER BY part")
        , m_size(size)
    {
        m_statement.bind(1, generation);
        open(QIODevice::ReadOnly);
    }
    qint64 size() const override { return m_size; }
    bool seek(qint64 position) override { return position == pos() && QIODevice::seek(position); }

protected:
    qint64 readData(char *data, qint64 length) override
    {
        qint64 done = 0;
        while (done < length) {
            if (m_offset == m_part.size()) {
                if (m_statement.step() != SQLITE_ROW)
                    break;
                const auto *blob = static_cast<const char *>(sqlite3_column_blob(m_statement.get(), 0));
                m_part = QByteArrayView(blob, sqlite3_column_bytes(m_statement.get(), 0));
                m_offset = 0;
                continue;
            }
            const qint64 chunk = std::min<qint64>(length - done, m_part.size() - m_offset);
            std::memcpy(data + done, m_part.data() + m_offset, std::size_t(chunk));
            m_offset += qsizetype(chunk);
            done += chunk;
        }
        return done;
    }
    qint64 writeData(const char *, qint64) override { return -1; }

private:
    Statement m_statement;
    qint64 m_size;
    QByteArrayView m_part; // valid until the next step
    qsizetype m_offset = 0;
};

std::optional<IncidentColumns> readColumnCache(sqlite3 *h, qint64 generation, QString *whyNot)
{
    Statement total(h, "SELECT count(*), total(length(data)) FROM column_cache WHERE generation = ?1");
    total.bind(1, generation);
    if (total.step() != SQLITE_ROW || total.int64(0) == 0) {
        if (whyNot)
            *whyNot = QStringLiteral("no cache for this generation");
        return std::nullopt;
    }
    CachePartsReader reader(h, generation, qint64(sqlite3_column_double(total.get(), 1)));
    return ColumnCache::decode(&reader, reader.size(), whyNot);
}
} // namespace

bool IncidentStore::writeColumnCache(
    const QString &path, const IncidentColumns &columns, qint64 generation, QString *errorMessage)
{
    sqlite3 *db = nullptr;
    bool ok = false;
    if (sqlite3_open_v2(path.toUtf8().constData(), &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX, nullptr)
        == SQLITE_OK) {
        sqlite3_db_config(db, SQLITE_DBCONFIG_DEFENSIVE, 1, nullptr);
        sqlite3_db_config(db, SQLITE_DBCONFIG_TRUSTED_SCHEMA, 0, nullptr);
        sqlite3_busy_timeout(db, 5000);
        ok = sqlite3_exec(db, "BEGIN IMMEDIATE", nullptr, nullptr, nullptr) == SQLITE_OK;
        if (ok) {
            // Only if no import came between reading the rows and now.
            Statement current(db, "SELECT value FROM document_meta WHERE key = 'generation'");
            ok = current.step() == SQLITE_ROW && current.int64(0) == generation;
        }
        ok = ok && sqlite3_exec(db, "DELETE FROM column_cache", nullptr, nullptr, nullptr) == SQLITE_OK;
        if (ok) {
            // Streamed out part by part: no second copy of the columns in memory.
            Statement insert(db, "INSERT INTO column_cache (part, generation, data) VALUES (?1, ?2, ?3)");
            qint64 part = 0;
            ok = ColumnCache::encode(columns, s_cachePartBytes, [&](QByteArrayView bytes) {
                insert.reset();
                insert.bind(1, part++);
                insert.bind(2, generation);
                sqlite3_bind_blob(insert.get(), 3, bytes.data(), int(bytes.size()), SQLITE_STATIC);
                return insert.exec();
            });
        }
        ok = ok && sqlite3_exec(db, "COMMIT", nullptr, nullptr, nullptr) == SQLITE_OK;
        if (!ok) {
            if (errorMessage)
                *errorMessage = tr("cannot store the column cache: %1").arg(QString::fromUtf8(sqlite3_errmsg(db)));
            if (!sqlite3_get_autocommit(db))
                sqlite3_exec(db, "ROLLBACK", nullptr, nullptr, nullptr);
        }
    } else if (errorMessage) {
        *errorMessage = tr("cannot store the column cache: %1").arg(QString::fromUtf8(sqlite3_errmsg(db)));
    }
    sqlite3_close(db);
    return ok;
}

IncidentColumns IncidentStore::loadColumns(QString *errorMessage, LoadMode mode, bool *fromCache) const
{
    if (fromCache)
        *fromCache = false;
    if (mode == LoadMode::Auto) {
        QString whyNot;
        if (std::optional<IncidentColumns> cached = readColumnCache(m_db.handle(), generation(), &whyNot)) {
            if (fromCache)
                *fromCache = true;
            return std::move(*cached);
        }
        qCDebug(lcStore) << "column cache not used:" << whyNot;
    }
    // The rowid range comes from the b-tree's ends (O(log n)); count(*) would read every page.
    const qint64 minRowid = m_db.scalar(QStringLiteral("SELECT min(rowid) FROM incident")).toLongLong();
    const qint64 maxRowid = m_db.scalar(QStringLiteral("SELECT max(rowid) FROM incident")).toLongLong();
    const qint64 span = maxRowid >= minRowid ? maxRowid - minRowid + 1 : 0; // rowids are dense unless rows were deleted
    const qint64 end = std::numeric_limits<qint64>::max();
    IncidentColumns c;
    // Large documents are read in two halves at once, each on its own connection: the
    // scan is CPU-bound (decoding records), so two cores halve the wait before the first frame.
    if (mode == LoadMode::Sequential || span < s_parallelLoadThreshold || m_db.path().isEmpty()) {
        if (!scanColumns(m_db.handle(), std::numeric_limits<qint64>::min(), end, span, c, errorMessage))
            return {};
        c.buildDateOrder();
        return c;
    }
    const qint64 split = minRowid + span / 2;
    // Both halves on connections of their own, opened without SQLite's per-call mutex: each
    // is used by one thread only, and the scan makes a dozen API calls per row.
    auto scanHalf = [&](qint64 from, qint64 to, qint64 expected, IncidentColumns &into, QString *error) {
        sqlite3 *connection = nullptr;
        bool ok = false;
        if (sqlite3_open_v2(
                m_db.path().toUtf8().constData(), &connection, SQLITE_OPEN_READONLY | SQLITE_OPEN_NOMUTEX, nullptr)
            == SQLITE_OK) {
            sqlite3_db_config(connection, SQLITE_DBCONFIG_DEFENSIVE, 1, nullptr);
            sqlite3_db_config(connection, SQLITE_DBCONFIG_TRUSTED_SCHEMA, 0, nullptr);
            sqlite3_busy_timeout(connection, 5000);
            ok = scanColumns(connection, from, to, expected, into, error);
        } else if (error) {
            *error = tr("cannot read the incidents: %1").arg(QString::fromUtf8(sqlite3_errmsg(connection)));
        }
        sqlite3_close(connection);
        return ok;
    };
    IncidentColumns upper;
    QString upperError;
    bool upperOk = false;
    std::thread worker([&] { upperOk = scanHalf(split, end, span - span / 2, upper, &upperError); });
    const bool lowerOk = scanHalf(std::numeric_limits<qint64>::min(), split, span / 2, c, errorMessage);
    worker.join();
    if (!lowerOk)
        return {};
    if (!upperOk) {
        if (errorMessage)
            *errorMessage = upperError;
        return {};
    }
    appendColumns(c, std::move(upper));
    c.buildDateOrder();
    return c;
}
