#include "import/faultlinejsonreader.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace {
QString tr(const char *text)
{
    return QCoreApplication::translate("FaultlineJsonReader", text);
}

QString typeName(const QJsonValue &v)
{
    switch (v.type()) {
    case QJsonValue::Null:
        return QStringLiteral("null");
    case QJsonValue::Bool:
        return QStringLiteral("a boolean");
    case QJsonValue::Double:
        return QStringLiteral("a number");
    case QJsonValue::String:
        return QStringLiteral("a string");
    case QJsonValue::Array:
        return QStringLiteral("an array");
    case QJsonValue::Object:
        return QStringLiteral("an object");
    case QJsonValue::Undefined:
        break;
    }
    return QStringLiteral("nothing");
}

int lineOfOffset(QByteArrayView bytes, qsizetype offset)
{
    int line = 1;
    for (qsizetype i = 0; i < offset && i < bytes.size(); ++i)
        line += bytes[i] == '\n';
    return line;
}
} // namespace

bool FaultlineJsonReader::looksLikeFaultline(QByteArrayView head)
{
    return head.indexOf("\"faultline\"") >= 0;
}

namespace {
// The state of FaultlineJsonReader::scan() between bytes. It tracks nesting and strings,
// remembers the last key at depth 1, and notes where each value inside the depth-1
// "incidents" array begins and ends. It does not validate: QJsonDocument does that on the
// pieces.
class LayoutScanner
{
public:
    using Layout = FaultlineJsonReader::Layout;

    explicit LayoutScanner(QByteArrayView arrayKey)
        : m_arrayKey(arrayKey.toByteArray())
    { }

    // False when the nesting is deeper than FaultlineJsonReader::s_maxDepth.
    bool take(char c, qsizetype k)
    {
        if (c == '\n')
            ++m_line;
        if (m_inString) {
            inString(c);
            return true;
        }
        if (c == ' ' || c == '\t' || c == '\r' || c == '\n')
            return true;
        if (m_inIncidents && m_depth == 2 && m_expectValue && c != ']' && c != ',') {
            m_element = { k, k, m_line };
            m_open = true;
            m_expectValue = false;
        }
        return structural(c, k);
    }
    Layout layout() const { return m_layout; }

private:
    void inString(char c)
    {
        if (m_escaped) {
            m_escaped = false;
        } else if (c == '\\') {
            m_escaped = true;
        } else if (c == '"') {
            m_inString = false;
            if (m_collecting)
                m_lastKey = m_current;
            m_collecting = false;
        } else if (m_collecting && m_current.size() < 32) {
            m_current.append(c);
        }
    }

    bool structural(char c, qsizetype k)
    {
        switch (c) {
        case '"':
            m_inString = true;
            m_collecting = m_depth == 1;
            m_current.clear();
            break;
        case '{':
        case '[':
            if (++m_depth > FaultlineJsonReader::s_maxDepth)
                return false;
            if (m_depth == 2 && c == '[' && m_lastKey == m_arrayKey && m_layout.arrayBegin < 0) {
                m_layout.arrayBegin = k;
                m_inIncidents = true;
                m_expectValue = true;
            }
            break;
        case '}':
        case ']':
            if (m_depth == 2 && m_inIncidents) {
                closeElement(k);
                m_inIncidents = false;
                m_layout.arrayEnd = k;
            }
            --m_depth;
            break;
        case ',':
            if (m_depth == 2 && m_inIncidents) {
                closeElement(k);
                m_expectValue = true;
            }
            break;
        default:
            break;
        }
        return true;
    }

    void closeElement(qsizetype k)
    {
        if (!m_open)
            return;
        m_element.end = k;
        m_layout.elements.append(m_element);
        m_open = false;
    }

    QByteArray m_arrayKey;
    Layout m_layout;
    int m_depth = 0;
    int m_line = 1;
    bool m_inString = false;
    bool m_escaped = false;
    bool m_inIncidents = false;
    bool m_expectValue = false;
    bool m_collecting = false;
    QByteArray m_lastKey;
    QByteArray m_current;
    Layout::Element m_element;
    bool m_open = false; // an element has begun and not ended
};
} // namespace

