#pragma once

#include "domain/incidentcolumns.h"

#include <QByteArray>
#include <QByteArrayView>
#include <QString>
#include <functional>
#include <memory>
#include <optional>
#include <vector>

class Database;
class Statement;
struct sqlite3;

// The fields of incident records that IncidentColumns does not hold (the dates as written,
// summary, tags, related, notes and the sources), read for many incidents in one pass: one
// scan of the incident table and one of the source table, both in rowid order and merged, so
// an export of a million records costs no lookup per record. The texts are kept as packed
// UTF-8, one length-prefixed field after another, in blocks of about s_blockBytes that never
// move once written (a record's fields are never split between blocks). When only a few
// incidents are wanted they are looked up instead (s_scanRatio). A large document is scanned
// by two threads, each over half of the rowids on a read-only connection of its own
// (s_parallelFrom); the texts are the same either way.
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
    // Progress is called on the calling thread only. A scan of a document of at least
    // `parallelFrom` rows runs on two threads when `db` is a file with no transaction open
    // (a second connection would not see what an open transaction has not committed); the
    // document's connection holds a read transaction meanwhile, so both halves see the same
    // committed state.
    static std::optional<RecordTexts> read(const Database &db, const IncidentColumns &columns,
        const std::vector<IncidentColumns::Index> &order, const Progress &progress = {}, QString *error = nullptr,
        qint64 parallelFrom = s_parallelFrom);

    // Turns one record's texts (with its index into the columns) into the bytes kept for it,
    // appended to `out`. It runs on the thread that read the record, while the record is still
    // in the processor's cache: an exporter formats there, on both scanning threads, instead
    // of walking hundreds of megabytes of texts again afterwards. The factory gives each
    // reading thread a shaper of its own.
    using Shaper = std::function<void(IncidentColumns::Index index, const View &view, QByteArray &out)>;
    using ShaperFactory = std::function<Shaper()>;
    // As read(), keeping for each incident only what the shaper makes of it (shapedAt).
    static std::optional<RecordTexts> readShaped(const Database &db, const IncidentColumns &columns,
        const std::vector<IncidentColumns::Index> &order, const ShaperFactory &shaper, const Progress &progress = {},
        QString *error = nullptr, qint64 parallelFrom = s_parallelFrom);

    qsizetype size() const { return qsizetype(m_record.size()); }
    // The texts of the k-th incident of `order` into `view` (its sources vector is reused);
    // false when the document no longer holds that incident.
    bool at(qsizetype k, View &view) const;
    // The bytes the shaper made for the k-th incident of readShaped's `order`; a null view when
    // the document no longer holds that incident.
    QByteArrayView shapedAt(qsizetype k) const;

    // Fewer wanted incidents than one in s_scanRatio of the document are looked up one by one
    // (in rowid order) instead of scanning every row.
    static constexpr qint64 s_scanRatio = 16;
    // Documents of this many rows or more are scanned by two threads.
    static constexpr qint64 s_parallelFrom = 50'000;
    // The size of one block of packed texts.
    static constexpr qsizetype s_blockBytes = 4 << 20;

private:
    struct Reading;
    struct Scan;
    // Packed records, appended one at a time into blocks that do not move.
    class Blocks
    {
    public:
        // Copies one record's packed fields (`head` then `body`) and returns where they now are.
        const char *keep(QByteArrayView head, QByteArrayView body = {});
        void append(Blocks &&other);

    private:
        struct Free
        {
            void operator()(char *block) const;
        };
        std::vector<std::unique_ptr<char[], Free>> m_blocks;
        qsizetype m_used = 0, m_capacity = 0; // of the last block
    };

    static std::optional<RecordTexts> readWith(const Database &db, const IncidentColumns &columns,
        const std::vector<IncidentColumns::Index> &order, const ShaperFactory *shaper, const Progress &progress,
        QString *error, qint64 parallelFrom);
    bool scanAll(const Database &db, const IncidentColumns &columns, const std::vector<IncidentColumns::Index> &order,
        const ShaperFactory *shaper, const Progress &progress, QString *error, bool twoThreads);
    bool lookUp(sqlite3 *h, const IncidentColumns &columns, const std::vector<IncidentColumns::Index> &order,
        const ShaperFactory *shaper, const Progress &progress, QString *error);
    // Where a record's packed fields (or, shaped, its one field of shaped bytes) are kept.
    static const char *keepRecord(Blocks &blocks, const QByteArray &fields, IncidentColumns::Index index,
        const Shaper &shape, View &view, QByteArray &shaped);
    static void decode(const char *cursor, View &view);

    Blocks m_blocks;
    std::vector<const char *> m_record; // where each record's fields start, or null
};
