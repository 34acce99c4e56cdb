#include "store/columncache.h"

#include <QBuffer>
#include <QDataStream>
#include <QIODevice>
#include <cstring>

namespace {
constexpr quint32 s_magic = 0x464C4343; // "FLCC"
constexpr quint32 s_version = 1;

template <typename T> void put(QDataStream &out, const std::vector<T> &v)
{
    out << quint64(v.size());
    out.writeRawData(reinterpret_cast<const char *>(v.data()), int(v.size() * sizeof(T)));
}

template <typename T> bool take(QDataStream &in, std::vector<T> &v, quint64 expected, qint64 remaining)
{
    quint64 n = 0;
    in >> n;
    if (in.status() != QDataStream::Ok || n != expected || n * sizeof(T) > quint64(remaining))
        return false;
    v.resize(std::size_t(n));
    return in.readRawData(reinterpret_cast<char *>(v.data()), int(n * sizeof(T))) == qint64(n * sizeof(T));
}

bool takeText(QDataStream &in, QByteArray &text, qint64 remaining)
{
    quint64 n = 0;
    in >> n;
    if (in.status() != QDataStream::Ok || n > quint64(remaining))
        return false;
    text.resize(qsizetype(n));
    return in.readRawData(text.data(), int(n)) == qint64(n);
}

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
} // namespace

namespace ColumnCache {
namespace {
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

    void encodeTo(QIODevice *device, const IncidentColumns &c);
} // namespace

bool encode(const IncidentColumns &columns, qsizetype partBytes, const std::function<bool(QByteArrayView)> &part)
{
    PartWriter writer(partBytes, part);
    encodeTo(&writer, columns);
    return writer.ok() && writer.finish();
}

QByteArray encode(const IncidentColumns &columns)
{
    QByteArray bytes;
    encode(columns, 1 << 20, [&bytes](QByteArrayView part) {
        bytes.append(part);
        return true;
    });
    return bytes;
}

namespace {
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

std::optional<IncidentColumns> decode(QByteArrayView bytes, QString *whyNot)
{
    QByteArray data = QByteArray::fromRawData(bytes.data(), bytes.size());
    QBuffer buffer(&data);
    buffer.open(QIODevice::ReadOnly);
    return decode(&buffer, bytes.size(), whyNot);
}

std::optional<IncidentColumns> decode(QIODevice *device, qint64 size, QString *whyNot)
{
    auto refuse = [whyNot](const char *why) -> std::optional<IncidentColumns> {
        if (whyNot)
            *whyNot = QString::fromLatin1(why);
        return std::nullopt;
    };
    QDataStream in(device);
    in.setVersion(QDataStream::Qt_6_4);
    quint32 magic = 0, version = 0;
    quint16 byteOrder = 0;
    quint64 n = 0;
    in >> magic >> version >> byteOrder >> n;
    if (in.status() != QDataStream::Ok || magic != s_magic || version != s_version)
        return refuse("not a column cache of this version");
    quint16 native = 0x0102;
    if (byteOrder != native || std::memcmp(&native, "\x02\x01", 2) != 0)
        return refuse("written on a machine of another byte order"); // the arrays are raw
    if (n > quint64(size))
        return refuse("incident count larger than the cache");
    IncidentColumns c;
    auto left = [&] { return size - device->pos(); };
    const bool arrays = take(in, c.rowid, n, left()) && take(in, c.firstDay, n, left())
        && take(in, c.lastDay, n, left()) && take(in, c.precision, n, left()) && take(in, c.hasEnd, n, left())
        && take(in, c.type, n, left()) && take(in, c.attribution, n, left()) && take(in, c.sectors, n, left())
        && take(in, c.actor, n, left()) && take(in, c.dataset, n, left()) && take(in, c.victimOffset, n + 1, left());
    if (!arrays)
        return refuse("truncated or mis-sized arrays");
    if (!take(in, c.victimCodes, c.victimOffset.back(), left()) || !take(in, c.attackerOffset, n + 1, left())
        || !take(in, c.attackerCodes, c.attackerOffset.back(), left()) || !take(in, c.idOffset, n + 1, left())
        || !take(in, c.titleOffset, n + 1, left()) || !take(in, c.byDate, n, left()))
        return refuse("truncated or mis-sized arrays");
    in >> c.countries >> c.actors >> c.datasets;
    if (in.status() != QDataStream::Ok || !takeText(in, c.idText, left()) || !takeText(in, c.titleText, left())
        || !in.atEnd())
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
} // namespace ColumnCache
