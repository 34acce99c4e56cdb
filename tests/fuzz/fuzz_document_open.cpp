// Opening a document: arbitrary bytes written to a file are opened read-only, checked and read
// as the window would (the column cache first when it is current); a foreign, damaged or hostile
// file is refused with a message, never a crash.
#include "fuzzsupport.h"
#include "store/incidentstore.h"

#include <QFile>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    FuzzSupport::ensureApplication();
    const QString path = QDir(FuzzSupport::workDir()).filePath(QStringLiteral("open.faultline"));
    {
        QFile file(path);
        if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate))
            qFatal("fuzz: cannot write %s", qPrintable(path));
        file.write(reinterpret_cast<const char *>(data), qint64(size));
    }
    Database db;
    QString error;
    if (!db.open(path, Database::Mode::ReadOnly, &error)) {
        if (error.isEmpty())
            qFatal("fuzz: a document was refused without a message");
        return 0;
    }
    const IncidentStore store(db);
    store.count();
    store.loadColumns(&error, IncidentStore::LoadMode::Auto);
    return 0;
}
