#pragma once

#include <QByteArray>
#include <QIODevice>
#include <QString>
#include <QStringList>
#include <functional>

// An RFC 4180 CSV reader over a QIODevice, UI-free and streaming. Quoted fields may hold
// delimiters, doubled quotes and line breaks; CRLF, LF and CR line ends are all accepted.
// Every row reports the physical line it starts on. Input must be UTF-8 (a BOM is
// skipped; UTF-16 with a BOM is decoded); invalid UTF-8 stops the read with an error that
// names the line. Limits guard against structural bombs.
class CsvReader
{
public:
    struct Row
    {
        int line = 0; // physical line the row starts on, 1-based
        QStringList fields;
    };

    explicit CsvReader(QIODevice *device);

    void setDelimiter(QChar delimiter) { m_delimiter = delimiter; }
    QChar delimiter() const { return m_delimiter; }
    // Picks the delimiter among , ; TAB | from the first line (counted outside quotes).
    static QChar detectDelimiter(QByteArrayView firstBytes);

    // Reads the next row; false at the end or on error (see errorMessage()).
    // `progress` receives bytes consumed so far; returning false from it cancels.
    bool readRow(Row &row);
    bool atEnd() const;
    bool hasError() const { return !m_error.isEmpty(); }
    QString errorMessage() const { return m_error; } // "LINE:COL: reason"
    int errorLine() const { return m_errorLine; }
    qint64 bytesRead() const { return m_consumed; }

    static constexpr int s_maxFields = 1000;
    static constexpr qsizetype s_maxFieldBytes = 4 * 1024 * 1024;

private:
    bool fill();
    void fail(int line, int column, const QString &reason);

    QIODevice *m_device;
    QChar m_delimiter = u',';
    QString m_buffer;
    qsizetype m_pos = 0;
    int m_line = 1;
    qint64 m_consumed = 0;
    bool m_eof = false;
    bool m_started = false;
    bool m_utf16 = false;
    QByteArray m_pending; // undecoded tail of a chunk
    QString m_error;
    int m_errorLine = 0;
};
