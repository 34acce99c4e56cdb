#include "store/sqliteconnection.h"

#include <QCoreApplication>
#include <sqlite3.h>
#include <utility>

namespace {
int flagsFor(SqliteConnection::Mode mode)
{
    switch (mode) {
    case SqliteConnection::Mode::ReadOnly:
        return SQLITE_OPEN_READONLY | SQLITE_OPEN_NOMUTEX;
    case SqliteConnection::Mode::ReadWrite:
        return SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX;
    case SqliteConnection::Mode::Create:
        break;
    }
    return SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX;
}

// Applied before the first statement: nothing of the file has been read yet.
bool harden(sqlite3 *db)
{
    const int off[] = { SQLITE_DBCONFIG_TRUSTED_SCHEMA, SQLITE_DBCONFIG_ENABLE_TRIGGER, SQLITE_DBCONFIG_ENABLE_VIEW,
        SQLITE_DBCONFIG_ENABLE_LOAD_EXTENSION };
    bool ok = sqlite3_db_config(db, SQLITE_DBCONFIG_DEFENSIVE, 1, nullptr) == SQLITE_OK;
    for (const int option : off)
        ok = ok && sqlite3_db_config(db, option, 0, nullptr) == SQLITE_OK;
    if (!ok)
        return false;
    sqlite3_limit(db, SQLITE_LIMIT_LENGTH, SqliteConnection::s_maxLength);
    sqlite3_limit(db, SQLITE_LIMIT_ATTACHED, 0);
    sqlite3_busy_timeout(db, SqliteConnection::s_busyTimeoutMs);
    // Every cell's size checked against its page as it is read (a damaged or hostile file is
    // an error, not a read out of bounds), and no memory map: an I/O error under a map is a
    // SIGBUS, not an error SQLite can report. Neither pragma reads the file.
    return sqlite3_exec(db, "PRAGMA cell_size_check = ON; PRAGMA mmap_size = 0", nullptr, nullptr, nullptr)
        == SQLITE_OK;
}
} // namespace

SqliteConnection::SqliteConnection(SqliteConnection &&other) noexcept
    : m_handle(std::exchange(other.m_handle, nullptr))
    , m_error(std::move(other.m_error))
{ }

SqliteConnection &SqliteConnection::operator=(SqliteConnection &&other) noexcept
{
    if (this != &other) {
        close();
        m_handle = std::exchange(other.m_handle, nullptr);
        m_error = std::move(other.m_error);
    }
    return *this;
}

bool SqliteConnection::open(const QString &path, Mode mode)
{
    close();
    m_error.clear();
    sqlite3 *db = nullptr;
    const int rc = sqlite3_open_v2(path.toUtf8().constData(), &db, flagsFor(mode), nullptr);
    if (rc != SQLITE_OK || !harden(db)) {
        m_error = db ? QString::fromUtf8(sqlite3_errmsg(db)) : QString::fromUtf8(sqlite3_errstr(rc));
        sqlite3_close_v2(db);
        return false;
    }
    m_handle = db;
    return true;
}

void SqliteConnection::close()
{
    // A statement still open keeps the handle alive until it is finalized (close_v2).
    sqlite3_close_v2(m_handle); // a no-op for nullptr
    m_handle = nullptr;
}

QString SqliteConnection::describeError(sqlite3 *handle)
{
    if (!handle)
        return QString::fromUtf8(sqlite3_errstr(SQLITE_CANTOPEN));
    const QString words = QString::fromUtf8(sqlite3_errmsg(handle));
    if ((sqlite3_extended_errcode(handle) & 0xFF) == SQLITE_FULL) {
        return QCoreApplication::translate("SqliteConnection",
            "the disk is full, or the document reached its size limit; free some space and try again (%1)")
            .arg(words);
    }
    return words;
}
