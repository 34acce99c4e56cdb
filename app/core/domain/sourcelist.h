#pragma once

#include "domain/incident.h"

#include <QList>
#include <QString>
#include <QStringList>

// The `sources` cell of `faultline` CSV: every source of a record in one text cell, so a
// source without a URL (only a publisher and a title) survives a CSV round trip.
//
//   cell    = source *( ";" source )
//   source  = url                                    a URL alone (what older files hold)
//           / publisher "|" title "|" date "|" url   any of the four may be empty
//
// The writer puts a space on each side of "|" and none around ";"; the reader trims every
// field and skips empty sources, so "https://a.example;https://b.example" still reads as two
// URL-only sources. Inside a field a backslash escapes the next character: "\;" is a
// semicolon, "\|" a bar and "\\" a backslash; the writer escapes exactly these three. A
// backslash before any other character is kept as it is (so a URL from an older file that
// holds one reads back unchanged). A source with two, three or more than four fields is an
// error naming it. Spreadsheet formula neutralising applies to the whole cell
// (SpreadsheetCell), not here.
namespace SourceList {
QString encode(const QList<Source> &sources);
QString encodeOne(const Source &source);

// The sources of one cell, in order. Every malformed source is left out and described in
// `errors` ("source 2 "a | b": expected publisher | title | date | url, or a URL alone").
QList<Source> decode(QStringView cell, QStringList *errors = nullptr);
} // namespace SourceList
