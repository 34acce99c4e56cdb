#include "draft/draftdates.h"

#include "draft/draftrules.h"

#include <algorithm>

namespace {
constexpr int s_minYear = 1900;
constexpr int s_maxYear = 2200;

int monthAt(const DraftTokens &tokens, qsizetype at, const DraftRules &rules)
{
    if (at < 0 || at >= tokens.size() || !tokens.at(at).isCapitalised())
        return 0;
    const PhraseSet::Match m = rules.months.matchAt(tokens, at);
    return m.phrase && m.end == at + 1 ? m.phrase->value.toInt() : 0;
}

int numberAt(const DraftTokens &tokens, qsizetype at, int min, int max)
{
    if (at < 0 || at >= tokens.size())
        return 0;
    QString word = tokens.at(at).word;
    for (const char *suffix : { "st", "nd", "rd", "th" }) {
        if (word.size() > 2 && word.endsWith(QLatin1StringView(suffix)))
            word.chop(2);
    }
    if (word.size() > 4)
        return 0;
    bool ok = false;
    const int n = word.toInt(&ok);
    return ok && n >= min && n <= max ? n : 0;
}

int yearAt(const DraftTokens &tokens, qsizetype at)
{
    return at < tokens.size() && tokens.at(at).word.size() == 4 ? numberAt(tokens, at, s_minYear, s_maxYear) : 0;
}

// A day-month date without a year: the latest one on or before `reference` (two days' grace).
PartialDate withReferenceYear(int month, int day, QDate reference)
{
    if (!reference.isValid())
        return {};
    QDate d(reference.year(), month, day);
    if (d.isValid() && d > reference.addDays(2))
        d = QDate(reference.year() - 1, month, day);
    return d.isValid() ? PartialDate::day(d.year(), d.month(), d.day()) : PartialDate();
}

// Whether only spaces and the characters of `allowed` stand between tokens `left` and `left + 1`.
bool gapIs(QStringView text, const DraftTokens &tokens, qsizetype left, QStringView allowed)
{
    if (left + 1 >= tokens.size())
        return false;
    const QStringView gap = text.mid(tokens.at(left).end, tokens.at(left + 1).start - tokens.at(left).end);
    for (const QChar c : gap) {
        if (!c.isSpace() && !allowed.contains(c))
            return false;
    }
    return true;
}

bool separatedBy(QStringView text, const DraftTokens &tokens, qsizetype left, QChar c)
{
    const DraftToken &a = tokens.at(left);
    const DraftToken &b = tokens.at(left + 1);
    return b.start == a.end + 1 && text[a.end] == c;
}

// One explicit date that starts at token `at`, or nothing.
DraftDates::Found explicitAt(
    const DraftTokens &tokens, QStringView text, qsizetype at, const DraftRules &rules, QDate reference)
{
    DraftDates::Found f;
    f.start = at;
    // 2022-07-18
    if (const int y = yearAt(tokens, at);
        y && at + 2 < tokens.size() && separatedBy(text, tokens, at, u'-') && separatedBy(text, tokens, at + 1, u'-')) {
        const int m = numberAt(tokens, at + 1, 1, 12), d = numberAt(tokens, at + 2, 1, 31);
        if (m && d && QDate(y, m, d).isValid()) {
            f.date = PartialDate::day(y, m, d);
            f.end = at + 3;
        }
        return f;
    }
    int month = monthAt(tokens, at, rules);
    int day = 0, year = 0;
    qsizetype next = at + 1;
    if (month) { // July 18, 2022 | Aug. 24 | July 2022
        if (gapIs(text, tokens, at, u".") && (day = numberAt(tokens, next, 1, 31)))
            ++next;
        if (gapIs(text, tokens, next - 1, day ? u"," : u".") && (year = yearAt(tokens, next)))
            ++next;
    } else if ((day = numberAt(tokens, at, 1, 31)) && gapIs(text, tokens, at, u"")
        && (month = monthAt(tokens, at + 1, rules))) { // 18 July 2022
        next = at + 2;
        if (gapIs(text, tokens, at + 1, u",.") && (year = yearAt(tokens, next)))
            ++next;
    } else {
        return f;
    }
    if (day && year && QDate(year, month, day).isValid())
        f.date = PartialDate::day(year, month, day);
    else if (day && !year) {
        f.date = withReferenceYear(month, day, reference);
        f.hasYear = false;
    } else if (!day && year)
        f.date = PartialDate::month(year, month);
    else if (!day && !year && at > 0 && reference.isValid()) {
        static const QStringList s_before = { QStringLiteral("in"), QStringLiteral("since"), QStringLiteral("early"),
            QStringLiteral("mid"), QStringLiteral("late"), QStringLiteral("during") };
        if (s_before.contains(tokens.at(at - 1).word)) {
            const int y = month > reference.month() ? reference.year() - 1 : reference.year();
            f.date = PartialDate::month(y, month);
            f.hasYear = false;
        }
    }
    if (f.date.isValid())
        f.end = next;
    return f;
}

bool isReported(const DraftTokens &tokens, qsizetype start, const DraftRules &rules)
{
    for (qsizetype end = start; end >= std::max<qsizetype>(0, start - 3); --end) {
        if (rules.reportWords.endsAt(tokens, end - 1, end))
            return true;
    }
    return false;
}

DraftDates::Found relativePhrase(const PhraseSet::Match &m, QDate publication)
{
    DraftDates::Found f;
    f.start = m.start;
    f.end = m.end;
    f.relative = true;
    const QStringList parts = m.phrase->value.split(u' ');
    QString amount = parts.value(0);
    const QString unit = parts.value(1);
    QDate d = publication;
    if (amount.endsWith(u'm'))
        d = d.addMonths(-amount.chopped(1).toInt());
    else if (amount.endsWith(u'y'))
        d = d.addYears(-amount.chopped(1).toInt());
    else
        d = d.addDays(-amount.toInt());
    if (unit == u"day")
        f.date = PartialDate::day(d.year(), d.month(), d.day());
    else if (unit == u"month")
        f.date = PartialDate::month(d.year(), d.month());
    else
        f.date = PartialDate::year(d.year());
    return f;
}

DraftDates::Found weekdayAt(const DraftTokens &tokens, qsizetype at, const DraftRules &rules, QDate publication)
{
    DraftDates::Found f;
    if (!tokens.at(at).isCapitalised())
        return f;
    const PhraseSet::Match m = rules.weekdays.matchAt(tokens, at);
    if (!m.phrase)
        return f;
    const int weekday = m.phrase->value.toInt();
    const bool last = at > 0 && rules.lastWords.endsAt(tokens, at - 1, at);
    int back = (publication.dayOfWeek() - weekday + 7) % 7;
    if (back == 0 && last)
        back = 7;
    const QDate d = publication.addDays(-back);
    f.date = PartialDate::day(d.year(), d.month(), d.day());
    f.start = last ? at - 1 : at;
    f.end = m.end;
    f.relative = true;
    return f;
}
} // namespace

