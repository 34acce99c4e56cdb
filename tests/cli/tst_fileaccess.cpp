// What a command may touch (issue 17, E5): no process launched, no socket, and no file opened
// outside the chosen inputs, the document and its journal, the folder that holds them, the
// chosen export path, the application's own settings and the system's libraries and data.
// The real binary runs under strace (when the machine allows tracing), in a temporary home
// beside files it must never open (a neighbour of the input, another document, a private key
// in the home), over inputs whose data hold URLs (STIX references, MISP links) that must never
// be fetched. And always: the binary links no network library.
#include "testsupport.h"

#include <QDir>
#include <QFile>
#include <QProcess>
#include <QRegularExpression>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

namespace {
// System locations any Qt program reads: libraries, plugins, fonts, locale and time zone data,
// ISO codes, /proc and /sys for the machine's description, /dev for random numbers.
const QStringList s_systemPrefixes
    = { QStringLiteral("/usr/"), QStringLiteral("/lib"), QStringLiteral("/etc/"), QStringLiteral("/proc/"),
          QStringLiteral("/sys/"), QStringLiteral("/dev/"), QStringLiteral("/var/cache/fontconfig") };

struct Trace
{
    int code = -1;
    QByteArray out;
    QStringList opened; // every path given to open/openat/creat, successful or not
    QStringList network; // every network system call
    int execs = 0;
};
} // namespace

class TestFileAccess : public QObject
{
    Q_OBJECT

    QTemporaryDir m_root;
    QString m_home;
    QString m_work;
    QString m_document;
    bool m_canTrace = false;

    QString work(const QString &name) const { return QDir(m_work).filePath(name); }

    Trace traced(const QStringList &arguments)
    {
        Trace t;
        const QString log = QDir(m_root.path()).filePath(QStringLiteral("strace.log"));
        QFile::remove(log);
        QProcess p;
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.remove(QStringLiteral("DISPLAY"));
        env.remove(QStringLiteral("WAYLAND_DISPLAY"));
        env.insert(QStringLiteral("QT_QPA_PLATFORM"), QStringLiteral("offscreen"));
        env.insert(QStringLiteral("HOME"), m_home);
        env.remove(QStringLiteral("XDG_CONFIG_HOME"));
        env.remove(QStringLiteral("XDG_DATA_HOME"));
        env.remove(QStringLiteral("XDG_CACHE_HOME"));
        // Under the sanitizers: LeakSanitizer checks at exit by tracing the process, which a
        // process strace already traces refuses.
        env.insert(QStringLiteral("ASAN_OPTIONS"),
            env.value(QStringLiteral("ASAN_OPTIONS")) + QStringLiteral(":detect_leaks=0"));
        p.setProcessEnvironment(env);
        p.setWorkingDirectory(m_work);
        p.start(QStringLiteral("strace"),
            QStringList { QStringLiteral("-f"), QStringLiteral("-qq"), QStringLiteral("-o"), log, QStringLiteral("-e"),
                QStringLiteral("trace=%network,execve,execveat,open,openat,creat,fork,vfork"),
                QStringLiteral(FAULTLINE_BINARY) }
                + arguments);
        if (!p.waitForFinished(120000))
            return t;
        t.code = p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1;
        t.out = p.readAllStandardOutput();
        const QString text = QString::fromUtf8(TestSupport::fileBytes(log));
        static const QRegularExpression opened(QStringLiteral("\\b(?:open|openat|creat)\\((?:[A-Z_]+, )?\"([^\"]*)\""));
        static const QRegularExpression network(
            QStringLiteral("\\b(socket|socketpair|connect|bind|listen|accept4?|sendto|sendmsg|recvfrom|recvmsg|"
                           "getsockopt|setsockopt)\\("));
        static const QRegularExpression exec(QStringLiteral("\\bexecve(at)?\\("));
        for (const QString &line : text.split(u'\n')) {
            if (const auto m = opened.match(line); m.hasMatch())
                t.opened << m.captured(1);
            // Qt asks the C library for the user's name when XDG_RUNTIME_DIR is unset, and the
            // C library first tries the local name service cache (nscd) through its Unix
            // socket: a local lookup, not the network; any other socket is.
            const bool nameService = line.contains(QStringLiteral("socket(AF_UNIX, SOCK_STREAM"))
                || line.contains(QStringLiteral("sun_path=\"/var/run/nscd/socket\""));
            if (const auto m = network.match(line); m.hasMatch() && !nameService)
                t.network << line.trimmed();
            if (exec.match(line).hasMatch())
                ++t.execs;
        }
        return t;
    }

