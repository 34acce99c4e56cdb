#include "import/bundleddataset.h"

#include <QDir>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>

namespace BundledDataset {
QStringList files()
{
    QStringList list;
    const QDir dir(QStringLiteral(":/data/incidents"));
    for (const QString &name : dir.entryList({ QStringLiteral("*.json") }, QDir::Files, QDir::Name))
        list.append(dir.filePath(name));
    return list;
}

Release release()
{
    QFile file(QStringLiteral(":/data/release.json"));
    if (!file.open(QIODevice::ReadOnly))
        return {};
    const QJsonObject object = QJsonDocument::fromJson(file.readAll()).object();
    return { object.value(QLatin1String("version")).toString(),
        QDate::fromString(object.value(QLatin1String("released")).toString(), Qt::ISODate),
        object.value(QLatin1String("covers_to")).toString() };
}
} // namespace BundledDataset
