#include "draft/articlepage.h"

#include "draft/draftrules.h"

#include <QSet>
#include <algorithm>

namespace {
constexpr int s_proseWords = 6; // a line this long that ends a sentence is prose
constexpr int s_longLineWords = 20; // a line this long is prose whatever its end
constexpr int s_shortLineWords = 12; // skip markers apply to lines up to this long
constexpr int s_endContainsWords = 5; // end markers anywhere in lines up to this long
constexpr int s_titleMinWords = 3;
constexpr int s_titleMaxWords = 30;
constexpr int s_metaLinesAround = 4;

bool endsSentence(QStringView line)
{
    QStringView s = line.trimmed();
    while (!s.isEmpty() && QStringView(u"\"'\u201D\u2019)]").contains(s.back()))
        s.chop(1);
    return !s.isEmpty() && QStringView(u".!?\u2026:").contains(s.back());
}

bool isTitleLike(QStringView line, const DraftTokens &tokens, const DraftRules &rules)
{
    const int words = ArticleLines::wordCount(line);
    const bool shortWithNumber
        = words <= 6 && std::any_of(line.begin(), line.end(), [](QChar c) { return c.isDigit(); });
    return !shortWithNumber && words >= s_titleMinWords && words <= s_titleMaxWords && !line.trimmed().endsWith(u'.')
        && !ArticleLines::isSkip(tokens, rules) && !ArticleLines::isEnd(tokens, rules)
        && !ArticleLines::isByline(tokens, rules);
}

// The headline: the title-like line nearest above the first prose line, preferring one that a
// byline follows.
int findHeadline(const QStringList &lines, const QList<DraftTokens> &tokens, int firstProse, const DraftRules &rules)
{
    int nearest = -1;
    for (int i = firstProse - 1; i >= 0 && i >= firstProse - 12; --i) {
        if (!isTitleLike(lines.at(i), tokens.at(i), rules))
            continue;
        if (nearest < 0)
            nearest = i;
        for (int j = i + 1; j < firstProse; ++j) {
            if (ArticleLines::isSkip(tokens.at(j), rules))
                continue;
            if (ArticleLines::isByline(tokens.at(j), rules))
                return i;
            break;
        }
    }
    return nearest;
}

QString withoutDuplicateSpace(QStringView text)
{
    return text.toString().simplified();
}
} // namespace

int ArticleLines::wordCount(QStringView line)
{
    int count = 0;
    bool inWord = false;
    for (const QChar c : line) {
        const bool space = c.isSpace();
        if (!space && !inWord)
            ++count;
        inWord = !space;
    }
    return count;
}

bool ArticleLines::isProse(QStringView line)
{
    const int words = wordCount(line);
    return words >= s_longLineWords || (words >= s_proseWords && endsSentence(line));
}

bool ArticleLines::isSkip(const DraftTokens &tokens, const DraftRules &rules)
{
    return tokens.size() <= s_shortLineWords && rules.noiseSkip.matchAt(tokens, 0).phrase;
}

bool ArticleLines::isEnd(const DraftTokens &tokens, const DraftRules &rules)
{
    if (rules.noiseEnd.matchAt(tokens, 0).phrase)
        return true;
    return tokens.size() <= s_endContainsWords && rules.noiseEnd.containsIn(tokens);
}

bool ArticleLines::isByline(const DraftTokens &tokens, const DraftRules &rules)
{
    if (tokens.isEmpty() || tokens.size() > 25)
        return false;
    if (tokens.first().word == u"by" && tokens.size() >= 2 && tokens.at(1).isCapitalised())
        return true;
    return rules.bylineWords.containsIn(tokens);
}