QList<DraftDates::Found> DraftDates::explicitDates(
    const DraftTokens &tokens, QStringView text, const DraftRules &rules, QDate reference)
{
    QList<Found> found;
    qsizetype i = 0;
    while (i < tokens.size()) {
        Found f = explicitAt(tokens, text, i, rules, reference);
        if (f.date.isValid()) {
            f.reported = isReported(tokens, f.start, rules);
            found.append(f);
            i = f.end;
        } else {
            ++i;
        }
    }
    return found;
}

QList<DraftDates::Found> DraftDates::relativeDates(
    const DraftTokens &tokens, const DraftRules &rules, QDate publication, const QList<Found> &explicitOnes)
{
    QList<Found> found;
    if (!publication.isValid())
        return found;
    auto coveredOrOpens = [&](qsizetype start, qsizetype end) {
        for (const Found &e : explicitOnes) {
            if (start < e.end && end + 1 >= e.start && start <= e.start)
                return true;
        }
        return false;
    };
    for (qsizetype i = 0; i < tokens.size(); ++i) {
        const PhraseSet::Match m = rules.relative.matchAt(tokens, i);
        Found f = m.phrase ? relativePhrase(m, publication) : weekdayAt(tokens, i, rules, publication);
        if (!f.date.isValid() || coveredOrOpens(f.start, f.end))
            continue;
        f.reported = isReported(tokens, f.start, rules);
        found.append(f);
        i = f.end - 1;
    }
    return found;
}

QList<DraftDates::Found> DraftDates::all(
    const DraftTokens &tokens, QStringView text, const DraftRules &rules, QDate publication)
{
    QList<Found> found = explicitDates(tokens, text, rules, publication);
    found += relativeDates(tokens, rules, publication, found);
    std::stable_sort(found.begin(), found.end(), [](const Found &a, const Found &b) { return a.start < b.start; });
    return found;
}

QDate DraftDates::fromIsoDateTime(QStringView text)
{
    const QStringView s = text.trimmed();
    if (s.size() < 10)
        return {};
    const QDate d = QDate::fromString(s.left(10).toString(), Qt::ISODate);
    return d.isValid() && d.year() >= s_minYear && d.year() <= s_maxYear ? d : QDate();
}
