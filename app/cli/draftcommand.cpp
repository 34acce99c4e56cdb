#include "draftcommand.h"

#include "cli.h"
#include "clishared.h"
#include "domain/countries.h"
#include "draft/articlereader.h"
#include "export/recordwriter.h"
#include "import/importer.h"
#include "import/recordform.h"
#include "store/database.h"
#include "store/statement.h"
#include "store/userrecords.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <cstdio>

namespace Cli::DraftCommand {
namespace {
    // The bytes of FILE, or of standard input for "-", up to the reader's limit (one byte more
    // tells that there was more).
    bool readInput(const QString &path, QByteArray &bytes, QString *error)
    {
        QFile file;
        const qint64 limit = ArticleReader::maxInputBytes + 1;
        if (path == u"-") {
            if (!file.open(stdin, QIODevice::ReadOnly)) {
                *error = QStringLiteral("standard input: %1").arg(file.errorString());
                return false;
            }
        } else {
            const QFileInfo info(path);
            if (!info.exists()) {
                *error = QStringLiteral("%1: no such file").arg(path);
                return false;
            }
            if (!info.isFile()) {
                *error = QStringLiteral("%1: not a regular file").arg(path);
                return false;
            }
            file.setFileName(path);
            if (!file.open(QIODevice::ReadOnly)) {
                *error = QStringLiteral("%1: %2").arg(path, file.errorString());
                return false;
            }
        }
        bytes = file.read(limit);
        return true;
    }

    void writeLine(const QString &line)
    {
        const QByteArray bytes = (line + u'\n').toUtf8();
        std::fwrite(bytes.constData(), 1, std::size_t(bytes.size()), stdout);
        std::fflush(stdout);
    }

    QJsonObject evidenceObject(const ArticleDraft &draft)
    {
        QJsonObject evidence;
        for (const DraftEvidence &e : draft.evidence) {
            if (!evidence.contains(e.field))
                evidence.insert(e.field, e.sentence);
        }
        return evidence;
    }

    QByteArray asJson(const ArticleDraft &draft)
    {
        QJsonObject record = RecordWriter::toJson(draft.incident);
        record.insert(u"evidence", evidenceObject(draft));
        record.insert(u"draft_notes", QJsonArray::fromStringList(draft.notes));
        return QJsonDocument(record).toJson(QJsonDocument::Indented);
    }

    QString countryList(const QStringList &codes)
    {
        QStringList named;
        for (const QString &code : codes)
            named.append(QStringLiteral("%1 (%2)").arg(Countries::instance().name(code), code));
        return named.isEmpty() ? QStringLiteral("-") : named.join(QStringLiteral(", "));
    }

    // The article's words as they go to the terminal: control and format characters, which would
    // move its cursor or change its colours, become U+FFFD.
    QString forTerminal(QString text)
    {
        for (QChar &c : text) {
            if (c.category() == QChar::Other_Control || c.category() == QChar::Other_Format)
                c = QChar(0xFFFD);
        }
        return text;
    }

    QByteArray asText(const ArticleDraft &draft)
    {
        const Incident &r = draft.incident;
        const Source source = r.sources.value(0);
        QString text;
        auto line = [&](const char *label, const QString &value, const char *field) {
            text += QStringLiteral("%1 %2\n").arg(QString::fromLatin1(label).leftJustified(12), forTerminal(value));
            const QString from = draft.evidenceFor(QString::fromLatin1(field));
            if (!from.isEmpty())
                text += QStringLiteral("             from: %1\n").arg(forTerminal(from));
        };
        line("title", r.title, "title");
        line("start", r.start.isValid() ? r.start.toString() : QStringLiteral("-"), "start");
        if (r.disclosed.isValid())
            line("disclosed", r.disclosed.toString(), "disclosed");
        line("victims", countryList(r.victims), "victims");
        line("attackers", countryList(r.attackers), "attackers");
        line("attribution", Vocabulary::attributionKey(r.attribution), "attribution");
        line("actor", r.actor.isEmpty() ? QStringLiteral("-") : r.actor, "actor");
        line("type", Vocabulary::typeKey(r.type), "type");
        line("sectors", Vocabulary::sectorKeys(r.sectors).join(QStringLiteral(", ")), "sectors");
        line("publisher", source.publisher, "sources.publisher");
        line("published", source.date, "sources.date");
        if (!source.url.isEmpty())
            line("url", source.url, "sources.url");
        line("tags", r.tags.join(QStringLiteral(", ")), "tags");
        text += QStringLiteral("summary      %1\n").arg(forTerminal(r.summary));
        for (const QString &note : draft.notes)
            text += QStringLiteral("note         %1\n").arg(note);
        return text.toUtf8();
    }

