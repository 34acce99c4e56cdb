#pragma once

#include <QByteArrayView>
#include <QJsonObject>
#include <QString>
#include <optional>

// What the first pass reads of an object: the top-level members the graph and the record
// checks ask for, as QJsonValue::toString() and toBool() would give them. Locations and
// identities, whose arrays the graph reads too, keep their whole object.
struct StixObjectFacts
{
    QString type;
    QString id;
    QString name;
    bool revoked = false;
    QString relationshipType;
    QString sourceRef;
    QString targetRef;
    QString startTime;
    QJsonObject full; // locations and identities only

    static bool needsFull(const QString &type) { return type == u"location" || type == u"identity"; }

    static StixObjectFacts of(const QJsonObject &o)
    {
        StixObjectFacts f;
        f.type = o.value(u"type").toString();
        f.id = o.value(u"id").toString();
        f.name = o.value(u"name").toString();
        f.revoked = o.value(u"revoked").toBool();
        f.relationshipType = o.value(u"relationship_type").toString();
        f.sourceRef = o.value(u"source_ref").toString();
        f.targetRef = o.value(u"target_ref").toString();
        f.startTime = o.value(u"start_time").toString();
        if (needsFull(f.type))
            f.full = o;
        return f;
    }

    // The facts read straight from an object's bytes, without building a QJsonObject, when the
    // object is plain (stixobjectfacts.cpp says what that is); nullopt when it is not, and the
    // caller then parses it with QJsonDocument and takes of().
    static std::optional<StixObjectFacts> readPlain(QByteArrayView bytes);
};
