#include "store/recordtexts.h"

#include "domain/hugepages.h"
#include "store/database.h"
#include "store/sqliteconnection.h"
#include "store/statement.h"

#include <QCoreApplication>
#include <algorithm>
#include <atomic>
#include <cstdlib>
#include <cstring>
#include <limits>
#include <thread>

namespace {
constexpr qint64 s_progressEvery = 4096; // rows between two progress calls
constexpr std::uint32_t s_notWanted = ~std::uint32_t(0);
constexpr qint64 s_firstRowid = std::numeric_limits<qint64>::min();
constexpr qint64 s_lastRowid = std::numeric_limits<qint64>::max();

// A number as 7 bits per byte, low bits first, the high bit set on all bytes but the last.
void appendNumber(QByteArray &out, std::uint64_t value)
{
    do {
        const auto low = char(value & 0x7F);
        value >>= 7;
        out.append(value ? char(low | 0x80) : low);
    } while (value);
}

std::uint64_t takeNumber(const char *&cursor)
{
    std::uint64_t value = 0;
    int shift = 0;
    std::uint8_t byte = 0;
    do {
        byte = std::uint8_t(*cursor++);
        value |= std::uint64_t(byte & 0x7F) << shift;
        shift += 7;
    } while (byte & 0x80);
    return value;
}

void appendField(QByteArray &out, QByteArrayView text)
{
    appendNumber(out, std::uint64_t(text.size()));
    out.append(text);
}

QByteArrayView takeField(const char *&cursor)
{
    const auto length = qsizetype(takeNumber(cursor));
    const QByteArrayView field(cursor, length);
    cursor += length;
    return field;
}

// The position in `order` of each index of the columns, or s_notWanted.
std::vector<std::uint32_t> positions(const IncidentColumns &columns, const std::vector<IncidentColumns::Index> &order)
{
    std::vector<std::uint32_t> position(columns.size(), s_notWanted);
    for (std::size_t k = 0; k < order.size(); ++k)
        position[order[k]] = std::uint32_t(k);
    return position;
}

// The source table read alongside the incidents: both walk rowids upwards, so each
// incident's sources are the next rows of this statement. Reads the sources of the incidents
// with rowids in [from, last].
class SourceCursor
{
public:
    SourceCursor(sqlite3 *h, qint64 from, qint64 last)
        : m_st(h,
            "SELECT incident, url, title, publisher, date FROM source WHERE incident >= ?1 AND incident <= ?2"
            " ORDER BY incident, position")
    {
        m_st.bind(1, from);
        m_st.bind(2, last);
        advance();
    }
    // Appends the count and fields of the sources of `rowid` to `out` (with `keep`), and skips them.
    void take(qint64 rowid, bool keep, QByteArray &out)
    {
        while (m_row && m_st.int64(0) < rowid)
            advance();
        const qsizetype countAt = out.size();
        if (keep)
            out.append(char(0)); // the count, fixed below
        qint64 count = 0;
        for (; m_row && m_st.int64(0) == rowid; advance()) {
            if (!keep)
                continue;
            ++count;
            for (int c = 1; c <= 4; ++c)
                appendField(out, m_st.utf8(c));
        }
        if (keep && count < 0x80) {
            out[countAt] = char(count);
        } else if (keep) {
            QByteArray number;
            appendNumber(number, std::uint64_t(count));
            out.replace(countAt, 1, number);
        }
    }
    bool failed() const { return m_rc != SQLITE_ROW && m_rc != SQLITE_DONE; }
    QString errorMessage() const { return m_st.errorMessage(); }

private:
    void advance()
    {
        m_rc = m_st.step();
        m_row = m_rc == SQLITE_ROW;
    }
    Statement m_st;
    int m_rc = SQLITE_DONE;
    bool m_row = false;
};

// The columns of the incident table RecordTexts keeps, after the rowid.
constexpr const char *s_textColumns
    = "SELECT rowid, start, \"end\", disclosed, attributed_on, summary, tags, related, notes, actor"
      " FROM incident ";
constexpr int s_textColumnCount = 9;

QString cannotRead(const QString &why)
{
    return QCoreApplication::translate("RecordTexts", "cannot read the incidents: %1").arg(why);
}
} // namespace

