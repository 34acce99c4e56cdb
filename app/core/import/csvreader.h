#pragma once

#include <QByteArray>
#include <QIODevice>
#include <QString>
#include <QStringList>
#include <functional>

// An RFC 4180 CSV reader over a QIODevice, UI-free and streaming. Quoted fields may hold
// delimiters, doubled quotes and line breaks; CRLF, LF and CR line ends are all accepted.
// Every row reports the physical line it starts on. Input must be UTF-8 (a UTF-8 BOM is
// skipped) or UTF-16 little-endian with its BOM; invalid UTF-8 stops the read with an error
// that names the line. A row of more than s_maxFields fields or a field of more than
// s_maxFieldChars characters stops the read with an error, so a hostile file cannot make
// the reader hold an unbounded row.
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
    // Picks the delimiter among , ; TAB | from the first line (counted outside quotes).
    static QChar detectDelimiter(QByteArrayView firstBytes);

    // Reads the next row; false at the end or on error (see hasError() and errorMessage()).
    // Blank lines between rows are skipped. bytesRead() tells how far the read has come.
    bool readRow(Row &row);
    bool hasError() const { return !m_error.isEmpty(); }
    QString errorMessage() const { return m_error; } // "LINE:COL: reason" (COL 0 when unknown)
    int errorLine() const { return m_errorLine; }
    qint64 bytesRead() const { return m_consumed; }

    static constexpr int s_maxFields = 1000;
    static constexpr qsizetype s_maxFieldChars = 4 * 1024 * 1024; // UTF-16 code units

private:
    // The field being read and where the reader is in it.
    struct FieldState
    {
        QString field;
        bool quoted = false; // inside a quoted field
        bool wasQuoted = false; // the field began with a quote
        int quoteLine = 0;
        int quoteColumn = 0;
        int column = 1;
    };
    enum class Step { More, RowEnds, Failed };

    bool fill();
    bool fillChunk();
    bool skipToRow(); // false at the end
    bool finishAtEnd(Row &row, FieldState &state);
    bool fieldTooLong(const Row &row, const FieldState &state); // fails the read when it is
    bool takeRun(FieldState &state); // false when no run starts here
    bool takeQuotedRun(FieldState &state);
    bool takePlainRun(FieldState &state);
    Step takeCharacter(Row &row, FieldState &state);
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
