#include "draft/articlereader.h"

#include "draft/draftactors.h"
#include "draft/draftcontext.h"
#include "draft/draftdates.h"

#include <QStringDecoder>

namespace {
constexpr qsizetype s_maxTitle = 300;
constexpr qsizetype s_maxSummary = 600;
constexpr int s_summarySentences = 2;

// The text between "By " and the first separator of a byline ("By ANI | Updated: ...").
QString bylineName(const QString &line)
{
    if (!line.startsWith(QStringLiteral("By "), Qt::CaseInsensitive))
        return {};
    QString name = line.mid(3);
    for (const QStringView separator : { QStringView(u"|"), QStringView(u","), QStringView(u" - "), QStringView(u";"),
             QStringView(u"\u2022"), QStringView(u" \u2014 "), QStringView(u" \u2013 ") }) {
        const qsizetype at = name.indexOf(separator);
        if (at >= 0)
            name.truncate(at);
    }
    return name.trimmed();
}

QString publisherNamed(QStringView text, const DraftRules &rules)
{
    const DraftTokens tokens = DraftText::tokenize(text);
    const PhraseSet::Match m = rules.publishers.matchAt(tokens, 0);
    return m.phrase && m.end == tokens.size() ? m.phrase->value : QString();
}

// The publisher, and the line that names it.
std::pair<QString, QString> findPublisher(const ArticlePage &page, const DraftRules &rules)
{
    for (const QString &line : page.metaLines) {
        if (const QString name = publisherNamed(bylineName(line), rules); !name.isEmpty())
            return { name, line };
    }
    if (const qsizetype open = page.dateline.indexOf(u'('); open >= 0) {
        const qsizetype close = page.dateline.indexOf(u')', open);
        const QString credit = page.dateline.mid(open + 1, close < 0 ? -1 : close - open - 1).section(u'/', 0, 0);
        if (const QString name = publisherNamed(credit, rules); !name.isEmpty())
            return { name, page.dateline };
    }
    if (!page.html.siteName.isEmpty()) {
        const QString name = publisherNamed(page.html.siteName, rules);
        return { name.isEmpty() ? page.html.siteName.left(s_maxTitle) : name, page.html.siteName };
    }
    for (const QString &line : page.metaLines + page.tailLines) {
        if (const QString name = publisherNamed(line, rules); !name.isEmpty())
            return { name, line };
        const qsizetype from = line.indexOf(QStringLiteral("inputs from "), 0, Qt::CaseInsensitive);
        if (from >= 0) {
            const QString credit = line.mid(from + 12).remove(u')').trimmed();
            if (const QString name = publisherNamed(credit, rules); !name.isEmpty())
                return { name, line };
        }
    }
    return {};
}

// The publication date and the line that gives it.
std::pair<QDate, QString> findPublication(const ArticlePage &page, const DraftRules &rules)
{
    if (const QDate d = DraftDates::fromIsoDateTime(page.html.published); d.isValid())
        return { d, page.html.published };
    auto firstFullDate = [&](const QString &line) {
        for (const DraftDates::Found &f : DraftDates::explicitDates(DraftText::tokenize(line), line, rules, {})) {
            if (f.hasYear && f.date.precision() == Precision::Day)
                return f.date.firstDate();
        }
        return QDate();
    };
    QStringList candidates = page.metaLines;
    candidates.append(page.dateline);
    for (int i = 0; i < page.storyBegin && i < page.lines.size(); ++i)
        candidates.append(page.lines.at(i));
    for (const QString &line : std::as_const(candidates)) {
        if (const QDate d = firstFullDate(line); d.isValid())
            return { d, line };
    }
    return {};
}

QString titleFromPage(const ArticlePage &page)
{
    QString title = page.headlineText;
    if (title.isEmpty() || title == page.html.title) {
        // "Headline | Site" or "Headline - Site" from <title>.
        for (const QStringView separator : { QStringView(u" | "), QStringView(u" - "), QStringView(u" \u2013 ") }) {
            const qsizetype at = title.lastIndexOf(separator);
            if (at > 0)
                title.truncate(at);
        }
    }
    return title.simplified().left(s_maxTitle);
}

QString cutAtWord(const QString &text, qsizetype max)
{
    if (text.size() <= max)
        return text;
    qsizetype at = text.lastIndexOf(u' ', max - 1);
    if (at < max / 2)
        at = max - 1;
    return text.left(at) + QChar(0x2026);
}

bool isWebUrl(const QString &url)
{
    return url.startsWith(QStringLiteral("https://"), Qt::CaseInsensitive)
        || url.startsWith(QStringLiteral("http://"), Qt::CaseInsensitive);
}
} // namespace

