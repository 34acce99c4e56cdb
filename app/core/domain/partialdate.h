#pragma once

#include "domain/enums.h"

#include <QDate>
#include <QString>
#include <optional>

// A calendar date of reduced precision: a day, a month or a year.
// Stored as the Julian day number of the first day of the interval plus the precision,
// so "2022-07" covers [2022-07-01, 2022-07-31] and is never mistaken for a day.
// Whole days only: no times, no time zones.
class PartialDate
{
public:
    PartialDate() = default;
    static PartialDate day(int year, int month, int day);
    static PartialDate month(int year, int month);
    static PartialDate year(int year);
    static PartialDate fromFirstDay(qint64 julianDay, Precision precision);

    // Accepts "YYYY", "YYYY-MM" and "YYYY-MM-DD" (years 1 to 9999). On failure returns
    // an invalid date and, if given, sets *error to a reason that names the expected form.
    static PartialDate parse(QStringView text, QString *error = nullptr);
    // What people type in a date field: the ISO forms above, and also day first with slashes,
    // dots or dashes ("17/07/2022", "17.7.2022"), and English month names, full or
    // abbreviated ("17 July 2022", "Jul 2022", "July 17, 2022"). Slashes are always read day
    // first, never month first; "07/17/2022" is an error (there is no month 17).
    static PartialDate parseTyped(QStringView text, QString *error = nullptr);

    bool isValid() const { return m_firstDay != s_invalid; }
    Precision precision() const { return m_precision; }
    qint64 firstDay() const { return m_firstDay; } // Julian day, inclusive
    qint64 lastDay() const; // Julian day, inclusive
    QDate firstDate() const { return QDate::fromJulianDay(m_firstDay); }
    QDate lastDate() const { return QDate::fromJulianDay(lastDay()); }

    QString toString() const; // ISO form of its precision: "2022", "2022-07", "2022-07-17"
    QString toDisplayString() const; // "2022", "July 2022", "17 July 2022"

    friend bool operator==(const PartialDate &, const PartialDate &) = default;

private:
    static constexpr qint64 s_invalid = std::numeric_limits<qint64>::min();
    qint64 m_firstDay = s_invalid;
    Precision m_precision = Precision::Day;
};
