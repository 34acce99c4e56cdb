// Faultline's entry point: chooses the mode before any application object exists, because
// only one QCoreApplication may be created and the kind decides whether a display is needed.
// The command line runs under a QCoreApplication and needs no display; the window under a
// QApplication.
#include "cli.h"
#include "mainwindow.h"
#include "widgets/contraststyle.h"
#include "window/terminationsignals.h"

#include <QApplication>
#include <QCoreApplication>
#include <QFileInfo>
#include <QGuiApplication>
#include <QIcon>
#include <QRegularExpression>
#include <QStyle>
#include <cstdio>
#include <vector>

namespace {
// Why the window must not be attempted, or empty. A first argument that is no file and
// looks like a command word ("export", "bogus") is a mistyped or unknown command, never a
// file to import; and without a display the window cannot open, so the user gets a sentence
// instead of an abort from the platform plugin.
QString windowRefusal(const Cli::ProcessArguments &split)
{
    QString platform = qEnvironmentVariable("QT_QPA_PLATFORM");
    for (qsizetype i = 0; i + 1 < split.qt.size(); i += 2) {
        if (split.qt.at(i) == u"-platform")
            platform = split.qt.at(i + 1);
    }
    QString first;
    const QStringList &arguments = split.faultline;
    for (qsizetype i = 0; i < arguments.size() && arguments.at(i) != u"--"; ++i) {
        const QString &a = arguments.at(i);
        if (a == u"--db" && i + 1 < arguments.size())
            ++i;
        else if (!a.startsWith(u'-') && first.isEmpty())
            first = a;
    }
    static const QRegularExpression commandWord(QStringLiteral("^[A-Za-z][A-Za-z0-9-]*$"));
    if (!first.isEmpty() && !QFileInfo::exists(first) && commandWord.match(first).hasMatch())
        return QStringLiteral("faultline: unknown command \"%1\"; the commands are: %2 (faultline --help)")
            .arg(first, Cli::commands().join(QStringLiteral(", ")));
#if defined(Q_OS_UNIX) && !defined(Q_OS_MACOS)
    const bool x11 = !qEnvironmentVariableIsEmpty("DISPLAY");
    const bool wayland = !qEnvironmentVariableIsEmpty("WAYLAND_DISPLAY");
    const bool needsDisplay = platform.isEmpty() || platform.startsWith(u"xcb") || platform.startsWith(u"wayland");
    if (needsDisplay && !x11 && !wayland)
        return QStringLiteral("faultline: no display to open the window on (neither DISPLAY nor WAYLAND_DISPLAY is "
                              "set); the commands %1 need none (faultline --help)")
            .arg(Cli::commands().join(QStringLiteral(", ")));
#endif
    return {};
}
} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication::setOrganizationName(QStringLiteral("Faultline"));
    QCoreApplication::setApplicationName(QStringLiteral("faultline"));
    QCoreApplication::setApplicationVersion(QStringLiteral(FAULTLINE_VERSION));

    QStringList all;
    for (int i = 1; i < argc; ++i)
        all << QString::fromLocal8Bit(argv[i]);
    // Qt sees only the options Faultline documents (Cli::splitArguments); the rest, which may
    // come from data (a file named "-stylesheet=x.qss"), is never parsed by Qt.
    const Cli::ProcessArguments split = Cli::splitArguments(all);
    const QStringList &arguments = split.faultline;
    std::vector<QByteArray> qtStorage { QByteArray(argv[0]) };
    for (const QString &a : split.qt)
        qtStorage.push_back(a.toLocal8Bit());
    std::vector<char *> qtArgv;
    for (QByteArray &a : qtStorage)
        qtArgv.push_back(a.data());
    qtArgv.push_back(nullptr);
    int qtArgc = int(qtStorage.size());

    if (Cli::wantsCli(arguments) && Cli::drawsFigures(arguments)) {
        qputenv("QT_QPA_PLATFORM", "offscreen"); // fonts without a display
        QGuiApplication app(qtArgc, qtArgv.data());
        return Cli::run(arguments);
    }
    if (Cli::wantsCli(arguments)) {
        QCoreApplication app(qtArgc, qtArgv.data());
        return Cli::run(arguments);
    }

    if (const QString refusal = windowRefusal(split); !refusal.isEmpty()) {
        std::fprintf(stderr, "%s\n", qPrintable(refusal));
        return Cli::Usage;
    }
    QApplication app(qtArgc, qtArgv.data());
    // Check boxes and radio buttons stay visible on a dark palette.
    QApplication::setStyle(new ContrastStyle(QApplication::style()->name()));
    QApplication::setApplicationDisplayName(QStringLiteral("Faultline"));
    QApplication::setWindowIcon(QIcon(QStringLiteral(":/icons/faultline.svg")));
    QGuiApplication::setDesktopFileName(QStringLiteral("org.faultline.Faultline"));
    const Cli::WindowArguments parsed = Cli::windowArguments(arguments);
    const QString dbPath = parsed.document;
    const QStringList files = parsed.imports;
    MainWindow window;
    TerminationSignals terminationSignals;
    QObject::connect(&terminationSignals, &TerminationSignals::received, &window, &MainWindow::closeForSignal);
    QObject::connect(&window, &MainWindow::closedBySignal, &app, [](int code) { QCoreApplication::exit(code); });
    window.show();
    window.openDocument(dbPath.isEmpty() ? Cli::defaultDatabasePath() : dbPath, dbPath.isEmpty());
    if (!files.isEmpty())
        window.importFiles(files);
    return app.exec();
}