    // The actors the document names, for the reader to match as the window's draft does.
    QStringList documentActors(Database &db)
    {
        QStringList actors;
        Statement st(db.handle(), "SELECT DISTINCT actor FROM incident WHERE actor <> ''");
        while (st.step() == SQLITE_ROW)
            actors << st.text(0);
        return actors;
    }

    // `import --draft` names one article and takes none of the other import options.
    int checkImportArguments(const QCommandLineParser &parser, const QStringList &files)
    {
        const QStringList articles = parser.values(QStringLiteral("draft"));
        if (articles.size() > 1)
            return Shared::usageError(
                QStringLiteral("import: --draft takes one article; it was given %1 times").arg(articles.size()));
        if (!files.isEmpty())
            return Shared::usageError(
                QStringLiteral("import: --draft saves one article; it cannot go with other files (\"%1\")")
                    .arg(files.first()));
        for (const char *other : { "map", "format", "strict", "bundled" }) {
            if (parser.isSet(QString::fromLatin1(other)))
                return Shared::usageError(
                    QStringLiteral("import: --draft cannot go with --%1").arg(QString::fromLatin1(other)));
        }
        return Success;
    }

    // What the document holds now, in the import's words.
    QString documentLine(Database &db, bool written)
    {
        Importer::Result held;
        held.failed = !written;
        held.documentRecords = db.scalar(QStringLiteral("SELECT count(*) FROM incident")).toLongLong();
        return held.documentLine();
    }
} // namespace

int importDraft(const QCommandLineParser &parser, const QStringList &files)
{
    if (const int refused = checkImportArguments(parser, files))
        return refused;
    const QString article = parser.value(QStringLiteral("draft"));
    const QString name = article == u"-" ? QStringLiteral("standard input") : article;
    QByteArray bytes;
    QString error;
    if (!readInput(article, bytes, &error)) {
        Shared::printError(QStringLiteral("import: ") + error);
        return Usage;
    }
    Database db;
    if (!Shared::openForWriting(db, parser.value(QStringLiteral("db")), &error)) {
        Shared::printError(error);
        return Usage;
    }
    if (db.isReadOnly()) {
        Shared::printError(
            QCoreApplication::translate("Importer", "%1: the document is read-only; nothing imported").arg(db.path()));
        return Usage;
    }
    ArticleReader::Options options;
    options.knownActors = documentActors(db);
    const ArticleDraft draft = ArticleReader::readBytes(bytes, options);
    // The editor's form and checks: what Save would accept in the window.
    const RecordForm::Checked checked = RecordForm::fromDraft(draft.incident).check();
    if (!checked.record) {
        QString lines;
        for (auto it = checked.errors.cbegin(); it != checked.errors.cend(); ++it) {
            for (const QString &message : it.value().split(u'\n'))
                lines += QStringLiteral("%1: %2: %3\n").arg(name, it.key(), forTerminal(message));
        }
        lines += QStringLiteral("faultline: %1: the draft was not saved; complete it in the window (Edit > New "
                                "Incident from Article)\n")
                     .arg(name);
        std::fputs(lines.toUtf8().constData(), stderr);
        std::fflush(stderr);
        writeLine(documentLine(db, false));
        return Rejected;
    }
    UserRecords records(db);
    const UserRecords::State created = records.created(*checked.record);
    if (!records.apply(created, nullptr, &error)) {
        Shared::printError(QStringLiteral("%1: %2").arg(db.path(), error));
        writeLine(documentLine(db, false));
        return Usage;
    }
    const Incident &r = *created.live;
    for (const QString &note : draft.notes)
        std::fputs(QStringLiteral("%1: note: %2\n").arg(name, note).toUtf8().constData(), stderr);
    std::fflush(stderr);
    writeLine(
        QStringLiteral("imported %1 into %2: %3, %4, %5")
            .arg(r.id, UserRecords::datasetName(), r.start.toString(), r.victims.join(u','), forTerminal(r.title)));
    writeLine(documentLine(db, true));
    return Success;
}

int run(const QCommandLineParser &parser, const QStringList &arguments)
{
    if (arguments.isEmpty())
        return Shared::usageError(QStringLiteral("draft: name a FILE, or - for standard input"));
    if (arguments.size() > 1)
        return Shared::usageError(QStringLiteral("draft: unexpected argument \"%1\"").arg(arguments.at(1)));
    QByteArray bytes;
    QString error;
    if (!readInput(arguments.first(), bytes, &error)) {
        Shared::printError(QStringLiteral("draft: ") + error);
        return Usage;
    }
    const ArticleDraft draft = ArticleReader::readBytes(bytes);
    const QByteArray out = parser.isSet(QStringLiteral("json")) ? asJson(draft) : asText(draft);
    std::fwrite(out.constData(), 1, std::size_t(out.size()), stdout);
    std::fflush(stdout);
    return Success;
}
} // namespace Cli::DraftCommand
