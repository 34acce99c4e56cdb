// The column cache decoder on arbitrary bytes: the cache is read from documents anyone may send,
// so every count, length and offset must be checked before it is used; damaged bytes are refused
// with a reason, and what is accepted can be written and read again.
#include "fuzzsupport.h"
#include "store/columncache.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    const QByteArray bytes = FuzzSupport::bytes(data, size);
    QString whyNot;
    const std::optional<IncidentColumns> columns = ColumnCache::decode(QByteArrayView(bytes), &whyNot);
    if (!columns && whyNot.isEmpty())
        qFatal("fuzz: the column cache was refused without a reason");
    if (columns && !ColumnCache::decode(QByteArrayView(ColumnCache::encode(*columns)), &whyNot))
        qFatal("fuzz: accepted column cache bytes, once written again, are refused: %s", qPrintable(whyNot));
    return 0;
}