FaultlineJsonReader::Layout FaultlineJsonReader::scan(QByteArrayView bytes, QByteArrayView arrayKey)
{
    LayoutScanner scanner(arrayKey);
    const char *data = bytes.data();
    for (qsizetype k = 0; k < bytes.size(); ++k) {
        if (!scanner.take(data[k], k))
            return {};
    }
    // Trailing whitespace inside an element's span is harmless to the parser.
    return scanner.layout();
}

namespace {
// Whole-file errors of one read, as diagnostics that name the line.
struct FileErrors
{
    const QByteArray &bytes;
    const QString &fileName;
    Diagnostics &diagnostics;

    bool fail(int line, const QString &reason) const
    {
        diagnostics.append({ fileName, line, {}, reason, Diagnostic::Severity::Error, {} });
        return false;
    }
    // A parse error in a piece of the file that starts at `base`, where the piece's offsets
    // are `shift` bytes ahead of the file's.
    bool parseError(const QJsonParseError &error, qsizetype base, qsizetype shift) const
    {
        const qsizetype offset = base + std::max<qsizetype>(0, error.offset - shift);
        return fail(
            lineOfOffset(bytes, offset), tr("not valid JSON: %1 at byte %2").arg(error.errorString()).arg(offset));
    }
};

// A file without an incidents array to split: parsed whole (only small or broken files get
// here) for the precise message. Always false.
bool refuseWithoutArray(const FileErrors &errors)
{
    if (errors.bytes.size() > 64 * 1024 * 1024)
        return errors.fail(0,
            tr("not a faultline JSON file: no \"incidents\" array; expected {\"faultline\": 1, \"incidents\": "
               "[...]}"));
    QJsonParseError error;
    const QJsonDocument doc = QJsonDocument::fromJson(errors.bytes, &error);
    if (error.error != QJsonParseError::NoError)
        return errors.parseError(error, 0, 0);
    if (!doc.isObject())
        return errors.fail(0,
            tr("top level is %1; expected an object {\"faultline\": 1, \"incidents\": [...]}")
                .arg(doc.isArray() ? QStringLiteral("an array") : QStringLiteral("not an object")));
    const QJsonValue incidents = doc.object().value(u"incidents");
    if (!doc.object().value(u"faultline").isDouble())
        return errors.fail(0, tr("no \"faultline\" version key; expected {\"faultline\": 1, \"incidents\": [...]}"));
    return errors.fail(0, tr("\"incidents\" is %1; expected an array of records").arg(typeName(incidents)));
}

// The envelope, with the array emptied: the version and the dataset name. Returns the
// dataset, or nullopt after a whole-file error.
std::optional<QString> readEnvelope(const FileErrors &errors, const FaultlineJsonReader::Layout &layout)
{
    const QByteArray &bytes = errors.bytes;
    const QByteArray envelope = bytes.left(layout.arrayBegin) + "[]" + bytes.mid(layout.arrayEnd + 1);
    QJsonParseError error;
    const QJsonDocument doc = QJsonDocument::fromJson(envelope, &error);
    if (error.error != QJsonParseError::NoError) {
        const qsizetype shift = error.offset > layout.arrayBegin + 2 ? layout.arrayEnd - layout.arrayBegin - 1 : 0;
        errors.parseError(error, 0, -shift);
        return std::nullopt;
    }
    const QJsonObject top = doc.object();
    const QJsonValue version = top.value(u"faultline");
    if (!version.isDouble()) {
        errors.fail(0, tr("no \"faultline\" version key; expected {\"faultline\": 1, \"incidents\": [...]}"));
        return std::nullopt;
    }
    if (version.toInt() != 1) {
        errors.fail(0, tr("faultline format version %1 is not supported; expected 1").arg(version.toDouble()));
        return std::nullopt;
    }
    return top.value(u"dataset").toString(QStringLiteral("faultline"));
}

// The fields of one record object as a RawRecord. Values of the wrong JSON type are
// reported (naming the line and the field) and make `typesOk` false.
class RecordFields
{
public:
    RecordFields(const QJsonObject &o, int line, const QString &fileName, Diagnostics &diagnostics)
        : m_o(o)
        , m_fileName(fileName)
        , m_diagnostics(diagnostics)
    {
        m_raw.line = line;
    }

