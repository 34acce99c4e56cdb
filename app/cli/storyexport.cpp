#include "storyexport.h"

#include "cli.h"
#include "clishared.h"
#include "store/incidentstore.h"
#include "story/storyhandout.h"
#include "story/storystore.h"

#include <QCommandLineParser>
#include <QFileInfo>
#include <QTextStream>

namespace Cli::StoryExport {
namespace {
    // Every option of `export` but --db, --out and --story: filters and figure options say
    // nothing about a handout, so they are refused rather than ignored.
    const QStringList s_refused
        = { QStringLiteral("from"), QStringLiteral("to"), QStringLiteral("country"), QStringLiteral("attacker"),
              QStringLiteral("type"), QStringLiteral("sector"), QStringLiteral("attribution"), QStringLiteral("actor"),
              QStringLiteral("search"), QStringLiteral("width"), QStringLiteral("height"), QStringLiteral("dpi"),
              QStringLiteral("title"), QStringLiteral("theme"), QStringLiteral("rows"), QStringLiteral("top") };

    bool check(const QCommandLineParser &p, QString *error)
    {
        if (p.value(QStringLiteral("story")).trimmed().isEmpty()) {
            *error = QStringLiteral("--story: a story name is required");
            return false;
        }
        for (const QString &option : s_refused) {
            if (p.isSet(option)) {
                *error
                    = QStringLiteral("--%1: not used with --story (a handout shows the story's own steps)").arg(option);
                return false;
            }
        }
        const QString path = p.value(QStringLiteral("out"));
        if (path.isEmpty()) {
            *error = QStringLiteral("export: --out FILE is required");
            return false;
        }
        const QString name = QFileInfo(path).fileName();
        if (!name.endsWith(QStringLiteral(".pdf"), Qt::CaseInsensitive) || name.size() <= 4) {
            *error = QStringLiteral("--out: \"%1\" does not end in .pdf (a story's handout is a PDF)").arg(name);
            return false;
        }
        return true;
    }
} // namespace

int run(const QCommandLineParser &parser)
{
    QString error;
    if (!check(parser, &error))
        return Shared::usageError(error);
    Database db;
    if (!Shared::openForReading(db, parser.value(QStringLiteral("db")), &error)) {
        Shared::printError(error);
        return Usage;
    }
    const QString name = parser.value(QStringLiteral("story")).trimmed();
    const QList<Story> stories = StoryStore(db).stories();
    QStringList names;
    for (const Story &story : stories) {
        names << story.name;
        if (story.name.compare(name, Qt::CaseInsensitive) != 0)
            continue;
        IncidentStore store(db);
        auto columns = std::make_shared<const IncidentColumns>(store.loadColumns());
        StoryHandout handout(story, columns, [&store](const QString &id) { return store.incident(id); });
        const QString path = parser.value(QStringLiteral("out"));
        const ExportResult result = handout.write(path);
        if (!result.ok) {
            Shared::printError(result.error);
            return Usage;
        }
        QTextStream(stdout) << QStringLiteral("wrote %1: %2 pages").arg(path).arg(handout.pageCount()) << "\n";
        return Success;
    }
    return Shared::usageError(names.isEmpty()
            ? QStringLiteral("--story: \"%1\": this document has no stories").arg(name)
            : QStringLiteral("--story: \"%1\" is not a story of this document (it has: %2)")
                  .arg(name, names.join(QStringLiteral("; "))));
}
} // namespace Cli::StoryExport
