#pragma once

#include "domain/incidentcolumns.h"

#include <QByteArray>
#include <QFuture>
#include <QIODevice>
#include <QString>
#include <functional>
#include <memory>
#include <optional>

class Database;

// The document's column cache, all of it: the in-memory columns as bytes in the document's
// table column_cache, so the next open reads a few blobs instead of decoding every row.
//
// A cache belongs to one import generation (document_meta's "generation"): every import
// raises it and deletes the cache (invalidate()), and read() uses a cache only when it carries
// the current generation. A writer states the generation its columns were read at, and write()
// stores nothing if an import has happened since.
//
// The bytes come from a file anyone may send, so decoding trusts nothing: every count and
// length is checked against the bytes left before anything is allocated for it, every offset
// and index is checked against what it indexes, and anything inconsistent is refused (the
// caller then reads the rows instead).
class ColumnCache
{
public:
    // Bytes per row of column_cache, below the connection's length limit.
    static constexpr qsizetype s_partBytes = 16 * 1024 * 1024;

    // The document's import generation.
    static qint64 generation(const Database &db);
    // Raises the generation and deletes the stored cache. Call inside the transaction that
    // changes the incidents, so a rollback restores both.
    static bool invalidate(Database &db, QString *errorMessage = nullptr);
    // The stored cache when it carries the current generation and decodes soundly; otherwise
    // nullopt and *whyNot says why.
    static std::optional<IncidentColumns> read(const Database &db, QString *whyNot = nullptr);
    // Stores `columns`, read at `generation`, as the cache of the document at `path`, on a
    // connection of its own (callable from any thread). Stores nothing and returns false if
    // the document's generation is no longer `generation`.
    static bool write(
        const QString &path, const IncidentColumns &columns, qint64 generation, QString *errorMessage = nullptr);
    // write() on a thread of the global thread pool; the future gives its result.
    static QFuture<bool> writeInBackground(
        const QString &path, std::shared_ptr<const IncidentColumns> columns, qint64 generation);

    // The encoding, streamed out in parts of at most `partBytes` so writing it never holds a
    // second copy of the columns; `part` returns false to stop (and encode() then does too).
    static bool encode(
        const IncidentColumns &columns, qsizetype partBytes, const std::function<bool(QByteArrayView)> &part);
    static QByteArray encode(const IncidentColumns &columns); // whole, for tests and small documents
    // Reads `size` bytes from `device` straight into the arrays (no copy of the whole).
    static std::optional<IncidentColumns> decode(QIODevice *device, qint64 size, QString *whyNot = nullptr);
    static std::optional<IncidentColumns> decode(QByteArrayView bytes, QString *whyNot = nullptr);
};
