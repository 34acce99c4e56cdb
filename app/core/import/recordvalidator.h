#pragma once

#include "domain/incident.h"
#include "import/diagnostic.h"

#include <QHash>
#include <QString>
#include <QStringList>
#include <optional>

// The fields of one record as a file gave them, before validation: what the faultline JSON
// and CSV readers produce. Scalars are text by field name; list fields are lists.
struct RawRecord
{
    int line = 0;
    QHash<QString, QString>
        text; // id, title, start, end, attribution, actor, type, summary, disclosed, attributed_on, notes
    QHash<QString, QStringList> lists; // victims, attackers, sectors, tags, related
    QList<Source> sources;
};

// Validates a RawRecord into an Incident, adding one Diagnostic per problem (each names the
// record's line and the field). Any error rejects the record; nothing is guessed: unknown
// countries, types and sectors are errors that name the value and what was expected. Text
// is trimmed, countries are resolved to alpha-2 codes, and a record without an id gets one
// derived from its content (derivedId()).
class RecordValidator
{
public:
    RecordValidator(const QString &fileName, const QString &dataset);

    std::optional<Incident> read(const RawRecord &raw, Diagnostics &diagnostics) const;

    static constexpr qsizetype s_maxFieldLength = 1024 * 1024; // characters
    static QStringList fieldNames();
    // A stable id from content when a file gives none: "h-" + 16 hex digits.
    static QString derivedId(const QString &title, const QString &start, const QStringList &victims);

private:
    QString m_file;
    QString m_dataset;
};
