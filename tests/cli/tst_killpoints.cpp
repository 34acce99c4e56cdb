// Crash safety (issue 17): the real binary killed (SIGKILL, no handler runs) at each named
// kill point of an import, an export, a migration, Save a Copy As and the user's own edits
// (store/killpoint.h), and at random instants of an import. After each, the document passes
// PRAGMA integrity_check and its content signature (every table's rows, the schema and the
// format) is exactly the one before or the one after the command, never one in between; an
// export's file is the old one (or none) or the complete new one, byte for byte as an export
// that was not killed.
//
// Save a Copy As, an edit of an imported record and the changes to a story are the window's
// (Database::saveCopy, UserRecords::apply, StoryStore); this test runs them in a child process
// of its own executable (see main()), which the kill points end the same way. A record of the
// user's own is written by the binary itself (`import --draft`).
#include "generator.h"
#include "store/database.h"
#include "store/userrecords.h"
#include "story/storystore.h"

#include <QCoreApplication>
#include <QCryptographicHash>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QHash>
#include <QProcess>
#include <QRandomGenerator>
#include <QTemporaryDir>
#include <QTest>
#include <algorithm>
#include <csignal>
#include <sqlite3.h>

namespace {
// Environment of the child that runs Save a Copy As: the document and the copy's path.
constexpr char s_copyFrom[] = "FAULTLINE_TEST_COPY_FROM";
constexpr char s_copyTo[] = "FAULTLINE_TEST_COPY_TO";
// Environment of the child that runs one edit (editInChild): its name and the document.
constexpr char s_editOperation[] = "FAULTLINE_TEST_EDIT";
constexpr char s_editDocument[] = "FAULTLINE_TEST_DOCUMENT";
constexpr int s_records = 12000; // more than one import batch (512) and one export progress step (4096)

struct State
{
    QString integrity; // PRAGMA integrity_check: "ok"
    QByteArray signature; // empty when the file is missing or no database
};

// Opens the document as the next program would (read-write, so that SQLite rolls back a hot
// journal a killed writer left), and hashes the format, the schema and every table's rows
// (sorted, so that the order pages happen to hold them in does not matter).
State stateOf(const QString &path)
{
    State state;
    if (!QFile::exists(path))
        return state;
    sqlite3 *db = nullptr;
    if (sqlite3_open_v2(path.toUtf8().constData(), &db, SQLITE_OPEN_READWRITE, nullptr) != SQLITE_OK) {
        sqlite3_close(db);
        return state;
    }
    auto rows = [db](const QByteArray &sql) {
        QList<QByteArray> out;
        sqlite3_stmt *st = nullptr;
        if (sqlite3_prepare_v2(db, sql.constData(), -1, &st, nullptr) != SQLITE_OK) {
            out << QByteArray("error: ") + sqlite3_errmsg(db);
            return out;
        }
        while (sqlite3_step(st) == SQLITE_ROW) {
            QByteArray row;
            for (int c = 0; c < sqlite3_column_count(st); ++c) {
                const int type = sqlite3_column_type(st, c);
                const auto *bytes = static_cast<const char *>(sqlite3_column_blob(st, c));
                row += QByteArray::number(type) + ':' + QByteArray::number(sqlite3_column_bytes(st, c)) + ':'
                    + QByteArray(bytes, bytes ? sqlite3_column_bytes(st, c) : 0) + '|';
            }
            out << row;
        }
        sqlite3_finalize(st);
        return out;
    };
    // The first column of every row, as text.
    auto texts = [db](const char *sql) {
        QList<QByteArray> out;
        sqlite3_stmt *st = nullptr;
        sqlite3_prepare_v2(db, sql, -1, &st, nullptr);
        while (st && sqlite3_step(st) == SQLITE_ROW)
            out << QByteArray(reinterpret_cast<const char *>(sqlite3_column_text(st, 0)));
        if (!st)
            out << QByteArray("error: ") + sqlite3_errmsg(db);
        sqlite3_finalize(st);
        return out;
    };
    const QList<QByteArray> check = texts("PRAGMA integrity_check");
    state.integrity = check.isEmpty() ? QStringLiteral("no answer") : QString::fromUtf8(check.join('\n'));
    QCryptographicHash hash(QCryptographicHash::Sha256);
    for (const QByteArray &row : rows("PRAGMA user_version") + rows("PRAGMA application_id")
            + rows("SELECT type, name, tbl_name, sql FROM sqlite_schema ORDER BY name"))
        hash.addData(QByteArray(row + '\n'));
    const QList<QByteArray> tables = texts("SELECT name FROM sqlite_schema WHERE type = 'table'"
                                           " AND name NOT LIKE 'sqlite_%' AND sql NOT LIKE 'CREATE VIRTUAL%'"
                                           " ORDER BY name");
    for (const QByteArray &name : tables) {
        QList<QByteArray> content = rows("SELECT * FROM \"" + name + "\"");
        std::sort(content.begin(), content.end());
        hash.addData(QByteArray("table " + name + '\n'));
        for (const QByteArray &row : content)
            hash.addData(QByteArray(row + '\n'));
    }
    state.signature = hash.result().toHex();
    sqlite3_close(db);
    return state;
}

QByteArray contents(const QString &path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

bool copyFile(const QString &from, const QString &to)
{
    QFile::remove(to);
    return QFile::copy(from, to);
}

// The edits a child runs, each on base.faultline or on what the edit it names left.
struct Edit
{
    const char *operation;
    const char *from; // the operation whose result it starts from; null: base.faultline
};
constexpr Edit s_edits[] = {
    { "record-edit", nullptr }, // an imported record becomes Edited: new title, countries, sources
    { "record-delete", nullptr }, // an imported record becomes Deleted
    { "record-revert", "record-edit" }, // the Edited record back to its imported version
    { "story-add", nullptr }, // a story with four steps
    { "story-insert-step", "story-add" }, // a step inserted second
    { "story-move-step", "story-add" }, // the first step moved to the end
    { "story-delete-step", "story-add" }, // the first step deleted
    { "story-delete", "story-add" }, // the story with its steps
};
const QString s_storyName = QStringLiteral("Kill points");

// The child of TestKillPoints::runEdit: one edit of `document`, through the classes the
// window calls. 0 when written, 1 with a message on standard error otherwise.
int editInChild(const QString &operation, const QString &document)
{
    Database db;
    QString error;
    auto failed = [&error](const QString &why) {
        fprintf(stderr, "%s\n", qPrintable(why.isEmpty() ? error : why));
        return 1;
    };
    if (!db.open(document, Database::Mode::ReadWrite, &error) || db.isReadOnly())
        return failed(error.isEmpty() ? QStringLiteral("cannot write the document") : error);
    if (operation.startsWith(u"record-")) {
        UserRecords records(db);
        const UserRecords::State before
            = records.state(operation == u"record-delete" ? QStringLiteral("t-month") : QStringLiteral("t-estonia"));
        UserRecords::State target;
        if (operation == u"record-edit" && before.live) {
            Incident changed = *before.live;
            changed.title = QStringLiteral("DDoS campaign against Estonia, as the user corrected it");
            changed.victims = { QStringLiteral("EE"), QStringLiteral("LV") };
            changed.sources = { { QStringLiteral("https://example.org/corrected"), QStringLiteral("Corrected"),
                QStringLiteral("Example Review"), QStringLiteral("2007-06-01") } };
            changed.tags << QStringLiteral("corrected");
            target = UserRecords::edited(before, changed);
        } else if (operation == u"record-delete" && before.live) {
            target = UserRecords::deleted(before);
        } else if (operation == u"record-revert" && before.kind == UserRecords::Kind::Edited) {
            target = UserRecords::reverted(before);
        } else {
            return failed(QStringLiteral("%1: the document does not hold the record it needs").arg(operation));
        }
        return records.apply(target, nullptr, &error) ? 0 : failed(error);
    }
    StoryStore stories(db);
    if (operation == u"story-add") {
        Story story;
        story.name = s_storyName;
        for (const char *id : { "t-estonia", "t-month", "t-year" }) {
            StoryStep step;
            step.incidentId = QString::fromLatin1(id);
            step.heading = QStringLiteral("About ") + step.incidentId;
            step.notes = QStringLiteral("Notes on ") + step.incidentId;
            story.steps << step;
        }
        StoryStep view;
        view.view = { { QStringLiteral("firstDay"), 2454000.0 }, { QStringLiteral("endDay"), 2458000.0 } };
        view.heading = QStringLiteral("Ten years");
        story.steps << view;
        return stories.addStory(story, &error) != 0 ? 0 : failed(error);
    }
    const std::optional<Story> story = stories.storyNamed(s_storyName);
    if (!story || story->steps.size() < 2)
        return failed(QStringLiteral("%1: the document holds no story to change").arg(operation));
    bool done = false;
    if (operation == u"story-insert-step") {
        StoryStep step;
        step.incidentId = QStringLiteral("t-year");
        step.heading = QStringLiteral("Inserted");
        done = stories.insertStep(story->id, 1, step, &error) != 0;
    } else if (operation == u"story-move-step") {
        done = stories.moveStep(story->id, 0, int(story->steps.size()) - 1, &error);
    } else if (operation == u"story-delete-step") {
        done = stories.deleteStep(story->steps.first().id, &error);
    } else if (operation == u"story-delete") {
        done = stories.deleteStory(story->id, &error);
    } else {
        return failed(QStringLiteral("unknown operation ") + operation);
    }
    return done ? 0 : failed(error);
}
} // namespace

class TestKillPoints : public QObject
{
    Q_OBJECT

