#pragma once

#include "domain/partialdate.h"
#include "draft/drafttext.h"

#include <QDate>
#include <QList>

class DraftRules;

// Dates in an article's sentences, by the words of dates.tsv: explicit ones ("July 18, 2022",
// "18 July 2022", "March 19" with the year of `reference`, "March 2019", "in March",
// "2022-07-18") and relative ones resolved against the publication date ("on Sunday", "last
// Friday", "yesterday", "last week"). The precision is what the words give: a weekday or
// "yesterday" is a day, "last week" or "in March" a month, "last year" a year.
namespace DraftDates {
struct Found
{
    PartialDate date;
    qsizetype start = 0; // first token
    qsizetype end = 0; // one past the last token
    bool relative = false;
    bool reported = false; // just after "said", "announced": when it was told, not when it happened
    bool hasYear = true; // false for "March 19" completed from `reference`
};

// Explicit dates; dates without a year take the year that puts them on or before `reference`
// (within two days), and are skipped when `reference` is invalid.
QList<Found> explicitDates(const DraftTokens &tokens, QStringView text, const DraftRules &rules, QDate reference);
// Relative dates, against `publication` (none when it is invalid). Weekdays that open an explicit
// date ("Tuesday, March 19, 2019") are left to it: pass the explicit dates found.
QList<Found> relativeDates(
    const DraftTokens &tokens, const DraftRules &rules, QDate publication, const QList<Found> &explicitOnes);
// Both, in the order they appear.
QList<Found> all(const DraftTokens &tokens, QStringView text, const DraftRules &rules, QDate publication);
// A date and time as pages write them in their metadata ("2022-07-18T03:00:00+05:30"): the
// calendar date as written, without moving it between time zones.
QDate fromIsoDateTime(QStringView text);
} // namespace DraftDates
