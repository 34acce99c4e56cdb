// The catalogue of bad inputs (tests/bad/catalogue.tsv), each file imported through the real
// command line into a document holding three records. For every item: no crash and no hang
// (a normal exit within 20 s), the exit code and the error line the catalogue names (file,
// line, field, problem), and the document afterwards: unchanged when nothing may be written
// (its records listed the same as before), else holding exactly the records expected. The
// same import under another time zone and locale gives the same records.
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QProcess>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>

class TestBadInputs : public QObject
{
    Q_OBJECT

    struct Run
    {
        int code = -1;
        QByteArray out;
        QByteArray err;
        qint64 ms = 0;
    };

    QTemporaryDir m_dir;

    Run run(const QStringList &arguments, const QMap<QString, QString> &extraEnv = {}) const
    {
        QProcess p;
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.remove(QStringLiteral("DISPLAY"));
        env.remove(QStringLiteral("QT_QPA_PLATFORM"));
        env.insert(QStringLiteral("HOME"), m_dir.path());
        for (auto it = extraEnv.cbegin(); it != extraEnv.cend(); ++it)
            env.insert(it.key(), it.value());
        p.setProcessEnvironment(env);
        p.setWorkingDirectory(QFileInfo(QFINDTESTDATA("../bad/catalogue.tsv")).absolutePath() + u"/files");
        QElapsedTimer timer;
        timer.start();
        p.start(QStringLiteral(FAULTLINE_BINARY), arguments);
        if (!p.waitForFinished(20000)) {
            p.kill();
            p.waitForFinished();
            return {};
        }
        return { p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1, p.readAllStandardOutput(),
            p.readAllStandardError(), timer.elapsed() };
    }

    // A document holding tests/data/good.json, and its records as `list --format json` gives them.
    QString seeded(const QString &name, QByteArray *records) const
    {
        const QString document = m_dir.filePath(name);
        if (run({ QStringLiteral("--db"), document, QStringLiteral("import"), QFINDTESTDATA("../data/good.json") }).code
            != 0)
            return {};
        *records = listed(document);
        return document;
    }

    QByteArray listed(const QString &document) const
    {
        return run({ QStringLiteral("--db"), document, QStringLiteral("list"), QStringLiteral("--format"),
                       QStringLiteral("json") })
            .out;
    }

private slots:
    void catalogue_data()
    {
        QTest::addColumn<QString>("file");
        QTest::addColumn<int>("exitCode");
        QTest::addColumn<int>("holds");
        QTest::addColumn<QString>("message");
        QFile tsv(QFINDTESTDATA("../bad/catalogue.tsv"));
        QVERIFY(tsv.open(QIODevice::ReadOnly | QIODevice::Text));
        int items = 0;
        while (!tsv.atEnd()) {
            const QString line = QString::fromUtf8(tsv.readLine()).chopped(1);
            if (line.isEmpty() || line.startsWith(u'#'))
                continue;
            const QStringList f = line.split(u'\t');
            QCOMPARE(f.size(), 5);
            QTest::addRow("%s (item %s)", qPrintable(f.at(0)), qPrintable(f.at(1)))
                << f.at(0) << f.at(2).toInt() << f.at(3).toInt() << f.at(4);
            ++items;
        }
        QVERIFY(items >= 20);
    }

    void catalogue()
    {
        QFETCH(QString, file);
        QFETCH(int, exitCode);
        QFETCH(int, holds);
        QFETCH(QString, message);
        QVERIFY2(QFile::exists(QFINDTESTDATA(QStringLiteral("../bad/files/") + file)), qPrintable(file));
        QByteArray before;
        const QString document = seeded(file + QStringLiteral(".faultline"), &before);
        QVERIFY(!document.isEmpty());

        const Run r = run({ QStringLiteral("--db"), document, QStringLiteral("import"), file });
        QVERIFY2(r.code >= 0, "crashed or did not finish within 20 s");
        QCOMPARE(r.code, exitCode);
        const QRegularExpression pattern(message, QRegularExpression::MultilineOption);
        QVERIFY(pattern.isValid());
        QVERIFY2(pattern.match(QString::fromUtf8(r.err)).hasMatch(), r.err.constData());
        QVERIFY2(!r.err.contains("unknown error") && !r.err.contains("not an error"), r.err.constData());
        // What the document holds afterwards, in the report's own words and in fact.
        QVERIFY2(r.out.contains(QStringLiteral("holds %1 record(s)").arg(holds).toUtf8()), r.out.constData());
        const QByteArray after = listed(document);
        if (holds == 3)
            QCOMPARE(after, before);
        else
            QCOMPARE(after.count("\"id\":"), holds);

        // The same import anywhere on Earth, in any language, gives the same records.
        QByteArray unused;
        const QString elsewhere = seeded(file + QStringLiteral("-elsewhere.faultline"), &unused);
        const Run there = run({ QStringLiteral("--db"), elsewhere, QStringLiteral("import"), file },
            { { QStringLiteral("TZ"), QStringLiteral("Pacific/Kiritimati") },
                { QStringLiteral("LC_ALL"), QStringLiteral("tr_TR.UTF-8") } });
        QCOMPARE(there.code, exitCode);
        QCOMPARE(listed(elsewhere), after);
    }
};

QTEST_GUILESS_MAIN(TestBadInputs)
#include "tst_badinputs.moc"
