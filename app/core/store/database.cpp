#include "store/database.h"

#include "store/killpoint.h"
#include "store/sqliteconnection.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QLoggingCategory>
#include <QMap>
#include <algorithm>
#include <cstdio>
#include <sqlite3.h>

Q_LOGGING_CATEGORY(lcStore, "faultline.store", QtInfoMsg)

namespace {
QString tr(const char *text)
{
    return QCoreApplication::translate("Database", text);
}

QString sqliteError(sqlite3 *db)
{
    return SqliteConnection::describeError(db);
}

// Embedded migrations "NNN-name.sql", in order; index i holds the script that produces
// version i + 1.
const QStringList &migrationFiles()
{
    static const QStringList files = [] {
        QStringList list;
        const QDir dir(QStringLiteral(":/data/schema"));
        for (const QString &name : dir.entryList({ QStringLiteral("*.sql") }, QDir::Files, QDir::Name))
            list << dir.filePath(name);
        return list;
    }();
    return files;
}

// One object of a schema as sqlite_schema records it.
struct SchemaObject
{
    QString type;
    QString table;
    QString sql; // empty for automatic indexes
    bool operator==(const SchemaObject &) const = default;
};
using Schema = QMap<QString, SchemaObject>;

Schema readSchema(sqlite3 *db)
{
    Schema schema;
    sqlite3_stmt *st = nullptr;
    sqlite3_prepare_v2(db, "SELECT type, name, tbl_name, sql FROM sqlite_schema", -1, &st, nullptr);
    auto text = [&](int column) {
        return QString::fromUtf8(reinterpret_cast<const char *>(sqlite3_column_text(st, column)));
    };
    while (st && sqlite3_step(st) == SQLITE_ROW)
        schema.insert(text(1), { text(0), text(2), text(3) });
    sqlite3_finalize(st);
    return schema;
}

// The schema Faultline itself creates for format `version`: the migrations run on an
// in-memory database. Every document of that format must have exactly these objects, each
// with this SQL, so a foreign index, trigger or view is refused whatever its name.
Schema expectedSchema(int version)
{
    sqlite3 *db = nullptr;
    Schema schema;
    if (sqlite3_open_v2(":memory:", &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_MEMORY, nullptr) == SQLITE_OK) {
        bool ok = true;
        for (int v = 0; ok && v < version && v < int(migrationFiles().size()); ++v) {
            QFile file(migrationFiles().at(v));
            ok = file.open(QIODevice::ReadOnly)
                && sqlite3_exec(db, file.readAll().constData(), nullptr, nullptr, nullptr) == SQLITE_OK;
        }
        if (ok)
            schema = readSchema(db);
    }
    sqlite3_close(db);
    return schema;
}

// Why `actual` is not the schema Faultline creates (`expected`), or empty. SQLite's own
// statistics table (from ANALYZE) may be present.
QString schemaDifference(const Schema &actual, const Schema &expected)
{
    static const SchemaObject stat1 { QStringLiteral("table"), QStringLiteral("sqlite_stat1"),
        QStringLiteral("CREATE TABLE sqlite_stat1(tbl,idx,stat)") };
    for (auto it = actual.cbegin(); it != actual.cend(); ++it) {
        if (it.key() == u"sqlite_stat1" && it.value() == stat1)
            continue;
        const auto ours = expected.constFind(it.key());
        if (ours == expected.cend())
            return tr("the document contains a %1 \"%2\" that Faultline does not create").arg(it->type, it.key());
        if (!(*ours == *it))
            return tr("the %1 \"%2\" differs from the one Faultline creates").arg(it->type, it.key());
    }
    for (auto it = expected.cbegin(); it != expected.cend(); ++it) {
        if (!actual.contains(it.key()))
            return tr("the %1 \"%2\" that Faultline creates is missing").arg(it->type, it.key());
    }
    return {};
}
} // namespace

int Database::schemaVersion()
{
    return int(migrationFiles().size());
}

Database::Database() = default;

Database::~Database()
{
    close();
}

void Database::close()
{
    m_connection.close();
    m_path.clear();
    m_readOnly = false;
    m_created = false;
}

