#include "import/faultlinejsonreader.h"

#include "import/strictjson.h"

#include <QBuffer>
#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>

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

} // namespace

bool FaultlineJsonReader::looksLikeFaultline(QByteArrayView head)
{
    // The version key may come after the records, beyond the head: an "incidents" array says
    // it too (the reader then requires the version key, wherever it is).
    static const QRegularExpression incidents(QStringLiteral("\"incidents\"\\s*:\\s*\\["));
    return head.indexOf("\"faultline\"") >= 0 || looksLikeRecordArray(head)
        || incidents.match(QString::fromUtf8(head.first(std::min<qsizetype>(head.size(), 65536)))).hasMatch();
}

bool FaultlineJsonReader::looksLikeRecordArray(QByteArrayView head)
{
    // What `faultline list --format json` prints: an array of record objects, keys sorted
    // (attribution and id come before the first nested object, the sources).
    static const QRegularExpression records(
        QStringLiteral("^\\s*\\[\\s*\\{[^{}]*\"attribution\"\\s*:[^{}]*\"id\"\\s*:"));
    QByteArrayView text = head.first(std::min<qsizetype>(head.size(), 65536));
    if (text.startsWith("\xEF\xBB\xBF"))
        text = text.sliced(3);
    return records.match(QString::fromUtf8(text)).hasMatch();
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

    // The first byte from `k` on that take() would not ignore: inside a string not being
    // collected, a quote, a backslash or a newline (which it counts); outside strings,
    // anything but a space. Most of a file is string text and indentation.
    qsizetype next(const char *data, qsizetype k, qsizetype size) const
    {
        if (m_inString) {
            if (m_escaped || m_collecting)
                return k;
            while (k < size && data[k] != '"' && data[k] != '\\' && data[k] != '\n')
                ++k;
            return k;
        }
        while (k < size && data[k] == ' ')
            ++k;
        return k;
    }

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
    const qsizetype size = bytes.size();
    for (qsizetype k = scanner.next(data, 0, size); k < size; k = scanner.next(data, k + 1, size)) {
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
    const QString &fileName;
    Diagnostics &diagnostics;

    bool fail(int line, const QString &reason) const
    {
        diagnostics.append({ fileName, line, {}, reason, Diagnostic::Severity::Error, {} });
        return false;
    }
};

// The envelope's version and dataset name, checked after the whole file was found to be
// strict JSON (the "faultline" key may come anywhere in the object, even after the records).
// Returns the dataset, or nullopt after a whole-file error.
std::optional<QString> readEnvelope(const FileErrors &errors, const StrictJson &json)
{
    const QString expected = QStringLiteral("expected {\"faultline\": 1, \"incidents\": [...]}");
    if (json.topLevelIsArray())
        return QStringLiteral("faultline"); // a bare array of records, as `list --format json` prints
    if (!json.foundArray()) {
        errors.fail(0,
            json.hasTopLevelKey(QStringLiteral("incidents"))
                ? tr("\"incidents\" is not an array; expected an array of records")
                : tr("not a faultline JSON file: no \"incidents\" array; ") + expected);
        return std::nullopt;
    }
    const QByteArray version = json.topLevelValue(QStringLiteral("faultline"));
    if (version.isEmpty()) {
        errors.fail(0, tr("no \"faultline\" version key; ") + expected);
        return std::nullopt;
    }
    if (version != "1") {
        errors.fail(
            0, tr("faultline format version %1 is not supported; expected 1").arg(QString::fromUtf8(version.left(40))));
        return std::nullopt;
    }
    const QByteArray dataset = json.topLevelValue(QStringLiteral("dataset"));
    if (dataset.isEmpty())
        return QStringLiteral("faultline");
    const QJsonValue name = QJsonDocument::fromJson('[' + dataset + ']').array().at(0);
    if (!name.isString()) {
        errors.fail(0, tr("\"dataset\" is not a string; expected the dataset's name"));
        return std::nullopt;
    }
    return name.toString();
}

// The fields of one record object as a RawRecord. Values of the wrong JSON type are
// reported (naming the line and the field) and make `typesOk` false.
class RecordFields
{
public:
    RecordFields(const QJsonObject &o, int line, const QString &path, const QString &fileName, Diagnostics &diagnostics)
        : m_o(o)
        , m_path(path)
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
                m_diagnostics.append({ m_fileName, m_raw.line, m_path + u'.' + key, tr("unknown field, ignored"),
                    Diagnostic::Severity::Warning, id() });
        }
        return m_raw;
    }
    bool typesOk() const { return m_typesOk; }

