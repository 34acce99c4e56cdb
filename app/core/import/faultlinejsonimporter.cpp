#include "import/faultlinejsonimporter.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace {
QString tr(const char *text) { return QCoreApplication::translate("FaultlineJsonImporter", text); }

QString typeName(const QJsonValue &v)
{
    switch (v.type()) {
    case QJsonValue::Null: return QStringLiteral("null");
    case QJsonValue::Bool: return QStringLiteral("a boolean");
    case QJsonValue::Double: return QStringLiteral("a number");
    case QJsonValue::String: return QStringLiteral("a string");
    case QJsonValue::Array: return QStringLiteral("an array");
    case QJsonValue::Object: return QStringLiteral("an object");
    case QJsonValue::Undefined: break;
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

bool FaultlineJsonImporter::looksLikeFaultline(QByteArrayView head)
{
    return head.indexOf("\"faultline\"") >= 0;
}

QList<int> FaultlineJsonImporter::recordLines(QByteArrayView bytes)
{
    // A small tokenizer: tracks nesting and strings, remembers the last key at depth 1,
    // and notes where each value inside the depth-1 "incidents" array starts.
    QList<int> lines;
    int depth = 0, line = 1;
    bool inString = false, escaped = false, inIncidents = false, expectValue = true;
    QByteArray lastKey, current;
    bool collecting = false;
    for (const char c : bytes) {
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
        if (inIncidents && depth == 2 && expectValue && c != ']') {
            lines.append(line);
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
            if (depth == 2 && c == '[' && lastKey == "incidents") {
                inIncidents = true;
                expectValue = true;
            }
            break;
        case '}':
        case ']':
            if (depth == 2 && inIncidents)
                inIncidents = false;
            --depth;
            break;
        case ',':
            if (depth == 2 && inIncidents)
                expectValue = true;
            break;
        default:
            break;
        }
    }
    return lines;
}

bool FaultlineJsonImporter::read(const QByteArray &bytes, const QString &fileName, const Sink &sink,
                                 Diagnostics &diagnostics)
{
    auto fileError = [&](const QString &reason) {
        diagnostics.append({fileName, 0, {}, reason, Diagnostic::Severity::Error, {}});
        return false;
    };
    QJsonParseError parseError;
    const QJsonDocument doc = QJsonDocument::fromJson(bytes, &parseError);
    if (parseError.error != QJsonParseError::NoError) {
        diagnostics.append({fileName, lineOfOffset(bytes, parseError.offset), {},
                            tr("not valid JSON: %1 at byte %2").arg(parseError.errorString()).arg(parseError.offset),
                            Diagnostic::Severity::Error, {}});
        return false;
    }
    if (!doc.isObject())
        return fileError(tr("top level is %1; expected an object {\"faultline\": 1, \"incidents\": [...]}")
                             .arg(doc.isArray() ? QStringLiteral("an array") : QStringLiteral("not an object")));
    const QJsonObject top = doc.object();
    const QJsonValue version = top.value(u"faultline");
    if (!version.isDouble())
        return fileError(tr("no \"faultline\" version key; expected {\"faultline\": 1, \"incidents\": [...]}"));
    if (version.toInt() != 1)
        return fileError(tr("faultline format version %1 is not supported; expected 1").arg(version.toDouble()));
    const QJsonValue incidents = top.value(u"incidents");
    if (!incidents.isArray())
        return fileError(tr("\"incidents\" is %1; expected an array of records").arg(typeName(incidents)));
    const QString dataset = top.value(u"dataset").toString(QStringLiteral("faultline"));

    const QList<int> lines = recordLines(bytes);
    const QJsonArray array = incidents.toArray();
    RecordReader reader(fileName, dataset);
    for (qsizetype i = 0; i < array.size(); ++i) {
        const int line = i < lines.size() ? lines.at(i) : 0;
        const QJsonValue value = array.at(i);
        if (!value.isObject()) {
            diagnostics.append({fileName, line, QStringLiteral("incidents[%1]").arg(i),
                                tr("is %1; expected a record object").arg(typeName(value)), Diagnostic::Severity::Error, {}});
            continue;
        }
        const QJsonObject o = value.toObject();
        RawRecord raw;
        raw.line = line;
        bool typesOk = true;
        auto typeError = [&](const QString &field, const QString &expected, const QJsonValue &v) {
            diagnostics.append({fileName, line, field, tr("is %1; expected %2").arg(typeName(v), expected),
                                Diagnostic::Severity::Error, o.value(u"id").toString()});
            typesOk = false;
        };
        for (auto it = o.constBegin(); it != o.constEnd(); ++it) {
            const QString key = it.key();
            const QJsonValue v = it.value();
            if (key == u"victims" || key == u"attackers" || key == u"sectors" || key == u"tags" || key == u"related") {
                QStringList list;
                if (v.isString()) {
                    list = {v.toString()};
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
                        raw.sources.append({item.toString(), {}, {}, {}});
                    } else if (item.isObject()) {
                        const QJsonObject s = item.toObject();
                        raw.sources.append({s.value(u"url").toString(), s.value(u"title").toString(),
                                            s.value(u"publisher").toString(), s.value(u"date").toString()});
                    } else {
                        typeError(key, tr("an array of {url, title, publisher, date} objects"), item);
                    }
                }
            } else if (RecordReader::fieldNames().contains(key)) {
                if (v.isString())
                    raw.text.insert(key, v.toString());
                else if (!v.isNull())
                    typeError(key, tr("a string"), v);
            } else {
                diagnostics.append({fileName, line, key, tr("unknown field, ignored"), Diagnostic::Severity::Warning,
                                    o.value(u"id").toString()});
            }
        }
        std::optional<Incident> incident = reader.read(raw, diagnostics);
        if (incident && typesOk && !sink(std::move(*incident)))
            return false;
    }
    return true;
}
