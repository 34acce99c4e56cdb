#pragma once

#include <QFontMetricsF>
#include <QString>
#include <vector>

// The ticks of a time axis in two tiers, chosen for a visible day range and a width:
// a finer tier (days, weeks, months or years) whose every label fits its interval, and a
// coarser tier that names the context (month and year, year, decade...). Pure: the same
// input gives the same ticks; no painting, no global state except the default QLocale for
// month names.
//
// Days are Julian day numbers, whole days (no time zones). A tick is the interval
// [day, endDay) that its label names; the first tick of a tier may start before the
// visible range and the last may end after it, so a label can be centred in the visible
// part of its interval. Months and years are walked on the calendar (QDate::addMonths,
// addYears), never as fixed lengths. Years are limited to 1..9999.
class DateTicks
{
public:
    enum class Unit { Day, Week, Month, Year };

    struct Tick
    {
        qint64 day = 0; // first day, inclusive
        qint64 endDay = 0; // first day of the next tick, exclusive
        QString label;
    };

    struct Tier
    {
        Unit unit = Unit::Year;
        int step = 1; // in units: 1, 2 days; 1 week; 1, 2, 3, 4, 6 months; 1, 2, 5, 10, 20, 50... years
        std::vector<Tick> ticks;
    };

    Tier minor; // the finer tier
    Tier major; // the coarser tier; empty when nothing coarser is worth naming

    // `firstDay`/`endDay` bound the visible range [firstDay, endDay) in (fractional) Julian
    // days; `widthPx` is the logical width it maps to; `metrics` measure the labels.
    static DateTicks compute(double firstDay, double endDay, double widthPx, const QFontMetricsF &metrics);

    // Julian days of 0001-01-01 and of the day after 9999-12-31: the range ticks can name.
    static qint64 minDay();
    static qint64 maxDayExclusive();
};
