#include "import/foreignrecords.h"

#include <QCoreApplication>

namespace {
QString tr(const char *text)
{
    return QCoreApplication::translate("ForeignRecords", text);
}
} // namespace

ForeignRecords::ForeignRecords(
    const QString &fileName, const QString &dataset, const Sink &sink, Diagnostics &diagnostics)
    : m_fileName(fileName)
    , m_dataset(dataset)
    , m_validator(fileName, dataset)
    , m_sink(sink)
    , m_diagnostics(diagnostics)
{ }

void ForeignRecords::setFileName(const QString &fileName)
{
    m_fileName = fileName;
    m_validator = RecordValidator(fileName, m_dataset);
}

void ForeignRecords::add(Diagnostic d)
{
    if (m_added >= s_maxDiagnostics) {
        ++m_dropped;
        return;
    }
    ++m_added;
    m_diagnostics.append(std::move(d));
}

bool ForeignRecords::submit(RawRecord raw, const QHash<QString, QString> &paths, const QString &recordPath)
{
    QStringList &victims = raw.lists[QStringLiteral("victims")];
    victims.removeAll(QString());
    const bool unknown = victims.isEmpty();
    if (unknown)
        victims.append(QStringLiteral("XX"));
    Diagnostics found;
    std::optional<Incident> incident = m_validator.read(raw, found);
    for (Diagnostic &d : found) {
        d.field = paths.value(d.field, recordPath + u'.' + d.field);
        add(std::move(d));
    }
    if (!incident) {
        ++m_rejected;
        return true;
    }
    m_unknownCountry += unknown;
    return m_sink(std::move(*incident));
}

void ForeignRecords::reject(int line, const QString &path, const QString &reason, const QString &recordId)
{
    ++m_rejected;
    add({ m_fileName, line, path, reason, Diagnostic::Severity::Error, recordId });
}

void ForeignRecords::warning(int line, const QString &path, const QString &reason, const QString &recordId)
{
    add({ m_fileName, line, path, reason, Diagnostic::Severity::Warning, recordId });
}

bool ForeignRecords::fail(int line, const QString &reason)
{
    m_diagnostics.append({ m_fileName, line, {}, reason, Diagnostic::Severity::Error, {} });
    return false;
}

void ForeignRecords::finish()
{
    if (m_dropped > 0)
        m_diagnostics.append({ m_fileName, 0, {},
            QCoreApplication::translate("ForeignRecords", "%n more diagnostic(s) not shown", nullptr, m_dropped),
            Diagnostic::Severity::Warning, {} });
    m_dropped = 0;
}

QString ForeignRecords::typeName(const QJsonValue &v)
{
    switch (v.type()) {
    case QJsonValue::Null:
        return tr("null");
    case QJsonValue::Bool:
        return tr("a boolean");
    case QJsonValue::Double:
        return tr("a number");
    case QJsonValue::String:
        return tr("a string");
    case QJsonValue::Array:
        return tr("an array");
    case QJsonValue::Object:
        return tr("an object");
    case QJsonValue::Undefined:
        break;
    }
    return tr("nothing");
}

int ForeignRecords::lineOfOffset(QByteArrayView bytes, qsizetype offset)
{
    int line = 1;
    const qsizetype end = std::min(offset, bytes.size());
    for (qsizetype i = 0; i < end; ++i)
        line += bytes[i] == '\n';
    return line;
}
