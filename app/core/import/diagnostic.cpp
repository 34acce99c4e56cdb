#include "import/diagnostic.h"

QString Diagnostic::toString() const
{
    QString text = file;
    if (line > 0)
        text += u':' + QString::number(line);
    text += QStringLiteral(": ");
    if (!field.isEmpty())
        text += field + QStringLiteral(": ");
    if (severity == Severity::Warning)
        text += QStringLiteral("warning: ");
    text += reason;
    return text;
}