// Opens a read transaction for the reads of one RecordTexts::read, unless one is open.
struct RecordTexts::Reading
{
    explicit Reading(sqlite3 *handle)
        : h(handle)
        , own(sqlite3_get_autocommit(h) != 0)
    {
        if (own)
            sqlite3_exec(h, "BEGIN", nullptr, nullptr, nullptr);
    }
    ~Reading()
    {
        if (own)
            sqlite3_exec(h, "COMMIT", nullptr, nullptr, nullptr);
    }
    Reading(const Reading &) = delete;
    Reading &operator=(const Reading &) = delete;
    sqlite3 *h;
    bool own;
};

void RecordTexts::Blocks::Free::operator()(char *block) const
{
    std::free(block);
}

const char *RecordTexts::Blocks::keep(QByteArrayView head, QByteArrayView body)
{
    const qsizetype size = head.size() + body.size();
    if (m_blocks.empty() || m_used + size > m_capacity) {
        // Whole huge pages where the system has them: the texts of a million records are
        // hundreds of megabytes, and filling them 4 KiB page by page cost a page fault each
        // (a fifth of an export's time on a virtual machine).
        constexpr qsizetype page = 2 << 20;
        m_capacity = (std::max(s_blockBytes, size) + page - 1) / page * page;
        auto *block = static_cast<char *>(std::aligned_alloc(std::size_t(page), std::size_t(m_capacity)));
        if (!block)
            qFatal("RecordTexts: out of memory");
        HugePages::advise(block, std::size_t(m_capacity));
        m_blocks.emplace_back(block);
        m_used = 0;
    }
    char *at = m_blocks.back().get() + m_used;
    if (!head.isEmpty())
        std::memcpy(at, head.data(), std::size_t(head.size()));
    if (!body.isEmpty())
        std::memcpy(at + head.size(), body.data(), std::size_t(body.size()));
    m_used += size;
    return at;
}

void RecordTexts::Blocks::append(Blocks &&other)
{
    for (auto &block : other.m_blocks)
        m_blocks.push_back(std::move(block));
    if (!other.m_blocks.empty()) {
        m_used = other.m_used;
        m_capacity = other.m_capacity;
    }
    other.m_blocks.clear();
}

// One thread's part of a scan: the rows with rowids in [from, last], kept into `blocks` and
// recorded in the shared `record` vector at their positions (each position is written by one
// thread only). `tick` is called every s_progressEvery rows; false stops the scan.
struct RecordTexts::Scan
{
    const IncidentColumns &columns;
    const std::vector<std::uint32_t> &position;
    std::vector<const char *> &record;
    const ShaperFactory *shaper; // null: the packed texts are kept
    std::atomic<qint64> scanned { 0 };
    std::atomic<bool> stop { false };

    bool range(sqlite3 *h, qint64 from, qint64 last, Blocks &blocks, const std::function<bool()> &tick, QString *error)
    {
        const QByteArray sql = QByteArray(s_textColumns) + "WHERE rowid >= ?1 AND rowid <= ?2 ORDER BY rowid";
        Statement rows(h, sql.constData());
        rows.bind(1, from);
        rows.bind(2, last);
        SourceCursor sources(h, from, last);
        // Walks columns.rowid (ascending) alongside the rows.
        auto next
            = std::size_t(std::lower_bound(columns.rowid.begin(), columns.rowid.end(), from) - columns.rowid.begin());
        QByteArray fields, shaped;
        View view;
        const Shaper shape = shaper ? (*shaper)() : Shaper();
        qint64 count = 0;
        int rc = SQLITE_DONE;
        while ((rc = rows.step()) == SQLITE_ROW) {
            const qint64 rowid = rows.int64(0);
            while (next < columns.rowid.size() && columns.rowid[next] < rowid)
                ++next;
            const bool keep
                = next < columns.rowid.size() && columns.rowid[next] == rowid && position[next] != s_notWanted;
            fields.resize(0);
            if (keep) {
                for (int c = 1; c <= s_textColumnCount; ++c)
                    appendField(fields, rows.utf8(c));
            }
            sources.take(rowid, keep, fields);
            if (keep)
                record[position[next]] = keepRecord(blocks, fields, IncidentColumns::Index(next), shape, view, shaped);
            if (++count % s_progressEvery == 0) {
                scanned += s_progressEvery;
                if (!tick())
                    return false;
            }
        }
        if (rc != SQLITE_DONE || sources.failed()) {
            if (error)
                *error = cannotRead(rc != SQLITE_DONE ? rows.errorMessage() : sources.errorMessage());
            return false;
        }
        return true;
    }
};

