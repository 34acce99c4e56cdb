#include "domain/partialdate.h"

#include <QCoreApplication>
#include <QLocale>
#include <optional>

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

namespace {
// 1 to 12 for an English month name or its first three letters (any case); 0 otherwise.
int monthFromName(QStringView word)
{
    static const char *const names[] = { "january", "february", "march", "april", "may", "june", "july", "august",
        "september", "october", "november", "december" };
    const QString w = word.toString().toLower().remove(u'.');
    if (w.size() < 3)
        return 0;
    for (int m = 0; m < 12; ++m) {
        const QString name = QString::fromLatin1(names[m]);
        if (w == name || w == name.left(3) || (w == u"sept" && m == 8))
            return m + 1;
    }
    return 0;
}

// Splits typed text into words of digits and words of letters, dropping separators
// (spaces, slashes, dots, dashes, commas). Empty when another character appears.
std::optional<QStringList> typedWords(QStringView s)
{
    QStringList words;
    QString word;
    auto flush = [&] {
        if (!word.isEmpty())
            words << word;
        word.clear();
    };
    for (const QChar c : s) {
        const bool digit = c >= u'0' && c <= u'9';
        if (digit || c.isLetter()) {
            if (!word.isEmpty() && (word.back() >= u'0' && word.back() <= u'9') != digit)
                flush();
            word += c;
        } else if (c.isSpace() || c == u'/' || c == u'.' || c == u'-' || c == u',') {
            flush();
        } else {
            return std::nullopt;
        }
    }
    flush();
    return words;
}

int typedNumber(const QString &word)
{
    bool ok = false;
    const int v = word.size() <= 4 ? word.toInt(&ok) : -1;
    return ok ? v : -1;
}
} // namespace

PartialDate PartialDate::parseTyped(QStringView text, QString *error)
{
    const QStringView s = text.trimmed();
    QString isoError;
    const PartialDate iso = parse(s, &isoError);
    if (iso.isValid() || s.isEmpty() || (s.size() >= 5 && s[4] == u'-')) {
        if (error)
            *error = isoError;
        return iso;
    }
    const auto words = typedWords(s);
    const QString expected = tr("expected a date such as 2022-07-17, 17/07/2022, 17 July 2022, July 2022 or 2022");
    auto fail = [&](const QString &reason) {
        if (error)
            *error = reason;
        return PartialDate();
    };
    if (!words || words->isEmpty() || words->size() > 3)
        return fail(tr("\"%1\" is not a date; %2").arg(s.toString(), expected));
    // Month names may stand in any place ("17 July 2022", "July 17, 2022"); numbers are day
    // first otherwise.
    int month = 0;
    QList<int> numbers;
    for (const QString &w : *words) {
        if (w.front().isLetter()) {
            if (month || !(month = monthFromName(w)))
                return fail(tr("\"%1\": \"%2\" is not a month; %3").arg(s.toString(), w, expected));
        } else {
            numbers << typedNumber(w);
        }
    }
    if (numbers.isEmpty() || numbers.contains(-1))
        return fail(tr("\"%1\" is not a date; %2").arg(s.toString(), expected));
    // The year is the four-digit number; what remains is the day, then the month.
    const qsizetype yearAt = words->back().size() == 4 && !words->back().front().isLetter() ? numbers.size() - 1 : -1;
    if (yearAt < 0)
        return fail(tr("\"%1\": the year must be written with four digits; %2").arg(s.toString(), expected));
    const int year = numbers.takeAt(yearAt);
    if (!month && !numbers.isEmpty())
        month = numbers.takeLast();
    if (numbers.size() > 1)
        return fail(tr("\"%1\" is not a date; %2").arg(s.toString(), expected));
    const int day = numbers.isEmpty() ? 0 : numbers.front();
    if (month < 1 || month > 12)
        return fail(tr("\"%1\": month must be 1 to 12 (day first: 17/07/2022)").arg(s.toString()));
    const PartialDate result = day ? PartialDate::day(year, month, day) : PartialDate::month(year, month);
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
