#include "export/exportfile.h"

#include "store/killpoint.h"

#include <QCoreApplication>
#include <QDir>
#include <QSaveFile>

namespace {
QString cannotWrite(const QString &path, const QString &reason)
{
    return QCoreApplication::translate("ExportFile", "cannot write %1: %2").arg(QDir::toNativeSeparators(path), reason);
}
} // namespace

namespace ExportFile {
ExportResult write(const QString &path, const Body &body)
{
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly))
        return ExportResult::failure(cannotWrite(path, file.errorString()));
    ExportResult result = body(file);
    if (!result.ok) {
        file.cancelWriting();
        return result;
    }
    KillPoint::reach("export.before-rename");
    if (!file.commit())
        return ExportResult::failure(cannotWrite(path, file.errorString()));
    KillPoint::reach("export.after-rename");
    return result;
}
} // namespace ExportFile
