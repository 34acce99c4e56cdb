#pragma once

#include <QByteArray>
#include <QHash>
#include <QIODevice>
#include <QList>
#include <QSet>
#include <QString>
#include <QStringList>
#include <functional>

// A strict, streaming JSON scanner (RFC 8259): it reads a device in chunks and keeps no more
// than the current nesting, so any file is checked in bounded memory. It refuses what Qt's
// parser lets through or mends: duplicate keys (reported, not fatal, inside an element of the
// array being split), trailing commas, escapes JSON does not have (`\x41`), lone or misordered
// UTF-16 surrogates, invalid UTF-8, control characters in strings, a second document after
// the first. Nesting deeper than s_maxDepth and objects with more than s_maxKeys keys are
// refused too.
//
// It can hand out the elements of one array: the top-level array, or the array under a given
// key of the top-level object ("incidents"), each as its bytes (up to s_maxElementBytes;
// larger elements are reported as oversized and not kept), with its index, line and the
// duplicate keys found in it. The scalar values of the top-level object's other keys are
// kept as raw JSON (up to 4 KiB each) for the caller to read the envelope.
class StrictJson
{
public:
    static constexpr int s_maxDepth = 64;
    static constexpr int s_maxKeys = 100000;
    static constexpr qsizetype s_maxElementBytes = 16ll * 1024 * 1024;

    struct Element
    {
        qsizetype index = 0; // position in the array
        int line = 0; // 1-based line of its first byte
        QByteArray bytes; // empty when oversized
        bool oversized = false;
        QStringList duplicateKeys; // "key" or "key.inner" paths inside the element
    };
    struct Error
    {
        int line = 0;
        int column = 0;
        qint64 offset = 0;
        QString message;
    };

    // `arrayKey` names the top-level object's array to split; empty splits a top-level array.
    explicit StrictJson(QByteArrayView arrayKey = "incidents");

    // Scans the whole device; calls `element` for each element of the array (return false to
    // stop). False on the first error (error()) or when stopped.
    bool scan(QIODevice *device, const std::function<bool(Element &&)> &element = {});

    const Error &error() const { return m_error; }
    bool topLevelIsArray() const { return m_topLevelArray; }
    bool foundArray() const { return m_arrayFound; }
    // A scalar value of the top-level object, as raw JSON text ("1", "\"name\""), or empty.
    QByteArray topLevelValue(const QString &key) const { return m_topValues.value(key); }
    bool hasTopLevelKey(const QString &key) const { return m_topKeys.contains(key); }
    // Keys of the top-level object, in order.
    QStringList topLevelKeys() const { return m_topKeys; }

private:
    enum class Kind { Object, Array };
    enum class Expect { Value, KeyOrEnd, Key, Colon, CommaOrEnd, ValueOrEnd };
    struct Frame
    {
        Kind kind;
        Expect expect;
        QSet<QByteArray> keys;
    };

    bool take(char c);
    bool fail(const QString &message);
    bool structural(char c);
    bool value(char c);
    bool startString(bool isKey);
    bool inString(unsigned char c);
    bool hexDigit(unsigned char c);
    bool utf8Continuation(unsigned char c);
    bool endString();
    bool appendCodePoint(char32_t cp);
    bool finishNumberOrLiteral();
    bool afterValue();
    void appendElementByte(char c);

    QByteArray m_arrayKey;
    std::function<bool(Element &&)> m_element;
    QList<Frame> m_stack;
    Error m_error;
    qint64 m_offset = 0;
    int m_line = 1;
    int m_column = 0;
    bool m_done = false; // the top-level value ended
    bool m_topLevelArray = false;
    bool m_arrayFound = false;
    bool m_stopped = false;

    // string state
    bool m_inString = false;
    bool m_stringIsKey = false;
    int m_escape = 0; // 0 none, 1 after '\', 2..5 reading \u hex digits
    char32_t m_hex = 0;
    char32_t m_highSurrogate = 0;
    int m_utf8Left = 0;
    char32_t m_utf8Cp = 0;
    int m_utf8Length = 0;
    QByteArray m_string; // decoded key (keys only, capped)
    bool m_capture = false; // capturing a top-level scalar value
    QByteArray m_captured;
    QByteArray m_lastTopKey;
    QHash<QString, QByteArray> m_topValues;
    QStringList m_topKeys;

    // number or literal state
    QByteArray m_token;

    // the element being read
    bool m_inElement = false;
    int m_elementDepth = 0; // stack depth of the array whose elements are handed out (-1 after it)
    qsizetype m_nextIndex = 0;
    Element m_current;
};