DraftTokens DraftContext::storyTokens(const ArticleSentence &s)
{
    if (s.datelineEnd <= 0)
        return s.tokens;
    DraftTokens rest;
    for (const DraftToken &t : s.tokens) {
        if (t.start >= s.datelineEnd)
            rest.append(t);
    }
    return rest;
}

int DraftContext::weight(const ArticleSentence &s)
{
    if (s.role == ArticleSentence::Role::Headline)
        return 3;
    return s.bodyIndex < 2 ? 2 : 1;
}

void DraftSteps::source(DraftContext &c)
{
    Source source;
    source.title = titleFromPage(c.page);
    c.draft.incident.title = source.title;
    if (!source.title.isEmpty()) {
        c.addEvidence(QStringLiteral("title"), source.title, c.page.headlineText);
        c.addEvidence(QStringLiteral("sources.title"), source.title, c.page.headlineText);
    } else {
        c.draft.notes.append(QStringLiteral("No headline found; write a title."));
    }
    const auto [publisher, publisherLine] = findPublisher(c.page, c.rules);
    source.publisher = publisher;
    if (publisher.isEmpty())
        c.draft.notes.append(QStringLiteral("No publisher found; name the source's publisher."));
    else
        c.addEvidence(QStringLiteral("sources.publisher"), publisher, publisherLine);
    const auto [published, dateLine] = findPublication(c.page, c.rules);
    c.publication = published;
    if (published.isValid()) {
        source.date = published.toString(Qt::ISODate);
        c.addEvidence(QStringLiteral("sources.date"), source.date, dateLine);
    } else {
        c.draft.notes.append(
            QStringLiteral("No publication date found, so dates such as \"on Sunday\" could not be resolved."));
    }
    if (isWebUrl(c.page.html.url)) {
        source.url = c.page.html.url;
        c.addEvidence(QStringLiteral("sources.url"), source.url, source.url);
    }
    c.draft.incident.sources.append(source);
}

void DraftSteps::summary(DraftContext &c)
{
    QStringList parts;
    QStringList used;
    for (const ArticleSentence &s : c.page.sentences) {
        if (s.role != ArticleSentence::Role::Body || parts.size() >= s_summarySentences)
            continue;
        parts.append(s.text.mid(s.datelineEnd).trimmed());
        used.append(s.text);
    }
    if (parts.isEmpty()) {
        c.draft.notes.append(QStringLiteral("No story text found; write a summary."));
        return;
    }
    c.draft.incident.summary = cutAtWord(parts.join(u' '), s_maxSummary);
    c.addEvidence(QStringLiteral("summary"), c.draft.incident.summary, used.join(u' '));
    c.draft.notes.append(QStringLiteral("The summary quotes the article; put it in your own words."));
}

QString ArticleDraft::evidenceFor(QStringView field) const
{
    for (const DraftEvidence &e : evidence) {
        if (e.field == field)
            return e.sentence;
    }
    return {};
}

ArticleDraft ArticleReader::read(QStringView text, const Options &options)
{
    ArticleDraft draft;
    if (text.size() > maxInputChars) {
        text = text.left(maxInputChars);
        draft.truncated = true;
        draft.notes.append(QStringLiteral("Only the first %1 characters of the text were read.").arg(maxInputChars));
    }
    const DraftRules &rules = DraftRules::instance();
    const ArticlePage page = ArticlePage::read(text, rules);
    const DraftActors actors(options.knownActors);
    DraftContext c { rules, page, actors, draft, {}, {}, {} };
    if (page.sentences.size() - (page.headlineText.isEmpty() ? 0 : 1) >= ArticlePage::maxSentences)
        draft.notes.append(
            QStringLiteral("Only the first %1 sentences of the story were read.").arg(ArticlePage::maxSentences));
    DraftSteps::source(c);
    DraftSteps::start(c);
    DraftSteps::actor(c);
    DraftSteps::countries(c);
    DraftSteps::classification(c);
    DraftSteps::attribution(c);
    DraftSteps::summary(c);
    return draft;
}

ArticleDraft ArticleReader::readBytes(const QByteArray &bytes, const Options &options)
{
    const bool cut = bytes.size() > maxInputBytes;
    const QByteArray head = bytes.left(maxInputBytes);
    const auto encoding = QStringConverter::encodingForData(head);
    QStringDecoder decoder(encoding.value_or(QStringConverter::Utf8));
    const QString text = decoder.decode(head);
    ArticleDraft draft = read(text, options);
    if (cut) {
        draft.truncated = true;
        draft.notes.append(QStringLiteral("Only the first %1 bytes of the file were read.").arg(maxInputBytes));
    }
    return draft;
}
