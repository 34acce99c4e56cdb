#pragma once

#include <QList>
#include <QString>
#include <QStringList>
#include <optional>

// A few lines of a text file around one line, for the import report's Show Line. Only the
// file's bytes up to the last line wanted are read (in chunks), and at most s_maxLineBytes of
// each line are kept, so a huge file or a huge line (minified JSON) costs little memory. The
// bytes are decoded as the CSV reader would (a BOM names UTF-8 or UTF-16, else UTF-8 when
// valid, else Windows-1252); CR, LF and CRLF each end one physical line, as the readers count
// them. The text is data: control and bidi characters are made visible, nothing is rendered.
struct LineExcerpt
{
    int firstLine = 0; // the number of lines.first()
    int line = 0; // the line asked for
    QStringList lines;
    QList<bool> cut; // per line: longer than the part kept

    // Lines `line - context` to `line + context` (those the file has) of the regular file at
    // `path`; nullopt with *error when it is not one, cannot be read or is shorter than `line`.
    static std::optional<LineExcerpt> read(const QString &path, int line, int context, QString *error = nullptr);
    // One numbered line per line ("  41 | text"), the line asked for marked with ">".
    QString toText() const;

    static constexpr qsizetype s_maxLineBytes = 2000;
};
