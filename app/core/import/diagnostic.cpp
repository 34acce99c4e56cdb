#include "import/diagnostic.h"

#include <QCoreApplication>

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
    // A JSON path is only a position: the id says which record it is.
    if (!recordId.isEmpty() && field.contains(u'['))
        text += QStringLiteral(" (record \"%1\")").arg(recordId.left(200));
    return text;
}

void Diagnostics::append(const Diagnostic &diagnostic)
{
    const bool wholeFile
        = diagnostic.line == 0 && diagnostic.field.isEmpty() && diagnostic.severity == Diagnostic::Severity::Error;
    if (size() < s_cap || wholeFile)
        QList<Diagnostic>::append(diagnostic);
    else
        ++m_omitted;
}

Diagnostics &Diagnostics::operator+=(const Diagnostics &other)
{
    for (const Diagnostic &d : other)
        append(d);
    m_omitted += other.m_omitted;
    return *this;
}

Diagnostics Diagnostics::operator+(const Diagnostics &other) const
{
    Diagnostics sum = *this;
    sum += other;
    return sum;
}

QString Diagnostics::omittedLine() const
{
    if (m_omitted == 0)
        return {};
    return QCoreApplication::translate("Diagnostics", "… and %1 more diagnostic(s) not shown").arg(m_omitted);
}
