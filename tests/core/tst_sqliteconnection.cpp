// SqliteConnection: every kind of connection gets the same hardening, and SQL stored in a
// hostile file (a trigger, a view) never runs through it.
#include "store/database.h"
#include "store/sqliteconnection.h"

#include <QTemporaryDir>
#include <QTest>
#include <sqlite3.h>

namespace {
// Runs SQL on a file through the plain SQLite API, without any hardening.
bool rawExec(const QString &path, const char *sql)
{
    sqlite3 *db = nullptr;
    sqlite3_open(path.toUtf8().constData(), &db);
    const int rc = sqlite3_exec(db, sql, nullptr, nullptr, nullptr);
    sqlite3_close(db);
    return rc == SQLITE_OK;
}

int dbConfig(sqlite3 *db, int option)
{
    int value = -1;
    sqlite3_db_config(db, option, -1, &value);
    return value;
}

qint64 integer(sqlite3 *db, const char *sql, int *rc = nullptr)
{
    sqlite3_stmt *stmt = nullptr;
    int result = sqlite3_prepare_v2(db, sql, -1, &stmt, nullptr);
    if (result == SQLITE_OK)
        result = sqlite3_step(stmt);
    const qint64 value = result == SQLITE_ROW ? sqlite3_column_int64(stmt, 0) : -1;
    sqlite3_finalize(stmt);
    if (rc)
        *rc = result;
    return value;
}

// The hardening SqliteConnection promises, as far as it can be read back.
void verifyHardened(sqlite3 *db)
{
    QVERIFY(db);
    QCOMPARE(dbConfig(db, SQLITE_DBCONFIG_DEFENSIVE), 1);
    QCOMPARE(dbConfig(db, SQLITE_DBCONFIG_TRUSTED_SCHEMA), 0);
    QCOMPARE(dbConfig(db, SQLITE_DBCONFIG_ENABLE_TRIGGER), 0);
    QCOMPARE(dbConfig(db, SQLITE_DBCONFIG_ENABLE_VIEW), 0);
    QCOMPARE(dbConfig(db, SQLITE_DBCONFIG_ENABLE_LOAD_EXTENSION), 0);
    QCOMPARE(sqlite3_limit(db, SQLITE_LIMIT_LENGTH, -1), SqliteConnection::s_maxLength);
    QCOMPARE(sqlite3_limit(db, SQLITE_LIMIT_ATTACHED, -1), 0);
    QCOMPARE(integer(db, "PRAGMA busy_timeout"), qint64(SqliteConnection::s_busyTimeoutMs));
    QCOMPARE(integer(db, "PRAGMA cell_size_check"), qint64(1));
    QCOMPARE(integer(db, "PRAGMA mmap_size"), qint64(0));
    // A value longer than the limit is refused.
    int rc = SQLITE_OK;
    integer(db, "SELECT length(zeroblob(67108865))", &rc);
    QCOMPARE(rc, SQLITE_TOOBIG);
}
} // namespace

class TestSqliteConnection : public QObject
{
    Q_OBJECT
private:
    QTemporaryDir m_dir;

    // A plain SQLite file with a table, a trigger that writes into another table, and a view.
    QString hostileFile(const QString &name)
    {
        const QString path = m_dir.filePath(name);
        const bool made = rawExec(path,
            "CREATE TABLE t(x); CREATE TABLE log(y); CREATE TABLE secret(z); INSERT INTO secret VALUES (42);"
            "CREATE TRIGGER spy AFTER INSERT ON t BEGIN INSERT INTO log VALUES (new.x); END;"
            "CREATE VIEW v AS SELECT z FROM secret;");
        return made ? path : QString();
    }

private slots:
    void everyModeIsHardened_data()
    {
        QTest::addColumn<int>("mode");
        QTest::newRow("read-only") << int(SqliteConnection::Mode::ReadOnly);
        QTest::newRow("read-write") << int(SqliteConnection::Mode::ReadWrite);
        QTest::newRow("create") << int(SqliteConnection::Mode::Create);
    }