bool Database::open(const QString &path, Mode mode, QString *errorMessage)
{
    close();
    auto fail = [&](const QString &message) {
        if (errorMessage)
            *errorMessage = message;
        close();
        return false;
    };
    const QFileInfo info(path);
    const QString shown = QDir::toNativeSeparators(info.absoluteFilePath());
    const bool exists = info.exists();
    if (exists && !info.isFile())
        return fail(tr("%1: not a regular file").arg(shown));
    if (exists && !info.isReadable())
        return fail(tr("%1: permission denied").arg(shown));
    if (!exists && mode == Mode::ReadOnly)
        return fail(tr("%1: no such file").arg(shown));
    if (!exists && !QDir().mkpath(info.absolutePath()))
        return fail(tr("%1: cannot create the folder for the database").arg(shown));

    bool readOnly = mode == Mode::ReadOnly;
    if (exists && !readOnly) {
        // A file, or its folder (for the rollback journal), that cannot be written opens read-only.
        const QFileInfo dir(info.absolutePath());
        if (!info.isWritable() || !dir.isWritable())
            readOnly = true;
    }

    const SqliteConnection::Mode connectionMode = readOnly ? SqliteConnection::Mode::ReadOnly
        : exists                                           ? SqliteConnection::Mode::ReadWrite
                                                           : SqliteConnection::Mode::Create;
    if (!m_connection.open(info.absoluteFilePath(), connectionMode))
        return fail(tr("%1: cannot open: %2").arg(shown, m_connection.errorMessage()));
    m_path = info.absoluteFilePath();
    m_readOnly = readOnly;
    m_created = !exists;
    // Quietly: on a file that is no database this fails, and checkIdentity() says so.
    const QByteArray cache = "PRAGMA cache_size = -" + QByteArray::number(s_cacheKiB);
    sqlite3_exec(handle(), cache.constData(), nullptr, nullptr, nullptr);

    QString error;
    if (!checkIdentity(&error))
        return fail(error);
    if (!m_readOnly) {
        // 16 KiB pages for new documents: a full read (the timeline's load) makes a quarter of
        // the system calls of 4 KiB pages. Has no effect on an existing file.
        if (m_created)
            exec(QStringLiteral("PRAGMA page_size = 16384"));
        exec(QStringLiteral("PRAGMA foreign_keys = ON; PRAGMA journal_mode = DELETE; PRAGMA synchronous = NORMAL;"));
        if (!migrate(&error))
            return fail(error);
    } else if (scalar(QStringLiteral("PRAGMA user_version")).toInt() != schemaVersion()) {
        return fail(tr("%1: this document uses an older format and is read-only; open a writable copy to upgrade it")
                        .arg(shown));
    }
    qCDebug(lcStore) << "opened" << m_path << (m_readOnly ? "read-only" : "read-write");
    return true;
}

QString Database::openFailure(int rc, const QString &path, const QString &sqliteWords)
{
    const QString shown = QDir::toNativeSeparators(path);
    const QString journal = path + QStringLiteral("-journal");
    if ((rc & 0xFF) == SQLITE_READONLY && QFileInfo::exists(journal)) {
        return tr("%1: cannot open: a program stopped while writing it, and its journal (%2) holds the "
                  "changes to undo, but this folder cannot be written, so they cannot be undone here. "
                  "Copy the document and its journal together into a folder you can write to, and open "
                  "the copy there: the unfinished write is then undone.")
            .arg(shown, QDir::toNativeSeparators(journal));
    }
    const QString why = (rc & 0xFF) == SQLITE_NOTADB ? tr("not a SQLite database")
        : (rc & 0xFF) == SQLITE_BUSY                 ? tr("in use by another program")
                                                     : sqliteWords;
    return tr("%1: cannot open: %2").arg(shown, why);
}

