#include "store/columnscan.h"

#include "store/database.h"
#include "store/sqliteconnection.h"
#include "store/statement.h"

#include <QCoreApplication>
#include <QHash>
#include <algorithm>
#include <limits>
#include <string>
#include <string_view>
#include <thread>
#include <unordered_map>

namespace {
QString tr(const char *text)
{
    return QCoreApplication::translate("ColumnScan", text);
}

// std::string keys looked up by std::string_view without building a key (C++20).
struct ViewHash
{
    using is_transparent = void;
    std::size_t operator()(std::string_view v) const { return std::hash<std::string_view> {}(v); }
};
template <typename T> using ViewMap = std::unordered_map<std::string, T, ViewHash, std::equal_to<>>;

// The value for `key`, made by `make` the first time the key is seen. Looked up by view, so
// the row loop allocates nothing for a string it has seen before.
template <typename Map, typename Make> auto lookup(Map &map, QByteArrayView key, Make &&make)
{
    const std::string_view view(key.data(), std::size_t(key.size()));
    auto it = map.find(view);
    if (it == map.end())
        it = map.emplace(std::string(view), make()).first;
    return it->second;
}

// The stored keys of one scan, each decoded once.
struct Decoded
{
    ViewMap<quint32> actorIndex;
    ViewMap<quint16> datasetIndex;
    ViewMap<SectorMask> sectors;
    ViewMap<quint8> types;
    ViewMap<quint8> attributions;
};

void reserveColumns(IncidentColumns &c, qint64 expected)
{
    expected = std::clamp<qint64>(expected, 0, 50'000'000); // a hint; rowids can be sparse
    const auto n = std::size_t(expected);
    c.rowid.reserve(n);
    c.firstDay.reserve(n);
    c.lastDay.reserve(n);
    c.precision.reserve(n);
    c.hasEnd.reserve(n);
    c.type.reserve(n);
    c.attribution.reserve(n);
    c.sectors.reserve(n);
    c.actor.reserve(n);
    c.dataset.reserve(n);
    c.idOffset.reserve(n + 1);
    c.titleOffset.reserve(n + 1);
    c.idText.reserve(expected * 16);
    c.titleText.reserve(expected * 64);
}

// Appends the row `st` is on to `c`.
void appendRow(const Statement &st, IncidentColumns &c, Decoded &d)
{
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
    c.type.push_back(lookup(d.types, typeKey,
        [&] { return quint8(Vocabulary::typeFromKey(QString::fromUtf8(typeKey)).value_or(IncidentType::Other)); }));
    const QByteArrayView attributionKey = st.utf8(8);
    c.attribution.push_back(lookup(d.attributions, attributionKey, [&] {
        return quint8(Vocabulary::attributionFromKey(QString::fromUtf8(attributionKey)).value_or(Attribution::None));
    }));
    const QByteArrayView actorText = st.utf8(9);
    c.actor.push_back(actorText.isEmpty() ? 0 : lookup(d.actorIndex, actorText, [&] {
        c.actors.append(QString::fromUtf8(actorText));
        return quint32(c.actors.size() - 1);
    }));
    const QByteArrayView sectorText = st.utf8(10);
    c.sectors.push_back(
        lookup(d.sectors, sectorText, [&] { return ColumnScan::sectorMask(QString::fromUtf8(sectorText)); }));
    const QByteArrayView datasetKey = st.utf8(11);
    c.dataset.push_back(lookup(d.datasetIndex, datasetKey, [&] {
        c.datasets.append(QString::fromUtf8(datasetKey));
        return quint16(c.datasets.size() - 1);
    }));
}

// Incidents with rowid in [fromRowid, toRowid), without their countries.
bool readIncidents(sqlite3 *h, qint64 fromRowid, qint64 toRowid, IncidentColumns &c, QString *errorMessage)
{
    c.idOffset.push_back(0);
    c.titleOffset.push_back(0);
    c.actors.append(QString());
    Decoded decoded;
    Statement st(h,
        "SELECT rowid, id, title, first_day, last_day, precision, \"end\" IS NOT NULL, type, attribution,"
        " actor, sectors, dataset FROM incident WHERE rowid >= ?1 AND rowid < ?2 ORDER BY rowid");
    st.bind(1, fromRowid);
    st.bind(2, toRowid);
    int rc;
    while ((rc = st.step()) == SQLITE_ROW)
        appendRow(st, c, decoded);
    if (rc != SQLITE_DONE) {
        if (errorMessage)
            *errorMessage = tr("cannot read the incidents: %1").arg(st.errorMessage());
        return false;
    }
    return true;
}

// The countries of the incidents in `c` (read from the same rowid range), in incident order;
// the rowids ascend, so a merge walk fills the offsets.
bool readCountries(sqlite3 *h, qint64 fromRowid, qint64 toRowid, IncidentColumns &c, QString *errorMessage)
{
    const std::size_t count = c.rowid.size();
    QHash<quint16, quint16> countryIndex; // packed two-letter code -> index
    Statement cs(h,
        "SELECT incident, role, code FROM incident_country WHERE incident >= ?1 AND incident < ?2"
        " ORDER BY incident, role, position");
    cs.bind(1, fromRowid);
    cs.bind(2, toRowid);
    std::size_t i = 0;
    std::vector<std::uint32_t> victimsPer(count, 0), attackersPer(count, 0);
    int rc;
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
        const bool victim = cs.integer(1) == 0;
        (victim ? c.victimCodes : c.attackerCodes).push_back(*it);
        ++(victim ? victimsPer : attackersPer)[i];
    }
    if (rc != SQLITE_DONE) {
        if (errorMessage)
            *errorMessage = tr("cannot read the countries of the incidents: %1").arg(cs.errorMessage());
        return false;
    }
    c.victimOffset.assign(count + 1, 0);
    c.attackerOffset.assign(count + 1, 0);
    for (std::size_t k = 0; k < count; ++k) {
        c.victimOffset[k + 1] = c.victimOffset[k] + victimsPer[k];
        c.attackerOffset[k + 1] = c.attackerOffset[k] + attackersPer[k];
    }
    return true;
}

