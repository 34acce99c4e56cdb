// The command line as a user runs it: the real binary, no display, exit codes and output.
#include "story/story.h"
#include "testsupport.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QImage>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QRegularExpression>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <QXmlStreamReader>
#include <csignal>

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

    Run run(const QStringList &arguments, const QString &platform = {}, const QByteArray &input = {})
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
        if (!input.isEmpty() && p.waitForStarted()) {
            p.write(input);
            p.closeWriteChannel();
        }
        if (!p.waitForFinished(60000))
            return {};
        return { p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1, p.readAllStandardOutput(),
            p.readAllStandardError() };
    }

    QString db(const char *name) const { return m_dir.filePath(QString::fromLatin1(name)); }
    QString out(const QString &name) const { return m_dir.filePath(name); }

    // `export` on a document holding good.json and good.csv (five incidents, 2007 to 2021).
    Run exportRun(const QStringList &arguments)
    {
        if (!QFile::exists(db("export.db"))) {
            const Run imported = run({ QStringLiteral("--db"), db("export.db"), QStringLiteral("import"),
                QFINDTESTDATA("../data/good.json"), QFINDTESTDATA("../data/good.csv") });
            if (imported.code != 0)
                return imported;
        }
        return run(QStringList { QStringLiteral("--db"), db("export.db"), QStringLiteral("export") } + arguments);
    }

    // Every text node of an SVG document, in order.
    static QStringList svgTexts(const QString &path)
    {
        QFile file(path);
        if (!file.open(QIODevice::ReadOnly))
            return {};
        QXmlStreamReader xml(&file);
        QStringList texts;
        while (!xml.atEnd()) {
            if (xml.readNext() == QXmlStreamReader::Characters && !xml.isWhitespace())
                texts << xml.text().toString().trimmed();
        }
        return xml.hasError() ? QStringList { QStringLiteral("XML error: ") + xml.errorString() } : texts;
    }

    // A CSV long enough that its import is still writing when a signal comes.
    static bool writeLongImport(const QString &path)
    {
        QFile f(path);
        if (!f.open(QIODevice::WriteOnly))
            return false;
        QByteArray rows = "id,title,start,victims,type\n";
        for (int i = 0; i < 400000; ++i)
            rows += "s" + QByteArray::number(i) + ",Record " + QByteArray::number(i) + ",2021-03-04,FR,ddos\n";
        return f.write(rows) == rows.size();
    }

