#pragma once

#include "store/database.h"

#include <QByteArray>
#include <QCoreApplication>
#include <QDir>
#include <QGuiApplication>
#include <QString>
#include <QTemporaryDir>
#include <cstddef>
#include <cstdint>

// Shared by the fuzz harnesses: each harness defines LLVMFuzzerTestOneInput, which libFuzzer
// calls (fuzz_NAME, built with clang) and the replay runner calls once per corpus file
// (fuzz_replay_NAME, an ordinary test of every build).
namespace FuzzSupport {

inline void ensureApplication()
{
    static int argc = 1;
    static char name[] = "faultline-fuzz";
    static char *argv[] = { name, nullptr };
    static QCoreApplication *app = QCoreApplication::instance() ? nullptr : new QCoreApplication(argc, argv);
    Q_UNUSED(app);
}

// A QGuiApplication instead, for harnesses that lay text out (QTextDocument needs fonts, which a
// core application cannot give), on the offscreen platform unless QT_QPA_PLATFORM names one. A
// harness calls either this or ensureApplication(), never both: each is one per process.
inline void ensureGuiApplication()
{
    static int argc = 1;
    static char name[] = "faultline-fuzz";
    static char *argv[] = { name, nullptr };
    if (!QCoreApplication::instance() && qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    static QGuiApplication *app = QCoreApplication::instance() ? nullptr : new QGuiApplication(argc, argv);
    Q_UNUSED(app);
    if (!qobject_cast<QGuiApplication *>(QCoreApplication::instance()))
        qFatal("fuzz: a harness that lays text out needs a QGuiApplication, not a QCoreApplication");
}

// A folder for the harness's files, removed at exit.
inline QString workDir()
{
    static QTemporaryDir dir;
    return dir.path();
}

// One document per process, made anew every `runs` inputs so that records imported by earlier
// inputs do not pile up over a long campaign. The last one is left open at exit on purpose: the
// process ends there, and closing it from a static destructor would run after Qt's own globals
// are gone.
inline Database &document(int runs = 500)
{
    static Database *db = nullptr;
    static int used = 0;
    static int generation = 0;
    if (!db || ++used > runs) {
        delete db;
        db = new Database;
        used = 0;
        const QString path = QDir(workDir()).filePath(QStringLiteral("fuzz-%1.faultline").arg(++generation));
        QFile::remove(path);
        if (!db->open(path))
            qFatal("fuzz: cannot create a document in %s", qPrintable(workDir()));
    }
    return *db;
}

inline QByteArray bytes(const std::uint8_t *data, std::size_t size)
{
    return QByteArray(reinterpret_cast<const char *>(data), qsizetype(size));
}

} // namespace FuzzSupport

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size);