    struct Run
    {
        bool finished = false; // within the time limit
        bool killed = false; // ended by SIGKILL
        int code = -1; // the exit code when it exited
        QByteArray err;
    };

    QTemporaryDir m_dir;
    QString m_base; // good.json: three records
    QString m_csv; // s_records generated records
    QString m_imported; // m_base after importing m_csv
    QByteArray m_before;
    QByteArray m_after;
    QString m_article; // a news article whose draft passes the checks
    QByteArray m_draftAfter; // m_base after `import --draft m_article`
    QHash<QString, QString> m_edited; // operation -> the document after it, not killed

    // The document an edit starts from.
    QString editBase(const QString &operation) const
    {
        for (const Edit &e : s_edits) {
            if (operation == QLatin1String(e.operation))
                return e.from ? m_edited.value(QString::fromLatin1(e.from)) : m_base;
        }
        return {};
    }

    QString path(const QString &name) const { return m_dir.filePath(name); }

    static QProcessEnvironment environment(const QString &killAt)
    {
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.remove(QStringLiteral("DISPLAY"));
        env.remove(QStringLiteral("QT_QPA_PLATFORM"));
        env.remove(QStringLiteral("FAULTLINE_KILL_AT"));
        if (!killAt.isEmpty())
            env.insert(QStringLiteral("FAULTLINE_KILL_AT"), killAt);
        return env;
    }

