#include "store/columncache.h"

#include "domain/hugepages.h"
#include "store/database.h"
#include "store/sqliteconnection.h"
#include "store/statement.h"

#include <QBuffer>
#include <QCoreApplication>
#include <QDataStream>
#include <QIODevice>
#include <QLoggingCategory>
#include <QPromise>
#include <QThreadPool>
#include <QtEndian>
#include <algorithm>
#include <cstring>

Q_DECLARE_LOGGING_CATEGORY(lcStore)

namespace {
constexpr quint32 s_magic = 0x464C4343; // "FLCC"
constexpr quint32 s_version = 1;

template <typename T> void put(QDataStream &out, const std::vector<T> &v)
{
    out << quint64(v.size());
    out.writeRawData(reinterpret_cast<const char *>(v.data()), int(v.size() * sizeof(T)));
}

// Reads the encoding from a device holding `size` bytes of it. Every count and length read
// from the bytes is checked against the bytes still unread before anything is allocated for
// it, so a damaged or hostile cache costs at most its own size in memory.
class BoundedReader
{
public:
    BoundedReader(QIODevice *device, qint64 size)
        : m_device(device)
        , m_left(std::max<qint64>(size, 0))
    { }
    bool atEnd() const { return m_left == 0; }

    bool raw(void *into, qint64 bytes)
    {
        if (bytes < 0 || bytes > m_left || m_device->read(static_cast<char *>(into), bytes) != bytes)
            return false;
        m_left -= bytes;
        return true;
    }
    // Integers are big-endian, as QDataStream writes them.
    template <typename T> bool integer(T &value)
    {
        T stored {};
        if (!raw(&stored, qint64(sizeof stored)))
            return false;
        value = qFromBigEndian(stored);
        return true;
    }
    // A quint64 count of `T` followed by that many raw values; the count must be `expected`.
    template <typename T> bool array(std::vector<T> &values, quint64 expected)
    {
        quint64 n = 0;
        if (!integer(n) || n != expected || n > quint64(m_left) / sizeof(T))
            return false;
        HugePages::reserve(values, std::size_t(n));
        values.resize(std::size_t(n));
        return raw(values.data(), qint64(n * sizeof(T)));
    }
    // A quint64 byte count followed by the bytes.
    bool bytes(QByteArray &text)
    {
        quint64 n = 0;
        if (!integer(n) || n > quint64(m_left))
            return false;
        text.resize(qsizetype(n));
        HugePages::advise(text.data(), std::size_t(n));
        return raw(text.data(), qint64(n));
    }
    // QDataStream's QStringList: a quint32 count, then each string as a quint32 byte count
    // (0xFFFFFFFF for a null string) and big-endian UTF-16.
    bool strings(QStringList &list)
    {
        quint32 n = 0;
        if (!integer(n) || n > quint64(m_left) / sizeof(quint32)) // each string has at least its length
            return false;
        list.clear();
        for (quint32 k = 0; k < n; ++k) {
            QString text;
            if (!string(text))
                return false;
            list.append(text);
        }
        return true;
    }

private:
    bool string(QString &text)
    {
        quint32 n = 0;
        if (!integer(n))
            return false;
        if (n == 0xFFFFFFFF) {
            text = QString();
            return true;
        }
        if (n % 2 != 0 || n > quint64(m_left))
            return false;
        text.resize(qsizetype(n / 2));
        if (!raw(text.data(), qint64(n)))
            return false;
        qFromBigEndian<char16_t>(text.constData(), text.size(), text.data());
        return true;
    }

