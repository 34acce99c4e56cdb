// The window's command-line arguments: a .faultline document given as a file (as a file manager
// passes a double-clicked document) is opened, not imported; --db wins; other files are imported.
#include "cli.h"

#include <QTest>

class TestWindowArguments : public QObject
{
    Q_OBJECT
private slots:
    void documentIsOpenedNotImported()
    {
        const Cli::WindowArguments parsed = Cli::windowArguments({ QStringLiteral("/home/a/Case.FAULTLINE") });
        QCOMPARE(parsed.document, QStringLiteral("/home/a/Case.FAULTLINE"));
        QVERIFY(parsed.imports.isEmpty());
    }

    void otherFilesAreImportedIntoTheDocument()
    {
        const Cli::WindowArguments parsed = Cli::windowArguments(
            { QStringLiteral("a.csv"), QStringLiteral("doc.faultline"), QStringLiteral("b.json") });
        QCOMPARE(parsed.document, QStringLiteral("doc.faultline"));
        QCOMPARE(parsed.imports, QStringList({ QStringLiteral("a.csv"), QStringLiteral("b.json") }));
    }

    void dbOptionWinsAndASecondDocumentIsImported()
    {
        Cli::WindowArguments parsed = Cli::windowArguments(
            { QStringLiteral("--db"), QStringLiteral("main.faultline"), QStringLiteral("other.faultline") });
        QCOMPARE(parsed.document, QStringLiteral("main.faultline"));
        QCOMPARE(parsed.imports, QStringList({ QStringLiteral("other.faultline") }));
        parsed = Cli::windowArguments({ QStringLiteral("--db=x.db") });
        QCOMPARE(parsed.document, QStringLiteral("x.db"));
        parsed = Cli::windowArguments({});
        QVERIFY(parsed.document.isEmpty());
    }

    // Issue 17 #10: only the Qt options Faultline documents reach Qt, and only in front.
    void onlyDocumentedQtOptionsReachQt()
    {
        Cli::ProcessArguments split = Cli::splitArguments({ QStringLiteral("-platform"), QStringLiteral("offscreen"),
            QStringLiteral("-style=Fusion"), QStringLiteral("-stylesheet=evil.qss"), QStringLiteral("a.csv") });
        QCOMPARE(split.qt,
            QStringList({ QStringLiteral("-platform"), QStringLiteral("offscreen"), QStringLiteral("-style"),
                QStringLiteral("Fusion") }));
        QCOMPARE(split.faultline, QStringList({ QStringLiteral("-stylesheet=evil.qss"), QStringLiteral("a.csv") }));

        // Undocumented Qt options are never Qt's, wherever they are.
        for (const QString &option : { QStringLiteral("-stylesheet"), QStringLiteral("-platformpluginpath"),
                 QStringLiteral("-plugin"), QStringLiteral("-session"), QStringLiteral("-reverse") }) {
            split = Cli::splitArguments({ option, QStringLiteral("x") });
            QVERIFY(split.qt.isEmpty());
            QCOMPARE(split.faultline, QStringList({ option, QStringLiteral("x") }));
        }
        // A documented option after a file is a file too.
        split = Cli::splitArguments({ QStringLiteral("a.csv"), QStringLiteral("-platform"), QStringLiteral("xcb") });
        QVERIFY(split.qt.isEmpty());
        QCOMPARE(split.faultline.size(), 3);
    }

    void everythingAfterDoubleDashIsAFile()
    {
        const Cli::WindowArguments parsed
            = Cli::windowArguments({ QStringLiteral("--db"), QStringLiteral("d.faultline"), QStringLiteral("--"),
                QStringLiteral("--db"), QStringLiteral("-stylesheet=x.qss"), QStringLiteral("e.faultline") });
        QCOMPARE(parsed.document, QStringLiteral("d.faultline"));
        QCOMPARE(parsed.imports,
            QStringList(
                { QStringLiteral("--db"), QStringLiteral("-stylesheet=x.qss"), QStringLiteral("e.faultline") }));
        QVERIFY(!Cli::wantsCli({ QStringLiteral("--"), QStringLiteral("import") }));
    }
};

QTEST_APPLESS_MAIN(TestWindowArguments)
#include "tst_windowarguments.moc"
