#include "import/stixobjectfacts.h"

#include <QJsonDocument>
#include <QVarLengthArray>
#include <algorithm>
#include <array>
#include <cstring>
#include <utility>

namespace {
// Reads StixObjectFacts straight from an element's bytes, without building a QJsonObject, when the
// element is plain: strict JSON, printable ASCII, no \u escapes, short integer or decimal
// numbers, no key twice at the top, not a location or identity. On anything else it gives up
// (nullopt) and the element goes to QJsonDocument, which decides as it always did. What it
// accepts QJsonDocument accepts too, with the same values, so the result is the same; bundles
// written by tools are almost all plain, and this is several times faster than building
// the object (the record objects are parsed in full later anyway).
class PlainObjectReader
{
public:
    static std::optional<StixObjectFacts> read(QByteArrayView bytes)
    {
        if (bytes.size() > 16 * 1024 * 1024)
            return std::nullopt; // QJsonDocument has size limits of its own: let it decide
        PlainObjectReader r(bytes);
        StixObjectFacts f;
        if (!r.topObject(f) || StixObjectFacts::needsFull(f.type))
            return std::nullopt;
        return f;
    }

private:
    explicit PlainObjectReader(QByteArrayView bytes)
        : m_p(bytes.data())
        , m_end(bytes.data() + bytes.size())
    { }

    void space()
    {
        while (m_p < m_end && (*m_p == ' ' || *m_p == '\n' || *m_p == '\r' || *m_p == '\t'))
            ++m_p;
    }
    bool take(char c)
    {
        space();
        if (m_p < m_end && *m_p == c) {
            ++m_p;
            return true;
        }
        return false;
    }

    // A string at m_p (after its opening quote is checked); its text goes to `out` when given.
    bool string(QString *out)
    {
        if (m_p >= m_end || *m_p != '"')
            return false;
        const char *begin = ++m_p;
        bool escaped = false;
        for (; m_p < m_end && *m_p != '"'; ++m_p) {
            const auto c = static_cast<unsigned char>(*m_p);
            if (c < 0x20 || c > 0x7e)
                return false;
            if (c == '\\') {
                if (++m_p >= m_end || !std::strchr("\"\\/bfnrt", *m_p) || *m_p == 0)
                    return false;
                escaped = true;
            }
        }
        if (m_p >= m_end)
            return false;
        const QByteArrayView raw(begin, m_p - begin);
        ++m_p;
        if (out)
            *out = escaped ? unescape(raw) : QString::fromLatin1(raw);
        return true;
    }

    static QString unescape(QByteArrayView raw)
    {
        QString text;
        text.reserve(raw.size());
        for (qsizetype k = 0; k < raw.size(); ++k) {
            char c = raw[k];
            if (c == '\\') {
                switch (raw[++k]) {
                case 'b':
                    c = '\b';
                    break;
                case 'f':
                    c = '\f';
                    break;
                case 'n':
                    c = '\n';
                    break;
                case 'r':
                    c = '\r';
                    break;
                case 't':
                    c = '\t';
                    break;
                default:
                    c = raw[k];
                    break; // " \ /
                }
            }
            text.append(QLatin1Char(c));
        }
        return text;
    }

    // -?(0|[1-9][0-9]*)(.[0-9]+)?, at most 15 characters: a double, exactly as any parser reads it.
    bool number()
    {
        const char *begin = m_p;
        if (m_p < m_end && *m_p == '-')
            ++m_p;
        if (m_p < m_end && *m_p == '0') {
            ++m_p;
        } else {
            if (m_p >= m_end || *m_p < '1' || *m_p > '9')
                return false;
            while (m_p < m_end && *m_p >= '0' && *m_p <= '9')
                ++m_p;
        }
        if (m_p < m_end && *m_p == '.') {
            const char *fraction = ++m_p;
            while (m_p < m_end && *m_p >= '0' && *m_p <= '9')
                ++m_p;
            if (m_p == fraction)
                return false;
        }
        return m_p - begin <= 15 && (m_p >= m_end || (*m_p != 'e' && *m_p != 'E'));
    }

    bool literal(QByteArrayView word)
    {
        if (QByteArrayView(m_p, m_end - m_p).startsWith(word)) {
            m_p += word.size();
            return true;
        }
        return false;
    }

    // Any value; `text` receives a string's text, `isTrue` whether it is the literal true.
    bool value(int depth, QString *text = nullptr, bool *isTrue = nullptr)
    {
        space();
        if (m_p >= m_end || depth > 32)
            return false;
        switch (*m_p) {
        case '"':
            return string(text);
        case '{':
            ++m_p;
            if (take('}'))
                return true;
            do {
                space();
                if (!string(nullptr) || !take(':') || !value(depth + 1))
                    return false;
            } while (take(','));
            return take('}');
        case '[':
            ++m_p;
            if (take(']'))
                return true;
            do {
                if (!value(depth + 1))
                    return false;
            } while (take(','));
            return take(']');
        case 't':
            if (isTrue)
                *isTrue = true;
            return literal("true");
        case 'f':
            return literal("false");
        case 'n':
            return literal("null");
        default:
            return number();
        }
    }

    bool topObject(StixObjectFacts &f)
    {
        QVarLengthArray<QByteArrayView, 32> keys;
        if (!take('{'))
            return false;
        if (!take('}')) {
            do {
                space();
                const char *begin = m_p + 1;
                if (!string(nullptr))
                    return false;
                const QByteArrayView k(begin, m_p - 1 - begin);
                if (k.contains('\\') || std::find(keys.cbegin(), keys.cend(), k) != keys.cend())
                    return false;
                keys.append(k);
                if (!take(':') || !value(1, target(f, k), k == "revoked" ? &f.revoked : nullptr))
                    return false;
            } while (take(','));
            if (!take('}'))
                return false;
        }
        space();
        return m_p == m_end;
    }

    static QString *target(StixObjectFacts &f, QByteArrayView key)
    {
        if (key == "type")
            return &f.type;
        if (key == "id")
            return &f.id;
        if (key == "name")
            return &f.name;
        if (key == "relationship_type")
            return &f.relationshipType;
        if (key == "source_ref")
            return &f.sourceRef;
        if (key == "target_ref")
            return &f.targetRef;
        if (key == "start_time")
            return &f.startTime;
        return nullptr;
    }

    const char *m_p;
    const char *m_end;
};
} // namespace

std::optional<StixObjectFacts> StixObjectFacts::readPlain(QByteArrayView bytes)
{
    return PlainObjectReader::read(bytes);
}
