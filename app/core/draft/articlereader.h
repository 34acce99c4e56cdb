#pragma once

#include "domain/incident.h"

#include <QByteArray>
#include <QList>
#include <QString>
#include <QStringList>

// The sentence a proposed field came from. `field` is a record field ("title", "start",
// "victims", "attackers", "attribution", "actor", "type", "sectors", "summary", "tags") or a
// source's part ("sources.publisher", "sources.title", "sources.date", "sources.url"); `value`
// is the proposed value in its file form ("2022-07-17", "AL", "government").
struct DraftEvidence
{
    QString field;
    QString value;
    QString sentence;

    friend bool operator==(const DraftEvidence &, const DraftEvidence &) = default;
};

// A draft record proposed from a news article, with the evidence for each field and notes on
// what the reader could not decide. Fields it found nothing for keep the Incident's defaults
// (type other, attribution none), victims hold "XX" when no country was found, and `start` is
// invalid when the text has no date at all. The id is left empty for whoever saves the record.
struct ArticleDraft
{
    Incident incident;
    QList<DraftEvidence> evidence; // in the order of the fields above
    QStringList notes;
    bool truncated = false; // the text was longer than the reader reads

    // The sentence of the first evidence for `field`, or an empty string.
    QString evidenceFor(QStringView field) const;
};

// Reads the text of a news article, as saved from a browser (plain text, or HTML, whose text is
// extracted without rendering or fetching anything), and proposes a draft record: the source
// (publisher, headline, publication date from bylines, datelines or the page's metadata), the
// incident's date (explicit, or relative to the publication date), victim and attacker
// countries, type, sectors, actor, attribution, a summary of the first sentences, and tags. The
// rules are the data files of data/draft/ (DraftRules). Only the story counts: navigation,
// other stories' headlines, tags and disclaimers around it are left out. Pure: no files, no
// network; the same text gives the same draft under any time zone or locale.
namespace ArticleReader {
// Characters read: longer input is cut there, and the draft's notes say so.
inline constexpr qsizetype maxInputChars = 2 * 1024 * 1024;
// Bytes readBytes() decodes; the rest is cut and noted.
inline constexpr qsizetype maxInputBytes = 8 * 1024 * 1024;

struct Options
{
    QStringList knownActors; // canonical names the caller's document uses; matched as well as data/actors.tsv
};

ArticleDraft read(QStringView text, const Options &options = {});
// Decodes UTF-8 (with or without a BOM) or UTF-16 with a BOM, then reads it.
ArticleDraft readBytes(const QByteArray &bytes, const Options &options = {});
} // namespace ArticleReader
