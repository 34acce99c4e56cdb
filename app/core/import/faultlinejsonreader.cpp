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

FaultlineJsonReader::Layout FaultlineJsonReader::scan(QByteArrayView bytes)
{
    // Tracks nesting and strings, remembers the last key at depth 1, and notes where each
    // value inside the depth-1 "incidents" array begins and ends. It does not validate:
    // QJsonDocument does that on the pieces.
    Layout layout;
    int depth = 0, line = 1;
    bool inString = false, escaped = false, inIncidents = false, expectValue = false, collecting = false;
    QByteArray lastKey, current;
    Layout::Element element;
    bool open = false; // an element has begun and not ended
    const qsizetype size = bytes.size();
    const char *data = bytes.data();
    for (qsizetype k = 0; k < size; ++k) {
        const char c = data[k];
        if (c == '\n')
            ++line;
        if (inString) {
            if (escaped)
                escaped = false;
            else if (c == '\\')
                escaped = true;
            else if (c == '"') {
                inString = false;
                if (collecting)
                    lastKey = current;
                collecting = false;
            } else if (collecting && current.size() < 32) {
                current.append(c);
            }
            continue;
        }
        if (c == ' ' || c == '\t' || c == '\r' || c == '\n')
            continue;
        if (inIncidents && depth == 2 && expectValue && c != ']' && c != ',') {
            element = { k, k, line };
            open = true;
            expectValue = false;
        }
        switch (c) {
        case '"':
            inString = true;
            collecting = depth == 1;
            current.clear();
            break;
        case '{':
        case '[':
            ++depth;
            if (depth > s_maxDepth)
                return {};
            if (depth == 2 && c == '[' && lastKey == "incidents" && layout.arrayBegin < 0) {
                layout.arrayBegin = k;
                inIncidents = true;
                expectValue = true;
            }
            break;
        case '}':
        case ']':
            if (depth == 2 && inIncidents) {
                if (open) {
                    element.end = k;
                    layout.elements.append(element);
                    open = false;
                }
                inIncidents = false;
                layout.arrayEnd = k;
            }
            --depth;
            break;
        case ',':
            if (depth == 2 && inIncidents) {
                if (open) {
                    element.end = k;
                    layout.elements.append(element);
                    open = false;
                }
                expectValue = true;
            }
            break;
        default:
            break;
        }
    }
    // Trailing whitespace inside an element's span is harmless to the parser.
    return layout;
}