QStringList ArticleLines::sentences(QStringView paragraph, const DraftRules &rules)
{
    QStringList out;
    qsizetype start = 0;
    const qsizetype n = paragraph.size();
    for (qsizetype i = 0; i < n; ++i) {
        const QChar c = paragraph[i];
        if (c != u'.' && c != u'!' && c != u'?')
            continue;
        qsizetype j = i + 1;
        while (j < n && QStringView(u"\"'\u201D\u2019)]").contains(paragraph[j]))
            ++j;
        if (j >= n || !paragraph[j].isSpace())
            continue;
        qsizetype k = j;
        while (k < n && paragraph[k].isSpace())
            ++k;
        if (k < n
            && !(paragraph[k].isUpper() || paragraph[k].isDigit()
                || QStringView(u"\"'\u201C\u2018(").contains(paragraph[k])))
            continue;
        if (c == u'.') {
            qsizetype w = i;
            while (w > start && paragraph[w - 1].isLetterOrNumber())
                --w;
            const QStringView word = paragraph.mid(w, i - w);
            if (word.size() == 1 && word[0].isUpper())
                continue; // an initial, or part of "U.S."
            if (!word.isEmpty() && rules.abbreviations.containsPhrase(word) && word.front().isUpper())
                continue;
        }
        out.append(withoutDuplicateSpace(paragraph.mid(start, j - start)));
        start = k;
        i = k - 1;
    }
    if (start < n) {
        const QString rest = withoutDuplicateSpace(paragraph.mid(start));
        if (!rest.isEmpty())
            out.append(rest);
    }
    return out;
}

qsizetype ArticleLines::datelineLength(QStringView paragraph)
{
    const QStringView head = paragraph.left(160);
    qsizetype best = -1;
    qsizetype after = 0;
    for (const QStringView separator :
        { QStringView(u" - "), QStringView(u" \u2014 "), QStringView(u" \u2013 "), QStringView(u" -- "),
            QStringView(u"):"), QStringView(u") :"), QStringView(u"\u2014 "), QStringView(u" \u2014") }) {
        const qsizetype at = head.indexOf(separator);
        if (at > 0 && (best < 0 || at < best)) {
            best = at;
            after = at + separator.size();
        }
    }
    if (best < 0)
        return 0;
    const QStringView prefix = head.left(best + 1);
    if (ArticleLines::wordCount(prefix) > 12)
        return 0;
    const DraftTokens tokens = DraftText::tokenize(prefix);
    if (tokens.isEmpty() || !tokens.first().isCapitalised())
        return 0;
    const QString &first = tokens.first().original;
    const bool capitals = first.size() >= 2 && first == first.toUpper() && !tokens.first().isNumber();
    if (!capitals && !prefix.contains(u'('))
        return 0;
    while (after < paragraph.size() && paragraph[after].isSpace())
        ++after;
    return after;
}

