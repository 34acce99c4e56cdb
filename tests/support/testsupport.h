#pragma once

#include <QByteArray>
#include <QCryptographicHash>
#include <QFile>
#include <QString>
#include <QTemporaryDir>
#include <sqlite3.h>

// Helpers shared by the tests. Header-only so tests link only the libraries they test.
namespace TestSupport {

inline QByteArray fileBytes(const QString &path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

inline QByteArray fileHash(const QString &path)
{
    return QCryptographicHash::hash(fileBytes(path), QCryptographicHash::Sha256).toHex();
}

inline bool writeFile(const QString &path, const QByteArray &bytes)
{
    QFile f(path);
    return f.open(QIODevice::WriteOnly | QIODevice::Truncate) && f.write(bytes) == bytes.size();
}

// The shared datasets folder beside the checkout, or an empty string.
inline QString sharedDatasets()
{
    const QString dir = qEnvironmentVariable("FAULTLINE_SHARED_DIR") + QStringLiteral("/datasets");
    return QFile::exists(dir) ? dir : QString();
}

} // namespace TestSupport
