#pragma once

#include <QList>
#include <QString>

// One problem found while reading a file. Errors reject the record (or the file, when
// `line` is 0 and the field is empty); warnings keep it. Rendered as
// "FILE:LINE: field: reason", without ":LINE" when the line is 0 and without "field: " when
// there is none, and with "warning: " before the reason of a warning. For JSON the field is
// the record's JSON path ("incidents[12].start"), and the record's id ends the line:
// ` (record "id")`.
struct Diagnostic
{
    enum class Severity { Error, Warning };

    QString file;
    int line = 0; // 1-based physical line; 0 when unknown or the whole file
    QString field;
    QString reason;
    Severity severity = Severity::Error;
    QString recordId; // when known

    QString toString() const;
};

// The diagnostics of an import, bounded: the first s_cap are kept, the rest only counted
// (omitted()), so a file of millions of bad records costs no more memory than a thousand.
// Whole-file errors (line 0, no field) are always kept: they say why nothing was written.
class Diagnostics : public QList<Diagnostic>
{
public:
    static constexpr qsizetype s_cap = 1000;

    Diagnostics() = default;
    void append(const Diagnostic &diagnostic);
    Diagnostics &operator+=(const Diagnostics &other);
    Diagnostics operator+(const Diagnostics &other) const;
    qint64 omitted() const { return m_omitted; }
    // "… and N more diagnostics not shown", or empty when none was omitted.
    QString omittedLine() const;

private:
    qint64 m_omitted = 0;
};
