// The article reader on arbitrary bytes (text, HTML, binary): it proposes a draft for any input,
// never crashes or hangs, and what it proposes stays inside the record's vocabularies and limits.
#include "domain/countries.h"
#include "draft/articlereader.h"
#include "fuzzsupport.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    FuzzSupport::ensureApplication();
    const ArticleDraft d = ArticleReader::readBytes(FuzzSupport::bytes(data, size));
    const Incident &r = d.incident;
    if (r.victims.isEmpty())
        qFatal("fuzz: a draft without victims");
    for (const QString &code : r.victims + r.attackers) {
        if (!Countries::instance().isKnownCode(code))
            qFatal("fuzz: a draft names the unknown country code %s", qPrintable(code));
    }
    if (r.summary.size() > 601 || r.title.size() > 300 || r.tags.size() > 8 || r.sources.size() != 1)
        qFatal("fuzz: a draft's summary, title, tags or sources exceed their limits");
    for (const DraftEvidence &e : d.evidence) {
        if (e.field.isEmpty() || e.value.isEmpty())
            qFatal("fuzz: evidence without a field or a value");
    }
    if (!r.start.isValid() && d.notes.isEmpty())
        qFatal("fuzz: no start and no note saying so");
    return 0;
}
