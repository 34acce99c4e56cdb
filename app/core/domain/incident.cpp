#include "domain/incident.h"

#include <QCoreApplication>

bool Incident::sameContent(const Incident &o) const
{
    return id == o.id && title == o.title && start == o.start && end == o.end && victims == o.victims
        && attackers == o.attackers && attribution == o.attribution && actor == o.actor && type == o.type
        && sectors == o.sectors && disclosed == o.disclosed && attributedOn == o.attributedOn && summary == o.summary
        && sources == o.sources && tags == o.tags && related == o.related && provenance == o.provenance;
}

QString Incident::citation() const
{
    QStringList parts;
    parts << QStringLiteral("%1 (%2). %3.").arg(title, start.toDisplayString(), victims.join(QStringLiteral(", ")));
    for (const Source &s : sources) {
        QString line = QStringLiteral("%1, \"%2\"").arg(s.publisher, s.title);
        if (!s.date.isEmpty())
            line += QStringLiteral(", %1").arg(s.date);
        if (!s.url.isEmpty())
            line += QStringLiteral(", %1").arg(s.url);
        parts << line + QLatin1Char('.');
    }
    return parts.join(QLatin1Char('\n'));
}
