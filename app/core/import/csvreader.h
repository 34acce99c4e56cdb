#pragma once

#include <QByteArray>
#include <QIODevice>
#include <QString>
#include <QStringList>
#include <functional>
#include <optional>

// An RFC 4180 CSV reader over a QIODevice, UI-free and streaming. Quoted fields may hold
// delimiters, doubled quotes and line breaks; CRLF, LF and CR line ends are all accepted.
// Every row reports the physical line it starts on. By default (Encoding::Detect) input must be
// UTF-8 (a UTF-8 BOM is skipped) or UTF-16 with its BOM (little- or big-endian); invalid UTF-8
// stops the read with an error that names the line. setEncoding() names the encoding instead
// (Windows-1252 and Latin-1 decode any bytes); detectEncoding() guesses it from the first bytes.
// A row of more than s_maxFields fields or a field of more than
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

    enum class Encoding { Detect, Utf8, Utf16LE, Utf16BE, Windows1252, Latin1 };

    explicit CsvReader(QIODevice *device);

    // Before the first readRow(). A byte order mark is skipped whatever the encoding says.
    void setEncoding(Encoding encoding) { m_encoding = encoding; }
    // The encoding read (known after the first readRow(); a BOM decides under Detect).
    Encoding encoding() const { return m_encoding; }
    // From the first bytes: a BOM names UTF-8 or UTF-16; otherwise UTF-8 when the bytes are
    // valid UTF-8 (an incomplete sequence at the very end is allowed), else Windows-1252.
    static Encoding detectEncoding(QByteArrayView firstBytes);
    // "utf-8", "utf-16le", "utf-16be", "windows-1252", "latin-1" (and common spellings), any case.
    static std::optional<Encoding> encodingFromName(QStringView name);
    static QString encodingName(Encoding encoding);
    // Decodes Windows-1252 bytes (0x80-0x9F are the typographic characters, not C1 controls).
    static QString fromWindows1252(QByteArrayView bytes);

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
    bool appendUtf8(QByteArray &bytes);
    bool appendUtf16(QByteArray &bytes);
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
    Encoding m_encoding = Encoding::Detect;
    QByteArray m_pending; // undecoded tail of a chunk
    QString m_error;
    int m_errorLine = 0;
};
