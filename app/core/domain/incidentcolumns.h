#pragma once

#include "domain/enums.h"

#include <QByteArray>
#include <QList>
#include <QString>
#include <QStringList>
#include <cstdint>
#include <vector>

class ActorNames;
struct Incident;

// Every incident of a document as parallel arrays (struct of arrays), the in-memory form
// the filters, the table and the timeline read. Index i is the same incident in every
// array; incidents are in ascending store rowid order. Strings that repeat (countries,
// actors, datasets) are interned into small tables; titles and ids are packed UTF-8.
// Built once per document load by IncidentStore::loadColumns(); immutable once shared, so it
// can be shared read-only between threads. A record saved in the window patches a copy
// (removeAt, insertRecord) instead of reading the document again.
struct IncidentColumns
{
    using Index = std::uint32_t;

    std::vector<qint64> rowid;
    std::vector<qint32> firstDay; // Julian day of the first day of the whole interval
    std::vector<qint32> lastDay; // Julian day of the last day, inclusive
    std::vector<std::uint8_t> precision; // Precision of start, as int
    std::vector<std::uint8_t> hasEnd; // 1 when the record has an end date
    std::vector<std::uint8_t> type; // IncidentType, as int
    std::vector<std::uint8_t> attribution; // Attribution, as int
    std::vector<SectorMask> sectors;
    std::vector<std::uint32_t> actor; // index into actors; 0 is ""
    std::vector<std::uint16_t> dataset; // index into datasets

    // Countries by role, CSR style: incident i's victims are
    // victimCodes[victimOffset[i] .. victimOffset[i + 1]), indexes into countries.
    std::vector<std::uint32_t> victimOffset;
    std::vector<std::uint16_t> victimCodes;
    std::vector<std::uint32_t> attackerOffset;
    std::vector<std::uint16_t> attackerCodes;

    QStringList countries; // alpha-2 codes
    QStringList actors; // actors[0] == ""
    QStringList datasets;

    QByteArray idText; // packed UTF-8; incident i's id is idText[idOffset[i] .. idOffset[i + 1])
    std::vector<std::uint32_t> idOffset;
    QByteArray titleText;
    std::vector<std::uint32_t> titleOffset;

    // Every index in date order: by firstDay, then by index. Built once by buildDateOrder()
    // so filters can hand out date-ordered results without sorting.
    std::vector<std::uint32_t> byDate;
    void buildDateOrder();

    // Replaces every actor name by its canonical form (ActorNames::canonicalField) and merges
    // the names that become equal, so "Fancy Bear" and "APT28" are one actor. Idempotent.
    void canonicaliseActors(const ActorNames &names);

    // Patching, for one record saved in the window (the caller works on its own copy). Each keeps
    // the arrays, the country and actor tables and the date order consistent in one pass over
    // the arrays, without rebuilding them; interned names that lose their last incident stay
    // in their tables (with no incident they count nothing).
    // A deep copy with room for one more incident in every array, so the insert that follows
    // moves each array once instead of copying it and then growing it again.
    IncidentColumns copyWithRoom() const;
    void removeAt(Index i);
    // Inserts `record`, stored at `storeRowid`, at its place in rowid order; returns its index.
    // Its actor is made canonical with `names`, as loading does.
    Index insertRecord(qint64 storeRowid, const Incident &record, const ActorNames &names);

    Index size() const { return Index(rowid.size()); }
    bool isEmpty() const { return rowid.empty(); }
    QString id(Index i) const { return QString::fromUtf8(textSpan(idText, idOffset, i)); }
    QString title(Index i) const { return QString::fromUtf8(textSpan(titleText, titleOffset, i)); }
    QByteArrayView titleUtf8(Index i) const { return textSpan(titleText, titleOffset, i); }
    QByteArrayView idUtf8(Index i) const { return textSpan(idText, idOffset, i); }
    IncidentType typeOf(Index i) const { return IncidentType(type[i]); }
    Precision precisionOf(Index i) const { return Precision(precision[i]); }

    // Index of the incident with this store rowid, or -1 (binary search; rowids ascend).
    qint64 indexOfRowid(qint64 storeRowid) const;
    // Index of the incident with this id, or -1 (linear; use sparingly).
    qint64 indexOfId(const QString &id) const;
    // Index into `countries` of an alpha-2 code, or -1.
    int countryIndex(const QString &alpha2) const { return int(countries.indexOf(alpha2)); }

    // Approximate heap bytes held, for the memory benchmark.
    std::size_t memoryBytes() const;

private:
    static QByteArrayView textSpan(const QByteArray &text, const std::vector<std::uint32_t> &offsets, Index i)
    {
        return QByteArrayView(text.constData() + offsets[i], qsizetype(offsets[i + 1] - offsets[i]));
    }
};
