// FigureExporter's words: the title it proposes and the caption it writes under a figure.
#include "domain/countries.h"
#include "export/figureexporter.h"

#include <QCoreApplication>
#include <QLocale>
#include <cmath>

namespace {
QString tr(const char *text, int n = -1)
{
    return QCoreApplication::translate("FigureExporter", text, nullptr, n);
}

// A vocabulary label inside a sentence: "Data theft" -> "data theft", "DDoS" stays.
QString inSentence(const QString &label)
{
    if (label.size() >= 2 && label.at(0).isUpper() && label.at(1).isLower())
        return label.at(0).toLower() + label.mid(1);
    return label;
}

// "a", "a and b", "a, b and c"
QString joined(const QStringList &items)
{
    if (items.size() <= 1)
        return items.value(0);
    return tr("%1 and %2").arg(items.mid(0, items.size() - 1).join(QStringLiteral(", ")), items.last());
}

// "a or b" for the values of one filter criterion, which match any of them.
QString alternatives(const QStringList &items)
{
    if (items.size() <= 1)
        return items.value(0);
    return tr("%1 or %2").arg(items.mid(0, items.size() - 1).join(QStringLiteral(", ")), items.last());
}

QStringList countryNames(const QStringList &codes)
{
    QStringList names;
    for (const QString &code : codes)
        names << Countries::instance().name(code);
    return names;
}

QStringList typeLabels(const Filter &filter)
{
    QStringList labels;
    for (IncidentType t : filter.types)
        labels << Vocabulary::typeLabel(t);
    return labels;
}

QStringList sectorLabels(SectorMask mask)
{
    QStringList labels;
    for (int s = 0; s < SectorCount; ++s) {
        if (mask & sectorBit(Sector(s)))
            labels << inSentence(Vocabulary::sectorLabel(Sector(s)));
    }
    return labels;
}

// The subject of a title: "Ransomware", "Ransomware and DDoS", "Cyber incidents".
QString subject(const Filter &filter)
{
    QStringList types = typeLabels(filter);
    if (types.isEmpty() || (types.size() == 1 && filter.types.first() == IncidentType::Other))
        return tr("Cyber incidents");
    for (qsizetype i = 1; i < types.size(); ++i)
        types[i] = inSentence(types[i]);
    return types.size() > 3 ? tr("%n types of cyber incident", int(types.size())) : joined(types);
}

// " in Germany", " in 5 countries"; `many` takes the count.
QString place(const QString &phrase, const QStringList &names, const char *many)
{
    if (names.isEmpty())
        return {};
    return phrase.arg(names.size() > 3 ? tr(many, int(names.size())) : joined(names));
}

QString years(qint64 firstDay, qint64 lastDay)
{
    const int from = QDate::fromJulianDay(firstDay).year();
    const int to = QDate::fromJulianDay(lastDay).year();
    return from == to ? QString::number(from) : QStringLiteral("%1\u2013%2").arg(from).arg(to);
}

QString filterDescription(const Filter &f)
{
    QStringList parts;
    QStringList types;
    for (IncidentType t : f.types)
        types << inSentence(Vocabulary::typeLabel(t));
    if (!types.isEmpty())
        parts << tr("type %1").arg(alternatives(types));
    if (f.sectors)
        parts << tr("sector %1").arg(alternatives(sectorLabels(f.sectors)));
    if (!f.countries.isEmpty())
        parts << tr("victim %1").arg(alternatives(countryNames(f.countries)));
    if (!f.attackerCountries.isEmpty())
        parts << tr("attacker %1").arg(alternatives(countryNames(f.attackerCountries)));
    if (!f.regions.isEmpty())
        parts << tr("victim region %1").arg(alternatives(f.regions));
    if (!f.actors.isEmpty())
        parts << tr("actor %1").arg(alternatives(f.actors));
    QStringList attributions;
    for (Attribution a : f.attributions)
        attributions << inSentence(Vocabulary::attributionLabel(a));
    if (!attributions.isEmpty())
        parts << tr("attribution %1").arg(alternatives(attributions));
    if (!f.datasets.isEmpty())
        parts << tr("dataset %1").arg(alternatives(f.datasets));
    if (!f.search.isEmpty())
        parts << tr("search \u201c%1\u201d").arg(f.search);
    return parts.isEmpty() ? tr("none") : parts.join(QStringLiteral(", "));
}
} // namespace

QString FigureExporter::proposeTitle(const Filter &filter, double firstDay, double endDay)
{
    QString title = subject(filter);
    if (filter.sectors)
        title += tr(" against %1").arg(joined(sectorLabels(filter.sectors)));
    title += place(tr(" in %1"), countryNames(filter.countries), "%n countries");
    title += place(tr(" in %1"), filter.regions, "%n regions");
    title += place(tr(" from %1"), countryNames(filter.attackerCountries), "%n countries");
    title += place(tr(" by %1"), filter.actors, "%n actors");
    const qint64 first = filter.fromDay.value_or(qint64(std::floor(firstDay)));
    const qint64 last = filter.toDay.value_or(std::max(first, qint64(std::ceil(endDay)) - 1));
    return title + QStringLiteral(", ") + years(first, last);
}

QString FigureExporter::caption(const CaptionFacts &facts)
{
    const QLocale locale;
    const qint64 first = qint64(std::floor(facts.firstDay));
    const qint64 last = std::max(first, qint64(std::ceil(facts.endDay)) - 1);
    QStringList parts;
    // A filter of dates alone is said by the dates that follow, not by "Filters: none".
    Filter criteria = facts.filter;
    criteria.fromDay.reset();
    criteria.toDay.reset();
    if (!criteria.isEmpty() || facts.filter.isEmpty())
        parts << tr("Filters: %1").arg(filterDescription(facts.filter));
    if (!facts.rows.isEmpty()) {
        QStringList named = facts.rows.mid(0, s_captionRows);
        if (facts.rows.size() > s_captionRows)
            named << tr("and %1 more").arg(facts.rows.size() - s_captionRows);
        parts << tr("rows: %1").arg(named.join(QStringLiteral(", ")));
    }
    parts << QStringLiteral("%1 \u2013 %2")
                 .arg(locale.toString(QDate::fromJulianDay(first), QStringLiteral("d MMM yyyy")),
                     locale.toString(QDate::fromJulianDay(last), QStringLiteral("d MMM yyyy")));
    parts << (facts.incidents == 1 ? tr("1 incident") : tr("%1 incidents").arg(locale.toString(facts.incidents)));
    if (!facts.datasets.isEmpty())
        parts << tr("datasets: %1").arg(facts.datasets.join(QStringLiteral(", ")));
    parts << tr("Faultline, %1").arg(locale.toString(facts.made, QStringLiteral("d MMMM yyyy")));
    return parts.join(QStringLiteral("; "));
}