const char *RecordTexts::keepRecord(Blocks &blocks, const QByteArray &fields, IncidentColumns::Index index,
    const Shaper &shape, View &view, QByteArray &shaped)
{
    if (!shape)
        return blocks.keep(fields);
    decode(fields.constData(), view);
    shaped.resize(0);
    shape(index, view, shaped);
    QByteArray length;
    appendNumber(length, std::uint64_t(shaped.size()));
    return blocks.keep(length, shaped);
}

bool RecordTexts::scanAll(const Database &db, const IncidentColumns &columns,
    const std::vector<IncidentColumns::Index> &order, const ShaperFactory *shaper, const Progress &progress,
    QString *error, bool twoThreads)
{
    const std::vector<std::uint32_t> position = positions(columns, order);
    Scan scan { columns, position, m_record, shaper };
    const qint64 total = qint64(columns.size());
    // On this thread: report progress, and tell the other thread to stop on a cancel.
    const std::function<bool()> tick = [&] {
        if (scan.stop || (progress && !progress(std::min(total, scan.scanned.load()), total)))
            scan.stop = true;
        return !scan.stop;
    };
    if (!twoThreads || columns.rowid.size() < 2)
        return scan.range(db.handle(), s_firstRowid, s_lastRowid, m_blocks, tick, error);

    // The upper half of the rowids on another thread, each half on a read-only connection of
    // its own (with SQLite's small default page cache: each page is read once).
    const qint64 split = columns.rowid[columns.rowid.size() / 2];
    const QString path = db.path();
    Blocks upper;
    QString upperError;
    bool upperOk = false;
    const auto scanOwn = [&](qint64 from, qint64 last, Blocks &into, const std::function<bool()> &t, QString *e) {
        const SqliteConnection connection(path, SqliteConnection::Mode::ReadOnly);
        if (!connection.isOpen()) {
            if (e)
                *e = cannotRead(connection.errorMessage());
            return false;
        }
        sqlite3_exec(connection.handle(), "BEGIN", nullptr, nullptr, nullptr);
        const bool ok = scan.range(connection.handle(), from, last, into, t, e);
        sqlite3_exec(connection.handle(), "COMMIT", nullptr, nullptr, nullptr);
        return ok;
    };
    std::thread worker([&] {
        upperOk = scanOwn(
            split, s_lastRowid, upper, [&] { return !scan.stop.load(); }, &upperError);
        if (!upperOk)
            scan.stop = true;
    });
    const bool lowerOk = scanOwn(s_firstRowid, split - 1, m_blocks, tick, error);
    if (!lowerOk)
        scan.stop = true;
    worker.join();
    m_blocks.append(std::move(upper));
    if (lowerOk && !upperOk && !upperError.isEmpty() && error)
        *error = upperError;
    return lowerOk && upperOk;
}

bool RecordTexts::lookUp(sqlite3 *h, const IncidentColumns &columns, const std::vector<IncidentColumns::Index> &order,
    const ShaperFactory *shaper, const Progress &progress, QString *error)
{
    const Shaper shape = shaper ? (*shaper)() : Shaper();
    View view;
    QByteArray shaped;
    // In rowid order, so consecutive lookups touch neighbouring pages.
    std::vector<std::uint32_t> byRowid(order.size());
    for (std::size_t k = 0; k < order.size(); ++k)
        byRowid[k] = std::uint32_t(k);
    std::sort(byRowid.begin(), byRowid.end(), [&](auto a, auto b) { return order[a] < order[b]; });
    const QByteArray sql = QByteArray(s_textColumns) + "WHERE rowid = ?1";
    Statement row(h, sql.constData());
    Statement sources(h, "SELECT url, title, publisher, date FROM source WHERE incident = ?1 ORDER BY position");
    QByteArray fields, sourceFields;
    for (std::size_t n = 0; n < byRowid.size(); ++n) {
        const qint64 rowid = columns.rowid[order[byRowid[n]]];
        row.reset();
        row.bind(1, rowid);
        const int rc = row.step();
        if (rc != SQLITE_ROW && rc != SQLITE_DONE) {
            if (error)
                *error = cannotRead(row.errorMessage());
            return false;
        }
        if (rc == SQLITE_ROW) {
            fields.resize(0);
            for (int c = 1; c <= s_textColumnCount; ++c)
                appendField(fields, row.utf8(c));
            sources.reset();
            sources.bind(1, rowid);
            sourceFields.resize(0);
            std::uint64_t count = 0;
            for (; sources.step() == SQLITE_ROW; ++count) {
                for (int c = 0; c < 4; ++c)
                    appendField(sourceFields, sources.utf8(c));
            }
            appendNumber(fields, count);
            fields.append(sourceFields);
            m_record[byRowid[n]] = keepRecord(m_blocks, fields, order[byRowid[n]], shape, view, shaped);
        }
        if (progress && (n + 1) % s_progressEvery == 0 && !progress(qint64(n + 1), qint64(order.size())))
            return false;
    }
    return true;
}

