#pragma once

#include "store/sqliteconnection.h"

#include <QByteArray>
#include <QString>
#include <QStringEncoder>
#include <sqlite3.h>
#include <vector>

// A prepared SQLite statement, finalized on destruction. Internal to the store: the hot
// paths (bulk upsert, loading the columns) bind and read without QVariant round trips.
class Statement
{
public:
    Statement() = default;
    Statement(sqlite3 *db, const char *sql) { prepare(db, sql); }
    ~Statement() { sqlite3_finalize(m_stmt); }
    Statement(const Statement &) = delete;
    Statement &operator=(const Statement &) = delete;

    bool prepare(sqlite3 *db, const char *sql)
    {
        sqlite3_finalize(m_stmt);
        m_stmt = nullptr;
        m_db = db;
        return sqlite3_prepare_v3(db, sql, -1, SQLITE_PREPARE_PERSISTENT, &m_stmt, nullptr) == SQLITE_OK;
    }
    bool isValid() const { return m_stmt != nullptr; }
    sqlite3_stmt *get() const { return m_stmt; }

    void reset()
    {
        sqlite3_reset(m_stmt);
        sqlite3_clear_bindings(m_stmt);
    }
    // Text is bound as UTF-8 from a per-parameter buffer the statement keeps, so the hot
    // path neither allocates per row nor lets SQLite copy or translate.
    void bind(int i, QStringView text)
    {
        if (std::size_t(i) >= m_scratch.size())
            m_scratch.resize(std::size_t(i) + 1);
        QByteArray &buffer = m_scratch[std::size_t(i)];
        buffer.resize(text.size() * 3);
        QStringEncoder encoder(QStringEncoder::Utf8, QStringEncoder::Flag::Stateless);
        char *end = encoder.appendToBuffer(buffer.data(), text);
        buffer.truncate(end - buffer.constData());
        sqlite3_bind_text(m_stmt, i, buffer.constData(), int(buffer.size()), SQLITE_STATIC);
    }
    void bindOrNull(int i, const QString &text)
    {
        if (text.isNull())
            sqlite3_bind_null(m_stmt, i);
        else
            bind(i, text);
    }
    void bind(int i, qint64 value) { sqlite3_bind_int64(m_stmt, i, value); }
    void bind(int i, int value) { sqlite3_bind_int(m_stmt, i, value); }

    // SQLITE_ROW, SQLITE_DONE or an error code.
    int step() { return sqlite3_step(m_stmt); }
    bool exec() { return step() == SQLITE_DONE; }

    qint64 int64(int col) const { return sqlite3_column_int64(m_stmt, col); }
    int integer(int col) const { return sqlite3_column_int(m_stmt, col); }
    bool isNull(int col) const { return sqlite3_column_type(m_stmt, col) == SQLITE_NULL; }
    QString text(int col) const
    {
        const auto *data = reinterpret_cast<const char *>(sqlite3_column_text(m_stmt, col));
        return data ? QString::fromUtf8(data, sqlite3_column_bytes(m_stmt, col)) : QString();
    }
    QByteArrayView utf8(int col) const
    {
        const auto *data = reinterpret_cast<const char *>(sqlite3_column_text(m_stmt, col));
        return QByteArrayView(data, data ? sqlite3_column_bytes(m_stmt, col) : 0);
    }
    QString errorMessage() const { return SqliteConnection::describeError(m_db); }

private:
    sqlite3 *m_db = nullptr;
    sqlite3_stmt *m_stmt = nullptr;
    std::vector<QByteArray> m_scratch;
};