private slots:
    void signalDuringAnImportWritesNothing_data()
    {
        QTest::addColumn<int>("signal");
        QTest::newRow("SIGTERM") << int(SIGTERM);
        QTest::newRow("SIGINT") << int(SIGINT);
        QTest::newRow("SIGHUP") << int(SIGHUP);
    }

    void signalDuringAnImportWritesNothing()
    {
        // A kill, Ctrl+C or a closed terminal while an import writes: the import stops, rolls
        // back (no journal left beside the document), says so and exits with 128 + the signal.
        QFETCH(int, signal);
        const QString document = out(QStringLiteral("signal-%1.faultline").arg(signal));
        QCOMPARE(run({ QStringLiteral("--db"), document, QStringLiteral("import"), QFINDTESTDATA("../data/good.json") })
                     .code,
            0);
        const Run listed = run({ QStringLiteral("--db"), document, QStringLiteral("list") });
        QCOMPARE(listed.code, 0);
        const QString csv = out(QStringLiteral("many-%1.csv").arg(signal));
        QVERIFY(writeLongImport(csv));
        QProcess p;
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(QStringLiteral("HOME"), m_home.path());
        p.setProcessEnvironment(env);
        p.start(QStringLiteral(FAULTLINE_BINARY), { QStringLiteral("--db"), document, QStringLiteral("import"), csv });
        QVERIFY(p.waitForStarted());
        // It writes once its journal is there.
        QTRY_VERIFY_WITH_TIMEOUT(QFile::exists(document + QStringLiteral("-journal")), 60000);
        QCOMPARE(::kill(pid_t(p.processId()), signal), 0);
        QVERIFY(p.waitForFinished(120000));
        QCOMPARE(p.exitStatus(), QProcess::NormalExit);
        QCOMPARE(p.exitCode(), 128 + signal);
        const QByteArray err = p.readAllStandardError();
        QVERIFY2(err.contains("interrupted by SIG"), err.constData());
        QVERIFY(p.readAllStandardOutput().contains("still holds"));
        QVERIFY(!QFile::exists(document + QStringLiteral("-journal")));
        QCOMPARE(run({ QStringLiteral("--db"), document, QStringLiteral("list") }).out, listed.out);
    }

    // The same in the window: a file given on the command line is imported by the window; a
    // SIGTERM while it writes rolls it back, closes the window and exits with 128 + 15.
    void signalDuringAWindowImportWritesNothing()
    {
        const QString document = out(QStringLiteral("window-signal.faultline"));
        QCOMPARE(run({ QStringLiteral("--db"), document, QStringLiteral("import"), QFINDTESTDATA("../data/good.json") })
                     .code,
            0);
        const Run listed = run({ QStringLiteral("--db"), document, QStringLiteral("list") });
        const QString csv = out(QStringLiteral("many-window.csv"));
        QVERIFY(writeLongImport(csv));
        QProcess p;
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(QStringLiteral("HOME"), m_home.path());
        env.insert(QStringLiteral("XDG_CONFIG_HOME"), m_home.filePath(QStringLiteral("config")));
        p.setProcessEnvironment(env);
        p.start(QStringLiteral(FAULTLINE_BINARY),
            { QStringLiteral("-platform"), QStringLiteral("offscreen"), QStringLiteral("--db"), document, csv });
        QVERIFY(p.waitForStarted());
        QTRY_VERIFY_WITH_TIMEOUT(QFile::exists(document + QStringLiteral("-journal")), 60000);
        QCOMPARE(::kill(pid_t(p.processId()), SIGTERM), 0);
        QVERIFY(p.waitForFinished(120000));
        QCOMPARE(p.exitStatus(), QProcess::NormalExit);
        QCOMPARE(p.exitCode(), 128 + SIGTERM);
        QVERIFY(!QFile::exists(document + QStringLiteral("-journal")));
        QCOMPARE(run({ QStringLiteral("--db"), document, QStringLiteral("list") }).out, listed.out);
    }

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
        for (const char *word :
            { "export", "--out FILE", ".stix.json", "--width", "--height", "--dpi", "--title", "--theme light|dark",
                "--rows victims|attackers|actor|type|sector", "--top N", "import --draft FILE|-", "--draft FILE|-" })
            QVERIFY2(h.out.contains(word), word);
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
        QTest::newRow("bad-region") << QStringList { QStringLiteral("list"), QStringLiteral("--region"),
            QStringLiteral("Atlantis") }
                                    << QByteArray("--region: unknown region \"Atlantis\"");
        QTest::newRow("stats-bad-attacker") << QStringList { QStringLiteral("stats"), QStringLiteral("--attacker"),
            QStringLiteral("Atlantis") } << QByteArray("--attacker: unknown country");
        QTest::newRow("missing-file") << QStringList { QStringLiteral("import"), QStringLiteral("/nonexistent/x.csv") }
                                      << QByteArray("no such file");
        const QString article = QFINDTESTDATA("../data/articles/xinhua-dateline-ddos.txt");
        QTest::newRow("draft-with-files") << QStringList { QStringLiteral("import"), QStringLiteral("--draft"), article,
            QFINDTESTDATA("../data/good.csv") }
                                          << QByteArray("--draft saves one article");
        QTest::newRow("draft-with-map") << QStringList { QStringLiteral("import"), QStringLiteral("--draft"), article,
            QStringLiteral("--map"), QFINDTESTDATA("../data/mapped/tracker.map.json") }
                                        << QByteArray("--draft cannot go with --map");
        QTest::newRow("draft-with-bundled")
            << QStringList { QStringLiteral("import"), QStringLiteral("--bundled"), QStringLiteral("--draft"), article }
            << QByteArray("--draft cannot go with --bundled");
        QTest::newRow("draft-twice") << QStringList { QStringLiteral("import"), QStringLiteral("--draft"), article,
            QStringLiteral("--draft"), article }
                                     << QByteArray("--draft takes one article");
        QTest::newRow("draft-missing") << QStringList { QStringLiteral("import"), QStringLiteral("--draft"),
            QStringLiteral("/nonexistent/article.txt") }
                                       << QByteArray("no such file");
        QTest::newRow("draft-option-of-import") << QStringList { QStringLiteral("list"), QStringLiteral("--draft"),
            article } << QByteArray("unknown option --draft");
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
        QCOMPARE(ok.out.trimmed().split('\n').first(), QByteArray("imported 3, updated 0, unchanged 0, rejected 0"));

        // The same file again changes nothing, not even a byte of the document.
        const QByteArray first = TestSupport::fileHash(db("a.db"));
        const Run again
            = run({ QStringLiteral("--db"), db("a.db"), QStringLiteral("import"), QFINDTESTDATA("../data/good.json") });
        QCOMPARE(again.code, 0);
        QCOMPARE(again.out.trimmed(),
            QByteArray("imported 0, updated 0, unchanged 3, rejected 0\nthe document holds 3 record(s)"));
        QCOMPARE(TestSupport::fileHash(db("a.db")), first);

        const Run some
            = run({ QStringLiteral("--db"), db("a.db"), QStringLiteral("import"), QFINDTESTDATA("../data/bad.csv") });
        QCOMPARE(some.code, 1);
        QCOMPARE(some.out.trimmed(),
            QByteArray("imported 2, updated 0, unchanged 0, rejected 8\nthe document holds 5 record(s)"));
        QVERIFY2(some.err.contains("bad.csv:5: victims: unknown country \"Atlantis\""), some.err.constData());

        const QByteArray before = TestSupport::fileHash(db("a.db"));
        const Run strict = run({ QStringLiteral("--db"), db("a.db"), QStringLiteral("import"),
            QStringLiteral("--strict"), QFINDTESTDATA("../data/bad.csv") });
        QCOMPARE(strict.code, 1);
        QCOMPARE(strict.out.trimmed(),
            QByteArray("imported 0, updated 0, unchanged 0, rejected 8\n"
                       "nothing was written; the document still holds 5 record(s)"));
        QCOMPARE(TestSupport::fileHash(db("a.db")), before);

        const QString png = m_dir.filePath(QStringLiteral("x.csv"));
        QVERIFY(TestSupport::writeFile(png, QByteArray("\x89PNG\r\n\x1a\n", 8)));
        const Run unreadable = run({ QStringLiteral("--db"), db("a.db"), QStringLiteral("import"), png });
        QCOMPARE(unreadable.code, 2);
        QVERIFY(unreadable.err.contains("looks like a PNG image"));
        QCOMPARE(TestSupport::fileHash(db("a.db")), before);
    }

    // Issue 17 #1: the files of one command are one transaction. A good file followed by an
    // unreadable one writes nothing, and the report says what the document holds.
    void importOfSeveralFilesIsOneTransaction()
    {
        const Run first = run(
            { QStringLiteral("--db"), db("multi.db"), QStringLiteral("import"), QFINDTESTDATA("../data/good.json") });
        QCOMPARE(first.code, 0);
        const QByteArray before = TestSupport::fileHash(db("multi.db"));
        const QString png = m_dir.filePath(QStringLiteral("multi-bad.csv"));
        QVERIFY(TestSupport::writeFile(png, QByteArray("\x89PNG\r\n\x1a\n", 8)));
        const Run both = run({ QStringLiteral("--db"), db("multi.db"), QStringLiteral("import"),
            QFINDTESTDATA("../data/good.csv"), png });
        QCOMPARE(both.code, 2);
        QVERIFY2(both.err.contains("looks like a PNG image"), both.err.constData());
        QCOMPARE(both.out.trimmed(),
            QByteArray("imported 0, updated 0, unchanged 0, rejected 0\n"
                       "nothing was written; the document still holds 3 record(s)"));
        QCOMPARE(TestSupport::fileHash(db("multi.db")), before);

        // A bad file first and a missing one last: the same.
        const Run missing = run({ QStringLiteral("--db"), db("multi.db"), QStringLiteral("import"),
            QFINDTESTDATA("../data/good.csv"), m_dir.filePath(QStringLiteral("absent.json")) });
        QCOMPARE(missing.code, 2);
        QVERIFY2(missing.err.contains("absent.json: no such file"), missing.err.constData());
        QCOMPARE(TestSupport::fileHash(db("multi.db")), before);

        // Both good: one import, and the document line counts both.
        const Run good = run({ QStringLiteral("--db"), db("multi.db"), QStringLiteral("import"),
            QFINDTESTDATA("../data/good.csv"), QFINDTESTDATA("../data/good.json") });
        QCOMPARE(good.code, 0);
        QCOMPARE(good.out.trimmed(),
            QByteArray("imported 2, updated 0, unchanged 3, rejected 0\nthe document holds 5 record(s)"));
    }

    // Issue 17 #5: what `list --format json` prints imports back, over the whole bundled dataset,
    // and a second round gives the same records byte for byte.
    void listJsonImportsBack()
    {
        QCOMPARE(
            run({ QStringLiteral("--db"), db("rt1.db"), QStringLiteral("import"), QStringLiteral("--bundled") }).code,
            0);
        const Run first = run({ QStringLiteral("--db"), db("rt1.db"), QStringLiteral("list"),
            QStringLiteral("--format"), QStringLiteral("json") });
        QCOMPARE(first.code, 0);
        const qsizetype count = QJsonDocument::fromJson(first.out).array().size();
        QVERIFY(count > 100);
        const QString listed = m_dir.filePath(QStringLiteral("listed.json"));
        QVERIFY(TestSupport::writeFile(listed, first.out));
        const Run back = run({ QStringLiteral("--db"), db("rt2.db"), QStringLiteral("import"), listed });
        QCOMPARE(back.code, 0);
        QCOMPARE(back.out.trimmed().split('\n').first(),
            QStringLiteral("imported %1, updated 0, unchanged 0, rejected 0").arg(count).toUtf8());
        const Run second = run({ QStringLiteral("--db"), db("rt2.db"), QStringLiteral("list"),
            QStringLiteral("--format"), QStringLiteral("json") });
        QCOMPARE(second.code, 0);
        QCOMPARE(second.out, first.out);
    }

    // Issue 17 #10: a file named like a Qt option is the command's file, never a Qt option;
    // `--` ends the options. Issue 17 #11: a refusal prints Faultline's lines only.
    void fileNamesThatLookLikeQtOptions()
    {
        const QString qss = m_dir.filePath(QStringLiteral("-stylesheet=evil.qss"));
        QVERIFY(TestSupport::writeFile(qss, QByteArray("QWidget { background: red }")));
        const Run r = run({ QStringLiteral("--db"), db("qt.db"), QStringLiteral("import"), QStringLiteral("--"),
            QStringLiteral("-stylesheet=evil.qss"), QStringLiteral("-platformpluginpath=/tmp/p") });
        QCOMPARE(r.code, 2);
        QVERIFY2(r.err.contains("-stylesheet=evil.qss: no such file"), r.err.constData());

        const Run refusals[] = {
            run({ QStringLiteral("--db"), db("missing.db"), QStringLiteral("list") }),
            run({ QStringLiteral("--db"), db("qt.db"), QStringLiteral("import"), qss }),
            run({ QStringLiteral("--db"), m_dir.filePath(QStringLiteral("-stylesheet=evil.qss")),
                QStringLiteral("stats") }),
        };
        for (const Run &refusal : refusals) {
            QVERIFY(refusal.code != 0);
            for (const QByteArray &line : refusal.err.trimmed().split('\n'))
                QVERIFY2(line.startsWith("faultline: ") || line.startsWith(m_dir.path().toUtf8())
                        || line.startsWith("Try 'faultline --help'"),
                    refusal.err.constData());
        }
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

    void regionAndAttackerFilterListStatsAndExport()
    {
        QCOMPARE(run({ QStringLiteral("--db"), db("r.db"), QStringLiteral("import"), QFINDTESTDATA("../data/good.json"),
                         QFINDTESTDATA("../data/good.csv") })
                     .code,
            0);
        auto ids = [this](const QStringList &filters) {
            const Run r = run(QStringList { QStringLiteral("--db"), db("r.db"), QStringLiteral("list"),
                                  QStringLiteral("--format"), QStringLiteral("json") }
                + filters);
            QStringList list;
            for (const QJsonValue &v : QJsonDocument::fromJson(r.out).array())
                list << v.toObject().value(u"id").toString();
            return r.code == 0 ? list : QStringList { QString::fromUtf8(r.err) };
        };
        // Attributed to Russia, against European victims, in 2007.
        QCOMPARE(ids({ QStringLiteral("--attacker"), QStringLiteral("Russia"), QStringLiteral("--region"),
                     QStringLiteral("europe"), QStringLiteral("--from"), QStringLiteral("2007"), QStringLiteral("--to"),
                     QStringLiteral("2007") }),
            QStringList { QStringLiteral("t-estonia") });
        QCOMPARE(ids({ QStringLiteral("--region"), QStringLiteral("Southern Europe") }),
            QStringList { QStringLiteral("c-2") });
        QCOMPARE(ids({ QStringLiteral("--region"), QStringLiteral("Asia,Western Europe") }),
            (QStringList { QStringLiteral("t-month"), QStringLiteral("t-year") }));

        // stats takes the same filters.
        const Run stats = run({ QStringLiteral("--db"), db("r.db"), QStringLiteral("stats"), QStringLiteral("--json"),
            QStringLiteral("--region"), QStringLiteral("Europe") });
        QCOMPARE(stats.code, 0);
        const QJsonObject o = QJsonDocument::fromJson(stats.out).object();
        QCOMPARE(o.value(u"incidents").toInt(), 4);
        QCOMPARE(o.value(u"by_attacker").toObject().value(u"RS").toInt(), 1);
        QVERIFY(!o.value(u"by_country").toObject().contains(u"US"));

        // And so does export.
        const QString csv = out(QStringLiteral("region.csv"));
        QCOMPARE(run({ QStringLiteral("--db"), db("r.db"), QStringLiteral("export"), QStringLiteral("--region"),
                         QStringLiteral("Northern Europe"), QStringLiteral("--out"), csv })
                     .code,
            0);
        QFile file(csv);
        QVERIFY(file.open(QIODevice::ReadOnly));
        const QByteArray bytes = file.readAll();
        QVERIFY(bytes.contains("t-estonia,") && bytes.contains("c-1,"));
        QVERIFY(!bytes.contains("t-month,") && !bytes.contains("c-2,"));
    }

    void tableShowsThatVictimsAreCut()
    {
        // Six victims do not fit the table's victims column: whole codes, then an ellipsis.
        const QByteArray json = R"({"faultline": 1, "incidents": [
            {"id": "many", "title": "Six victims", "start": "2022-02-24", "victims": ["UA", "PL", "DE", "FR", "IT", "ES"],
             "attribution": "none", "type": "ddos", "summary": "s",
             "sources": [{"publisher": "p", "title": "t", "date": "2022", "url": ""}]},
            {"id": "two", "title": "Two victims", "start": "2022-03-01", "victims": ["UA", "PL"],
             "attribution": "none", "type": "ddos", "summary": "s",
             "sources": [{"publisher": "p", "title": "t", "date": "2022", "url": ""}]}]})";
        const QString file = out(QStringLiteral("six.json"));
        QVERIFY(TestSupport::writeFile(file, json));
        QCOMPARE(run({ QStringLiteral("--db"), db("six.db"), QStringLiteral("import"), file }).code, 0);
        const Run table = run({ QStringLiteral("--db"), db("six.db"), QStringLiteral("list") });
        QCOMPARE(table.code, 0);
        const QStringList lines = QString::fromUtf8(table.out).trimmed().split(u'\n');
        QCOMPARE(lines.size(), 2);
        QVERIFY2(lines.at(0).startsWith(QStringLiteral("2022-02-24  UA,PL,DE,\u2026   ddos")), qPrintable(lines.at(0)));
        // A list that fits is printed whole, with no ellipsis.
        QVERIFY2(lines.at(1).startsWith(QStringLiteral("2022-03-01  UA,PL        ddos")), qPrintable(lines.at(1)));
        QVERIFY(!lines.at(1).contains(QChar(0x2026)));
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

    // Issue 17 #7: a reading command never creates a document; a mistyped --db is an error
    // naming the path. Only the default document is created (and seeded) on first use.
    void readingCommandsNeverCreateADocument()
    {
        for (const QStringList &command :
            { QStringList { QStringLiteral("list") }, QStringList { QStringLiteral("stats"), QStringLiteral("--json") },
                QStringList { QStringLiteral("export"), QStringLiteral("--out"), out(QStringLiteral("never.csv")) },
                QStringList { QStringLiteral("export"), QStringLiteral("--out"), out(QStringLiteral("never.png")) } }) {
            const QString missing = db("mistyped.db");
            const Run r = run(QStringList { QStringLiteral("--db"), missing } + command);
            QCOMPARE(r.code, 2);
            QVERIFY2(r.err.contains((missing + QStringLiteral(": no such document")).toUtf8()), r.err.constData());
            QVERIFY(!QFileInfo::exists(missing));
            QVERIFY(!QFileInfo::exists(out(QStringLiteral("never.csv"))));
        }
        const Run folder = run({ QStringLiteral("--db"), m_dir.path(), QStringLiteral("stats") });
        QCOMPARE(folder.code, 2);
        QVERIFY2(folder.err.contains("not a document"), folder.err.constData());
    }

    // A document named with --db is made by the import that puts records in it. A failed,
    // all-rejected or empty first import leaves no file behind (and says so); the default
    // document is created and seeded with the bundled dataset.
    void newExplicitDocumentOnlyWithRecordsDefaultIsSeeded()
    {
        const QString fresh = db("fresh.db");
        const Run missing = run({ QStringLiteral("--db"), fresh, QStringLiteral("import"),
            m_dir.filePath(QStringLiteral("no-such-input.csv")) });
        QCOMPARE(missing.code, 2);
        QVERIFY(!QFileInfo::exists(fresh));
        QVERIFY(!QFileInfo::exists(fresh + QStringLiteral("-journal")));
        QVERIFY2(missing.out.contains(
                     (QStringLiteral("no document was created at ") + QDir::toNativeSeparators(fresh)).toUtf8()),
            missing.out.constData());

        const QString allBad = m_dir.filePath(QStringLiteral("all-bad.csv"));
        QVERIFY(TestSupport::writeFile(allBad, "id,title,start,victims,type\nb1,Bad,2021-13-01,FR,ddos\n"));
        const Run rejected = run({ QStringLiteral("--db"), fresh, QStringLiteral("import"), allBad });
        QCOMPARE(rejected.code, 1);
        QVERIFY2(rejected.out.startsWith("imported 0, updated 0, unchanged 0, rejected 1\n"), rejected.out.constData());
        QVERIFY(rejected.out.contains("no document was created"));
        QVERIFY(!QFileInfo::exists(fresh));

        const Run stats = run({ QStringLiteral("--db"), fresh, QStringLiteral("stats"), QStringLiteral("--json") });
        QCOMPARE(stats.code, 2);

        const Run good
            = run({ QStringLiteral("--db"), fresh, QStringLiteral("import"), QFINDTESTDATA("../data/good.json") });
        QCOMPARE(good.code, 0);
        QVERIFY(QFileInfo::exists(fresh));
        // Once it holds records, a later failed import leaves it in place, unchanged.
        const QByteArray before = TestSupport::fileHash(fresh);
        const Run later = run({ QStringLiteral("--db"), fresh, QStringLiteral("import"), allBad });
        QCOMPARE(later.code, 1);
        QCOMPARE(TestSupport::fileHash(fresh), before);

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

    void exportUsageErrors_data()
    {
        QTest::addColumn<QStringList>("arguments");
        QTest::addColumn<QByteArray>("message");
        auto row = [](const char *name, const QStringList &args, const char *message) {
            QTest::newRow(name) << args << QByteArray(message);
        };
        const QString png = QStringLiteral("bad.png");
        row("no-out", { QStringLiteral("--width"), QStringLiteral("100") }, "--out FILE is required");
        row("extension", { QStringLiteral("--out"), QStringLiteral("bad.gif") }, "--out: \"bad.gif\" does not end in");
        row("no-extension", { QStringLiteral("--out"), QStringLiteral("figure") }, "--out:");
        row("bare-extension", { QStringLiteral("--out"), QStringLiteral(".png") }, "--out:");
        row("width-zero", { QStringLiteral("--out"), png, QStringLiteral("--width"), QStringLiteral("0") }, "--width:");
        row("width-text", { QStringLiteral("--out"), png, QStringLiteral("--width"), QStringLiteral("wide") },
            "--width: \"wide\" is not a whole number");
        row("height-huge", { QStringLiteral("--out"), png, QStringLiteral("--height"), QStringLiteral("99999") },
            "--height:");
        row("dpi-zero", { QStringLiteral("--out"), png, QStringLiteral("--dpi"), QStringLiteral("0") }, "--dpi:");
        row("dpi-text", { QStringLiteral("--out"), png, QStringLiteral("--dpi"), QStringLiteral("high") }, "--dpi:");
        row("theme", { QStringLiteral("--out"), png, QStringLiteral("--theme"), QStringLiteral("blue") },
            "--theme: \"blue\" is not light or dark");
        row("rows", { QStringLiteral("--out"), png, QStringLiteral("--rows"), QStringLiteral("country") },
            "--rows: \"country\"");
        row("top-zero", { QStringLiteral("--out"), png, QStringLiteral("--top"), QStringLiteral("0") }, "--top:");
        row("top-text", { QStringLiteral("--out"), png, QStringLiteral("--top"), QStringLiteral("ten") }, "--top:");
        row("figure-option-on-data",
            { QStringLiteral("--out"), QStringLiteral("bad.csv"), QStringLiteral("--width"), QStringLiteral("100") },
            "--width: only figures");
        row("top-on-data",
            { QStringLiteral("--out"), QStringLiteral("bad.stix.json"), QStringLiteral("--top"), QStringLiteral("3") },
            "--top: only figures");
        row("format-option", { QStringLiteral("--out"), png, QStringLiteral("--format"), QStringLiteral("png") },
            "unknown option --format");
        row("bad-type", { QStringLiteral("--out"), png, QStringLiteral("--type"), QStringLiteral("cyberwar") },
            "--type: unknown type");
        row("bad-date", { QStringLiteral("--out"), png, QStringLiteral("--to"), QStringLiteral("2022-13") }, "--to:");
        row("bad-country", { QStringLiteral("--out"), png, QStringLiteral("--country"), QStringLiteral("Atlantis") },
            "--country: unknown country");
    }

    void exportUsageErrors()
    {
        QFETCH(QStringList, arguments);
        QFETCH(QByteArray, message);
        // The output names are made absolute in the temporary folder, which must stay empty of them.
        for (qsizetype i = 0; i + 1 < arguments.size(); ++i) {
            if (arguments.at(i) == u"--out")
                arguments[i + 1] = out(arguments.at(i + 1));
        }
        const Run r = exportRun(arguments);
        QCOMPARE(r.code, 2);
        QVERIFY2(r.err.contains(message), r.err.constData());
        const qsizetype at = arguments.indexOf(QStringLiteral("--out"));
        if (at >= 0)
            QVERIFY(!QFile::exists(arguments.at(at + 1)));
    }

    // export --story: the handout of a story in the document; usage errors name the option.
    void exportStoryUsageErrors_data()
    {
        QTest::addColumn<QStringList>("arguments");
        QTest::addColumn<QByteArray>("message");
        const QString name = QStringLiteral("Albania 2022: an attack and a broken diplomatic tie");
        const QString pdf = QStringLiteral("story-bad.pdf");
        auto row = [](const char *label, const QStringList &args, const char *message) {
            QTest::newRow(label) << args << QByteArray(message);
        };
        row("empty-name", { QStringLiteral("--story"), QStringLiteral(" "), QStringLiteral("--out"), pdf },
            "--story: a story name is required");
        row("no-out", { QStringLiteral("--story"), name }, "--out FILE is required");
        row("not-pdf", { QStringLiteral("--story"), name, QStringLiteral("--out"), QStringLiteral("story.png") },
            "--out: \"story.png\" does not end in .pdf");
        row("filter",
            { QStringLiteral("--story"), name, QStringLiteral("--out"), pdf, QStringLiteral("--country"),
                QStringLiteral("AL") },
            "--country: not used with --story");
        row("figure-option",
            { QStringLiteral("--story"), name, QStringLiteral("--out"), pdf, QStringLiteral("--width"),
                QStringLiteral("100") },
            "--width: not used with --story");
        row("unknown", { QStringLiteral("--story"), QStringLiteral("Atlantis 2031"), QStringLiteral("--out"), pdf },
            "--story: \"Atlantis 2031\" is not a story of this document (it has: Albania 2022");
    }

    void exportStoryUsageErrors()
    {
        QFETCH(QStringList, arguments);
        QFETCH(QByteArray, message);
        for (qsizetype i = 0; i + 1 < arguments.size(); ++i) {
            if (arguments.at(i) == u"--out")
                arguments[i + 1] = out(arguments.at(i + 1));
        }
        if (!QFile::exists(db("story.db")))
            QCOMPARE(
                run({ QStringLiteral("--db"), db("story.db"), QStringLiteral("import"), QStringLiteral("--bundled") })
                    .code,
                0);
        const Run r = run(QStringList { QStringLiteral("--db"), db("story.db"), QStringLiteral("export") } + arguments);
        QCOMPARE(r.code, 2);
        QVERIFY2(r.err.contains(message), r.err.constData());
        const qsizetype at = arguments.indexOf(QStringLiteral("--out"));
        if (at >= 0)
            QVERIFY(!QFile::exists(arguments.at(at + 1)));
    }

    // One page per step and a cover; the text holds every step's heading.
    void exportStoryHandout()
    {
        QString error;
        const QList<Story> bundled = StoryFile::bundled(&error);
        QVERIFY2(!bundled.isEmpty(), qPrintable(error));
        const Story &story = bundled.first();
        const QString document = db("handout.db");
        QCOMPARE(
            run({ QStringLiteral("--db"), document, QStringLiteral("import"), QStringLiteral("--bundled") }).code, 0);
        const QString pdf = out(QStringLiteral("handout.pdf"));
        // The name matches without regard to case.
        const Run r = run({ QStringLiteral("--db"), document, QStringLiteral("export"), QStringLiteral("--story"),
            story.name.toUpper(), QStringLiteral("--out"), pdf });
        QVERIFY2(r.code == 0, r.err.constData());
        QCOMPARE(r.out.trimmed(), QStringLiteral("wrote %1: %2 pages").arg(pdf).arg(story.steps.size() + 1).toUtf8());
        QFile file(pdf);
        QVERIFY(file.open(QIODevice::ReadOnly));
        const QByteArray bytes = file.readAll();
        QVERIFY(bytes.startsWith("%PDF-"));
        const qsizetype pages = bytes.count("/Type /Page\n") + bytes.count("/Type /Page\r")
            + bytes.count("/Type /Page>") + bytes.count("/Type /Page/");
        QCOMPARE(pages, story.steps.size() + 1);
        const QString pdftotext = QStandardPaths::findExecutable(QStringLiteral("pdftotext"));
        if (pdftotext.isEmpty())
            QSKIP("pdftotext is not installed: the headings are checked by tst_storyhandout only");
        QProcess text;
        text.start(pdftotext, { pdf, QStringLiteral("-") });
        QVERIFY(text.waitForFinished(30000));
        // Compatibility forms undo the ligatures the PDF's text carries (the "ffl" of "offline").
        const QString extracted = QString::fromUtf8(text.readAllStandardOutput())
                                      .normalized(QString::NormalizationForm_KC)
                                      .simplified()
                                      .replace(QChar(0x2019), u'\'');
        QVERIFY(extracted.contains(story.name));
        for (const StoryStep &step : story.steps) {
            const QString heading = step.heading.simplified().replace(QChar(0x2019), u'\'');
            QVERIFY2(extracted.contains(heading), qPrintable(heading));
        }
    }

    void exportPng()
    {
        const Run r = exportRun({ QStringLiteral("--out"), out(QStringLiteral("f.png")), QStringLiteral("--width"),
            QStringLiteral("800"), QStringLiteral("--height"), QStringLiteral("450") });
        QCOMPARE(r.code, 0);
        QVERIFY2(r.out.contains("f.png"), r.out.constData());
        const QImage light(out(QStringLiteral("f.png")));
        QCOMPARE(light.size(), QSize(800, 450));
        QVERIFY(qGray(light.pixel(2, 2)) > 200);

        // The dpi keeps the pixel size, records itself in the file, and the dark theme is dark.
        const Run dark = exportRun({ QStringLiteral("--out"), out(QStringLiteral("dark.PNG")),
            QStringLiteral("--width"), QStringLiteral("1000"), QStringLiteral("--height"), QStringLiteral("600"),
            QStringLiteral("--dpi"), QStringLiteral("192"), QStringLiteral("--theme"), QStringLiteral("dark") });
        QCOMPARE(dark.code, 0);
        const QImage image(out(QStringLiteral("dark.PNG")));
        QCOMPARE(image.size(), QSize(1000, 600));
        QCOMPARE(image.dotsPerMeterX(), qRound(192 / 0.0254));
        QVERIFY(qGray(image.pixel(2, 2)) < 80);
    }

    void exportSvgKeepsTextAndRows()
    {
        const QString svg = out(QStringLiteral("f.svg"));
        const Run r = exportRun({ QStringLiteral("--out"), svg, QStringLiteral("--title"),
            QStringLiteral("Cyber incidents & more, 2007–2021") });
        QCOMPARE(r.code, 0);
        const QStringList texts = svgTexts(svg);
        QVERIFY2(texts.contains(QStringLiteral("Cyber incidents & more, 2007–2021")), qPrintable(texts.join(u'|')));
        for (const char *country : { "Estonia", "Germany", "Ireland", "Kosovo", "Philippines" })
            QVERIFY2(texts.contains(QString::fromUtf8(country)), country);
        QVERIFY2(texts.join(u' ').contains(QStringLiteral("5 incidents")), qPrintable(texts.join(u'|')));

        // Without --title the filters propose one; --top keeps the busiest rows only.
        const QString top = out(QStringLiteral("top.svg"));
        const Run t = exportRun({ QStringLiteral("--out"), top, QStringLiteral("--type"), QStringLiteral("ransomware"),
            QStringLiteral("--rows"), QStringLiteral("sector"), QStringLiteral("--top"), QStringLiteral("1") });
        QCOMPARE(t.code, 0);
        const QStringList topTexts = svgTexts(top);
        QVERIFY2(topTexts.first().startsWith(QStringLiteral("Ransomware")), qPrintable(topTexts.join(u'|')));
        QVERIFY2(topTexts.contains(QStringLiteral("Health")), qPrintable(topTexts.join(u'|')));
        QVERIFY(!topTexts.contains(QStringLiteral("Ireland")));

        const QString byType = out(QStringLiteral("types.svg"));
        QCOMPARE(exportRun({ QStringLiteral("--out"), byType, QStringLiteral("--rows"), QStringLiteral("type"),
                               QStringLiteral("--top"), QStringLiteral("2") })
                     .code,
            0);
        const QStringList typeTexts = svgTexts(byType);
        QVERIFY(!typeTexts.contains(QStringLiteral("Estonia")));
        QVERIFY2(typeTexts.join(u' ').contains(QStringLiteral("first 2 of")) || typeTexts.size() > 2,
            qPrintable(typeTexts.join(u'|')));
    }

    void exportPdf()
    {
        const QString pdf = out(QStringLiteral("f.pdf"));
        const Run r = exportRun({ QStringLiteral("--out"), pdf, QStringLiteral("--from"), QStringLiteral("2015"),
            QStringLiteral("--to"), QStringLiteral("2016"), QStringLiteral("--title"), QStringLiteral("Leaks") });
        QCOMPARE(r.code, 0);
        QFile file(pdf);
        QVERIFY(file.open(QIODevice::ReadOnly));
        const QByteArray bytes = file.readAll();
        QVERIFY(bytes.startsWith("%PDF-"));
        QCOMPARE(bytes.count("/Type /Page\n") + bytes.count("/Type /Page\r") + bytes.count("/Type /Page>"), 1);
        // A custom page: 960 x 480 px at 96 dpi is 10 x 5 inches, 720 x 360 points.
        const QString custom = out(QStringLiteral("custom.pdf"));
        QCOMPARE(exportRun({ QStringLiteral("--out"), custom, QStringLiteral("--width"), QStringLiteral("960"),
                               QStringLiteral("--height"), QStringLiteral("480") })
                     .code,
            0);
        QFile customFile(custom);
        QVERIFY(customFile.open(QIODevice::ReadOnly));
        const QByteArray customBytes = customFile.readAll();
        QVERIFY2(QRegularExpression(QStringLiteral("/MediaBox \\[0 0 720(\\.0+)? 360(\\.0+)?\\]"))
                     .match(QString::fromLatin1(customBytes))
                     .hasMatch(),
            "custom page size");
        const QString pdftotext = QStandardPaths::findExecutable(QStringLiteral("pdftotext"));
        if (pdftotext.isEmpty())
            QSKIP("pdftotext is not installed: the text of the PDF is not checked");
        QProcess text;
        text.start(pdftotext, { pdf, QStringLiteral("-") });
        QVERIFY(text.waitForFinished(30000));
        const QByteArray extracted = text.readAllStandardOutput();
        for (const char *word : { "Leaks", "Germany", "Philippines", "2 incidents" })
            QVERIFY2(extracted.contains(word), extracted.constData());
        QVERIFY(!extracted.contains("Estonia"));
    }

    void exportData()
    {
        const QString csv = out(QStringLiteral("f.csv"));
        const Run c
            = exportRun({ QStringLiteral("--out"), csv, QStringLiteral("--country"), QStringLiteral("Kosovo") });
        QCOMPARE(c.code, 0);
        QFile csvFile(csv);
        QVERIFY(csvFile.open(QIODevice::ReadOnly));
        const QByteArray csvBytes = csvFile.readAll();
        QVERIFY(csvBytes.startsWith("id,title,start,end,victims"));
        QVERIFY2(csvBytes.contains("c-2,\"'=HYPERLINK(\"\"x\"\")\""), csvBytes.constData());
        QCOMPARE(csvBytes.trimmed().count("\r\n"), 1);

        const QString json = out(QStringLiteral("f.json"));
        QCOMPARE(
            exportRun({ QStringLiteral("--out"), json, QStringLiteral("--from"), QStringLiteral("2015") }).code, 0);
        QFile jsonFile(json);
        QVERIFY(jsonFile.open(QIODevice::ReadOnly));
        const QJsonObject document = QJsonDocument::fromJson(jsonFile.readAll()).object();
        QCOMPARE(document.value(u"faultline").toInt(), 1);
        QCOMPARE(document.value(u"incidents").toArray().size(), 4);

        const QString stix = out(QStringLiteral("f.stix.json"));
        QCOMPARE(
            exportRun({ QStringLiteral("--out"), stix, QStringLiteral("--type"), QStringLiteral("ddos") }).code, 0);
        QFile stixFile(stix);
        QVERIFY(stixFile.open(QIODevice::ReadOnly));
        const QJsonObject bundle = QJsonDocument::fromJson(stixFile.readAll()).object();
        QCOMPARE(bundle.value(u"type").toString(), QStringLiteral("bundle"));
        QStringList incidents;
        for (const QJsonValue &o : bundle.value(u"objects").toArray()) {
            if (o.toObject().value(u"type").toString() == u"incident")
                incidents << o.toObject().value(u"name").toString();
        }
        QCOMPARE(incidents, QStringList { QStringLiteral("DDoS campaign against Estonian government and banks") });
    }

    void exportFailureLeavesNothing()
    {
        const Run r = exportRun({ QStringLiteral("--out"), out(QStringLiteral("missing/folder/f.png")) });
        QCOMPARE(r.code, 2);
        QVERIFY2(r.err.contains("missing/folder/f.png"), r.err.constData());
        QVERIFY(!QFile::exists(out(QStringLiteral("missing"))));
    }

    // `draft` proposes a record from an article without a document: JSON with the evidence of
    // each field, readable text without the article's control characters, and a clear error for
    // a missing file.
    void draftFromArticle()
    {
        const QString article = QFINDTESTDATA("../data/articles/xinhua-dateline-ddos.txt");
        const Run json = run({ QStringLiteral("draft"), QStringLiteral("--json"), article });
        QCOMPARE(json.code, 0);
        const QJsonObject o = QJsonDocument::fromJson(json.out).object();
        QVERIFY(!o.value(u"start").toString().isEmpty());
        QVERIFY(!o.value(u"evidence").toObject().value(u"start").toString().isEmpty());
        QCOMPARE(o.value(u"sources").toArray().size(), 1);

        const QString hostile = out(QStringLiteral("hostile.txt"));
        QFile file(hostile);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write("Ministry hit\nBy Staff | Published: 3 June 2024\n"
                   "Latvian ministry websites were defaced on Monday \x1b[2Jby hackers, officials said.\n");
        file.close();
        const Run text = run({ QStringLiteral("draft"), hostile });
        QCOMPARE(text.code, 0);
        QVERIFY2(!text.out.contains('\x1b'), text.out.constData());
        QVERIFY2(text.out.contains("Latvia (LV)"), text.out.constData());

        const Run missing = run({ QStringLiteral("draft"), QStringLiteral("/nonexistent/article.txt") });
        QCOMPARE(missing.code, 2);
        QVERIFY2(missing.err.contains("no such file"), missing.err.constData());
        QCOMPARE(run({ QStringLiteral("draft"), QStringLiteral("--db"), db("d.db"), article }).code, 2);
    }

    // `import --draft` saves what `draft` proposes as a record of "My records": each fixture
    // article (and the seed article, when it is beside the checkout) becomes one user record
    // with the date and victims its .expect file names.
    void importDraftSavesAUserRecord_data()
    {
        QTest::addColumn<QString>("article");
        QTest::addColumn<QString>("start");
        QTest::addColumn<QString>("victims");
        const QDir dir(QFileInfo(QFINDTESTDATA("../data/articles/xinhua-dateline-ddos.expect")).absolutePath());
        for (const QString &name : dir.entryList({ QStringLiteral("*.expect") }, QDir::Files, QDir::Name)) {
            QFile expect(dir.filePath(name));
            QVERIFY(expect.open(QIODevice::ReadOnly | QIODevice::Text));
            QHash<QString, QString> fields;
            for (const QString &line : QString::fromUtf8(expect.readAll()).split(u'\n'))
                fields.insert(line.section(u':', 0, 0).trimmed(), line.section(u':', 1).trimmed());
            const QString stem = name.chopped(int(qstrlen(".expect")));
            const QStringList articles
                = dir.entryList({ stem + QStringLiteral(".txt"), stem + QStringLiteral(".html") }, QDir::Files);
            QCOMPARE(articles.size(), 1);
            QTest::newRow(qPrintable(stem)) << dir.filePath(articles.first()) << fields.value(QStringLiteral("start"))
                                            << fields.value(QStringLiteral("victims"));
        }
        const QString seed
            = qEnvironmentVariable("FAULTLINE_SHARED_DIR") + QStringLiteral("/seed/ani-albania-2022-07-18.txt");
        if (QFile::exists(seed))
            QTest::newRow("seed") << seed << QStringLiteral("2022-07-17") << QStringLiteral("AL");
    }

    void importDraftSavesAUserRecord()
    {
        QFETCH(QString, article);
        QFETCH(QString, start);
        QFETCH(QString, victims);
        const QString document = out(QStringLiteral("draft-%1.db").arg(QString::fromUtf8(QTest::currentDataTag())));
        const Run r
            = run({ QStringLiteral("--db"), document, QStringLiteral("import"), QStringLiteral("--draft"), article });
        QVERIFY2(r.code == 0, r.err.constData());
        const QList<QByteArray> lines = r.out.trimmed().split('\n');
        QCOMPARE(lines.size(), 2);
        static const QRegularExpression line(
            QStringLiteral("^imported (user-\\d{8}-1) into My records: ([^,]+), ([A-Z,]+), .+$"));
        const QRegularExpressionMatch m = line.match(QString::fromUtf8(lines.first()));
        QVERIFY2(m.hasMatch(), lines.first().constData());
        QCOMPARE(m.captured(2), start);
        QCOMPARE(m.captured(3), victims);
        QCOMPARE(lines.last(), QByteArray("the document holds 1 record(s)"));

        const Run listed = run({ QStringLiteral("--db"), document, QStringLiteral("list"), QStringLiteral("--format"),
            QStringLiteral("json") });
        const QJsonArray records = QJsonDocument::fromJson(listed.out).array();
        QCOMPARE(records.size(), 1);
        const QJsonObject record = records.first().toObject();
        QCOMPARE(record.value(u"id").toString(), m.captured(1));
        QCOMPARE(record.value(u"start").toString(), start);
        QStringList saved;
        for (const QJsonValue &v : record.value(u"victims").toArray())
            saved << v.toString();
        QCOMPARE(saved.join(u','), victims);
        QCOMPARE(record.value(u"sources").toArray().size(), 1);
    }

    // A second article goes in beside the first with an id of its own; "-" reads standard input.
    void importDraftFromStandardInput()
    {
        const QString document = out(QStringLiteral("draft-stdin.db"));
        const QString article = QFINDTESTDATA("../data/articles/reuters-dateline-ransomware.txt");
        QCOMPARE(run({ QStringLiteral("--db"), document, QStringLiteral("import"), QStringLiteral("--draft"), article })
                     .code,
            0);
        const Run r = run({ QStringLiteral("--db"), document, QStringLiteral("import"), QStringLiteral("--draft"),
                              QStringLiteral("-") },
            {}, TestSupport::fileBytes(article));
        QVERIFY2(r.code == 0, r.err.constData());
        QVERIFY2(r.out.startsWith("imported user-") && r.out.contains("-2 into My records: 2019-03-18, NO, "),
            r.out.constData());
        QVERIFY(r.out.endsWith("the document holds 2 record(s)\n"));
    }

    // A draft that fails the importer's checks is not saved: exit 1, each failing field with the
    // importer's message, and the document byte for byte as it was.
    void importDraftThatFailsLeavesTheDocument()
    {
        const QString document = out(QStringLiteral("draft-fail.db"));
        QCOMPARE(run({ QStringLiteral("--db"), document, QStringLiteral("import"), QFINDTESTDATA("../data/good.json") })
                     .code,
            0);
        const QByteArray before = TestSupport::fileBytes(document);
        QVERIFY(!before.isEmpty());

        const QString noDate = out(QStringLiteral("no-date.txt"));
        QVERIFY(TestSupport::writeFile(noDate,
            "Hackers hit a water utility\nHackers broke into the systems of a water utility, its manager said.\n"));
        const Run undated
            = run({ QStringLiteral("--db"), document, QStringLiteral("import"), QStringLiteral("--draft"), noDate });
        QCOMPARE(undated.code, 1);
        QVERIFY2(undated.err.contains(
                     (noDate + QStringLiteral(": start: missing; expected YYYY, YYYY-MM or YYYY-MM-DD")).toUtf8()),
            undated.err.constData());
        QVERIFY2(undated.err.contains("the draft was not saved"), undated.err.constData());
        QVERIFY2(
            undated.out.trimmed().startsWith("nothing was written; the document still holds"), undated.out.constData());

        const QString noCountry = out(QStringLiteral("no-country.txt"));
        QVERIFY(TestSupport::writeFile(noCountry,
            "Ransomware hits a water utility\nBy Staff | Published: 3 June 2024\n"
            "Ransomware encrypted the systems of a water utility on Monday, its manager said.\n"));
        const Run nowhere
            = run({ QStringLiteral("--db"), document, QStringLiteral("import"), QStringLiteral("--draft"), noCountry });
        QCOMPARE(nowhere.code, 1);
        QVERIFY2(nowhere.err.contains(
                     (noCountry + QStringLiteral(": victims: missing; expected at least one country")).toUtf8()),
            nowhere.err.constData());
        QCOMPARE(TestSupport::fileBytes(document), before);
    }

    void importThroughAMapping()
    {
        const QString csv = QFINDTESTDATA("../data/mapped/tracker.csv");
        const QString map = QFINDTESTDATA("../data/mapped/tracker.map.json");
        const Run r = run(
            { QStringLiteral("--db"), db("mapped.db"), QStringLiteral("import"), QStringLiteral("--map"), map, csv });
        QCOMPARE(r.code, 1); // one record rejected, the others in
        QCOMPARE(r.out.trimmed(),
            QByteArray("imported 4, updated 0, unchanged 0, rejected 1\nthe document holds 4 record(s)"));
        QVERIFY2(r.err.contains("tracker.csv:7: victims: unknown country \"Atlantis\""), r.err.constData());
        QVERIFY2(r.err.contains("tracker.csv: victims: warning: 1 unknown country value: \"Atlantis\" (1 row)"),
            r.err.constData());
        const Run again = run(
            { QStringLiteral("--db"), db("mapped.db"), QStringLiteral("import"), QStringLiteral("--map"), map, csv });
        QCOMPARE(again.out.trimmed(),
            QByteArray("imported 0, updated 0, unchanged 4, rejected 1\nthe document holds 4 record(s)"));
        const Run stats
            = run({ QStringLiteral("--db"), db("mapped.db"), QStringLiteral("stats"), QStringLiteral("--json") });
        const QJsonObject byCountry = QJsonDocument::fromJson(stats.out).object().value(u"by_country").toObject();
        QCOMPARE(byCountry.value(u"UA").toInt(), 2);
        QCOMPARE(byCountry.value(u"PL").toInt(), 1);

        // A mapping file with a mistake: exit 2, the file and the key named, nothing written.
        const QString bad = out(QStringLiteral("bad.map.json"));
        QFile file(bad);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(R"({"title": "Title", "start": "Date", "victims": "Victims", "type": "Type", "titel": "x"})");
        file.close();
        const Run refused = run(
            { QStringLiteral("--db"), db("mapped2.db"), QStringLiteral("import"), QStringLiteral("--map"), bad, csv });
        QCOMPARE(refused.code, 2);
        QVERIFY2(
            refused.err.contains((bad + QStringLiteral(": titel: unknown key")).toUtf8()), refused.err.constData());
        const Run wrongFormat = run({ QStringLiteral("--db"), db("mapped2.db"), QStringLiteral("import"),
            QStringLiteral("--map"), map, QStringLiteral("--format"), QStringLiteral("stix"), csv });
        QCOMPARE(wrongFormat.code, 2);
    }
};

QTEST_GUILESS_MAIN(TestCli)
#include "tst_cli.moc"
