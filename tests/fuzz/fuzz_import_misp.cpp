// The MISP importer on arbitrary bytes: any nesting, type or size; it may reject, never crash,
// hang or write half an import (the document's record count only changes by what it reports).
#include "fuzzsupport.h"
#include "import/importer.h"
#include "store/incidentstore.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    FuzzSupport::ensureApplication();
    Database &db = FuzzSupport::document();
    const qint64 before = IncidentStore(db).count();
    Importer::Options options;
    options.format = Importer::Format::Misp;
    const Importer::Result result
        = Importer::importBytes(db, FuzzSupport::bytes(data, size), QStringLiteral("fuzz.json"), options);
    const qint64 after = IncidentStore(db).count();
    if (result.failed ? after != before : after != before + result.imported)
        qFatal("fuzz: the MISP import reported %s but the document went from %lld to %lld records",
            qPrintable(result.summary()), static_cast<long long>(before), static_cast<long long>(after));
    return 0;
}