bool Database::checkIdentity(QString *errorMessage)
{
    const QString shown = QDir::toNativeSeparators(m_path);
    sqlite3_stmt *stmt = nullptr;
    // The first read of the file: a non-database or a damaged header fails here.
    int rc = sqlite3_prepare_v2(handle(), "PRAGMA application_id", -1, &stmt, nullptr);
    if (rc == SQLITE_OK)
        rc = sqlite3_step(stmt);
    const int appId = rc == SQLITE_ROW ? sqlite3_column_int(stmt, 0) : 0;
    sqlite3_finalize(stmt);
    if (rc != SQLITE_ROW) {
        *errorMessage = openFailure(sqlite3_extended_errcode(handle()), m_path, sqliteError(handle()));
        return false;
    }
    const int objects = scalar(QStringLiteral("SELECT count(*) FROM sqlite_schema")).toInt();
    if (objects == 0 && appId == 0)
        return true; // a new, empty file: migrate() makes it ours
    if (appId != s_applicationId) {
        *errorMessage = tr("%1: not a Faultline document (it is a SQLite database of another program)").arg(shown);
        return false;
    }
    const int version = scalar(QStringLiteral("PRAGMA user_version")).toInt();
    if (version > schemaVersion()) {
        *errorMessage = tr("%1: made by a newer version of Faultline (format %2; this version reads up to %3)")
                            .arg(shown)
                            .arg(version)
                            .arg(schemaVersion());
        return false;
    }
    const QVariant check
        = m_quickCheckOnOpen ? scalar(QStringLiteral("PRAGMA quick_check")) : QVariant(QStringLiteral("ok"));
    if (check.toString() != u"ok") {
        *errorMessage
            = tr("%1: the file is damaged: %2").arg(shown, check.isNull() ? sqliteError(handle()) : check.toString());
        return false;
    }
    if (const QString why = schemaDifference(readSchema(handle()), expectedSchema(version)); !why.isEmpty()) {
        *errorMessage = tr("%1: refused: %2").arg(shown, why);
        return false;
    }
    return true;
}

bool Database::quickCheck(const QString &path, QString *errorMessage)
{
    const SqliteConnection connection(path, SqliteConnection::Mode::ReadOnly);
    QString result = connection.errorMessage();
    if (connection.isOpen()) {
        sqlite3 *db = connection.handle();
        sqlite3_stmt *stmt = nullptr;
        const int rc = sqlite3_prepare_v2(db, "PRAGMA quick_check", -1, &stmt, nullptr);
        if (rc == SQLITE_OK && sqlite3_step(stmt) == SQLITE_ROW)
            result = QString::fromUtf8(reinterpret_cast<const char *>(sqlite3_column_text(stmt, 0)));
        else
            result = sqliteError(db);
        sqlite3_finalize(stmt);
    }
    if (result == u"ok")
        return true;
    if (errorMessage)
        *errorMessage = tr("%1: the file is damaged: %2").arg(QDir::toNativeSeparators(path), result);
    return false;
}

bool Database::exec(const QString &sql, QString *errorMessage)
{
    char *message = nullptr;
    const int rc = sqlite3_exec(handle(), sql.toUtf8().constData(), nullptr, nullptr, &message);
    if (rc != SQLITE_OK) {
        const QString text = message ? QString::fromUtf8(message) : sqliteError(handle());
        sqlite3_free(message);
        qCWarning(lcStore) << "exec failed:" << text;
        if (errorMessage)
            *errorMessage = text;
        return false;
    }
    return true;
}

QVariant Database::scalar(const QString &sql) const
{
    sqlite3_stmt *stmt = nullptr;
    QVariant value;
    if (sqlite3_prepare_v2(handle(), sql.toUtf8().constData(), -1, &stmt, nullptr) == SQLITE_OK
        && sqlite3_step(stmt) == SQLITE_ROW) {
        switch (sqlite3_column_type(stmt, 0)) {
        case SQLITE_INTEGER:
            value = qint64(sqlite3_column_int64(stmt, 0));
            break;
        case SQLITE_FLOAT:
            value = sqlite3_column_double(stmt, 0);
            break;
        case SQLITE_NULL:
            break;
        default:
            value = QString::fromUtf8(reinterpret_cast<const char *>(sqlite3_column_text(stmt, 0)));
        }
    }
    sqlite3_finalize(stmt);
    return value;
}

