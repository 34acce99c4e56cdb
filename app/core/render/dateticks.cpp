#include "render/dateticks.h"

#include <QDate>
#include <QLocale>
#include <algorithm>
#include <array>
#include <cmath>

namespace {
using Unit = DateTicks::Unit;

constexpr double s_labelPadding = 10.0; // logical px between neighbouring labels
constexpr int s_maxTicks = 4000; // a guard; real tiers hold a few dozen

struct Candidate
{
    Unit unit;
    int step;
    double minDays; // shortest interval of this step, in days
};

constexpr std::array<Candidate, 20> s_candidates = { {
    { Unit::Day, 1, 1 },
    { Unit::Day, 2, 2 },
    { Unit::Week, 1, 7 },
    { Unit::Month, 1, 28 },
    { Unit::Month, 2, 59 },
    { Unit::Month, 3, 89 },
    { Unit::Month, 4, 120 },
    { Unit::Month, 6, 181 },
    { Unit::Year, 1, 365 },
    { Unit::Year, 2, 730 },
    { Unit::Year, 5, 1826 },
    { Unit::Year, 10, 3652 },
    { Unit::Year, 20, 7305 },
    { Unit::Year, 50, 18262 },
    { Unit::Year, 100, 36524 },
    { Unit::Year, 200, 73048 },
    { Unit::Year, 500, 182621 },
    { Unit::Year, 1000, 365242 },
    { Unit::Year, 2000, 730485 },
    { Unit::Year, 5000, 1826212 },
} };

int floorDiv(int a, int b)
{
    return a >= 0 ? a / b : -((-a + b - 1) / b);
}

// First day of the interval of (unit, step) that contains `day`.
QDate alignDown(const QDate &date, Unit unit, int step)
{
    switch (unit) {
    case Unit::Day:
        return QDate::fromJulianDay(date.toJulianDay() - (date.toJulianDay() % step));
    case Unit::Week:
        return date.addDays(1 - date.dayOfWeek());
    case Unit::Month:
        return QDate(date.year(), floorDiv(date.month() - 1, step) * step + 1, 1);
    case Unit::Year:
        // Year 0 does not exist; the first interval of years then starts at year 1.
        return QDate(std::max(1, floorDiv(date.year(), step) * step), 1, 1);
    }
    return date;
}

QDate next(const QDate &date, Unit unit, int step)
{
    switch (unit) {
    case Unit::Day:
        return date.addDays(step);
    case Unit::Week:
        return date.addDays(7 * step);
    case Unit::Month:
        return date.addMonths(step);
    case Unit::Year: {
        // Keep year intervals aligned to multiples of the step even after the year-1 start.
        const int year = (date.year() == 1 && step > 1) ? step : date.year() + step;
        return QDate(year, 1, 1);
    }
    }
    return date;
}

QString minorLabel(const QDate &date, Unit unit, bool longMonths, const QLocale &locale)
{
    switch (unit) {
    case Unit::Day:
    case Unit::Week:
        return QString::number(date.day());
    case Unit::Month:
        return locale.monthName(date.month(), longMonths ? QLocale::LongFormat : QLocale::ShortFormat);
    case Unit::Year:
        return QString::number(date.year());
    }
    return {};
}

double widestMonthName(const QFontMetricsF &metrics, const QLocale &locale, QLocale::FormatType format)
{
    double widest = 0;
    for (int m = 1; m <= 12; ++m)
        widest = std::max(widest, metrics.horizontalAdvance(locale.monthName(m, format)));
    return widest;
}

DateTicks::Tier walk(Unit unit, int step, qint64 first, qint64 end, const auto &labelFor)
{
    DateTicks::Tier tier;
    tier.unit = unit;
    tier.step = step;
    const qint64 lo = std::max(first, DateTicks::minDay());
    const qint64 hi = std::min(end, DateTicks::maxDayExclusive());
    if (lo >= hi)
        return tier;
    QDate date = alignDown(QDate::fromJulianDay(lo), unit, step);
    while (date.isValid() && date.toJulianDay() < hi && int(tier.ticks.size()) < s_maxTicks) {
        const QDate following = next(date, unit, step);
        const qint64 endDay = following.isValid() ? std::min(following.toJulianDay(), DateTicks::maxDayExclusive())
                                                  : DateTicks::maxDayExclusive();
        tier.ticks.push_back({ date.toJulianDay(), endDay, labelFor(date) });
        date = following;
    }
    return tier;
}
} // namespace

qint64 DateTicks::minDay()
{
    return QDate(1, 1, 1).toJulianDay();
}
qint64 DateTicks::maxDayExclusive()
{
    return QDate(9999, 12, 31).toJulianDay() + 1;
}

DateTicks DateTicks::compute(double firstDay, double endDay, double widthPx, const QFontMetricsF &metrics)
{
    DateTicks result;
    if (!(endDay > firstDay) || !(widthPx > 0) || !std::isfinite(firstDay) || !std::isfinite(endDay))
        return result;
    const QLocale locale;
    const double pxPerDay = widthPx / (endDay - firstDay);
    const double dayWidth = metrics.horizontalAdvance(QStringLiteral("28"));
    const double yearWidth = metrics.horizontalAdvance(QStringLiteral("0000"));
    const double shortMonth = widestMonthName(metrics, locale, QLocale::ShortFormat);
    const double longMonth = widestMonthName(metrics, locale, QLocale::LongFormat);

    Candidate chosen = s_candidates.back();
    for (const Candidate &c : s_candidates) {
        const double needed = (c.unit == Unit::Month ? shortMonth : c.unit == Unit::Year ? yearWidth : dayWidth);
        if (c.minDays * pxPerDay >= needed + s_labelPadding) {
            chosen = c;
            break;
        }
    }
    const bool longMonths
        = chosen.unit == Unit::Month && chosen.step == 1 && 28 * pxPerDay >= longMonth + s_labelPadding;
    const qint64 first = qint64(std::floor(firstDay));
    const qint64 end = qint64(std::ceil(endDay));
    result.minor = walk(chosen.unit, chosen.step, first, end,
        [&](const QDate &d) { return minorLabel(d, chosen.unit, longMonths, locale); });

    switch (chosen.unit) {
    case Unit::Day:
    case Unit::Week: {
        const bool longForm
            = 28 * pxPerDay >= metrics.horizontalAdvance(QStringLiteral("September 0000")) + s_labelPadding;
        const QString format = longForm ? QStringLiteral("MMMM yyyy") : QStringLiteral("MMM yyyy");
        result.major = walk(Unit::Month, 1, first, end, [&](const QDate &d) { return locale.toString(d, format); });
        break;
    }
    case Unit::Month:
        result.major = walk(Unit::Year, 1, first, end, [](const QDate &d) { return QString::number(d.year()); });
        break;
    case Unit::Year: {
        const int step = chosen.step < 10 ? 10 : chosen.step < 100 ? 100 : chosen.step < 1000 ? 1000 : 0;
        if (step > 0) {
            // Name the decade or century by its first year ("2020s"); the partial interval that
            // starts the calendar at year 1 is named by that year alone.
            result.major = walk(Unit::Year, step, first, end, [](const QDate &d) {
                return d.year() == 1 ? QStringLiteral("1") : QString::number(d.year()) + QLatin1Char('s');
            });
        }
        break;
    }
    }
    return result;
}