namespace {
// The page's text cut into non-empty lines with their spaces simplified; HTML gives its text.
void readLines(ArticlePage &page, QStringView input)
{
    QString text;
    if (HtmlText::looksLikeHtml(input)) {
        page.isHtml = true;
        page.html = HtmlText::extract(input);
        text = page.html.text;
    } else {
        text = input.toString();
    }
    text.replace(QStringLiteral("\r\n"), QStringLiteral("\n")).replace(u'\r', u'\n');
    for (const QString &raw : text.split(u'\n')) {
        const QString line = raw.simplified();
        if (!line.isEmpty())
            page.lines.append(line);
        if (page.lines.size() >= ArticlePage::maxLines)
            break;
    }
}

bool isStoryLine(const QString &line, const DraftTokens &tokens, const DraftRules &rules)
{
    return ArticleLines::isProse(line) && !ArticleLines::isSkip(tokens, rules)
        && !ArticleLines::isByline(tokens, rules);
}

int findFirstProse(const ArticlePage &page, const QList<DraftTokens> &tokens, const DraftRules &rules)
{
    for (int i = 0; i < page.lines.size(); ++i) {
        if (isStoryLine(page.lines.at(i), tokens.at(i), rules))
            return i;
    }
    return -1;
}

// The headline line above the story, or the HTML's own headline or title.
void chooseHeadline(ArticlePage &page, const QList<DraftTokens> &tokens, const DraftRules &rules)
{
    page.headline = findHeadline(page.lines, tokens, page.storyBegin, rules);
    page.headlineText = page.headline >= 0 ? page.lines.at(page.headline) : QString();
    if (page.isHtml && !page.html.headline.isEmpty())
        page.headlineText = page.html.headline;
    else if (page.isHtml && page.headlineText.isEmpty())
        page.headlineText = !page.html.ogTitle.isEmpty() ? page.html.ogTitle : page.html.title;
}

int findStoryEnd(const ArticlePage &page, const QList<DraftTokens> &tokens, const DraftRules &rules)
{
    for (int i = page.storyBegin + 1; i < page.lines.size(); ++i) {
        if (ArticleLines::isEnd(tokens.at(i), rules))
            return i;
    }
    return int(page.lines.size());
}

// The short lines around the headline and the story's opening (bylines, dates), and the lines
// on either side of the story's end (credits).
void collectMetaAndTail(ArticlePage &page)
{
    const int firstProse = page.storyBegin;
    const int metaFrom = std::max(0, (page.headline >= 0 ? page.headline : firstProse) - s_metaLinesAround);
    for (int i = metaFrom; i < firstProse; ++i) {
        if (i != page.headline)
            page.metaLines.append(page.lines.at(i));
    }
    for (int i = firstProse; i < std::min(page.storyEnd, firstProse + s_metaLinesAround); ++i) {
        if (!ArticleLines::isProse(page.lines.at(i)))
            page.metaLines.append(page.lines.at(i));
    }
    for (int i = page.storyEnd; i < std::min<int>(int(page.lines.size()), page.storyEnd + 3); ++i)
        page.tailLines.append(page.lines.at(i));
    for (int i = std::max(0, page.storyEnd - 3); i < page.storyEnd; ++i)
        page.tailLines.append(page.lines.at(i));
}

// The headline as the first sentence, then each distinct sentence of the story's prose lines;
// the first one keeps the length of its dateline.
void collectSentences(ArticlePage &page, const QList<DraftTokens> &tokens, const DraftRules &rules)
{
    if (!page.headlineText.isEmpty()) {
        ArticleSentence headline;
        headline.text = page.headlineText;
        headline.tokens = DraftText::tokenize(headline.text);
        headline.role = ArticleSentence::Role::Headline;
        page.sentences.append(headline);
    }
    QSet<QString> seen;
    int bodyIndex = 0;
    for (int i = page.storyBegin; i < page.storyEnd && bodyIndex < ArticlePage::maxSentences; ++i) {
        const QString &line = page.lines.at(i);
        if (!isStoryLine(line, tokens.at(i), rules))
            continue;
        const qsizetype dateline = bodyIndex == 0 ? ArticleLines::datelineLength(line) : 0;
        if (dateline > 0)
            page.dateline = line.left(dateline).trimmed();
        const QStringList parts = ArticleLines::sentences(line, rules);
        for (qsizetype p = 0; p < parts.size() && bodyIndex < ArticlePage::maxSentences; ++p) {
            const QString key = DraftText::words(parts.at(p)).join(u' ');
            if (key.isEmpty() || seen.contains(key))
                continue;
            seen.insert(key);
            ArticleSentence s;
            s.text = parts.at(p);
            s.tokens = DraftText::tokenize(s.text);
            s.bodyIndex = bodyIndex++;
            s.datelineEnd = p == 0 ? std::min(dateline, s.text.size()) : 0;
            page.sentences.append(s);
        }
    }
}
} // namespace

ArticlePage ArticlePage::read(QStringView input, const DraftRules &rules)
{
    ArticlePage page;
    readLines(page, input);
    QList<DraftTokens> tokens;
    tokens.reserve(page.lines.size());
    for (const QString &line : std::as_const(page.lines))
        tokens.append(DraftText::tokenize(line));
    page.storyBegin = findFirstProse(page, tokens, rules);
    if (page.storyBegin < 0)
        return page;
    chooseHeadline(page, tokens, rules);
    page.storyEnd = findStoryEnd(page, tokens, rules);
    collectMetaAndTail(page);
    collectSentences(page, tokens, rules);
    return page;
}