// Reads incidents with rowid in [fromRowid, toRowid) into `c` (empty on entry), countries
// included. Runs on whichever connection it is given, so two can run at once.
bool scanRange(sqlite3 *h, qint64 fromRowid, qint64 toRowid, qint64 expected, IncidentColumns &c, QString *errorMessage)
{
    reserveColumns(c, expected);
    return readIncidents(h, fromRowid, toRowid, c, errorMessage)
        && readCountries(h, fromRowid, toRowid, c, errorMessage);
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

// Appends offsets (shifted past the ones `offsets` has) and codes (mapped) of another scan.
void appendCountryList(std::vector<std::uint32_t> &offsets, std::vector<std::uint16_t> &codes,
    const std::vector<std::uint32_t> &moreOffsets, const std::vector<std::uint16_t> &moreCodes,
    const std::vector<std::uint16_t> &countryMap)
{
    const std::uint32_t base = offsets.back();
    for (std::size_t k = 1; k < moreOffsets.size(); ++k)
        offsets.push_back(base + moreOffsets[k]);
    for (const auto code : moreCodes)
        codes.push_back(countryMap[code]);
}

void appendText(QByteArray &text, std::vector<std::uint32_t> &offsets, const QByteArray &moreText,
    const std::vector<std::uint32_t> &moreOffsets)
{
    const auto base = std::uint32_t(text.size());
    text.append(moreText);
    for (std::size_t k = 1; k < moreOffsets.size(); ++k)
        offsets.push_back(base + moreOffsets[k]);
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
    appendCountryList(a.victimOffset, a.victimCodes, b.victimOffset, b.victimCodes, countryMap);
    appendCountryList(a.attackerOffset, a.attackerCodes, b.attackerOffset, b.attackerCodes, countryMap);
    appendText(a.idText, a.idOffset, b.idText, b.idOffset);
    appendText(a.titleText, a.titleOffset, b.titleText, b.titleOffset);
}

// Scans [from, to) on a read-only connection of its own, so another thread can scan too.
bool scanOnOwnConnection(
    const QString &path, qint64 from, qint64 to, qint64 expected, IncidentColumns &into, QString *error)
{
    const SqliteConnection connection(path, SqliteConnection::Mode::ReadOnly);
    if (!connection.isOpen()) {
        if (error)
            *error = tr("cannot read the incidents: %1").arg(connection.errorMessage());
        return false;
    }
    return scanRange(connection.handle(), from, to, expected, into, error);
}

constexpr qint64 s_first = std::numeric_limits<qint64>::min();
constexpr qint64 s_end = std::numeric_limits<qint64>::max();

// The lower half of the rowids on this thread, the upper half on another, then joined.
std::optional<IncidentColumns> scanInTwoHalves(const QString &path, qint64 minRowid, qint64 span, QString *errorMessage)
{
    const qint64 split = minRowid + span / 2;
    IncidentColumns lower, upper;
    QString upperError;
    bool upperOk = false;
    std::thread worker([&] { upperOk = scanOnOwnConnection(path, split, s_end, span - span / 2, upper, &upperError); });
    const bool lowerOk = scanOnOwnConnection(path, s_first, split, span / 2, lower, errorMessage);
    worker.join();
    if (!lowerOk)
        return std::nullopt;
    if (!upperOk) {
        if (errorMessage)
            *errorMessage = upperError;
        return std::nullopt;
    }
    appendColumns(lower, std::move(upper));
    return lower;
}
} // namespace

std::optional<IncidentColumns> ColumnScan::scan(const Database &db, bool parallel, QString *errorMessage)
{
    // The rowid range comes from the b-tree's ends (O(log n)); count(*) would read every page.
    const qint64 minRowid = db.scalar(QStringLiteral("SELECT min(rowid) FROM incident")).toLongLong();
    const qint64 maxRowid = db.scalar(QStringLiteral("SELECT max(rowid) FROM incident")).toLongLong();
    const qint64 span = maxRowid >= minRowid ? maxRowid - minRowid + 1 : 0; // dense unless rows were deleted
    std::optional<IncidentColumns> c;
    if (parallel && span >= s_parallelThreshold && !db.path().isEmpty()) {
        c = scanInTwoHalves(db.path(), minRowid, span, errorMessage);
    } else {
        c.emplace();
        if (!scanRange(db.handle(), s_first, s_end, span, *c, errorMessage))
            c.reset();
    }
    if (c)
        c->buildDateOrder();
    return c;
}

SectorMask ColumnScan::sectorMask(const QString &joined)
{
    SectorMask mask = 0;
    for (const QString &key : joined.split(u';', Qt::SkipEmptyParts)) {
        if (const auto s = Vocabulary::sectorFromKey(key))
            mask |= sectorBit(*s);
    }
    return mask;
}
