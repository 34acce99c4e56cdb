#include "draftcommand.h"

#include "cli.h"
#include "clishared.h"
#include "domain/countries.h"
#include "draft/articlereader.h"
#include "export/recordwriter.h"

#include <QCommandLineParser>
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
} // namespace

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
