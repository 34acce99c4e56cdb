#pragma once

#include <QList>
#include <QString>

// One problem found while reading a file. Errors reject the record (or the file, when
// `line` is 0 and the field is empty); warnings keep it. Rendered as
// "FILE:LINE: field: reason", without ":LINE" when the line is 0 and without "field: " when
// there is none, and with "warning: " before the reason of a warning.
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

using Diagnostics = QList<Diagnostic>;
