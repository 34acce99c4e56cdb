#include "store/recordtexts.h"

#include "store/database.h"
#include "store/statement.h"

#include <QCoreApplication>
#include <algorithm>

namespace {
constexpr qint64 s_progressEvery = 4096; // rows between two progress calls
constexpr std::uint32_t s_notWanted = ~std::uint32_t(0);

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
// incident's sources are the next rows of this statement.
class SourceCursor
{
public:
    explicit SourceCursor(sqlite3 *h)
        : m_st(h, "SELECT incident, url, title, publisher, date FROM source ORDER BY incident, position")
    {
        advance();
    }
    // Appends the count and fields of the sources of `rowid` to `out` (with `keep`), and skips them.
    void take(qint64 rowid, bool keep, QByteArray &out)
    {
        while (m_row && m_st.int64(0) < rowid)
            advance();
        m_scratch.clear();
        qint64 count = 0;
        for (; m_row && m_st.int64(0) == rowid; advance()) {
            if (!keep)
                continue;
            ++count;
            for (int c = 1; c <= 4; ++c)
                appendField(m_scratch, m_st.utf8(c));
        }
        if (keep) {
            appendNumber(out, std::uint64_t(count));
            out.append(m_scratch);
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
    QByteArray m_scratch;
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

void RecordTexts::keepRow(const Statement &row, qsizetype k)
{
    m_offset[std::size_t(k)] = m_bytes.size();
    for (int c = 1; c <= s_textColumnCount; ++c)
        appendField(m_bytes, row.utf8(c));
}

bool RecordTexts::scan(sqlite3 *h, const IncidentColumns &columns, const std::vector<IncidentColumns::Index> &order,
    const Progress &progress, QString *error)
{
    const std::vector<std::uint32_t> position = positions(columns, order);
    const QByteArray sql = QByteArray(s_textColumns) + "ORDER BY rowid";
    Statement rows(h, sql.constData());
    SourceCursor sources(h);
    qint64 scanned = 0;
    std::size_t next = 0; // walks columns.rowid alongside the rows
    int rc = SQLITE_DONE;
    while ((rc = rows.step()) == SQLITE_ROW) {
        const qint64 rowid = rows.int64(0);
        while (next < columns.rowid.size() && columns.rowid[next] < rowid)
            ++next;
        const bool keep = next < columns.rowid.size() && columns.rowid[next] == rowid && position[next] != s_notWanted;
        if (keep)
            keepRow(rows, position[next]);
        sources.take(rowid, keep, m_bytes);
        if (progress && ++scanned % s_progressEvery == 0 && !progress(scanned, qint64(columns.size())))
            return false;
    }
    if (rc != SQLITE_DONE || sources.failed()) {
        if (error)
            *error = cannotRead(rc != SQLITE_DONE ? rows.errorMessage() : sources.errorMessage());
        return false;
    }
    return true;
}

bool RecordTexts::lookUp(sqlite3 *h, const IncidentColumns &columns, const std::vector<IncidentColumns::Index> &order,
    const Progress &progress, QString *error)
{
    // In rowid order, so consecutive lookups touch neighbouring pages.
    std::vector<std::uint32_t> byRowid(order.size());
    for (std::size_t k = 0; k < order.size(); ++k)
        byRowid[k] = std::uint32_t(k);
    std::sort(byRowid.begin(), byRowid.end(), [&](auto a, auto b) { return order[a] < order[b]; });
    const QByteArray sql = QByteArray(s_textColumns) + "WHERE rowid = ?1";
    Statement row(h, sql.constData());
    Statement sources(h, "SELECT url, title, publisher, date FROM source WHERE incident = ?1 ORDER BY position");
    QByteArray fields;
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
            keepRow(row, byRowid[n]);
            sources.reset();
            sources.bind(1, rowid);
            fields.resize(0);
            std::uint64_t count = 0;
            for (; sources.step() == SQLITE_ROW; ++count) {
                for (int c = 0; c < 4; ++c)
                    appendField(fields, sources.utf8(c));
            }
            appendNumber(m_bytes, count);
            m_bytes.append(fields);
        }
        if (progress && (n + 1) % s_progressEvery == 0 && !progress(qint64(n + 1), qint64(order.size())))
            return false;
    }
    return true;
}

std::optional<RecordTexts> RecordTexts::read(const Database &db, const IncidentColumns &columns,
    const std::vector<IncidentColumns::Index> &order, const Progress &progress, QString *error)
{
    const Reading reading(db.handle());
    RecordTexts texts;
    texts.m_offset.assign(order.size(), -1);
    // A lookup costs several times a scanned row: scan unless few incidents are wanted.
    const bool few = qint64(order.size()) * s_scanRatio < qint64(columns.size());
    const qint64 units = few ? qint64(order.size()) : qint64(columns.size());
    const bool done = few ? texts.lookUp(db.handle(), columns, order, progress, error)
                          : texts.scan(db.handle(), columns, order, progress, error);
    if (!done || (progress && !progress(units, units)))
        return std::nullopt;
    return texts;
}

bool RecordTexts::at(qsizetype k, View &view) const
{
    const qint64 offset = m_offset[std::size_t(k)];
    if (offset < 0)
        return false;
    const char *cursor = m_bytes.constData() + offset;
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
    return true;
}