private:
    QString id() const { return m_o.value(u"id").toString(); }
    void typeError(const QString &field, const QString &expected, const QJsonValue &v)
    {
        m_diagnostics.append({ m_fileName, m_raw.line, m_path + u'.' + field,
            tr("is %1; expected %2").arg(typeName(v), expected), Diagnostic::Severity::Error, id() });
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
    const QString &m_path;
    const QString &m_fileName;
    Diagnostics &m_diagnostics;
    RawRecord m_raw;
    bool m_typesOk = true;
};
} // namespace

bool FaultlineJsonReader::read(
    const QByteArray &bytes, const QString &fileName, const Sink &sink, Diagnostics &diagnostics, int *rejected)
{
    QByteArray copy = bytes; // shares the data; QBuffer wants a non-const array
    QBuffer buffer(&copy);
    buffer.open(QIODevice::ReadOnly);
    return read(&buffer, fileName, sink, diagnostics, {}, rejected);
}

namespace {
// One element of the incidents array: parsed, its fields typed, validated and handed to the
// sink. Diagnostics name the JSON path (incidents[12].start) and the record's id. Returns
// false when the record is rejected; sets *stop when the sink asks to stop.
bool readElement(StrictJson::Element &e, const QString &arrayPath, const RecordValidator &validator,
    const QString &fileName, const FaultlineJsonReader::Sink &sink, Diagnostics &diagnostics, bool *stop)
{
    const QString path = QStringLiteral("%1[%2]").arg(arrayPath).arg(e.index);
    auto reject = [&](const QString &field, const QString &reason, const QString &id) {
        diagnostics.append({ fileName, e.line, field, reason, Diagnostic::Severity::Error, id });
        return false;
    };
    if (e.oversized)
        return reject(path,
            tr("a record larger than %1 MiB; expected smaller records").arg(StrictJson::s_maxElementBytes >> 20), {});
    QJsonParseError error;
    const QJsonDocument one = QJsonDocument::fromJson('[' + e.bytes + ']', &error);
    e.bytes = QByteArray();
    if (error.error != QJsonParseError::NoError)
        return reject(path, tr("not valid JSON: %1").arg(error.errorString()), {});
    const QJsonValue value = one.array().at(0);
    if (!value.isObject())
        return reject(path, tr("is %1; expected a record object").arg(typeName(value)), {});
    const QJsonObject o = value.toObject();
    const QString id = o.value(u"id").toString();
    if (!e.duplicateKeys.isEmpty()) {
        for (const QString &key : std::as_const(e.duplicateKeys))
            reject(path + u'.' + key, tr("duplicate key \"%1\"; expected each key once").arg(key), id);
        return false;
    }
    RecordFields fields(o, e.line, path, fileName, diagnostics);
    const RawRecord raw = fields.read();
    const qsizetype before = diagnostics.size();
    std::optional<Incident> incident = validator.read(raw, diagnostics);
    for (qsizetype i = before; i < diagnostics.size(); ++i) {
        Diagnostic &d = diagnostics[i];
        d.field = d.field.isEmpty() ? path : path + u'.' + d.field;
        d.recordId = id;
    }
    if (!incident || !fields.typesOk())
        return false;
    if (!sink(std::move(*incident)))
        *stop = true;
    return true;
}
} // namespace

bool FaultlineJsonReader::read(QIODevice *device, const QString &fileName, const Sink &sink, Diagnostics &diagnostics,
    const std::function<bool(qint64)> &progress, int *rejected)
{
    const FileErrors errors { fileName, diagnostics };
    // First pass: the whole file is strict JSON, and its envelope is right.
    StrictJson check;
    if (!check.scan(device)) {
        const StrictJson::Error &e = check.error();
        return errors.fail(
            e.line, tr("not valid JSON: %1 (column %2, byte %3)").arg(e.message).arg(e.column).arg(e.offset));
    }
    const std::optional<QString> dataset = readEnvelope(errors, check);
    if (!dataset)
        return false;
    // Second pass: each record in turn, never more than one in memory.
    if (!device->seek(0))
        return errors.fail(0, tr("cannot read the file a second time: %1").arg(device->errorString()));
    RecordValidator validator(fileName, *dataset);
    const QString arrayPath = check.topLevelIsArray() ? QString() : QStringLiteral("incidents");
    StrictJson split;
    bool stop = false;
    int count = 0;
    const bool ok = split.scan(device, [&](StrictJson::Element &&e) {
        if (!readElement(e, arrayPath, validator, fileName, sink, diagnostics, &stop) && rejected)
            ++*rejected;
        if (progress && (++count & 255) == 0 && !progress(device->pos()))
            stop = true;
        return !stop;
    });
    return ok && !stop;
}
