// The actor table reader on arbitrary bytes: any line length, encoding or duplicate; it may
// skip lines, never crash, hang, keep more than its caps or report more than its diagnostics cap.
#include "domain/actornames.h"
#include "fuzzsupport.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    FuzzSupport::ensureApplication();
    QStringList diagnostics;
    const QByteArray bytes = FuzzSupport::bytes(data, size);
    const ActorNames names = ActorNames::parse(bytes, QStringLiteral("fuzz.tsv"), &diagnostics);
    if (diagnostics.size() > ActorNames::MaxDiagnostics || names.actorCount() > ActorNames::MaxLines)
        qFatal("fuzz: %d actors and %lld diagnostics exceed the caps", names.actorCount(),
            static_cast<long long>(diagnostics.size()));
    for (const QString &d : diagnostics) {
        if (!d.startsWith(QStringLiteral("fuzz.tsv:")))
            qFatal("fuzz: a diagnostic names no file and line: %s", qPrintable(d));
    }
    // Every name the table gives back resolves to the actor it came from.
    for (const QByteArray &line : bytes.split('\n').mid(0, 50)) {
        const QString first = QString::fromUtf8(line.split('\t').first()).trimmed();
        if (names.isKnown(first) && names.canonical(names.canonical(first)) != names.canonical(first))
            qFatal("fuzz: canonical names are not stable for %s", qPrintable(first));
    }
    return 0;
}