    RawRecord read()
    {
        for (auto it = m_o.constBegin(); it != m_o.constEnd(); ++it) {
            const QString key = it.key();
            const QJsonValue v = it.value();
            if (key == u"victims" || key == u"attackers" || key == u"sectors" || key == u"tags" || key == u"related")
                m_raw.lists.insert(key, list(key, v));
            else if (key == u"sources")
                sources(key, v);
            else if (RecordValidator::fieldNames().contains(key))
                text(key, v);
            else
                m_diagnostics.append(
                    { m_fileName, m_raw.line, key, tr("unknown field, ignored"), Diagnostic::Severity::Warning, id() });
        }
        return m_raw;
    }
    bool typesOk() const { return m_typesOk; }

private:
    QString id() const { return m_o.value(u"id").toString(); }
    void typeError(const QString &field, const QString &expected, const QJsonValue &v)
    {
        m_diagnostics.append({ m_fileName, m_raw.line, field, tr("is %1; expected %2").arg(typeName(v), expected),
            Diagnostic::Severity::Error, id() });
        m_typesOk = false;
    }
    // A string or an array of strings.
    QStringList list(const QString &key, const QJsonValue &v)
    {
        if (v.isString())
            return { v.toString() };
        QStringList values;
        if (v.isArray()) {
            for (const QJsonValue &item : v.toArray()) {
                if (!item.isString()) {
                    typeError(key, tr("an array of strings"), item);
                    break;
                }
                values.append(item.toString());
            }
        } else if (!v.isNull()) {
            typeError(key, tr("an array of strings"), v);
        }
        return values;
    }
    // An array of URLs or of {url, title, publisher, date} objects.
    void sources(const QString &key, const QJsonValue &v)
    {
        if (!v.isArray() && !v.isNull()) {
            typeError(key, tr("an array of {url, title, publisher, date} objects"), v);
            return;
        }
        for (const QJsonValue &item : v.toArray()) {
            if (item.isString()) {
                m_raw.sources.append({ item.toString(), {}, {}, {} });
            } else if (item.isObject()) {
                const QJsonObject s = item.toObject();
                m_raw.sources.append({ s.value(u"url").toString(), s.value(u"title").toString(),
                    s.value(u"publisher").toString(), s.value(u"date").toString() });
            } else {
                typeError(key, tr("an array of {url, title, publisher, date} objects"), item);
            }
        }
    }
    void text(const QString &key, const QJsonValue &v)
    {
        if (v.isString())
            m_raw.text.insert(key, v.toString());
        else if (!v.isNull())
            typeError(key, tr("a string"), v);
    }

    const QJsonObject &m_o;
    const QString &m_fileName;
    Diagnostics &m_diagnostics;
    RawRecord m_raw;
    bool m_typesOk = true;
};
} // namespace

bool FaultlineJsonReader::read(
    const QByteArray &bytes, const QString &fileName, const Sink &sink, Diagnostics &diagnostics)
{
    const FileErrors errors { bytes, fileName, diagnostics };
    const Layout layout = scan(bytes);
    if (layout.arrayBegin < 0 || layout.arrayEnd < layout.arrayBegin)
        return refuseWithoutArray(errors);
    const std::optional<QString> dataset = readEnvelope(errors, layout);
    if (!dataset)
        return false;

    RecordValidator validator(fileName, *dataset);
    for (qsizetype i = 0; i < layout.elements.size(); ++i) {
        const Layout::Element &e = layout.elements.at(i);
        // Each element parsed on its own, wrapped in [ ] so any JSON value is accepted.
        const QByteArray piece = '[' + bytes.mid(e.begin, e.end - e.begin) + ']';
        QJsonParseError error;
        const QJsonDocument one = QJsonDocument::fromJson(piece, &error);
        if (error.error != QJsonParseError::NoError)
            return errors.parseError(error, e.begin, 1);
        const QJsonValue value = one.array().at(0);
        if (!value.isObject()) {
            diagnostics.append({ fileName, e.line, QStringLiteral("incidents[%1]").arg(i),
                tr("is %1; expected a record object").arg(typeName(value)), Diagnostic::Severity::Error, {} });
            continue;
        }
        const QJsonObject o = value.toObject();
        RecordFields fields(o, e.line, fileName, diagnostics);
        const RawRecord raw = fields.read();
        std::optional<Incident> incident = validator.read(raw, diagnostics);
        if (incident && fields.typesOk() && !sink(std::move(*incident)))
            return false;
    }
    return true;
}