    void everyModeIsHardened()
    {
        QFETCH(int, mode);
        const QString path = hostileFile(QStringLiteral("modes-%1.db").arg(mode));
        QVERIFY(!path.isEmpty());
        const SqliteConnection connection(path, SqliteConnection::Mode(mode));
        QVERIFY2(connection.isOpen(), qPrintable(connection.errorMessage()));
        verifyHardened(connection.handle());
        // Read-only means it.
        const int rc = sqlite3_exec(connection.handle(), "INSERT INTO log VALUES (1)", nullptr, nullptr, nullptr);
        QCOMPARE(rc == SQLITE_OK, SqliteConnection::Mode(mode) != SqliteConnection::Mode::ReadOnly);
    }

    void aHostileTriggerOrViewDoesNotRun()
    {
        const QString path = hostileFile(QStringLiteral("hostile.db"));
        const SqliteConnection connection(path, SqliteConnection::Mode::ReadWrite);
        QVERIFY(connection.isOpen());
        sqlite3 *db = connection.handle();
        QCOMPARE(sqlite3_exec(db, "INSERT INTO t VALUES (7)", nullptr, nullptr, nullptr), SQLITE_OK);
        QCOMPARE(integer(db, "SELECT count(*) FROM t"), qint64(1));
        QCOMPARE(integer(db, "SELECT count(*) FROM log"), qint64(0)); // the trigger did not fire
        int rc = SQLITE_OK;
        QCOMPARE(integer(db, "SELECT z FROM v", &rc), qint64(-1)); // the view is refused
        QVERIFY(rc != SQLITE_ROW);
        // Defensive mode: the schema cannot be rewritten through SQL.
        QVERIFY(sqlite3_exec(
                    db, "PRAGMA writable_schema = ON; UPDATE sqlite_schema SET sql = 'x'", nullptr, nullptr, nullptr)
            != SQLITE_OK);
        // No ATTACH of another file.
        const QByteArray attach = "ATTACH DATABASE '" + m_dir.filePath(QStringLiteral("other.db")).toUtf8() + "' AS o";
        QVERIFY(sqlite3_exec(db, attach.constData(), nullptr, nullptr, nullptr) != SQLITE_OK);
    }

    void openingFailsWithAReason()
    {
        SqliteConnection connection;
        QVERIFY(!connection.open(m_dir.filePath(QStringLiteral("absent.db")), SqliteConnection::Mode::ReadWrite));
        QVERIFY(!connection.isOpen());
        QVERIFY(!connection.errorMessage().isEmpty());
        QVERIFY(!QFile::exists(m_dir.filePath(QStringLiteral("absent.db"))));
        QVERIFY(connection.open(m_dir.filePath(QStringLiteral("made.db")), SqliteConnection::Mode::Create));
        QVERIFY(connection.errorMessage().isEmpty());
        // Moved, the handle goes with it and is closed once.
        SqliteConnection moved(std::move(connection));
        QVERIFY(moved.isOpen());
        QVERIFY(!connection.isOpen()); // NOLINT(bugprone-use-after-move): the moved-from state is the point
    }

    void theDocumentConnectionIsHardened()
    {
        Database db;
        QVERIFY(db.open(m_dir.filePath(QStringLiteral("document.faultline"))));
        verifyHardened(db.handle());
        QCOMPARE(integer(db.handle(), "PRAGMA cache_size"), -qint64(Database::s_cacheKiB));
        db.close();
        Database readOnly;
        QVERIFY(readOnly.open(m_dir.filePath(QStringLiteral("document.faultline")), Database::Mode::ReadOnly));
        verifyHardened(readOnly.handle());
    }
};

QTEST_GUILESS_MAIN(TestSqliteConnection)
#include "tst_sqliteconnection.moc"
