#include "domain/regions.h"

#include <QFile>
#include <QLoggingCategory>

Q_LOGGING_CATEGORY(lcRegions, "faultline.render.regions", QtInfoMsg)

const Regions &Regions::instance()
{
    static const Regions s_instance;
    return s_instance;
}

Regions::Regions()
{
    QFile file(QStringLiteral(":/data/regions.tsv"));
    if (!file.open(QIODevice::ReadOnly | QIODevice::Text)) {
        qCWarning(lcRegions) << "regions table missing from resources";
        return;
    }
    while (!file.atEnd()) {
        const QString line = QString::fromUtf8(file.readLine()).trimmed();
        if (line.isEmpty() || line.startsWith(u'#'))
            continue;
        const QStringList fields = line.split(u'\t');
        if (fields.size() >= 3 && fields.at(0).size() == 2) {
            m_regions.insert(fields.at(0).toUpper(), { fields.at(1), fields.at(2) });
            if (!m_regionNames.contains(fields.at(1)))
                m_regionNames << fields.at(1);
            if (!m_subRegionNames.contains(fields.at(2)))
                m_subRegionNames << fields.at(2);
        }
    }
    m_regionNames.sort();
    m_subRegionNames.sort();
}

bool Regions::contains(QStringView regionOrSubRegion, QStringView alpha2) const
{
    const auto it = m_regions.constFind(alpha2.toString().toUpper());
    return it != m_regions.cend()
        && (regionOrSubRegion.compare(it->first, Qt::CaseInsensitive) == 0
            || regionOrSubRegion.compare(it->second, Qt::CaseInsensitive) == 0);
}

QString Regions::spelling(QStringView regionOrSubRegion) const
{
    for (const QStringList *names : { &m_regionNames, &m_subRegionNames }) {
        for (const QString &name : *names) {
            if (regionOrSubRegion.compare(name, Qt::CaseInsensitive) == 0)
                return name;
        }
    }
    return {};
}

QString Regions::region(QStringView alpha2) const
{
    return m_regions.value(alpha2.toString().toUpper()).first;
}

QString Regions::subRegion(QStringView alpha2) const
{
    return m_regions.value(alpha2.toString().toUpper()).second;
}
