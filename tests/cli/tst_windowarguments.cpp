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
};

QTEST_APPLESS_MAIN(TestWindowArguments)
#include "tst_windowarguments.moc"
