#pragma once

#include "domain/enums.h"
#include "domain/partialdate.h"

#include <QList>
#include <QString>
#include <QStringList>

// A source that reports on an incident. `url` may be empty when only the publisher and
// title are known; it is untrusted text and opens only when its scheme is http(s).
struct Source
{
    QString url;
    QString title;
    QString publisher;
    QString date; // free text as given, usually ISO

    friend bool operator==(const Source &, const Source &) = default;
};

// Where a record came from; kept by the store, set by the importer.
struct Provenance
{
    QString dataset; // e.g. "faultline", "vcdb", a file's base name
    QString file; // the file the record was read from
    QString externalId; // the id in the source's own scheme

    friend bool operator==(const Provenance &, const Provenance &) = default;
};

// One incident record (ARCHITECTURE.md, "The incident record"). Country lists hold ISO 3166-1 alpha-2 codes, upper
// case; "XX" means unknown.
struct Incident
{
    QString id;
    QString title;
    PartialDate start;
    PartialDate end; // invalid when absent
    QStringList victims;
    QStringList attackers;
    Attribution attribution = Attribution::None;
    QString actor;
    IncidentType type = IncidentType::Other;
    SectorMask sectors = 0;
    PartialDate disclosed; // invalid when absent
    PartialDate attributedOn; // invalid when absent
    QString summary;
    QList<Source> sources;
    QStringList tags;
    QStringList related; // ids of linked records
    Provenance provenance;
    QString notes; // the user's own; never overwritten by an import

    // First and last day (Julian) of the whole uncertain interval the record covers.
    qint64 firstDay() const { return start.firstDay(); }
    qint64 lastDay() const { return end.isValid() ? std::max(end.lastDay(), start.lastDay()) : start.lastDay(); }

    // Same content as imported (ignores notes, which belong to the user).
    bool sameContent(const Incident &other) const;

    // "Publisher, "Title", date. Faultline record <id>, <start>." for the clipboard.
    QString citation() const;
};