bool Database::migrate(QString *errorMessage)
{
    const int targetVersion = schemaVersion();
    int version = scalar(QStringLiteral("PRAGMA user_version")).toInt();
    if (version >= targetVersion)
        return true;
    // Every step in one transaction: a migration that fails or is killed halfway leaves the
    // document in its old format, never in one between the two.
    Transaction tx(*this);
    QString error = tx.errorMessage();
    bool ok = tx.isActive();
    for (; ok && version < targetVersion; ++version) {
        QFile file(migrationFiles().at(version));
        if (!file.open(QIODevice::ReadOnly)) {
            if (errorMessage)
                *errorMessage = tr("migration %1 is missing from this build").arg(file.fileName());
            return false;
        }
        ok = exec(QString::fromUtf8(file.readAll()), &error);
        if (ok && version + 1 < targetVersion)
            KillPoint::reach("migration.mid");
        if (!ok)
            break;
    }
    if (ok) {
        ok = exec(QStringLiteral("PRAGMA user_version = %1; PRAGMA application_id = %2;")
                      .arg(targetVersion)
                      .arg(s_applicationId),
            &error);
    }
    if (ok) {
        KillPoint::reach("migration.before-commit");
        ok = tx.commit();
        if (!ok)
            error = tx.errorMessage();
    }
    if (!ok) {
        if (errorMessage)
            *errorMessage = tr("%1: cannot upgrade to format %2: %3")
                                .arg(QDir::toNativeSeparators(m_path))
                                .arg(std::min(version + 1, targetVersion))
                                .arg(error);
        return false;
    }
    return true;
}

bool Database::saveCopy(const QString &target, QString *errorMessage) const
{
    const QString temp = target + QStringLiteral(".part");
    QFile::remove(temp);
    QString error;
    int rc = SQLITE_ERROR;
    {
        const SqliteConnection out(temp, SqliteConnection::Mode::Create);
        error = out.errorMessage();
        if (out.isOpen()) {
            sqlite3_backup *backup = sqlite3_backup_init(out.handle(), "main", handle(), "main");
            if (backup) {
                // A few pages at a time only so that a test can stop it halfway (copy.mid).
                int step = sqlite3_backup_step(backup, 64);
                KillPoint::reach("copy.mid");
                while (step == SQLITE_OK)
                    step = sqlite3_backup_step(backup, 1024);
                sqlite3_backup_finish(backup);
            }
            rc = sqlite3_errcode(out.handle());
            error = sqliteError(out.handle());
        }
    }
    if (rc != SQLITE_OK) {
        QFile::remove(temp);
        if (errorMessage)
            *errorMessage = tr("%1: cannot save a copy: %2").arg(QDir::toNativeSeparators(target), error);
        return false;
    }
    KillPoint::reach("copy.before-rename");
    // rename(2) replaces the target in one step: there is never a moment without a target
    // (removing it first and then renaming left none if the process died in between).
    if (std::rename(QFile::encodeName(temp).constData(), QFile::encodeName(target).constData()) != 0) {
        QFile::remove(temp);
        if (errorMessage)
            *errorMessage = tr("%1: cannot replace the file").arg(QDir::toNativeSeparators(target));
        return false;
    }
    KillPoint::reach("copy.after-rename");
    return true;
}

Transaction::Transaction(Database &db)
    : m_db(db)
{
    m_active = m_db.exec(QStringLiteral("BEGIN IMMEDIATE"), &m_error);
}

Transaction::~Transaction()
{
    // SQLite may have rolled back already (a full disk, an I/O error): then nothing is open.
    if (m_active && !sqlite3_get_autocommit(m_db.handle()))
        m_db.exec(QStringLiteral("ROLLBACK"));
}

bool Transaction::commit()
{
    if (!m_active)
        return false;
    if (!m_db.exec(QStringLiteral("COMMIT"), &m_error)) {
        // A failed COMMIT (disk full, I/O) may leave the transaction open: end it here.
        if (!sqlite3_get_autocommit(m_db.handle()))
            m_db.exec(QStringLiteral("ROLLBACK"));
        m_active = false;
        return false;
    }
    m_active = false;
    return true;
}
