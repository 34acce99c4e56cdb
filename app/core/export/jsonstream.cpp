#include "export/jsonstream.h"

#include <QJsonArray>
#include <QJsonDocument>

JsonStream::JsonStream(QIODevice &out)
    : m_out(out)
{
    m_out.write("{");
}

QByteArray JsonStream::quoted(const QString &text)
{
    const QByteArray array = QJsonDocument(QJsonArray { text }).toJson(QJsonDocument::Compact);
    return array.mid(1, array.size() - 2);
}

void JsonStream::separator()
{
    m_out.write(m_firstMember ? "\n    " : ",\n    ");
    m_firstMember = false;
}

void JsonStream::member(const QString &key, const QJsonValue &value)
{
    separator();
    // The value as QJsonDocument indents it one level down (objects and arrays span lines).
    QByteArray text = QJsonDocument(QJsonArray { value }).toJson(QJsonDocument::Indented);
    text = text.mid(1, text.size() - 3).trimmed(); // "[\n    value\n]\n" -> value at one level
    text.replace("\n    ", "\n");
    text.replace("\n", "\n    ");
    m_out.write(quoted(key) + ": " + text);
}

void JsonStream::beginArray(const QString &key)
{
    separator();
    m_out.write(quoted(key) + ": [");
    m_firstElement = true;
}

void JsonStream::element(const QJsonObject &object)
{
    QByteArray text = QJsonDocument(object).toJson(QJsonDocument::Indented);
    text.chop(1); // the final line break
    text.replace('\n', "\n        ");
    m_out.write(m_firstElement ? "\n        " : ",\n        ");
    m_out.write(text);
    m_firstElement = false;
}

void JsonStream::endArray()
{
    m_out.write("\n    ]");
}

void JsonStream::finish()
{
    m_out.write("\n}\n");
}
