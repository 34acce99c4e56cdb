#pragma once

#include "domain/incidentcolumns.h"

#include <QByteArray>
#include <QByteArrayView>
#include <QString>
#include <functional>
#include <optional>
#include <vector>

class Database;
class Statement;
struct sqlite3;

// The fields of incident records that IncidentColumns does not hold (the dates as written,
// summary, tags, related, notes and the sources), read for many incidents in one pass: one
// scan of the incident table and one of the source table, both in rowid order and merged, so
// an export of a million records costs no lookup per record. The texts are kept as packed
// UTF-8, one length-prefixed field after another, in the order the incidents were asked for.
// When only a few incidents are wanted they are looked up instead (s_scanRatio).
class RecordTexts
{
public:
    struct Source
    {
        QByteArrayView url, title, publisher, date;
    };
    // One record's texts; the views point into the RecordTexts and live as long as it does.
    struct View
    {
        QByteArrayView start, end, disclosed, attributedOn, summary, tags, related, notes;
        QByteArrayView actor; // as the record has it (the loaded columns hold canonical names)
        std::vector<Source> sources;
    };
    // (rows scanned, rows); return false to cancel.
    using Progress = std::function<bool(qint64 done, qint64 total)>;

    // The texts of the incidents `order` names (indices into `columns`, which must have been
    // loaded from `db`; each at most once), kept in that order. nullopt when the document
    // cannot be read (*error says why) or when `progress` cancels (*error left empty).
    static std::optional<RecordTexts> read(const Database &db, const IncidentColumns &columns,
        const std::vector<IncidentColumns::Index> &order, const Progress &progress = {}, QString *error = nullptr);

    qsizetype size() const { return qsizetype(m_offset.size()); }
    // The texts of the k-th incident of `order` into `view` (its sources vector is reused);
    // false when the document no longer holds that incident.
    bool at(qsizetype k, View &view) const;

    // Fewer wanted incidents than one in s_scanRatio of the document are looked up one by one
    // (in rowid order) instead of scanning every row.
    static constexpr qint64 s_scanRatio = 16;

private:
    struct Reading;
    void keepRow(const Statement &row, qsizetype k);
    bool scan(sqlite3 *h, const IncidentColumns &columns, const std::vector<IncidentColumns::Index> &order,
        const Progress &progress, QString *error);
    bool lookUp(sqlite3 *h, const IncidentColumns &columns, const std::vector<IncidentColumns::Index> &order,
        const Progress &progress, QString *error);

    QByteArray m_bytes;
    std::vector<qint64> m_offset; // where each record starts in m_bytes, or -1
};