    // Generous: a sanitizer build of the whole binary is many times slower.
    static Run finish(QProcess &p)
    {
        Run r;
        r.finished = p.state() == QProcess::NotRunning || p.waitForFinished(180000);
        if (!r.finished) {
            p.kill();
            p.waitForFinished();
            return r;
        }
        // QProcess gives the signal's number as the exit code of a crash.
        r.killed = p.exitStatus() == QProcess::CrashExit && p.exitCode() == SIGKILL;
        r.code = p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1;
        r.err = p.readAllStandardError();
        return r;
    }

    Run run(const QStringList &arguments, const QString &killAt = {}) const
    {
        QProcess p;
        p.setProcessEnvironment(environment(killAt));
        p.start(QStringLiteral(FAULTLINE_BINARY), arguments);
        return finish(p);
    }

    // Save a Copy As of `from` to `to`, in a child process (main() below).
    static Run runCopy(const QString &from, const QString &to, const QString &killAt)
    {
        QProcess p;
        QProcessEnvironment env = environment(killAt);
        env.insert(QString::fromLatin1(s_copyFrom), from);
        env.insert(QString::fromLatin1(s_copyTo), to);
        p.setProcessEnvironment(env);
        p.start(QCoreApplication::applicationFilePath(), {});
        return finish(p);
    }