    QIODevice *m_device;
    qint64 m_left;
};

// Offsets into a text of `size` bytes: n + 1 of them, starting at 0, never decreasing.
bool offsetsValid(const std::vector<std::uint32_t> &offsets, std::size_t n, std::size_t size)
{
    if (offsets.size() != n + 1 || offsets.front() != 0 || offsets.back() != size)
        return false;
    for (std::size_t k = 1; k < offsets.size(); ++k) {
        if (offsets[k] < offsets[k - 1])
            return false;
    }
    return true;
}

template <typename T> bool allBelow(const std::vector<T> &values, qsizetype limit)
{
    for (const T v : values) {
        if (qsizetype(v) >= limit)
            return false;
    }
    return true;
}

// A write-only device that hands its bytes on in parts of a fixed size.
class PartWriter : public QIODevice
{
public:
    PartWriter(qsizetype partBytes, const std::function<bool(QByteArrayView)> &part)
        : m_partBytes(partBytes)
        , m_part(part)
    {
        m_buffer.reserve(partBytes);
        open(QIODevice::WriteOnly);
    }
    bool finish()
    {
        if (m_ok && !m_buffer.isEmpty())
            m_ok = m_part(m_buffer);
        m_buffer.clear();
        return m_ok;
    }
    bool ok() const { return m_ok; }

protected:
    qint64 readData(char *, qint64) override { return -1; }
    qint64 writeData(const char *data, qint64 length) override
    {
        qint64 done = 0;
        while (m_ok && done < length) {
            const qint64 room = m_partBytes - m_buffer.size();
            const qint64 chunk = std::min(room, length - done);
            m_buffer.append(data + done, qsizetype(chunk));
            done += chunk;
            if (m_buffer.size() == m_partBytes) {
                m_ok = m_part(m_buffer);
                m_buffer.resize(0);
            }
        }
        return m_ok ? length : -1;
    }

private:
    qsizetype m_partBytes;
    const std::function<bool(QByteArrayView)> &m_part;
    QByteArray m_buffer;
    bool m_ok = true;
};

void encodeTo(QIODevice *device, const IncidentColumns &c)
{
    QDataStream out(device);
    out.setVersion(QDataStream::Qt_6_4);
    out << s_magic << s_version << quint16(0x0102) << quint64(c.size());
    put(out, c.rowid);
    put(out, c.firstDay);
    put(out, c.lastDay);
    put(out, c.precision);
    put(out, c.hasEnd);
    put(out, c.type);
    put(out, c.attribution);
    put(out, c.sectors);
    put(out, c.actor);
    put(out, c.dataset);
    put(out, c.victimOffset);
    put(out, c.victimCodes);
    put(out, c.attackerOffset);
    put(out, c.attackerCodes);
    put(out, c.idOffset);
    put(out, c.titleOffset);
    put(out, c.byDate);
    out << c.countries << c.actors << c.datasets;
    out << quint64(c.idText.size());
    out.writeRawData(c.idText.constData(), int(c.idText.size()));
    out << quint64(c.titleText.size());
    out.writeRawData(c.titleText.constData(), int(c.titleText.size()));
}
} // namespace

bool ColumnCache::encode(
    const IncidentColumns &columns, qsizetype partBytes, const std::function<bool(QByteArrayView)> &part)
{
    PartWriter writer(partBytes, part);
    encodeTo(&writer, columns);
    return writer.ok() && writer.finish();
}

QByteArray ColumnCache::encode(const IncidentColumns &columns)
{
    QByteArray bytes;
    encode(columns, 1 << 20, [&bytes](QByteArrayView part) {
        bytes.append(part);
        return true;
    });
    return bytes;
}

std::optional<IncidentColumns> ColumnCache::decode(QByteArrayView bytes, QString *whyNot)
{
    QByteArray data = QByteArray::fromRawData(bytes.data(), bytes.size());
    QBuffer buffer(&data);
    buffer.open(QIODevice::ReadOnly);
    return decode(&buffer, bytes.size(), whyNot);
}