std::optional<RecordTexts> RecordTexts::read(const Database &db, const IncidentColumns &columns,
    const std::vector<IncidentColumns::Index> &order, const Progress &progress, QString *error, qint64 parallelFrom)
{
    return readWith(db, columns, order, nullptr, progress, error, parallelFrom);
}

std::optional<RecordTexts> RecordTexts::readShaped(const Database &db, const IncidentColumns &columns,
    const std::vector<IncidentColumns::Index> &order, const ShaperFactory &shaper, const Progress &progress,
    QString *error, qint64 parallelFrom)
{
    return readWith(db, columns, order, &shaper, progress, error, parallelFrom);
}

std::optional<RecordTexts> RecordTexts::readWith(const Database &db, const IncidentColumns &columns,
    const std::vector<IncidentColumns::Index> &order, const ShaperFactory *shaper, const Progress &progress,
    QString *error, qint64 parallelFrom)
{
    const Reading reading(db.handle());
    RecordTexts texts;
    texts.m_record.assign(order.size(), nullptr);
    // A lookup costs several times a scanned row: scan unless few incidents are wanted.
    const bool few = qint64(order.size()) * s_scanRatio < qint64(columns.size());
    if (few) {
        if (!texts.lookUp(db.handle(), columns, order, shaper, progress, error)
            || (progress && !progress(qint64(order.size()), qint64(order.size()))))
            return std::nullopt;
        return texts;
    }
    // Two connections see the same committed state only while this one holds its read lock
    // (taken by a first read inside the transaction), and see nothing uncommitted.
    bool twoThreads = reading.own && qint64(columns.size()) >= parallelFrom && !db.path().isEmpty();
    if (twoThreads) {
        Statement lock(db.handle(), "SELECT 1 FROM incident LIMIT 1");
        const int rc = lock.step();
        twoThreads = (rc == SQLITE_ROW || rc == SQLITE_DONE) && sqlite3_get_autocommit(db.handle()) == 0;
    }
    const qint64 total = qint64(columns.size());
    if (!texts.scanAll(db, columns, order, shaper, progress, error, twoThreads)
        || (progress && !progress(total, total)))
        return std::nullopt;
    return texts;
}

bool RecordTexts::at(qsizetype k, View &view) const
{
    const char *cursor = m_record[std::size_t(k)];
    if (!cursor)
        return false;
    decode(cursor, view);
    return true;
}

QByteArrayView RecordTexts::shapedAt(qsizetype k) const
{
    const char *cursor = m_record[std::size_t(k)];
    return cursor ? takeField(cursor) : QByteArrayView();
}

void RecordTexts::decode(const char *cursor, View &view)
{
    QByteArrayView *fields[] = { &view.start, &view.end, &view.disclosed, &view.attributedOn, &view.summary, &view.tags,
        &view.related, &view.notes, &view.actor };
    for (QByteArrayView *field : fields)
        *field = takeField(cursor);
    const auto count = takeNumber(cursor);
    view.sources.resize(std::size_t(count));
    for (Source &s : view.sources) {
        s.url = takeField(cursor);
        s.title = takeField(cursor);
        s.publisher = takeField(cursor);
        s.date = takeField(cursor);
    }
}
