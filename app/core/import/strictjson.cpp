#include "import/strictjson.h"

#include <QCoreApplication>

namespace {
QString tr(const char *text)
{
    return QCoreApplication::translate("StrictJson", text);
}

constexpr qsizetype s_maxKeyBytes = 1024;
constexpr qsizetype s_maxCapture = 4096;
constexpr qsizetype s_maxTokenBytes = 1024;

bool isWhitespace(char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

bool isTokenChar(char c)
{
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '+' || c == '-'
        || c == '.';
}

bool isValueStart(char c)
{
    return c == '{' || c == '[' || c == '"' || c == '-' || (c >= '0' && c <= '9') || c == 't' || c == 'f' || c == 'n';
}

int hexValue(unsigned char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}

// RFC 8259's number grammar: -?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?
bool isNumber(const QByteArray &t)
{
    qsizetype i = 0;
    const qsizetype n = t.size();
    auto digits = [&] {
        const qsizetype from = i;
        while (i < n && t[i] >= '0' && t[i] <= '9')
            ++i;
        return i > from;
    };
    if (i < n && t[i] == '-')
        ++i;
    if (i < n && t[i] == '0')
        ++i;
    else if (!digits())
        return false;
    if (i < n && t[i] == '.') {
        ++i;
        if (!digits())
            return false;
    }
    if (i < n && (t[i] == 'e' || t[i] == 'E')) {
        ++i;
        if (i < n && (t[i] == '+' || t[i] == '-'))
            ++i;
        if (!digits())
            return false;
    }
    return i == n;
}

QString printable(char c)
{
    const auto u = static_cast<unsigned char>(c);
    if (u >= 0x21 && u < 0x7F)
        return QStringLiteral("'%1'").arg(QChar(QLatin1Char(c)));
    return QStringLiteral("byte 0x%1").arg(u, 2, 16, QLatin1Char('0'));
}
} // namespace

StrictJson::StrictJson(QByteArrayView arrayKey)
    : m_arrayKey(arrayKey.toByteArray())
{ }

bool StrictJson::fail(const QString &message)
{
    m_error = { m_line, m_column + 1, m_offset, message };
    return false;
}

bool StrictJson::scan(QIODevice *device, const std::function<bool(Element &&)> &element)
{
    m_element = element;
    static constexpr QByteArrayView s_bom("\xEF\xBB\xBF");
    QByteArray chunk;
    // The first bytes, held until they show whether the file starts with a byte order mark: a
    // pipe or an archive may hand out fewer than three at first.
    QByteArray head;
    bool first = true;
    while (true) {
        chunk = device->read(1024 * 1024);
        if (first) {
            head += chunk;
            if (!chunk.isEmpty() && head.size() < s_bom.size() && s_bom.startsWith(head))
                continue;
            chunk = std::move(head);
        }
        if (chunk.isEmpty())
            break;
        qsizetype from = 0;
        if (first && chunk.startsWith(s_bom)) {
            from = 3;
            m_offset = 3;
        }
        first = false;
        const char *data = chunk.constData();
        for (qsizetype k = from; k < chunk.size(); ++k) {
            if (!take(data[k]))
                return false;
        }
    }
    if (m_inString)
        return fail(tr("a string is never closed"));
    if (!m_token.isEmpty() && !finishNumberOrLiteral())
        return false;
    if (!m_done)
        return fail(m_stack.isEmpty() ? tr("no JSON value; expected an object or an array")
                                      : tr("the file ends inside an object or array; expected its closing bracket"));
    return !m_stopped;
}

bool StrictJson::take(char c)
{
    bool ok = true;
    if (m_inString) {
        if (m_inElement)
            appendElementByte(c);
        if (m_capture && m_captured.size() < s_maxCapture)
            m_captured.append(c);
        ok = inString(static_cast<unsigned char>(c));
    } else if (!m_token.isEmpty() && isTokenChar(c)) {
        if (m_token.size() >= s_maxTokenBytes)
            return fail(tr("a number or literal longer than %1 bytes").arg(s_maxTokenBytes));
        m_token.append(c);
        if (m_inElement)
            appendElementByte(c);
        if (m_capture)
            m_captured.append(c);
    } else {
        ok = m_token.isEmpty() || finishNumberOrLiteral();
        ok = ok && !m_stopped && structural(c);
    }
    if (c == '\n') {
        ++m_line;
        m_column = 0;
    } else {
        ++m_column;
    }
    ++m_offset;
    return ok && !m_stopped;
}

void StrictJson::appendElementByte(char c)
{
    if (m_current.oversized)
        return;
    if (m_current.bytes.size() >= s_maxElementBytes) {
        m_current.oversized = true;
        m_current.bytes = QByteArray();
        return;
    }
    m_current.bytes.append(c);
}

bool StrictJson::structural(char c)
{
    if (isWhitespace(c)) {
        if (m_inElement)
            appendElementByte(c);
        return true;
    }
    if (m_done)
        return fail(tr("%1 after the end of the JSON document; expected one document").arg(printable(c)));
    Frame *top = m_stack.isEmpty() ? nullptr : &m_stack.last();
    const bool valuePosition = !top || top->expect == Expect::Value || top->expect == Expect::ValueOrEnd;
    if (valuePosition && isValueStart(c))
        return value(c);
    if (!top)
        return fail(tr("%1 where a JSON value should start; expected an object or an array").arg(printable(c)));
    if (m_inElement)
        appendElementByte(c);
    switch (c) {
    case '"':
        if (top->expect == Expect::KeyOrEnd || top->expect == Expect::Key)
            return startString(true);
        break;
    case ':':
        if (top->expect == Expect::Colon) {
            top->expect = Expect::Value;
            return true;
        }
        break;
    case ',':
        if (top->expect == Expect::CommaOrEnd) {
            top->expect = top->kind == Kind::Object ? Expect::Key : Expect::Value;
            return true;
        }
        break;
    case '}':
    case ']': {
        const Kind kind = c == '}' ? Kind::Object : Kind::Array;
        if (top->kind != kind)
            return fail(
                tr("'%1' closes %2")
                    .arg(QString(QLatin1Char(c)), top->kind == Kind::Object ? tr("an object") : tr("an array")));
        if (top->expect == Expect::Key || top->expect == Expect::Value)
            return fail(tr("a trailing comma before '%1'; expected another value").arg(QChar(QLatin1Char(c))));
        if (top->expect != Expect::KeyOrEnd && top->expect != Expect::ValueOrEnd && top->expect != Expect::CommaOrEnd)
            break;
        if (m_stack.size() == m_elementDepth)
            m_elementDepth = -1; // the split array ended
        m_stack.removeLast();
        return afterValue();
    }
    default:
        break;
    }
    static const char *expected[]
        = { "a value", "a key or '}'", "a key", "':'", "',' or a closing bracket", "a value or ']'" };
    return fail(tr("unexpected %1; expected %2").arg(printable(c), QString::fromLatin1(expected[int(top->expect)])));
}

bool StrictJson::value(char c)
{
    const bool elementStart = m_elementDepth > 0 && m_stack.size() == m_elementDepth && !m_inElement;
    if (elementStart) {
        m_inElement = true;
        m_current = Element();
        m_current.index = m_nextIndex++;
        m_current.line = m_line;
    }
    if (m_inElement)
        appendElementByte(c);
    const bool topValue = m_stack.size() == 1 && m_stack.first().kind == Kind::Object;
    if (topValue && c != '{' && c != '[') {
        m_capture = true;
        m_captured = QByteArray(1, c);
    }
    if (c == '{' || c == '[') {
        if (m_stack.size() >= s_maxDepth)
            return fail(tr("nested deeper than %1 levels").arg(s_maxDepth));
        const Kind kind = c == '{' ? Kind::Object : Kind::Array;
        const bool split = kind == Kind::Array
            && ((m_stack.isEmpty()) || (topValue && !m_arrayKey.isEmpty() && m_lastTopKey == m_arrayKey));
        m_stack.append({ kind, kind == Kind::Object ? Expect::KeyOrEnd : Expect::ValueOrEnd, {} });
        if (split) {
            m_topLevelArray = m_stack.size() == 1;
            m_arrayFound = true;
            m_elementDepth = int(m_stack.size());
        }
        return true;
    }
    if (c == '"')
        return startString(false);
    m_token = QByteArray(1, c);
    return true;
}

bool StrictJson::startString(bool isKey)
{
    m_inString = true;
    m_stringIsKey = isKey;
    m_escape = 0;
    m_highSurrogate = 0;
    m_utf8Left = 0;
    m_string.clear();
    return true;
}

bool StrictJson::appendCodePoint(char32_t cp)
{
    if (!m_stringIsKey)
        return true;
    if (m_string.size() >= s_maxKeyBytes)
        return fail(tr("a key longer than %1 bytes").arg(s_maxKeyBytes));
    const char32_t one[] = { cp };
    m_string.append(QString::fromUcs4(one, 1).toUtf8());
    return true;
}

// One hex digit of a \\uXXXX escape; the fourth completes it (pairing surrogates).
bool StrictJson::hexDigit(unsigned char c)
{
    const int h = hexValue(c);
    if (h < 0)
        return fail(tr("\\u needs four hex digits; found %1").arg(printable(char(c))));
    m_hex = m_hex * 16 + char32_t(h);
    if (++m_escape < 6)
        return true;
    m_escape = 0;
    const char32_t cp = m_hex;
    if (cp >= 0xD800 && cp <= 0xDBFF) {
        if (m_highSurrogate)
            return fail(tr("a lone UTF-16 surrogate \\u%1; expected a pair").arg(uint(m_highSurrogate), 4, 16));
        m_highSurrogate = cp;
        return true;
    }
    if (cp >= 0xDC00 && cp <= 0xDFFF) {
        if (!m_highSurrogate)
            return fail(tr("a lone UTF-16 surrogate \\u%1; expected a pair").arg(uint(cp), 4, 16));
        const char32_t full = 0x10000 + ((m_highSurrogate - 0xD800) << 10) + (cp - 0xDC00);
        m_highSurrogate = 0;
        return appendCodePoint(full);
    }
    if (m_highSurrogate)
        return fail(tr("a lone UTF-16 surrogate \\u%1; expected a pair").arg(uint(m_highSurrogate), 4, 16));
    return appendCodePoint(cp);
}

// A continuation byte of a multi-byte UTF-8 sequence; the last one checks the whole.
bool StrictJson::utf8Continuation(unsigned char c)
{
    if ((c & 0xC0) != 0x80)
        return fail(tr("invalid UTF-8: a sequence cut short"));
    m_utf8Cp = (m_utf8Cp << 6) | (c & 0x3F);
    if (--m_utf8Left > 0)
        return true;
    static const char32_t least[] = { 0, 0, 0x80, 0x800, 0x10000 };
    if (m_utf8Cp < least[m_utf8Length])
        return fail(tr("invalid UTF-8: an overlong form"));
    if ((m_utf8Cp >= 0xD800 && m_utf8Cp <= 0xDFFF) || m_utf8Cp > 0x10FFFF)
        return fail(tr("invalid UTF-8: U+%1 is not a character").arg(uint(m_utf8Cp), 4, 16));
    return appendCodePoint(m_utf8Cp);
}

bool StrictJson::inString(unsigned char c)
{
    if (m_escape == 1) {
        m_escape = 0;
        static const QByteArray simple = QByteArrayLiteral("\"\\/bfnrt");
        static const char decoded[] = { '"', '\\', '/', '\b', '\f', '\n', '\r', '\t' };
        if (c == 'u') {
            m_escape = 2;
            m_hex = 0;
            return true;
        }
        if (m_highSurrogate)
            return fail(tr("a lone UTF-16 surrogate \\u%1; expected a pair").arg(uint(m_highSurrogate), 4, 16));
        const qsizetype i = simple.indexOf(char(c));
        if (i < 0)
            return fail(tr("\\%1 is not a JSON escape; expected one of \\\" \\\\ \\/ \\b \\f \\n \\r \\t \\uXXXX")
                            .arg(c >= 0x21 && c < 0x7F ? QString(QLatin1Char(char(c))) : printable(char(c))));
        return appendCodePoint(char32_t(decoded[i]));
    }
    if (m_escape >= 2)
        return hexDigit(c);
    if (m_utf8Left > 0)
        return utf8Continuation(c);
    if (m_highSurrogate && c != '\\')
        return fail(tr("a lone UTF-16 surrogate \\u%1; expected a pair").arg(uint(m_highSurrogate), 4, 16));
    if (c == '\\') {
        m_escape = 1;
        return true;
    }
    if (c == '"')
        return endString();
    if (c < 0x20)
        return fail(
            tr("control character U+%1 in a string; expected it escaped").arg(uint(c), 4, 16, QLatin1Char('0')));
    if (c < 0x80)
        return appendCodePoint(c);
    if (c >= 0xC2 && c <= 0xDF) {
        m_utf8Left = 1;
        m_utf8Cp = c & 0x1F;
    } else if (c >= 0xE0 && c <= 0xEF) {
        m_utf8Left = 2;
        m_utf8Cp = c & 0x0F;
    } else if (c >= 0xF0 && c <= 0xF4) {
        m_utf8Left = 3;
        m_utf8Cp = c & 0x07;
    } else {
        return fail(tr("invalid UTF-8: byte 0x%1").arg(uint(c), 2, 16));
    }
    m_utf8Length = m_utf8Left + 1;
    return true;
}

bool StrictJson::endString()
{
    m_inString = false;
    if (!m_stringIsKey)
        return afterValue();
    Frame &top = m_stack.last();
    top.expect = Expect::Colon;
    const QByteArray key = m_string;
    if (top.keys.contains(key)) {
        const QString name = QString::fromUtf8(key);
        if (m_stack.size() == 1)
            return fail(tr("duplicate key \"%1\" in the top-level object; expected each key once").arg(name));
        if (!m_inElement)
            return fail(tr("duplicate key \"%1\"; expected each key once").arg(name));
        m_current.duplicateKeys.append(name);
    }
    if (top.keys.size() >= s_maxKeys)
        return fail(tr("an object with more than %1 keys").arg(s_maxKeys));
    top.keys.insert(key);
    if (m_stack.size() == 1) {
        m_lastTopKey = key;
        m_topKeys.append(QString::fromUtf8(key));
    }
    return true;
}

bool StrictJson::finishNumberOrLiteral()
{
    const QByteArray token = m_token;
    m_token.clear();
    if (token != "true" && token != "false" && token != "null" && !isNumber(token))
        return fail(tr("\"%1\" is not a JSON value; expected a number, true, false or null")
                        .arg(QString::fromLatin1(token.left(40))));
    return afterValue();
}

bool StrictJson::afterValue()
{
    if (m_capture && m_stack.size() == 1) {
        m_capture = false;
        if (m_captured.size() < s_maxCapture)
            m_topValues.insert(QString::fromUtf8(m_lastTopKey), m_captured);
        m_captured.clear();
    }
    if (m_stack.isEmpty()) {
        m_done = true;
        return true;
    }
    m_stack.last().expect = Expect::CommaOrEnd;
    if (m_inElement && m_stack.size() == m_elementDepth) {
        m_inElement = false;
        if (m_element && !m_element(std::move(m_current))) {
            m_stopped = true;
            return false;
        }
        m_current = Element();
    }
    return true;
}