    // One edit of `document` (editInChild), in a child process.
    static Run runEdit(const QString &operation, const QString &document, const QString &killAt)
    {
        QProcess p;
        QProcessEnvironment env = environment(killAt);
        env.insert(QString::fromLatin1(s_editOperation), operation);
        env.insert(QString::fromLatin1(s_editDocument), document);
        p.setProcessEnvironment(env);
        p.start(QCoreApplication::applicationFilePath(), {});
        return finish(p);
    }

    Run importDraft(const QString &document, const QString &killAt = {}) const
    {
        return run({ QStringLiteral("--db"), document, QStringLiteral("import"), QStringLiteral("--draft"), m_article },
            killAt);
    }

    Run import(const QString &document, const QString &file, const QString &killAt = {}) const
    {
        return run({ QStringLiteral("--db"), document, QStringLiteral("import"), file }, killAt);
    }

    // A document of format 1 with `n` records, as Faultline 1 wrote it.
    static bool writeFormatOne(const QString &file, int n)
    {
        QFile::remove(file);
        sqlite3 *raw = nullptr;
        if (sqlite3_open(file.toUtf8().constData(), &raw) != SQLITE_OK)
            return false;
        QFile script(QDir(QStringLiteral(":/data/schema")).entryInfoList(QDir::Files, QDir::Name).value(0).filePath());
        QByteArray sql = script.open(QIODevice::ReadOnly) ? script.readAll() : QByteArray("error");
        sql += "PRAGMA user_version = 1; PRAGMA application_id = " + QByteArray::number(Database::s_applicationId)
            + ";\nBEGIN;\n";
        for (int i = 1; i <= n; ++i) {
            const QByteArray k = QByteArray::number(i);
            sql += "INSERT INTO incident (id, title, start, first_day, last_day, precision, type, summary, notes)"
                   " VALUES ('old-"
                + k + "', 'Old record " + k + "', '2014-11', 2456963, 2456992, 1, 'espionage', 'summary " + k
                + "', 'note');\nINSERT INTO incident_country VALUES (" + k + ", 0, 0, 'US');\n";
        }
        sql += "INSERT INTO incident_fts (incident_fts) VALUES ('rebuild');\nCOMMIT;\n";
        const bool ok = sqlite3_exec(raw, sql.constData(), nullptr, nullptr, nullptr) == SQLITE_OK;
        sqlite3_close(raw);
        return ok;
    }

private slots:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        m_base = path(QStringLiteral("base.faultline"));
        QCOMPARE(import(m_base, QFINDTESTDATA("../data/good.json")).code, 0);
        m_csv = path(QStringLiteral("many.csv"));
        {
            QFile f(m_csv);
            QVERIFY(f.open(QIODevice::WriteOnly));
            Generator::writeCsv(&f, s_records, 17);
        }
        m_imported = path(QStringLiteral("imported.faultline"));
        QVERIFY(copyFile(m_base, m_imported));
        const Run ref = import(m_imported, m_csv);
        QVERIFY2(ref.code == 0, ref.err.constData());
        const State before = stateOf(m_base);
        const State after = stateOf(m_imported);
        QCOMPARE(before.integrity, QStringLiteral("ok"));
        QCOMPARE(after.integrity, QStringLiteral("ok"));
        m_before = before.signature;
        m_after = after.signature;
        QVERIFY(!m_before.isEmpty());
        QVERIFY(m_before != m_after);

