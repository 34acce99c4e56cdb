// The catalogue of bad inputs (tests/bad/catalogue.tsv), each file imported through the real
// command line into a document holding three records. For every item: no crash and no hang
// (a normal exit within 20 s), the exit code and the error line the catalogue names (file,
// line, field, problem), and the document afterwards: unchanged when nothing may be written
// (its records listed the same as before), else holding exactly the records expected. The
// same import under another time zone and locale gives the same records.
//
// The huge items (too big to commit) are generated here in a temporary folder: a 15 MB JSON
// of five million empty records, a 128 MB string field, a CSV of two million rows with stray
// quotes. Each is imported through the real command line; besides the outcome, the
// diagnostics must stop at 1,000 lines and one line counting the rest, the rejected count must
// be the number of records, and the peak memory of the process (VmHWM in /proc, read while it
// runs) must stay under 300 MB. A sanitizer build (slower, and its shadow memory counts in
// the peak) imports a quarter of each and only reports the peak.
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QProcess>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>
#include <algorithm>

namespace {
#if defined(__SANITIZE_ADDRESS__)
constexpr bool s_sanitized = true;
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
constexpr bool s_sanitized = true;
#else
constexpr bool s_sanitized = false;
#endif
#else
constexpr bool s_sanitized = false;
#endif
constexpr qint64 s_scale = s_sanitized ? 4 : 1; // a sanitizer build imports a quarter
constexpr qint64 s_peakLimitKiB = 300 * 1024;

// The peak resident memory of a running process so far (VmHWM), in KiB; 0 when unknown.
qint64 peakKiB(qint64 pid)
{
    QFile status(QStringLiteral("/proc/%1/status").arg(pid));
    if (!status.open(QIODevice::ReadOnly))
        return 0;
    for (const QByteArray &line : status.readAll().split('\n')) {
        if (line.startsWith("VmHWM:"))
            return line.mid(6).trimmed().split(' ').value(0).toLongLong();
    }
    return 0;
}

// Writes `head`, `count` copies of `unit` and `tail` in large blocks.
bool writeRepeated(
    const QString &path, const QByteArray &head, const QByteArray &unit, qint64 count, const QByteArray &tail)
{
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly))
        return false;
    bool ok = file.write(head) == head.size();
    const qint64 perBlock = std::max<qint64>(1, (1 << 20) / unit.size());
    const QByteArray block = unit.repeated(perBlock);
    for (qint64 done = 0; ok && done < count; done += perBlock) {
        const QByteArray &part = count - done >= perBlock ? block : unit.repeated(count - done);
        ok = file.write(part) == part.size();
    }
    return ok && file.write(tail) == tail.size();
}
} // namespace

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
        return measured(arguments, 20000, extraEnv);
    }

    // Runs the binary for at most `timeoutMs`; `peak`, when given, receives the highest VmHWM
    // read while it ran (every 20 ms).
    Run measured(const QStringList &arguments, int timeoutMs, const QMap<QString, QString> &extraEnv = {},
        qint64 *peak = nullptr) const
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
        if (peak) {
            *peak = 0;
            if (!p.waitForStarted())
                return {};
            const qint64 pid = p.processId();
            while (p.state() != QProcess::NotRunning && !p.waitForFinished(20)) {
                *peak = std::max(*peak, peakKiB(pid));
                if (timer.elapsed() > timeoutMs)
                    break;
            }
        }
        if (p.state() != QProcess::NotRunning && !p.waitForFinished(std::max<qint64>(1, timeoutMs - timer.elapsed()))) {
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

    void hugeInputs_data()
    {
        QTest::addColumn<QString>("kind");
        QTest::addColumn<qint64>("rejected");
        QTest::addColumn<QString>("message");
        QTest::addColumn<bool>("capped"); // over 1,000 diagnostics: the first 1,000 and a count
        QTest::newRow("15 MB JSON of five million {} (item 28)")
            << QStringLiteral("empties") << 5000000 / s_scale
            << QStringLiteral("(^|/)empties\\.json:1: incidents\\[0\\]\\.title: missing") << true;
        QTest::newRow("128 MB string field (item 28)")
            << QStringLiteral("string") << qint64(1)
            << QStringLiteral("(^|/)string\\.json:1: incidents\\[0\\]: a record larger than 16 MiB") << false;
        QTest::newRow("CSV of two million rows with stray quotes (item 13)")
            << QStringLiteral("quotes") << 2000000 / s_scale
            << QStringLiteral("(^|/)quotes\\.csv:2: start: \"2020-13\": month must be 01 to 12$") << true;
    }

    void hugeInputs()
    {
        QFETCH(QString, kind);
        QFETCH(qint64, rejected);
        QFETCH(QString, message);
        QFETCH(bool, capped);
        const QString file
            = m_dir.filePath(kind + (kind == u"quotes" ? QStringLiteral(".csv") : QStringLiteral(".json")));
        bool written = false;
        if (kind == u"empties") {
            written = writeRepeated(file, "{\"faultline\": 1, \"incidents\": [{}", ",{}", rejected - 1, "]}");
        } else if (kind == u"string") {
            written = writeRepeated(file, "{\"faultline\": 1, \"incidents\": [{\"id\": \"big\", \"title\": \"",
                QByteArray(1 << 20, 'a'), 128 / s_scale,
                "\", \"start\": \"2020\", \"victims\": [\"FR\"], \"type\": \"ddos\"}]}");
        } else {
            written = writeRepeated(file, "title,start,victims,type,summary\n",
                "a\"b \"c,2020-13,Atlantis,cyberwar,x \"y\" z\n", rejected, {});
        }
        QVERIFY(written);
        const qint64 size = QFileInfo(file).size();
        QByteArray before;
        const QString document = seeded(kind + QStringLiteral(".faultline"), &before);
        QVERIFY(!document.isEmpty());

        qint64 peak = 0;
        const Run r = measured({ QStringLiteral("--db"), document, QStringLiteral("import"), file }, 240000, {}, &peak);
        QFile::remove(file);
        QVERIFY2(r.code >= 0, "crashed or did not finish within 240 s");
        QCOMPARE(r.code, 1); // records rejected, nothing else wrong
        QVERIFY2(r.out.contains(QByteArray("rejected " + QByteArray::number(rejected) + '\n')), r.out.constData());
        QVERIFY2(r.out.contains("holds 3 record(s)"), r.out.constData());
        const QList<QByteArray> lines = r.err.trimmed().split('\n');
        QVERIFY2(
            QRegularExpression(message).match(QString::fromUtf8(lines.first())).hasMatch(), lines.first().constData());
        if (capped) {
            QCOMPARE(lines.size(), 1001);
            QVERIFY2(QRegularExpression(QStringLiteral("^… and \\d+ more diagnostic\\(s\\) not shown$"))
                         .match(QString::fromUtf8(lines.last()))
                         .hasMatch(),
                lines.last().constData());
        } else {
            QCOMPARE(lines.size(), 1);
        }
        QCOMPARE(listed(document), before);
        qInfo("%s: %lld MB, peak RSS %lld MB, %.1f s", qPrintable(kind), size >> 20, peak >> 10, double(r.ms) / 1000);
        QVERIFY2(peak > 0, "no peak memory read from /proc");
        if (!s_sanitized)
            QVERIFY2(peak < s_peakLimitKiB, qPrintable(QStringLiteral("peak RSS %1 MB").arg(peak >> 10)));
    }
};

QTEST_GUILESS_MAIN(TestBadInputs)
#include "tst_badinputs.moc"
