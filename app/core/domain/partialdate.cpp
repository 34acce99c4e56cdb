#include "domain/partialdate.h"

#include <QCoreApplication>
#include <QLocale>

PartialDate PartialDate::day(int y, int m, int d)
{
    const QDate date(y, m, d);
    return date.isValid() && y >= 1 ? fromFirstDay(date.toJulianDay(), Precision::Day) : PartialDate();
}

PartialDate PartialDate::month(int y, int m)
{
    const QDate date(y, m, 1);
    return date.isValid() && y >= 1 ? fromFirstDay(date.toJulianDay(), Precision::Month) : PartialDate();
}

PartialDate PartialDate::year(int y)
{
    const QDate date(y, 1, 1);
    return date.isValid() && y >= 1 ? fromFirstDay(date.toJulianDay(), Precision::Year) : PartialDate();
}

PartialDate PartialDate::fromFirstDay(qint64 julianDay, Precision precision)
{
    PartialDate d;
    d.m_firstDay = julianDay;
    d.m_precision = precision;
    return d;
}

namespace {
// Parses exactly `digits` ASCII digits; -1 on anything else.
int number(QStringView s, qsizetype from, qsizetype digits)
{
    if (from + digits > s.size())
        return -1;
    int v = 0;
    for (qsizetype i = from; i < from + digits; ++i) {
        const char16_t c = s[i].unicode();
        if (c < u'0' || c > u'9')
            return -1;
        v = v * 10 + (c - u'0');
    }
    return v;
}

QString tr(const char *text)
{
    return QCoreApplication::translate("PartialDate", text);
}
} // namespace

PartialDate PartialDate::parse(QStringView text, QString *error)
{
    const QStringView s = text.trimmed();
    auto fail = [&](const QString &reason) {
        if (error)
            *error = reason;
        return PartialDate();
    };
    if (s.isEmpty())
        return fail(tr("empty; expected YYYY, YYYY-MM or YYYY-MM-DD"));
    const bool shapeOk
        = (s.size() == 4) || (s.size() == 7 && s[4] == u'-') || (s.size() == 10 && s[4] == u'-' && s[7] == u'-');
    const int y = number(s, 0, 4);
    if (!shapeOk || y < 0)
        return fail(tr("\"%1\" is not a date; expected YYYY, YYYY-MM or YYYY-MM-DD").arg(s.toString()));
    if (y < 1)
        return fail(tr("\"%1\": year 0 does not exist; expected a year from 1 to 9999").arg(s.toString()));
    if (s.size() == 4)
        return year(y);
    const int m = number(s, 5, 2);
    if (m < 1 || m > 12)
        return fail(tr("\"%1\": month must be 01 to 12").arg(s.toString()));
    if (s.size() == 7)
        return month(y, m);
    const int d = number(s, 8, 2);
    const PartialDate result = day(y, m, d < 0 ? 0 : d);
    if (!result.isValid())
        return fail(tr("\"%1\": no such day in the calendar").arg(s.toString()));
    return result;
}

qint64 PartialDate::lastDay() const
{
    if (!isValid())
        return m_firstDay;
    const QDate first = firstDate();
    switch (m_precision) {
    case Precision::Day:
        return m_firstDay;
    case Precision::Month:
        return m_firstDay + first.daysInMonth() - 1;
    case Precision::Year:
        return m_firstDay + first.daysInYear() - 1;
    }
    return m_firstDay;
}

QString PartialDate::toString() const
{
    if (!isValid())
        return {};
    const QDate d = firstDate();
    switch (m_precision) {
    case Precision::Day:
        return d.toString(Qt::ISODate);
    case Precision::Month:
        return QStringLiteral("%1-%2").arg(d.year(), 4, 10, QLatin1Char('0')).arg(d.month(), 2, 10, QLatin1Char('0'));
    case Precision::Year:
        return QStringLiteral("%1").arg(d.year(), 4, 10, QLatin1Char('0'));
    }
    return {};
}

QString PartialDate::toDisplayString() const
{
    if (!isValid())
        return {};
    const QDate d = firstDate();
    const QLocale locale;
    switch (m_precision) {
    case Precision::Day:
        return locale.toString(d, QStringLiteral("d MMMM yyyy"));
    case Precision::Month:
        return locale.toString(d, QStringLiteral("MMMM yyyy"));
    case Precision::Year:
        return QString::number(d.year());
    }
    return {};
}
