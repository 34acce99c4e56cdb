// The command line as a user runs it: the real binary, no display, exit codes and output.
#include "testsupport.h"

#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

class TestCli : public QObject
{
    Q_OBJECT
private:
    QTemporaryDir m_dir;
    QTemporaryDir m_home; // the default database lives here, never in the real home

    struct Run
    {
        int code = -1;
        QByteArray out;
        QByteArray err;
    };

    Run run(const QStringList &arguments, const QString &platform = {})
    {
        QProcess p;
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.remove(QStringLiteral("DISPLAY"));
        env.remove(QStringLiteral("WAYLAND_DISPLAY"));
        env.remove(QStringLiteral("QT_QPA_PLATFORM")); // the CLI must not need a platform plugin
        if (!platform.isEmpty())
            env.insert(QStringLiteral("QT_QPA_PLATFORM"), platform);
        env.insert(QStringLiteral("HOME"), m_home.path());
        env.insert(QStringLiteral("XDG_DATA_HOME"), m_home.filePath(QStringLiteral("data")));
        p.setProcessEnvironment(env);
        p.start(QStringLiteral(FAULTLINE_BINARY), arguments);
        if (!p.waitForFinished(60000))
            return {};
        return { p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1, p.readAllStandardOutput(),
            p.readAllStandardError() };
    }

    QString db(const char *name) const { return m_dir.filePath(QString::fromLatin1(name)); }

private slots:
    void versionAndHelp()
    {
        const Run v = run({ QStringLiteral("--version") });
        QCOMPARE(v.code, 0);
        QVERIFY(v.out.startsWith("faultline 0."));
        const Run h = run({ QStringLiteral("--help") });
        QCOMPARE(h.code, 0);
        for (const char *word :
            { "import", "list", "stats", "--strict", "--bundled", "--country", "--search", "Exit codes" })
            QVERIFY2(h.out.contains(word), word);
        QVERIFY2(!h.out.contains("export"), "export is not offered before it exists");
    }

    void usageErrors_data()
    {
        QTest::addColumn<QStringList>("arguments");
        QTest::addColumn<QByteArray>("message");
        QTest::newRow("unknown-option") << QStringList { QStringLiteral("list"), QStringLiteral("--colour") }
                                        << QByteArray("colour");
        QTest::newRow("option-of-other-command") << QStringList { QStringLiteral("stats"), QStringLiteral("--strict") }
                                                 << QByteArray("unknown option --strict");
        QTest::newRow("import-nothing") << QStringList { QStringLiteral("import") }
                                        << QByteArray("name at least one FILE");
        QTest::newRow("bad-format") << QStringList { QStringLiteral("list"), QStringLiteral("--format"),
            QStringLiteral("xml") } << QByteArray("--format must be");
        QTest::newRow("bad-type") << QStringList { QStringLiteral("list"), QStringLiteral("--type"),
            QStringLiteral("cyberwar") }
                                  << QByteArray("unknown type \"cyberwar\"");
        QTest::newRow("bad-date") << QStringList { QStringLiteral("list"), QStringLiteral("--from"),
            QStringLiteral("2022-13") }
                                  << QByteArray("--from:");
        QTest::newRow("bad-country") << QStringList { QStringLiteral("list"), QStringLiteral("--country"),
            QStringLiteral("Atlantis") }
                                     << QByteArray("unknown country");
        QTest::newRow("missing-file") << QStringList { QStringLiteral("import"), QStringLiteral("/nonexistent/x.csv") }
                                      << QByteArray("no such file");
    }

    void usageErrors()
    {
        QFETCH(QStringList, arguments);
        QFETCH(QByteArray, message);
        const Run r = run(QStringList { QStringLiteral("--db"), db("usage.db") } + arguments);
        QCOMPARE(r.code, 2);
        QVERIFY2(r.err.contains(message), r.err.constData());
    }

    void unknownCommandIsAUsageError_data()
    {
        QTest::addColumn<QString>("platform");
        QTest::newRow("no display") << QString();
        QTest::newRow("offscreen window") << QStringLiteral("offscreen");
    }

    void unknownCommandIsAUsageError()
    {
        QFETCH(QString, platform);
        // A command word that is no file never opens the window, with or without a display.
        const Run r
            = run({ QStringLiteral("--db"), db("w.db"), QStringLiteral("bogus"), QStringLiteral("x.png") }, platform);
        QCOMPARE(r.code, 2);
        QVERIFY2(r.err.contains("unknown command \"bogus\""), r.err.constData());
        QVERIFY2(r.err.contains("import, list, stats"), r.err.constData());
        QVERIFY(!QFileInfo::exists(db("w.db")));
    }

