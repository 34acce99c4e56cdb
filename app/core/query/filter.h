#pragma once

#include "domain/enums.h"

#include <QList>
#include <QString>
#include <QStringList>
#include <QUrlQuery>
#include <optional>

// What the user asked to see: a value, cheap to copy and compare, serialisable as a
// URL-like query string so a view can be saved, restored and shared ("from=2022-01&type=ddos").
// Empty criteria match everything. Dates intersect: an incident matches a range when any
// day of its (uncertain) interval lies inside it.
struct Filter
{
    std::optional<qint64> fromDay; // Julian day, inclusive
    std::optional<qint64> toDay; // Julian day, inclusive
    QStringList countries; // alpha-2; matches victims
    QStringList attackerCountries; // alpha-2; matches attackers
    QStringList regions; // UN M49 region or sub-region names (Regions); matches victims
    QList<IncidentType> types;
    SectorMask sectors = 0; // any of these
    QStringList actors; // case-insensitive substring of the actor
    QList<Attribution> attributions;
    QStringList datasets;
    QString search; // full-text query (see IncidentStore::search)

    bool isEmpty() const;
    QString toQueryString() const;
    static Filter fromQueryString(const QString &query, QString *errorMessage = nullptr);

    friend bool operator==(const Filter &, const Filter &) = default;
};
