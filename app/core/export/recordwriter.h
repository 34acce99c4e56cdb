#pragma once

#include "domain/incident.h"

#include <QByteArray>
#include <QIODevice>
#include <QJsonObject>
#include <QList>

// Writes incident records as data: `faultline` JSON (SPEC §4, what the importer reads),
// `faultline` CSV, and an aligned plain-text table for the terminal.
namespace RecordWriter {
QJsonObject toJson(const Incident &incident);
QByteArray toFaultlineJson(const QList<Incident> &incidents, const QString &dataset = QStringLiteral("faultline"));
// A JSON array of records, as `list --format json` prints.
QByteArray toJsonArray(const QList<Incident> &incidents);

// CSV with a header of SPEC §2 field names; formula-like cells are neutralised
// (SpreadsheetCell), and the CSV importer restores them.
QByteArray toCsv(const QList<Incident> &incidents);

// date, victims, type, title, one line each, for a terminal of `width` columns.
QByteArray toTable(const QList<Incident> &incidents, int width = 120);
} // namespace RecordWriter
