#pragma once

#include <QByteArray>
#include <QIODevice>
#include <QJsonObject>
#include <QString>

// Writes a JSON object holding one long array (the records of an export) element by
// element, in exactly the bytes QJsonDocument::toJson(Indented) gives for the whole object,
// so a large export never holds its document in memory twice. The caller writes the members
// in QJsonObject's order, sorted by key:
//
//   JsonStream json(device);
//   json.member("dataset", "faultline"); json.member("faultline", 1);
//   json.beginArray("incidents"); json.element(record); ...; json.endArray();
//   json.finish();
class JsonStream
{
public:
    explicit JsonStream(QIODevice &out);

    void member(const QString &key, const QJsonValue &value);
    void beginArray(const QString &key);
    void element(const QJsonObject &object);
    void endArray();
    void finish();

    // A JSON string literal, quoted and escaped as QJsonDocument writes it.
    static QByteArray quoted(const QString &text);

private:
    void separator();

    QIODevice &m_out;
    bool m_firstMember = true;
    bool m_firstElement = true;
};