std::optional<IncidentColumns> ColumnCache::decode(QIODevice *device, qint64 size, QString *whyNot)
{
    auto refuse = [whyNot](const char *why) -> std::optional<IncidentColumns> {
        if (whyNot)
            *whyNot = QString::fromLatin1(why);
        return std::nullopt;
    };
    BoundedReader in(device, size);
    quint32 magic = 0, version = 0;
    quint16 byteOrder = 0;
    quint64 n = 0;
    if (!in.integer(magic) || !in.integer(version) || !in.integer(byteOrder) || !in.integer(n) || magic != s_magic
        || version != s_version)
        return refuse("not a column cache of this version");
    quint16 native = 0x0102;
    if (byteOrder != native || std::memcmp(&native, "\x02\x01", 2) != 0)
        return refuse("written on a machine of another byte order"); // the arrays are raw
    if (n > quint64(size))
        return refuse("incident count larger than the cache");
    IncidentColumns c;
    const bool arrays = in.array(c.rowid, n) && in.array(c.firstDay, n) && in.array(c.lastDay, n)
        && in.array(c.precision, n) && in.array(c.hasEnd, n) && in.array(c.type, n) && in.array(c.attribution, n)
        && in.array(c.sectors, n) && in.array(c.actor, n) && in.array(c.dataset, n) && in.array(c.victimOffset, n + 1);
    if (!arrays)
        return refuse("truncated or mis-sized arrays");
    if (!in.array(c.victimCodes, c.victimOffset.back()) || !in.array(c.attackerOffset, n + 1)
        || !in.array(c.attackerCodes, c.attackerOffset.back()) || !in.array(c.idOffset, n + 1)
        || !in.array(c.titleOffset, n + 1) || !in.array(c.byDate, n))
        return refuse("truncated or mis-sized arrays");
    if (!in.strings(c.countries) || !in.strings(c.actors) || !in.strings(c.datasets) || !in.bytes(c.idText)
        || !in.bytes(c.titleText) || !in.atEnd())
        return refuse("truncated tables");

    // Every value that indexes something must index inside it.
    const std::size_t count = std::size_t(n);
    if (!offsetsValid(c.victimOffset, count, c.victimCodes.size())
        || !offsetsValid(c.attackerOffset, count, c.attackerCodes.size())
        || !offsetsValid(c.idOffset, count, std::size_t(c.idText.size()))
        || !offsetsValid(c.titleOffset, count, std::size_t(c.titleText.size())))
        return refuse("offsets out of order or out of range");
    if (!allBelow(c.victimCodes, c.countries.size()) || !allBelow(c.attackerCodes, c.countries.size())
        || !allBelow(c.actor, c.actors.size()) || !allBelow(c.dataset, c.datasets.size()) || !allBelow(c.precision, 3)
        || !allBelow(c.type, IncidentTypeCount) || !allBelow(c.attribution, AttributionCount) || !allBelow(c.hasEnd, 2)
        || !allBelow(c.sectors, 1 << SectorCount) || c.actors.isEmpty() || !c.actors.first().isEmpty())
        return refuse("an index out of range");
    for (std::size_t i = 0; i < count; ++i) {
        if (c.firstDay[i] > c.lastDay[i] || (i > 0 && c.rowid[i] <= c.rowid[i - 1]))
            return refuse("dates or rowids out of order");
    }
    std::vector<std::uint8_t> seen(count, 0);
    for (std::size_t k = 0; k < count; ++k) {
        const std::uint32_t i = c.byDate[k];
        if (i >= count || seen[i] || (k > 0 && c.firstDay[c.byDate[k - 1]] > c.firstDay[i]))
            return refuse("date order is not a sorted permutation");
        seen[i] = 1;
    }
    return c;
}

// --- in the document ----------------------------------------------------------------------

namespace {
QString tr(const char *text)
{
    return QCoreApplication::translate("ColumnCache", text);
}

constexpr const char *s_currentGeneration = "SELECT value FROM document_meta WHERE key = 'generation'";

// The cache's parts, in order, read as one stream a part at a time. Each part is read with
// SQLite's incremental blob I/O straight into the caller's buffer (the decoder's arrays): no
// copy of the part is assembled first. Parts are the rows 0, 1, 2... of column_cache
// (`part` is the rowid); a missing part or one of another generation ends the stream early,
// which the decoder's size checks then refuse.
class PartsReader : public QIODevice
{
public:
    PartsReader(sqlite3 *h, qint64 generation, qint64 size)
        : m_db(h)
        , m_generation(generation)
        , m_size(size)
    {
        open(QIODevice::ReadOnly | QIODevice::Unbuffered);
    }
    ~PartsReader() override { sqlite3_blob_close(m_blob); }
    qint64 size() const override { return m_size; }
    bool seek(qint64 position) override { return position == pos() && QIODevice::seek(position); }

protected:
    qint64 readData(char *data, qint64 length) override
    {
        qint64 done = 0;
        while (done < length) {
            if (m_offset == m_partBytes && !nextPart())
                break;
            const int chunk = int(std::min<qint64>(length - done, m_partBytes - m_offset));
            if (sqlite3_blob_read(m_blob, data + done, chunk, m_offset) != SQLITE_OK)
                break;
            m_offset += chunk;
            done += chunk;
        }
        return done;
    }
    qint64 writeData(const char *, qint64) override { return -1; }

private:
    bool nextPart()
    {
        Statement generation(m_db, "SELECT generation FROM column_cache WHERE part = ?1");
        generation.bind(1, m_part);
        if (generation.step() != SQLITE_ROW || generation.int64(0) != m_generation)
            return false;
        const int opened = m_blob ? sqlite3_blob_reopen(m_blob, m_part)
                                  : sqlite3_blob_open(m_db, "main", "column_cache", "data", m_part, 0, &m_blob);
        if (opened != SQLITE_OK)
            return false;
        ++m_part;
        m_partBytes = sqlite3_blob_bytes(m_blob);
        m_offset = 0;
        return m_partBytes > 0;
    }