        // The user's own writes, not killed: each changes the document it starts from, so a
        // killed one that left the state before would not pass for the state after.
        m_article = QFINDTESTDATA("../data/articles/reuters-dateline-ransomware.txt");
        QVERIFY(!m_article.isEmpty());
        const QString drafted = path(QStringLiteral("drafted.faultline"));
        QVERIFY(copyFile(m_base, drafted));
        const Run draft = importDraft(drafted);
        QVERIFY2(draft.code == 0, draft.err.constData());
        const State withDraft = stateOf(drafted);
        QCOMPARE(withDraft.integrity, QStringLiteral("ok"));
        m_draftAfter = withDraft.signature;
        QVERIFY(m_draftAfter != m_before);
        for (const Edit &e : s_edits) {
            const QString operation = QString::fromLatin1(e.operation);
            const QString from = editBase(operation);
            const QString to = path(operation + QStringLiteral("-done.faultline"));
            QVERIFY(copyFile(from, to));
            const Run r = runEdit(operation, to, {});
            QVERIFY2(r.code == 0, qPrintable(operation + QStringLiteral(": ") + QString::fromUtf8(r.err)));
            const State done = stateOf(to);
            QCOMPARE(done.integrity, QStringLiteral("ok"));
            QVERIFY2(done.signature != stateOf(from).signature, e.operation);
            m_edited.insert(operation, to);
        }
    }

    void signatureIsTheSameForTheSameImport()
    {
        // The import writes the same rows every time, so "the one after" is one signature.
        const QString again = path(QStringLiteral("again.faultline"));
        QVERIFY(copyFile(m_base, again));
        QCOMPARE(import(again, m_csv).code, 0);
        QCOMPARE(stateOf(again).signature, m_after);
    }

    void import_data()
    {
        QTest::addColumn<QString>("point");
        QTest::addColumn<bool>("committed");
        QTest::newRow("import.begin") << QStringLiteral("import.begin") << false;
        QTest::newRow("import.mid") << QStringLiteral("import.mid") << false;
        QTest::newRow("import.before-commit") << QStringLiteral("import.before-commit") << false;
        QTest::newRow("import.after-commit") << QStringLiteral("import.after-commit") << true;
    }

    void import()
    {
        QFETCH(QString, point);
        QFETCH(bool, committed);
        const QString document = path(point + QStringLiteral(".faultline"));
        QVERIFY(copyFile(m_base, document));
        const Run r = import(document, m_csv, point);
        QVERIFY2(r.killed,
            qPrintable(
                QStringLiteral("not killed at %1 (exit %2): %3").arg(point).arg(r.code).arg(QString::fromUtf8(r.err))));
        const State state = stateOf(document);
        QCOMPARE(state.integrity, QStringLiteral("ok"));
        QCOMPARE(state.signature, committed ? m_after : m_before);
        // The next import of the same file finds the document usable (and, when the killed one
        // wrote nothing, ends where a whole import ends); it leaves no journal behind.
        QCOMPARE(import(document, m_csv).code, 0);
        if (!committed)
            QCOMPARE(stateOf(document).signature, m_after);
        QVERIFY(!QFile::exists(document + QStringLiteral("-journal")));
    }

