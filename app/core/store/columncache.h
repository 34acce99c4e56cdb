#pragma once

#include "domain/incidentcolumns.h"

#include <QByteArray>
#include <QIODevice>
#include <QString>
#include <functional>
#include <optional>

// The in-memory columns as bytes, so a document can keep them (table column_cache) and the
// next open reads a few blobs instead of decoding every row. The bytes come from a file
// anyone may send, so decoding trusts nothing: every size, offset and index is checked,
// and anything inconsistent is refused (the caller then reads the rows instead).
namespace ColumnCache {
// Streams the encoding out in parts of at most `partBytes`, so writing it never holds a
// second copy of the columns; `part` returns false to stop (and encode() then does too).
bool encode(const IncidentColumns &columns, qsizetype partBytes, const std::function<bool(QByteArrayView)> &part);
QByteArray encode(const IncidentColumns &columns); // whole, for tests and small documents

// Reads `size` bytes from `device` straight into the arrays (no copy of the whole).
std::optional<IncidentColumns> decode(QIODevice *device, qint64 size, QString *whyNot = nullptr);
std::optional<IncidentColumns> decode(QByteArrayView bytes, QString *whyNot = nullptr);
} // namespace ColumnCache
