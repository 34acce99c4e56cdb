// Faultline's entry point: chooses the mode before any application object exists, because
// only one QCoreApplication may be created and the kind decides whether a display is needed.
// The command line runs under a QCoreApplication and needs no display; the window under a
// QApplication.
#include "cli.h"
#include "mainwindow.h"
#include "widgets/contraststyle.h"

#include <QApplication>
#include <QCoreApplication>
#include <QFileInfo>
#include <QGuiApplication>
#include <QIcon>
#include <QRegularExpression>
#include <QStyle>
#include <cstdio>

namespace {
// Why the window must not be attempted, or empty. A first argument that is no file and
// looks like a command word ("export", "bogus") is a mistyped or unknown command, never a
// file to import; and without a display the window cannot open, so the user gets a sentence
// instead of an abort from the platform plugin.
QString windowRefusal(const QStringList &arguments)
{
    static const QStringList qtOptionsWithValue = { QStringLiteral("-platform"), QStringLiteral("-style"),
        QStringLiteral("-stylesheet"), QStringLiteral("-display"), QStringLiteral("-session"),
        QStringLiteral("-platformtheme"), QStringLiteral("-qwindowgeometry"), QStringLiteral("-qwindowtitle") };
    QString platform = qEnvironmentVariable("QT_QPA_PLATFORM");
    QString first;
    for (qsizetype i = 0; i < arguments.size(); ++i) {
        const QString &a = arguments.at(i);
        if ((a == u"--db" || qtOptionsWithValue.contains(a)) && i + 1 < arguments.size()) {
            if (a == u"-platform")
                platform = arguments.at(i + 1);
            ++i;
        } else if (!a.startsWith(u'-') && first.isEmpty()) {
            first = a;
        }
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

    if (const QString refusal = windowRefusal(arguments); !refusal.isEmpty()) {
        std::fprintf(stderr, "%s\n", qPrintable(refusal));
        return Cli::Usage;
    }
    QApplication app(argc, argv);
    // Check boxes and radio buttons stay visible on a dark palette.
    QApplication::setStyle(new ContrastStyle(QApplication::style()->name()));
    QApplication::setApplicationDisplayName(QStringLiteral("Faultline"));
    QApplication::setWindowIcon(QIcon(QStringLiteral(":/icons/faultline.svg")));
    QGuiApplication::setDesktopFileName(QStringLiteral("org.faultline.Faultline"));
    // Qt has removed its own options (-platform, -style...) from argv; what is left is ours.
    const Cli::WindowArguments parsed = Cli::windowArguments(QCoreApplication::arguments().mid(1));
    const QString dbPath = parsed.document;
    const QStringList files = parsed.imports;
    MainWindow window;
    window.show();
    window.openDocument(dbPath.isEmpty() ? Cli::defaultDatabasePath() : dbPath, dbPath.isEmpty());
    if (!files.isEmpty())
        window.importFiles(files);
    return app.exec();
}