    void randomKillsDuringAnImport()
    {
        // SIGKILL from outside after a random delay (seeded), anywhere from before the first
        // record to after the commit.
        const QString timing = path(QStringLiteral("timing.faultline"));
        QVERIFY(copyFile(m_base, timing));
        QElapsedTimer clock;
        clock.start();
        QCOMPARE(import(timing, m_csv).code, 0);
        const qint64 whole = std::max<qint64>(clock.elapsed(), 50);
        QRandomGenerator random(1717);
        int before = 0;
        int after = 0;
        for (int k = 0; k < 5; ++k) {
            const QString document = path(QStringLiteral("random-%1.faultline").arg(k));
            QVERIFY(copyFile(m_base, document));
            QProcess p;
            p.setProcessEnvironment(environment({}));
            p.start(QStringLiteral(FAULTLINE_BINARY),
                { QStringLiteral("--db"), document, QStringLiteral("import"), m_csv });
            QVERIFY(p.waitForStarted());
            // One kill in each fifth of 1.3 times the whole import's time: some early, some late.
            const auto delay = int((k + random.generateDouble()) * double(whole) * 0.26);
            p.waitForFinished(delay);
            if (p.state() != QProcess::NotRunning)
                ::kill(pid_t(p.processId()), SIGKILL);
            QVERIFY(finish(p).finished);
            const State state = stateOf(document);
            QCOMPARE(state.integrity, QStringLiteral("ok"));
            QVERIFY2(state.signature == m_before || state.signature == m_after,
                qPrintable(QStringLiteral("killed after %1 ms: a state in between").arg(delay)));
            (state.signature == m_before ? before : after) += 1;
        }
        qInfo("5 random kills within %lld ms: %d left the state before, %d the state after", whole * 13 / 10, before,
            after);
    }

    void exportFile_data()
    {
        QTest::addColumn<QString>("point");
        QTest::addColumn<QString>("name"); // its extension chooses the format
        QTest::addColumn<bool>("oldFile"); // an earlier file is there to be replaced
        QTest::addColumn<bool>("written");
        for (const char *ext : { "csv", "json" }) {
            for (const bool old : { false, true }) {
                const QString name = QString::fromLatin1(old ? "out-old." : "out-new.") + QLatin1String(ext);
                const char *what = old ? "replacing" : "new";
                QTest::addRow("export.mid %s %s", ext, what) << QStringLiteral("export.mid") << name << old << false;
                QTest::addRow("export.before-rename %s %s", ext, what)
                    << QStringLiteral("export.before-rename") << name << old << false;
                QTest::addRow("export.after-rename %s %s", ext, what)
                    << QStringLiteral("export.after-rename") << name << old << true;
            }
        }
    }

    void exportFile()
    {
        QFETCH(QString, point);
        QFETCH(QString, name);
        QFETCH(bool, oldFile);
        QFETCH(bool, written);
        const QString reference = path(QStringLiteral("reference-") + name);
        if (!QFile::exists(reference)) {
            const Run r = run(
                { QStringLiteral("--db"), m_imported, QStringLiteral("export"), QStringLiteral("--out"), reference });
            QVERIFY2(r.code == 0, r.err.constData());
        }
        const QByteArray complete = contents(reference);
        QVERIFY(complete.count('\n') > s_records || complete.count("\"id\"") >= s_records);
        const QByteArray old = "an earlier export, to be replaced whole or not at all\n";
        const QString target = path(QStringLiteral("killed-") + name);
        QFile::remove(target);
        if (oldFile) {
            QFile f(target);
            QVERIFY(f.open(QIODevice::WriteOnly));
            f.write(old);
        }
        const Run r = run(
            { QStringLiteral("--db"), m_imported, QStringLiteral("export"), QStringLiteral("--out"), target }, point);
        QVERIFY2(r.killed, qPrintable(point + QStringLiteral(": not killed: ") + QString::fromUtf8(r.err)));
        if (written)
            QVERIFY(contents(target) == complete);
        else if (oldFile)
            QCOMPARE(contents(target), old);
        else
            QVERIFY(!QFile::exists(target));
        QCOMPARE(stateOf(m_imported).signature, m_after);
    }

    void migration_data()
    {
        QTest::addColumn<QString>("point");
        QTest::newRow("migration.mid") << QStringLiteral("migration.mid");
        QTest::newRow("migration.before-commit") << QStringLiteral("migration.before-commit");
    }

