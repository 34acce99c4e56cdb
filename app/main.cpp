// Faultline's entry point: chooses the mode before any application object exists, because
// only one QCoreApplication may be created and the kind decides whether a display is needed.
// The command line runs under a QCoreApplication and needs no display; the window under a
// QApplication.
#include "cli.h"
#include "mainwindow.h"

#include <QApplication>
#include <QCoreApplication>
#include <QGuiApplication>
#include <QIcon>

int main(int argc, char *argv[])
{
    QCoreApplication::setOrganizationName(QStringLiteral("Faultline"));
    QCoreApplication::setApplicationName(QStringLiteral("faultline"));
    QCoreApplication::setApplicationVersion(QStringLiteral(FAULTLINE_VERSION));

    QStringList arguments;
    for (int i = 1; i < argc; ++i)
        arguments << QString::fromLocal8Bit(argv[i]);

    if (Cli::wantsCli(arguments) && Cli::drawsFigures(arguments)) {
        qputenv("QT_QPA_PLATFORM", "offscreen"); // fonts without a display
        QGuiApplication app(argc, argv);
        return Cli::run(arguments);
    }
    if (Cli::wantsCli(arguments)) {
        QCoreApplication app(argc, argv);
        return Cli::run(arguments);
    }

    QApplication app(argc, argv);
    QApplication::setApplicationDisplayName(QStringLiteral("Faultline"));
    QApplication::setWindowIcon(QIcon(QStringLiteral(":/icons/faultline.svg")));
    QGuiApplication::setDesktopFileName(QStringLiteral("org.faultline.Faultline"));
    // Qt has removed its own options (-platform, -style...) from argv; what is left is ours.
    QStringList rest = QCoreApplication::arguments().mid(1);
    QString dbPath;
    QStringList files;
    for (qsizetype i = 0; i < rest.size(); ++i) {
        if (rest.at(i) == u"--db" && i + 1 < rest.size())
            dbPath = rest.at(++i);
        else if (rest.at(i).startsWith(QStringLiteral("--db=")))
            dbPath = rest.at(i).mid(5);
        else
            files << rest.at(i);
    }
    MainWindow window;
    window.show();
    window.openDocument(dbPath.isEmpty() ? Cli::defaultDatabasePath() : dbPath, dbPath.isEmpty());
    if (!files.isEmpty())
        window.importFiles(files);
    return app.exec();
}
