#include "import/bundleddataset.h"

#include <QDir>

namespace BundledDataset {
QStringList files()
{
    QStringList list;
    const QDir dir(QStringLiteral(":/data/incidents"));
    for (const QString &name : dir.entryList({ QStringLiteral("*.json") }, QDir::Files, QDir::Name))
        list.append(dir.filePath(name));
    return list;
}
} // namespace BundledDataset