bool FaultlineJsonReader::read(
    const QByteArray &bytes, const QString &fileName, const Sink &sink, Diagnostics &diagnostics)
{
    auto fileError = [&](int line, const QString &reason) {
        diagnostics.append({ fileName, line, {}, reason, Diagnostic::Severity::Error, {} });
        return false;
    };
    auto parseError = [&](const QJsonParseError &error, qsizetype base, qsizetype shift) {
        const qsizetype offset = base + std::max<qsizetype>(0, error.offset - shift);
        return fileError(
            lineOfOffset(bytes, offset), tr("not valid JSON: %1 at byte %2").arg(error.errorString()).arg(offset));
    };

    const Layout layout = scan(bytes);
    QJsonParseError error;
    if (layout.arrayBegin < 0 || layout.arrayEnd < layout.arrayBegin) {
        // No incidents array to split: parse whole (only small or broken files get here) for
        // the precise message.
        if (bytes.size() > 64 * 1024 * 1024)
            return fileError(0,
                tr("not a faultline JSON file: no \"incidents\" array; expected {\"faultline\": 1, \"incidents\": "
                   "[...]}"));
        const QJsonDocument doc = QJsonDocument::fromJson(bytes, &error);
        if (error.error != QJsonParseError::NoError)
            return parseError(error, 0, 0);
        if (!doc.isObject())
            return fileError(0,
                tr("top level is %1; expected an object {\"faultline\": 1, \"incidents\": [...]}")
                    .arg(doc.isArray() ? QStringLiteral("an array") : QStringLiteral("not an object")));
        const QJsonValue incidents = doc.object().value(u"incidents");
        if (!doc.object().value(u"faultline").isDouble())
            return fileError(0, tr("no \"faultline\" version key; expected {\"faultline\": 1, \"incidents\": [...]}"));
        return fileError(0, tr("\"incidents\" is %1; expected an array of records").arg(typeName(incidents)));
    }

    // The envelope, with the array emptied: the version, the dataset name, the shape.
    const QByteArray envelope = bytes.left(layout.arrayBegin) + "[]" + bytes.mid(layout.arrayEnd + 1);
    const QJsonDocument doc = QJsonDocument::fromJson(envelope, &error);
    if (error.error != QJsonParseError::NoError) {
        const qsizetype shift = error.offset > layout.arrayBegin + 2 ? layout.arrayEnd - layout.arrayBegin - 1 : 0;
        return parseError(error, 0, -shift);
    }
    const QJsonObject top = doc.object();
    const QJsonValue version = top.value(u"faultline");
    if (!version.isDouble())
        return fileError(0, tr("no \"faultline\" version key; expected {\"faultline\": 1, \"incidents\": [...]}"));
    if (version.toInt() != 1)
        return fileError(0, tr("faultline format version %1 is not supported; expected 1").arg(version.toDouble()));
    const QString dataset = top.value(u"dataset").toString(QStringLiteral("faultline"));

    RecordValidator reader(fileName, dataset);
    for (qsizetype i = 0; i < layout.elements.size(); ++i) {
        const Layout::Element &e = layout.elements.at(i);
        const int line = e.line;
        // Each element parsed on its own, wrapped in [ ] so any JSON value is accepted.
        const QByteArray piece = '[' + bytes.mid(e.begin, e.end - e.begin) + ']';
        const QJsonDocument one = QJsonDocument::fromJson(piece, &error);
        if (error.error != QJsonParseError::NoError)
            return parseError(error, e.begin, 1);
        const QJsonValue value = one.array().at(0);
        if (!value.isObject()) {
            diagnostics.append({ fileName, line, QStringLiteral("incidents[%1]").arg(i),
                tr("is %1; expected a record object").arg(typeName(value)), Diagnostic::Severity::Error, {} });
            continue;
        }
        const QJsonObject o = value.toObject();
        RawRecord raw;
        raw.line = line;
        bool typesOk = true;
        auto typeError = [&](const QString &field, const QString &expected, const QJsonValue &v) {
            diagnostics.append({ fileName, line, field, tr("is %1; expected %2").arg(typeName(v), expected),
                Diagnostic::Severity::Error, o.value(u"id").toString() });
            typesOk = false;
        };
        for (auto it = o.constBegin(); it != o.constEnd(); ++it) {
            const QString key = it.key();
            const QJsonValue v = it.value();
            if (key == u"victims" || key == u"attackers" || key == u"sectors" || key == u"tags" || key == u"related") {
                QStringList list;
                if (v.isString()) {
                    list = { v.toString() };
                } else if (v.isArray()) {
                    for (const QJsonValue &item : v.toArray()) {
                        if (!item.isString()) {
                            typeError(key, tr("an array of strings"), item);
                            break;
                        }
                        list.append(item.toString());
                    }
                } else if (!v.isNull()) {
                    typeError(key, tr("an array of strings"), v);
                }
                raw.lists.insert(key, list);
            } else if (key == u"sources") {
                if (!v.isArray() && !v.isNull()) {
                    typeError(key, tr("an array of {url, title, publisher, date} objects"), v);
                    continue;
                }
                for (const QJsonValue &item : v.toArray()) {
                    if (item.isString()) {
                        raw.sources.append({ item.toString(), {}, {}, {} });
                    } else if (item.isObject()) {
                        const QJsonObject s = item.toObject();
                        raw.sources.append({ s.value(u"url").toString(), s.value(u"title").toString(),
                            s.value(u"publisher").toString(), s.value(u"date").toString() });
                    } else {
                        typeError(key, tr("an array of {url, title, publisher, date} objects"), item);
                    }
                }
            } else if (RecordValidator::fieldNames().contains(key)) {
                if (v.isString())
                    raw.text.insert(key, v.toString());
                else if (!v.isNull())
                    typeError(key, tr("a string"), v);
            } else {
                diagnostics.append({ fileName, line, key, tr("unknown field, ignored"), Diagnostic::Severity::Warning,
                    o.value(u"id").toString() });
            }
        }
        std::optional<Incident> incident = reader.read(raw, diagnostics);
        if (incident && typesOk && !sink(std::move(*incident)))
            return false;
    }
    return true;
}