    void noDisplayNeverAttemptsTheWindow()
    {
        // Without a display the window is not attempted: a sentence and exit 2, not an abort.
        for (const QStringList &arguments : { QStringList { QStringLiteral("--db"), db("nd.db") },
                 QStringList { QStringLiteral("--db"), db("nd.db"), QFINDTESTDATA("../data/good.json") } }) {
            const Run r = run(arguments);
            QCOMPARE(r.code, 2);
            QVERIFY2(r.err.contains("no display"), r.err.constData());
            QVERIFY2(r.err.contains("import"), r.err.constData());
        }
    }

    void importExitCodesAndSummary()
    {
        const Run ok
            = run({ QStringLiteral("--db"), db("a.db"), QStringLiteral("import"), QFINDTESTDATA("../data/good.json") });
        QCOMPARE(ok.code, 0);
        QCOMPARE(ok.out.trimmed().split('\n').last(), QByteArray("imported 3, updated 0, unchanged 0, rejected 0"));

        const Run again
            = run({ QStringLiteral("--db"), db("a.db"), QStringLiteral("import"), QFINDTESTDATA("../data/good.json") });
        QCOMPARE(again.code, 0);
        QCOMPARE(again.out.trimmed(), QByteArray("imported 0, updated 0, unchanged 3, rejected 0"));

        const Run some
            = run({ QStringLiteral("--db"), db("a.db"), QStringLiteral("import"), QFINDTESTDATA("../data/bad.csv") });
        QCOMPARE(some.code, 1);
        QCOMPARE(some.out.trimmed(), QByteArray("imported 2, updated 0, unchanged 0, rejected 8"));
        QVERIFY2(some.err.contains("bad.csv:5: victims: unknown country \"Atlantis\""), some.err.constData());

        const QByteArray before = TestSupport::fileHash(db("a.db"));
        const Run strict = run({ QStringLiteral("--db"), db("a.db"), QStringLiteral("import"),
            QStringLiteral("--strict"), QFINDTESTDATA("../data/bad.csv") });
        QCOMPARE(strict.code, 1);
        QCOMPARE(strict.out.trimmed(), QByteArray("imported 0, updated 0, unchanged 0, rejected 8"));
        QCOMPARE(TestSupport::fileHash(db("a.db")), before);

        const QString png = m_dir.filePath(QStringLiteral("x.csv"));
        QVERIFY(TestSupport::writeFile(png, QByteArray("\x89PNG\r\n\x1a\n", 8)));
        const Run unreadable = run({ QStringLiteral("--db"), db("a.db"), QStringLiteral("import"), png });
        QCOMPARE(unreadable.code, 2);
        QVERIFY(unreadable.err.contains("looks like a PNG image"));
        QCOMPARE(TestSupport::fileHash(db("a.db")), before);
    }

