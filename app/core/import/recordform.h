#pragma once

#include "domain/incident.h"

#include <QMap>
#include <QString>
#include <QStringList>
#include <optional>

// A record as the editor holds it: every field as the user typed it (dates as text, countries
// as names, aliases, demonyms or codes), checked by the importer's own RecordValidator, so the
// editor shows exactly the messages an import of the same values would give, one field at a
// time. No widgets; the record editor (ui/editor) and the tests use it alike.
struct RecordForm
{
    QString id;
    QString title;
    QString start;
    QString end;
    QStringList victims;
    QStringList attackers;
    QString attribution; // a key: official, vendor, claimed, suspected, none
    QString actor;
    QString type; // a key: espionage, data-theft, ...
    QStringList sectors; // keys
    QString disclosed;
    QString attributedOn;
    QString summary;
    QList<Source> sources;
    QStringList tags;
    QStringList related;
    QString notes;
    Provenance provenance; // kept as it was; the validator does not decide it

    static RecordForm fromIncident(const Incident &record);
    // A record the article reader proposed (ArticleDraft::incident) as the form of a new record:
    // no id, notes or provenance, and without the reader's "XX" (no victim country found), so
    // that such a draft fails on its victims until someone names them. The editor's New
    // Incident from Article and `faultline import --draft` both start from it.
    static RecordForm fromDraft(const Incident &proposed);

    struct Checked
    {
        std::optional<Incident> record; // when every field is valid
        QMap<QString, QString> errors; // field name (as the importer names it) -> its messages
    };
    Checked check() const;
};