    void migration()
    {
        // A document of format 1 opened by a newer Faultline is migrated in one transaction: a
        // kill leaves format 1 with its records, and the next open migrates it whole.
        QFETCH(QString, point);
        const QString old = path(QStringLiteral("format1.faultline"));
        if (!QFile::exists(old))
            QVERIFY(writeFormatOne(old, 2000));
        const State original = stateOf(old);
        QCOMPARE(original.integrity, QStringLiteral("ok"));
        const QString migrated = path(QStringLiteral("migrated.faultline"));
        if (!QFile::exists(migrated)) {
            QVERIFY(copyFile(old, migrated));
            const Run r = run({ QStringLiteral("--db"), migrated, QStringLiteral("stats") });
            QVERIFY2(r.code == 0, r.err.constData());
        }
        const State whole = stateOf(migrated);
        QVERIFY(whole.signature != original.signature);

        const QString document = path(point + QStringLiteral(".faultline"));
        QVERIFY(copyFile(old, document));
        const Run r = run({ QStringLiteral("--db"), document, QStringLiteral("stats") }, point);
        QVERIFY2(r.killed, qPrintable(point + QStringLiteral(": not killed: ") + QString::fromUtf8(r.err)));
        const State state = stateOf(document);
        QCOMPARE(state.integrity, QStringLiteral("ok"));
        QCOMPARE(state.signature, original.signature);
        QCOMPARE(run({ QStringLiteral("--db"), document, QStringLiteral("stats") }).code, 0);
        QCOMPARE(stateOf(document).signature, whole.signature);
        QVERIFY(!QFile::exists(document + QStringLiteral("-journal")));
    }

    void saveCopy_data()
    {
        QTest::addColumn<QString>("point");
        QTest::addColumn<bool>("written");
        QTest::newRow("copy.mid") << QStringLiteral("copy.mid") << false;
        QTest::newRow("copy.before-rename") << QStringLiteral("copy.before-rename") << false;
        QTest::newRow("copy.after-rename") << QStringLiteral("copy.after-rename") << true;
    }

    void saveCopy()
    {
        // Save a Copy As over an earlier document: the target is the earlier one or the whole copy.
        QFETCH(QString, point);
        QFETCH(bool, written);
        const QString target = path(point + QStringLiteral("-copy.faultline"));
        QVERIFY(copyFile(m_base, target));
        const Run r = runCopy(m_imported, target, point);
        QVERIFY2(r.killed, qPrintable(point + QStringLiteral(": not killed: ") + QString::fromUtf8(r.err)));
        const State state = stateOf(target);
        QCOMPARE(state.integrity, QStringLiteral("ok"));
        QCOMPARE(state.signature, written ? m_after : m_before);
        QCOMPARE(stateOf(m_imported).signature, m_after);

        const Run whole = runCopy(m_imported, target, {});
        QVERIFY2(whole.code == 0, whole.err.constData());
        QCOMPARE(stateOf(target).signature, m_after);
    }

    void draftRecord_data()
    {
        QTest::addColumn<QString>("point");
        QTest::addColumn<bool>("committed");
        QTest::newRow("record.row") << QStringLiteral("record.row") << false;
        QTest::newRow("record.mid") << QStringLiteral("record.mid") << false;
        QTest::newRow("record.before-commit") << QStringLiteral("record.before-commit") << false;
        QTest::newRow("record.after-commit") << QStringLiteral("record.after-commit") << true;
    }

    void draftRecord()
    {
        // `import --draft` writes a record of "My records" (UserRecords::apply): killed, the
        // document holds the whole record with its local_edit row, or nothing of it.
        QFETCH(QString, point);
        QFETCH(bool, committed);
        const QString document = path(point + QStringLiteral("-draft.faultline"));
        QVERIFY(copyFile(m_base, document));
        const Run r = importDraft(document, point);
        QVERIFY2(r.killed,
            qPrintable(
                QStringLiteral("not killed at %1 (exit %2): %3").arg(point).arg(r.code).arg(QString::fromUtf8(r.err))));
        const State state = stateOf(document);
        QCOMPARE(state.integrity, QStringLiteral("ok"));
        QCOMPARE(state.signature, committed ? m_draftAfter : m_before);
        if (!committed) {
            // Nothing of the killed draft is left to collide with: the next one is record 1.
            QCOMPARE(importDraft(document).code, 0);
            QCOMPARE(stateOf(document).signature, m_draftAfter);
        }
        QVERIFY(!QFile::exists(document + QStringLiteral("-journal")));
    }