    // The paths of `t` that are none of `allowed` (exact paths, or folders with everything in
    // them when they end in "/"), nor the system's, nor the application's settings.
    QStringList stray(const Trace &t, const QStringList &allowed) const
    {
        QStringList out;
        for (QString path : t.opened) {
            if (QDir::isRelativePath(path))
                path = QDir(m_work).filePath(path);
            path = QDir::cleanPath(path);
            bool ok = false;
            for (const QString &prefix : s_systemPrefixes)
                ok = ok || path.startsWith(prefix);
            // The executable's own folder (the build tree) holds nothing of the user's.
            ok = ok || path.startsWith(QFileInfo(QStringLiteral(FAULTLINE_BINARY)).absolutePath());
            // Settings, the data folder where the default document would live, and the
            // font configuration every program that draws text reads (fontconfig).
            for (const char *own : { "/.config/Faultline", "/.local/share/Faultline", "/.cache/Faultline",
                     "/.cache/fontconfig/", "/.fontconfig/", "/.config/fontconfig/" })
                ok = ok || path.startsWith(m_home + QString::fromLatin1(own));
            for (const QString &a : allowed)
                ok = ok || (a.endsWith(u'/') ? QString(path + u'/').startsWith(a) : path == a);
            if (!ok && !out.contains(path))
                out << path;
        }
        return out;
    }

private slots:
    void initTestCase()
    {
        QVERIFY(m_root.isValid());
        const QDir root(m_root.path());
        QVERIFY(root.mkpath(QStringLiteral("home/.ssh")) && root.mkpath(QStringLiteral("work/sub")));
        m_home = root.filePath(QStringLiteral("home"));
        m_work = root.filePath(QStringLiteral("work"));
        m_document = work(QStringLiteral("case.faultline"));
        // What must never be opened.
        QVERIFY(TestSupport::writeFile(QDir(m_home).filePath(QStringLiteral(".ssh/id_ed25519")), "secret\n"));
        QVERIFY(TestSupport::writeFile(work(QStringLiteral("neighbour.csv")), "id,title\nx,y\n"));
        QVERIFY(TestSupport::writeFile(work(QStringLiteral("sub/other.json")), "{}\n"));
        // The inputs, copied beside them.
        for (const char *name : { "good.csv", "good.json", "stix/bundle21.json", "misp/event.json" }) {
            const QString from = QFINDTESTDATA(QStringLiteral("../data/") + QString::fromLatin1(name));
            QVERIFY2(QFile::copy(from, work(QFileInfo(from).fileName())), name);
        }
        QProcess probe;
        probe.start(QStringLiteral("strace"),
            { QStringLiteral("-f"), QStringLiteral("-qq"), QStringLiteral("-o"), QStringLiteral("/dev/null"),
                QStringLiteral("true") });
        m_canTrace
            = probe.waitForFinished(30000) && probe.exitStatus() == QProcess::NormalExit && probe.exitCode() == 0;
    }

    // Always: no network library is linked (Qt Network, curl, TLS), directly.
    void noNetworkLibrary()
    {
        QFile binary(QStringLiteral(FAULTLINE_BINARY));
        QVERIFY(binary.open(QIODevice::ReadOnly));
        const QByteArray bytes = binary.readAll();
        for (const char *library : { "libQt6Network", "libcurl", "libssl", "libgnutls" })
            QVERIFY2(!bytes.contains(library), library);
        QVERIFY(bytes.contains("libsqlite3")); // the check reads the right part of the file
    }

