// The strict JSON scanner (StrictJson) on arbitrary bytes: it may refuse, never crash, hang or
// read out of bounds, and what it decides cannot depend on how the device hands the bytes
// over. The same bytes are scanned once as one buffer and once through a device that gives
// them out a few at a time (as a pipe may); both scans must agree on the outcome, the error
// (message, line, column, offset), the top-level keys and every element handed out. An
// element it accepted (not oversized, no duplicate key) is itself valid JSON for the scanner.
#include "fuzzsupport.h"
#include "import/strictjson.h"

#include <QBuffer>
#include <algorithm>
#include <cstring>

namespace {
// Hands out its bytes 1, 2, 3, 5, 8 or 13 at a time, as a sequential device.
class TrickleDevice : public QIODevice
{
public:
    explicit TrickleDevice(QByteArray bytes)
        : m_bytes(std::move(bytes))
    {
        open(QIODevice::ReadOnly | QIODevice::Unbuffered);
    }
    bool isSequential() const override { return true; }

protected:
    qint64 readData(char *data, qint64 maxSize) override
    {
        static constexpr qint64 s_steps[] = { 1, 2, 3, 5, 8, 13 };
        const qint64 n = std::min({ maxSize, s_steps[m_calls++ % 6], qint64(m_bytes.size()) - m_at });
        std::memcpy(data, m_bytes.constData() + m_at, std::size_t(n));
        m_at += n;
        return n;
    }
    qint64 writeData(const char *, qint64) override { return -1; }

private:
    QByteArray m_bytes;
    qint64 m_at = 0;
    int m_calls = 0;
};

struct Outcome
{
    bool ok = false;
    StrictJson::Error error;
    bool topLevelIsArray = false;
    bool foundArray = false;
    QStringList keys;
    QList<StrictJson::Element> elements;
};

Outcome scan(QIODevice &device, QByteArrayView arrayKey)
{
    StrictJson json(arrayKey);
    Outcome o;
    o.ok = json.scan(&device, [&](StrictJson::Element &&e) {
        o.elements.append(std::move(e));
        return true;
    });
    o.error = json.error();
    o.topLevelIsArray = json.topLevelIsArray();
    o.foundArray = json.foundArray();
    o.keys = json.topLevelKeys();
    return o;
}

bool same(const StrictJson::Element &a, const StrictJson::Element &b)
{
    return a.index == b.index && a.line == b.line && a.bytes == b.bytes && a.oversized == b.oversized
        && a.duplicateKeys == b.duplicateKeys;
}

void compare(const Outcome &whole, const Outcome &trickled, const char *what)
{
    const bool agree = whole.ok == trickled.ok && whole.error.message == trickled.error.message
        && whole.error.line == trickled.error.line && whole.error.column == trickled.error.column
        && whole.error.offset == trickled.error.offset && whole.topLevelIsArray == trickled.topLevelIsArray
        && whole.foundArray == trickled.foundArray && whole.keys == trickled.keys
        && whole.elements.size() == trickled.elements.size()
        && std::equal(whole.elements.cbegin(), whole.elements.cend(), trickled.elements.cbegin(), same);
    if (!agree)
        qFatal("fuzz: StrictJson (%s) decided differently on the same bytes read in small pieces: "
               "%s at %d:%d (%lld) with %lld elements, against %s at %d:%d (%lld) with %lld elements",
            what, whole.ok ? "ok" : qPrintable(whole.error.message), whole.error.line, whole.error.column,
            static_cast<long long>(whole.error.offset), static_cast<long long>(whole.elements.size()),
            trickled.ok ? "ok" : qPrintable(trickled.error.message), trickled.error.line, trickled.error.column,
            static_cast<long long>(trickled.error.offset), static_cast<long long>(trickled.elements.size()));
    if (!whole.ok && whole.error.message.isEmpty())
        qFatal("fuzz: StrictJson (%s) refused the bytes without saying why", what);
}
} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    FuzzSupport::ensureApplication();
    const QByteArray bytes = FuzzSupport::bytes(data, size);
    // The faultline envelope (its "incidents" array) and a top-level array.
    for (const char *key : { "incidents", "" }) {
        QBuffer buffer;
        buffer.setData(bytes);
        buffer.open(QIODevice::ReadOnly);
        const Outcome whole = scan(buffer, QByteArrayView(key, qsizetype(std::strlen(key))));
        TrickleDevice trickle(bytes);
        compare(whole, scan(trickle, QByteArrayView(key, qsizetype(std::strlen(key)))), *key ? "incidents" : "array");

        for (const StrictJson::Element &e : whole.elements) {
            const char first = e.bytes.isEmpty() ? '\0' : e.bytes.front();
            if (e.oversized || !e.duplicateKeys.isEmpty() || (first != '{' && first != '['))
                continue;
            QBuffer alone;
            alone.setData(e.bytes);
            alone.open(QIODevice::ReadOnly);
            StrictJson again(first == '[' ? QByteArrayView("") : QByteArrayView("\x01"));
            if (!again.scan(&alone))
                qFatal("fuzz: StrictJson handed out element %lld that it then refuses alone: %s",
                    static_cast<long long>(e.index), qPrintable(again.error().message));
        }
    }
    return 0;
}
