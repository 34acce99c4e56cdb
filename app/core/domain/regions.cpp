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
        if (fields.size() >= 3 && fields.at(0).size() == 2)
            m_regions.insert(fields.at(0).toUpper(), { fields.at(1), fields.at(2) });
    }
}

QString Regions::region(QStringView alpha2) const
{
    return m_regions.value(alpha2.toString().toUpper()).first;
}

QString Regions::subRegion(QStringView alpha2) const
{
    return m_regions.value(alpha2.toString().toUpper()).second;
}