    void commandsOpenOnlyWhatTheyAreGiven_data()
    {
        QTest::addColumn<QStringList>("arguments");
        QTest::addColumn<QStringList>("allowed");
        QTest::addColumn<int>("code");
        const QString doc = m_document;
        const QStringList docFiles = { doc, doc + QStringLiteral("-journal"), m_work };
        QTest::newRow("import csv") << QStringList { QStringLiteral("--db"), doc, QStringLiteral("import"),
            work(QStringLiteral("good.csv")) }
                                    << docFiles + QStringList { work(QStringLiteral("good.csv")) } << 0;
        QTest::newRow("import stix with references") << QStringList { QStringLiteral("--db"), doc,
            QStringLiteral("import"), work(QStringLiteral("bundle21.json")) }
                                                     << docFiles + QStringList { work(QStringLiteral("bundle21.json")) }
                                                     << 1; // some objects rejected, by design
        QTest::newRow("import misp with links")
            << QStringList { QStringLiteral("--db"), doc, QStringLiteral("import"), work(QStringLiteral("event.json")) }
            << docFiles + QStringList { work(QStringLiteral("event.json")) } << 0;
        QTest::newRow("import json, relative path")
            << QStringList { QStringLiteral("--db"), doc, QStringLiteral("import"), QStringLiteral("good.json") }
            << docFiles + QStringList { work(QStringLiteral("good.json")) } << 0;
        QTest::newRow("list") << QStringList { QStringLiteral("--db"), doc, QStringLiteral("list") } << docFiles << 0;
        QTest::newRow("stats") << QStringList { QStringLiteral("--db"), doc, QStringLiteral("stats") } << docFiles << 0;
        // An export writes a temporary file beside its target, then renames it.
        QTest::newRow("export png") << QStringList { QStringLiteral("--db"), doc, QStringLiteral("export"),
            QStringLiteral("--out"), work(QStringLiteral("sub/figure.png")) }
                                    << docFiles
                + QStringList { work(QStringLiteral("sub")), work(QStringLiteral("sub/figure.png")) }
                                    << 0;
        QTest::newRow("export csv") << QStringList { QStringLiteral("--db"), doc, QStringLiteral("export"),
            QStringLiteral("--out"), work(QStringLiteral("sub/records.csv")) }
                                    << docFiles
                + QStringList { work(QStringLiteral("sub")), work(QStringLiteral("sub/records.csv")) }
                                    << 0;
    }

    void commandsOpenOnlyWhatTheyAreGiven()
    {
        if (!m_canTrace)
            QSKIP("strace is missing or this machine does not allow tracing");
        QFETCH(QStringList, arguments);
        QFETCH(QStringList, allowed);
        QFETCH(int, code);
        const Trace t = traced(arguments);
        QCOMPARE(t.code, code);
        QVERIFY2(!t.opened.isEmpty(), "strace saw no file opened at all");
        QVERIFY2(t.opened.contains(m_document), qPrintable(t.opened.join(u'\n')));
        QVERIFY2(t.network.isEmpty(), qPrintable(t.network.join(u'\n')));
        QCOMPARE(t.execs, 1); // strace starting the binary; it starts nothing itself
        // Temporary export files are named after their target ("records.csv.XXXXXX").
        QStringList left;
        for (const QString &path : stray(t, allowed)) {
            bool temporary = false;
            for (const QString &a : allowed)
                temporary = temporary || (QFileInfo(a).suffix().size() > 0 && path.startsWith(a + u'.'));
            if (!temporary)
                left << path;
        }
        QVERIFY2(left.isEmpty(), qPrintable(QStringLiteral("opened outside what it was given:\n") + left.join(u'\n')));
        for (const QString &path : t.opened) {
            QVERIFY2(!path.contains(QStringLiteral(".ssh")) && !path.contains(QStringLiteral("neighbour"))
                    && !path.contains(QStringLiteral("other.json")),
                qPrintable(path));
        }
    }
};

QTEST_GUILESS_MAIN(TestFileAccess)
#include "tst_fileaccess.moc"
