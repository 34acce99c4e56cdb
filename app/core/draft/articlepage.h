#pragma once

#include "draft/drafttext.h"
#include "draft/htmltext.h"

#include <QList>
#include <QString>
#include <QStringList>

class DraftRules;

// One sentence of an article page as the reader weighs it.
struct ArticleSentence
{
    enum class Role { Headline, Body };
    QString text;
    DraftTokens tokens;
    Role role = Role::Body;
    int bodyIndex = -1; // 0 for the story's first sentence (the lead)
    qsizetype datelineEnd = 0; // characters of `text` that are the dateline ("OSLO, March 19 (Reuters) -")
};

// An article page cut into lines and the story found among them: the headline, the lines
// around it that carry the byline and dates, and the story's sentences, from the first
// paragraph of prose to the first line that ends a story (noise.tsv: tags, disclaimers,
// "Related stories"). Lines that are not prose (navigation, captions, headlines of other
// stories) are never sentences of the story.
struct ArticlePage
{
    QStringList lines;
    int headline = -1; // index into lines, or -1 (then headlineText may come from the HTML)
    QString headlineText;
    QStringList metaLines; // short lines near the headline: bylines, dates, the site's name
    QStringList tailLines; // the lines after the story (credits such as "With inputs from ANI")
    int storyBegin = -1; // first line of prose
    int storyEnd = -1; // one past the story's last line
    QList<ArticleSentence> sentences; // the headline (if any) first, then the story's sentences
    QString dateline; // the dateline of the first sentence, as written
    HtmlText html; // what the markup said, when the input was HTML
    bool isHtml = false;

    static ArticlePage read(QStringView text, const DraftRules &rules);

    static constexpr int maxSentences = 400; // story sentences read; the rest is ignored
    static constexpr int maxLines = 20000;
};

namespace ArticleLines {
int wordCount(QStringView line);
bool isProse(QStringView line);
bool isSkip(const DraftTokens &tokens, const DraftRules &rules);
bool isEnd(const DraftTokens &tokens, const DraftRules &rules);
bool isByline(const DraftTokens &tokens, const DraftRules &rules);
// The sentences of a paragraph; a full stop after an abbreviation or an initial does not end one.
QStringList sentences(QStringView paragraph, const DraftRules &rules);
// The length of the dateline that opens a paragraph ("OSLO, March 19, 2019 (Reuters) - "), or 0.
qsizetype datelineLength(QStringView paragraph);
} // namespace ArticleLines
