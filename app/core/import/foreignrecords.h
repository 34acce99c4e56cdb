#pragma once

#include "import/diagnostic.h"
#include "import/recordvalidator.h"

#include <QHash>
#include <QJsonValue>
#include <QString>
#include <functional>

// What the STIX, MISP and VERIS readers share: validation of each RawRecord they build,
// diagnostics that name the JSON path of the value a field came from (so "start" in a
// rejected STIX campaign reads "objects[3].first_seen"), a cap on how many diagnostics one
// file may add, and the counts the import report gives (rejected records, records whose
// victim country is unknown).
class ForeignRecords
{
public:
    using Sink = std::function<bool(Incident &&)>; // false cancels

    ForeignRecords(const QString &fileName, const QString &dataset, const Sink &sink, Diagnostics &diagnostics);

    // Validates `raw` and hands the incident to the sink. `paths` maps a Faultline field to
    // the JSON path it was read from; a field without one is named `recordPath.field`.
    // A record without victims is given the unknown country XX and counted. Returns false
    // only when the sink cancels.
    bool submit(RawRecord raw, const QHash<QString, QString> &paths, const QString &recordPath);
    // A record rejected by the reader itself (before validation).
    void reject(int line, const QString &path, const QString &reason, const QString &recordId = {});
    void warning(int line, const QString &path, const QString &reason, const QString &recordId = {});
    // A whole-file problem; always false.
    bool fail(int line, const QString &reason);
    // Progress through the file (bytes done); false when the user cancelled, and the reader
    // then stops and returns false.
    void setProgress(const std::function<bool(qint64)> &progress) { m_progress = progress; }
    bool progress(qint64 done) const { return !m_progress || m_progress(done); }
    // Adds the "N more diagnostics" line when some were left out.
    void finish();

    const QString &fileName() const { return m_fileName; }
    // Diagnostics and provenance from here on name `fileName` (a reader of several files).
    void setFileName(const QString &fileName);
    int rejected() const { return m_rejected; }
    int unknownCountry() const { return m_unknownCountry; }

    static constexpr int s_maxDiagnostics = 200; // per file
    static QString typeName(const QJsonValue &v); // "a string", "an array", ...
    static int lineOfOffset(QByteArrayView bytes, qsizetype offset);

private:
    void add(Diagnostic d);

    QString m_fileName;
    QString m_dataset;
    RecordValidator m_validator;
    const Sink &m_sink;
    Diagnostics &m_diagnostics;
    std::function<bool(qint64)> m_progress;
    int m_added = 0;
    int m_dropped = 0;
    int m_rejected = 0;
    int m_unknownCountry = 0;
};