    void edit_data()
    {
        QTest::addColumn<QString>("operation");
        QTest::addColumn<QString>("point");
        QTest::addColumn<bool>("committed");
        for (const Edit &e : s_edits) {
            const QString operation = QString::fromLatin1(e.operation);
            QStringList points;
            if (operation.startsWith(u"record-")) {
                // A deletion puts no record, so it passes no record.row.
                if (operation != u"record-delete")
                    points << QStringLiteral("record.row");
                points << QStringLiteral("record.mid") << QStringLiteral("record.before-commit")
                       << QStringLiteral("record.after-commit");
            } else {
                points << QStringLiteral("story.mid") << QStringLiteral("story.before-commit")
                       << QStringLiteral("story.after-commit");
            }
            for (const QString &point : std::as_const(points)) {
                QTest::addRow("%s %s", e.operation, qPrintable(point))
                    << operation << point << point.endsWith(u"after-commit");
            }
        }
    }

    void edit()
    {
        // An edit of an imported record (Edited, Deleted, reverted) or a change to a story, as
        // the window makes it, killed: the document is the one it started from or the one the
        // same edit not killed left, never one in between.
        QFETCH(QString, operation);
        QFETCH(QString, point);
        QFETCH(bool, committed);
        const QString from = editBase(operation);
        const QByteArray before = stateOf(from).signature;
        const QByteArray after = stateOf(m_edited.value(operation)).signature;
        QVERIFY(!before.isEmpty());
        QVERIFY(before != after);
        const QString document = path(operation + u'-' + point + QStringLiteral(".faultline"));
        QVERIFY(copyFile(from, document));
        const Run r = runEdit(operation, document, point);
        QVERIFY2(r.killed,
            qPrintable(
                QStringLiteral("not killed at %1 (exit %2): %3").arg(point).arg(r.code).arg(QString::fromUtf8(r.err))));
        const State state = stateOf(document);
        QCOMPARE(state.integrity, QStringLiteral("ok"));
        QCOMPARE(state.signature, committed ? after : before);
        if (!committed) {
            const Run again = runEdit(operation, document, {});
            QVERIFY2(again.code == 0, again.err.constData());
            QCOMPARE(stateOf(document).signature, after);
        }
        QVERIFY(!QFile::exists(document + QStringLiteral("-journal")));
    }
};

int main(int argc, char *argv[])
{
    if (qEnvironmentVariableIsSet(s_editOperation)) {
        // The child of TestKillPoints::runEdit.
        QCoreApplication app(argc, argv);
        return editInChild(qEnvironmentVariable(s_editOperation), qEnvironmentVariable(s_editDocument));
    }
    if (qEnvironmentVariableIsSet(s_copyFrom)) {
        // The child of TestKillPoints::runCopy: Save a Copy As, as the window calls it.
        QCoreApplication app(argc, argv);
        Database db;
        QString error;
        if (!db.open(qEnvironmentVariable(s_copyFrom), Database::Mode::ReadOnly, &error)
            || !db.saveCopy(qEnvironmentVariable(s_copyTo), &error)) {
            fprintf(stderr, "%s\n", qPrintable(error));
            return 1;
        }
        return 0;
    }
    QCoreApplication app(argc, argv);
    TestKillPoints test;
    QTEST_SET_MAIN_SOURCE_PATH
    return QTest::qExec(&test, argc, argv);
}

#include "tst_killpoints.moc"
