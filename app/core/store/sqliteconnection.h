#pragma once

#include <QString>

struct sqlite3;

// The one way Faultline opens a SQLite file. Every connection, read-only or read-write, the
// document's own and the helpers' (the background check, the second loading thread, the
// column cache writer, a saved copy), gets the same hardening before its first statement,
// because every file it opens may come from someone else:
//  - defensive mode (no writes to the schema or other internal tables through SQL),
//  - no trust in functions named by the schema (SQLITE_DBCONFIG_TRUSTED_SCHEMA off),
//  - triggers and views off, so SQL stored in a hostile file never runs,
//  - no extension loading and no ATTACH,
//  - strings and blobs of at most s_maxLength bytes,
//  - a busy timeout of s_busyTimeoutMs.
// The page cache is left at SQLite's default (about 2 MiB): the helper connections read each
// page once, and a 16 MiB cache on them made the two-thread load twice as slow (the pages are
// allocated rather than reused). Database sets a larger one on the document's own connection.
// A connection is opened without SQLite's per-call mutex: it belongs to the thread that uses
// it, and is closed when the object is destroyed.
class SqliteConnection
{
public:
    enum class Mode {
        ReadOnly,
        ReadWrite, // the file must exist
        Create, // read-write, made when absent
    };
    static constexpr int s_maxLength = 64 * 1024 * 1024;
    static constexpr int s_busyTimeoutMs = 5000;

    SqliteConnection() = default;
    SqliteConnection(const QString &path, Mode mode) { open(path, mode); }
    ~SqliteConnection() { close(); }
    SqliteConnection(const SqliteConnection &) = delete;
    SqliteConnection &operator=(const SqliteConnection &) = delete;
    SqliteConnection(SqliteConnection &&other) noexcept;
    SqliteConnection &operator=(SqliteConnection &&other) noexcept;

    // Closes what was open, then opens `path`. False when SQLite cannot open it or the
    // hardening cannot be applied; errorMessage() then says why (SQLite's words).
    bool open(const QString &path, Mode mode);
    void close();

    // SQLite's last error on `handle` in words a user can act on: a full disk (or a document
    // at its size limit) says so plainly, with SQLite's own words after it; other errors are
    // SQLite's words.
    static QString describeError(sqlite3 *handle);

    bool isOpen() const { return m_handle != nullptr; }
    sqlite3 *handle() const { return m_handle; }
    QString errorMessage() const { return m_error; }

private:
    sqlite3 *m_handle = nullptr;
    QString m_error;
};
