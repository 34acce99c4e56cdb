#include "query/filter.h"

#include "domain/partialdate.h"

#include <QCoreApplication>

bool Filter::isEmpty() const
{
    return *this == Filter();
}

QString Filter::toQueryString() const
{
    QUrlQuery q;
    auto add = [&](const char *key, const QStringList &values) {
        if (!values.isEmpty())
            q.addQueryItem(QString::fromLatin1(key), values.join(u','));
    };
    if (fromDay)
        q.addQueryItem(QStringLiteral("from"), QDate::fromJulianDay(*fromDay).toString(Qt::ISODate));
    if (toDay)
        q.addQueryItem(QStringLiteral("to"), QDate::fromJulianDay(*toDay).toString(Qt::ISODate));
    add("country", countries);
    add("attacker", attackerCountries);
    add("region", regions);
    QStringList list;
    for (IncidentType t : types)
        list << Vocabulary::typeKey(t);
    add("type", list);
    add("sector", Vocabulary::sectorKeys(sectors));
    list.clear();
    for (const QString &a : actors)
        list << QString::fromUtf8(QUrl::toPercentEncoding(a));
    if (!list.isEmpty())
        q.addQueryItem(QStringLiteral("actor"), list.join(u','));
    list.clear();
    for (Attribution a : attributions)
        list << Vocabulary::attributionKey(a);
    add("attribution", list);
    add("dataset", datasets);
    if (!search.isEmpty())
        q.addQueryItem(QStringLiteral("q"), QString::fromUtf8(QUrl::toPercentEncoding(search)));
    return q.toString(QUrl::FullyEncoded);
}

Filter Filter::fromQueryString(const QString &query, QString *errorMessage)
{
    Filter f;
    const QUrlQuery q(query);
    QStringList errors;
    auto values = [&](const char *key) {
        return q.queryItemValue(QString::fromLatin1(key), QUrl::FullyDecoded).split(u',', Qt::SkipEmptyParts);
    };
    auto date = [&](const char *key, bool last) -> std::optional<qint64> {
        const QString text = q.queryItemValue(QString::fromLatin1(key));
        if (text.isEmpty())
            return std::nullopt;
        QString why;
        const PartialDate d = PartialDate::parse(text, &why);
        if (!d.isValid()) {
            errors << QStringLiteral("%1: %2").arg(QString::fromLatin1(key), why);
            return std::nullopt;
        }
        return last ? d.lastDay() : d.firstDay();
    };
    f.fromDay = date("from", false);
    f.toDay = date("to", true);
    f.countries = values("country");
    f.attackerCountries = values("attacker");
    f.regions = values("region");
    for (const QString &t : values("type")) {
        if (const auto type = Vocabulary::typeFromKey(t))
            f.types << *type;
        else
            errors << QStringLiteral("type: unknown \"%1\"").arg(t);
    }
    for (const QString &s : values("sector")) {
        if (const auto sector = Vocabulary::sectorFromKey(s))
            f.sectors |= sectorBit(*sector);
        else
            errors << QStringLiteral("sector: unknown \"%1\"").arg(s);
    }
    for (const QString &a :
        q.queryItemValue(QStringLiteral("actor"), QUrl::PrettyDecoded).split(u',', Qt::SkipEmptyParts))
        f.actors << QUrl::fromPercentEncoding(a.toUtf8());
    for (const QString &a : values("attribution")) {
        if (const auto attribution = Vocabulary::attributionFromKey(a))
            f.attributions << *attribution;
        else
            errors << QStringLiteral("attribution: unknown \"%1\"").arg(a);
    }
    f.datasets = values("dataset");
    f.search = QUrl::fromPercentEncoding(q.queryItemValue(QStringLiteral("q"), QUrl::PrettyDecoded).toUtf8());
    if (errorMessage)
        *errorMessage = errors.join(QStringLiteral("; "));
    return f;
}