    void listFormats()
    {
        QCOMPARE(run({ QStringLiteral("--db"), db("l.db"), QStringLiteral("import"), QFINDTESTDATA("../data/good.json"),
                         QFINDTESTDATA("../data/good.csv") })
                     .code,
            0);
        const Run table = run({ QStringLiteral("--db"), db("l.db"), QStringLiteral("list") });
        QCOMPARE(table.code, 0);
        const QList<QByteArray> lines = table.out.trimmed().split('\n');
        QCOMPARE(lines.size(), 5);
        QVERIFY(lines.first().startsWith("2007-04-27  EE"));

        const Run json = run({ QStringLiteral("--db"), db("l.db"), QStringLiteral("list"), QStringLiteral("--format"),
            QStringLiteral("json"), QStringLiteral("--type"), QStringLiteral("ddos,ransomware") });
        QCOMPARE(json.code, 0);
        const QJsonArray array = QJsonDocument::fromJson(json.out).array();
        QCOMPARE(array.size(), 2);
        QCOMPARE(array.at(0).toObject().value(u"id").toString(), QStringLiteral("t-estonia"));
        QCOMPARE(array.at(0).toObject().value(u"start").toString(), QStringLiteral("2007-04-27"));
        QCOMPARE(array.at(1).toObject().value(u"victims").toArray().at(0).toString(), QStringLiteral("IE"));

        const Run csv = run({ QStringLiteral("--db"), db("l.db"), QStringLiteral("list"), QStringLiteral("--format"),
            QStringLiteral("csv"), QStringLiteral("--country"), QStringLiteral("Kosovo") });
        QCOMPARE(csv.code, 0);
        QVERIFY(csv.out.startsWith("id,title,start,end,victims"));
        QVERIFY2(
            csv.out.contains("c-2,\"'=HYPERLINK(\"\"x\"\")\""), csv.out.constData()); // neutralised for spreadsheets

        // Exported CSV and JSON import back into a new document unchanged.
        const QString csvFile = m_dir.filePath(QStringLiteral("out.csv"));
        QVERIFY(TestSupport::writeFile(csvFile, csv.out));
        const Run back = run({ QStringLiteral("--db"), db("roundtrip.db"), QStringLiteral("import"), csvFile });
        QCOMPARE(back.code, 0);
        const Run title = run({ QStringLiteral("--db"), db("roundtrip.db"), QStringLiteral("list"),
            QStringLiteral("--format"), QStringLiteral("json") });
        QCOMPARE(QJsonDocument::fromJson(title.out).array().at(0).toObject().value(u"title").toString(),
            QStringLiteral("=HYPERLINK(\"x\")"));

        const Run filtered = run({ QStringLiteral("--db"), db("l.db"), QStringLiteral("list"), QStringLiteral("--from"),
            QStringLiteral("2016"), QStringLiteral("--to"), QStringLiteral("2020"), QStringLiteral("--search"),
            QStringLiteral("leap") });
        QCOMPARE(filtered.out.trimmed().split('\n').size(), 1);
        QVERIFY(filtered.out.contains("2020-02-29"));
    }

    void stats()
    {
        QCOMPARE(
            run({ QStringLiteral("--db"), db("s.db"), QStringLiteral("import"), QFINDTESTDATA("../data/good.json") })
                .code,
            0);
        const Run r = run({ QStringLiteral("--db"), db("s.db"), QStringLiteral("stats"), QStringLiteral("--json") });
        QCOMPARE(r.code, 0);
        const QJsonObject o = QJsonDocument::fromJson(r.out).object();
        QCOMPARE(o.value(u"incidents").toInt(), 3);
        QCOMPARE(o.value(u"countries").toInt(), 4);
        QCOMPARE(o.value(u"first").toString(), QStringLiteral("2007-04-27"));
        QCOMPARE(o.value(u"last").toString(), QStringLiteral("2016-01-01"));
        QCOMPARE(o.value(u"by_type").toObject().value(u"ddos").toInt(), 1);
        QCOMPARE(o.value(u"by_country").toObject().value(u"US").toInt(), 1);
    }

    void newExplicitDatabaseStartsEmptyDefaultIsSeeded()
    {
        const Run empty
            = run({ QStringLiteral("--db"), db("fresh.db"), QStringLiteral("stats"), QStringLiteral("--json") });
        QCOMPARE(empty.code, 0);
        QCOMPARE(QJsonDocument::fromJson(empty.out).object().value(u"incidents").toInt(), 0);
        const Run seeded = run({ QStringLiteral("stats"), QStringLiteral("--json") });
        QCOMPARE(seeded.code, 0);
        QVERIFY(QJsonDocument::fromJson(seeded.out).object().value(u"incidents").toInt() >= 3);
        QVERIFY(QFile::exists(m_home.filePath(QStringLiteral("data/Faultline/faultline/faultline.db"))));
    }

    void bundledImport()
    {
        const Run r
            = run({ QStringLiteral("--db"), db("b.db"), QStringLiteral("import"), QStringLiteral("--bundled") });
        QCOMPARE(r.code, 0);
        QVERIFY(r.out.startsWith("imported "));
        QVERIFY(r.out.contains("rejected 0"));
    }

    void notADatabase()
    {
        const QString file = m_dir.filePath(QStringLiteral("notes.txt"));
        QVERIFY(TestSupport::writeFile(file, QByteArray("hello\n").repeated(500)));
        const Run r = run({ QStringLiteral("--db"), file, QStringLiteral("stats") });
        QCOMPARE(r.code, 2);
        QVERIFY2(r.err.contains("not a SQLite database"), r.err.constData());
    }
};

QTEST_GUILESS_MAIN(TestCli)
#include "tst_cli.moc"