    sqlite3 *m_db;
    qint64 m_generation;
    qint64 m_size;
    sqlite3_blob *m_blob = nullptr;
    sqlite3_int64 m_part = 0; // the next part to open
    int m_partBytes = 0;
    int m_offset = 0;
};

// Inside a transaction on `db`: replaces the stored cache with `columns`, streamed out part by
// part (no second copy of the columns in memory), if the generation is still `generation`.
bool replaceParts(sqlite3 *db, const IncidentColumns &columns, qint64 generation, QString *why)
{
    Statement current(db, s_currentGeneration);
    if (current.step() != SQLITE_ROW || current.int64(0) != generation) {
        *why = tr("the document has changed since the columns were read");
        return false;
    }
    if (sqlite3_exec(db, "DELETE FROM column_cache", nullptr, nullptr, nullptr) != SQLITE_OK)
        return false;
    Statement insert(db, "INSERT INTO column_cache (part, generation, data) VALUES (?1, ?2, ?3)");
    qint64 part = 0;
    return ColumnCache::encode(columns, ColumnCache::s_partBytes, [&](QByteArrayView bytes) {
        insert.reset();
        insert.bind(1, part++);
        insert.bind(2, generation);
        sqlite3_bind_blob(insert.get(), 3, bytes.data(), int(bytes.size()), SQLITE_STATIC);
        return insert.exec();
    });
}
} // namespace

qint64 ColumnCache::generation(const Database &db)
{
    return db.scalar(QString::fromLatin1(s_currentGeneration)).toLongLong();
}

bool ColumnCache::invalidate(Database &db, QString *errorMessage)
{
    return db.exec(QStringLiteral("UPDATE document_meta SET value = value + 1 WHERE key = 'generation';"
                                  "DELETE FROM column_cache"),
        errorMessage);
}

std::optional<IncidentColumns> ColumnCache::read(const Database &db, QString *whyNot)
{
    const qint64 current = generation(db);
    Statement total(db.handle(), "SELECT count(*), total(length(data)) FROM column_cache WHERE generation = ?1");
    total.bind(1, current);
    if (total.step() != SQLITE_ROW || total.int64(0) == 0) {
        if (whyNot)
            *whyNot = QStringLiteral("no cache for this generation");
        return std::nullopt;
    }
    const qint64 size = qint64(sqlite3_column_double(total.get(), 1));
    total.reset();
    // Read with the blob interface straight into the arrays. Not through a memory map, though
    // that is about four times faster here: an I/O error under a map (a document on a USB
    // stick pulled out, a file truncated by another program) is a SIGBUS, not an error SQLite
    // can report, so documents are never mapped (mmap_size stays 0).
    PartsReader reader(db.handle(), current, size);
    return decode(&reader, size, whyNot);
}

bool ColumnCache::write(const QString &path, const IncidentColumns &columns, qint64 generation, QString *errorMessage)
{
    const SqliteConnection connection(path, SqliteConnection::Mode::ReadWrite);
    sqlite3 *db = connection.handle();
    bool ok = connection.isOpen() && sqlite3_exec(db, "BEGIN IMMEDIATE", nullptr, nullptr, nullptr) == SQLITE_OK;
    QString why;
    ok = ok && replaceParts(db, columns, generation, &why);
    ok = ok && sqlite3_exec(db, "COMMIT", nullptr, nullptr, nullptr) == SQLITE_OK;
    if (!ok) {
        if (why.isEmpty())
            why = db ? QString::fromUtf8(sqlite3_errmsg(db)) : connection.errorMessage();
        if (errorMessage)
            *errorMessage = tr("cannot store the column cache: %1").arg(why);
        if (db && !sqlite3_get_autocommit(db))
            sqlite3_exec(db, "ROLLBACK", nullptr, nullptr, nullptr);
    }
    return ok;
}

QFuture<bool> ColumnCache::writeInBackground(
    const QString &path, std::shared_ptr<const IncidentColumns> columns, qint64 generation)
{
    auto promise = std::make_shared<QPromise<bool>>();
    QFuture<bool> future = promise->future();
    promise->start();
    QThreadPool::globalInstance()->start([promise, path, columns = std::move(columns), generation] {
        QString error;
        const bool ok = write(path, *columns, generation, &error);
        if (!ok)
            qCDebug(lcStore) << error;
        promise->addResult(ok);
        promise->finish();
    });
    return future;
}
