#pragma once

#include "draft/articlepage.h"
#include "draft/articlereader.h"
#include "draft/draftrules.h"

#include <QDate>
#include <QHash>

class DraftActors;

// What the steps of ArticleReader::read share while they fill one draft (internal to draft/).
struct DraftContext
{
    const DraftRules &rules;
    const ArticlePage &page;
    const DraftActors &actors;
    ArticleDraft &draft;
    QDate publication; // invalid until the source step finds it
    QHash<qsizetype, QList<std::pair<qsizetype, qsizetype>>> actorSpans; // sentence -> tokens naming actors
    QString claimSentence; // where an actor claimed the attack

    void addEvidence(const QString &field, const QString &value, const QString &sentence)
    {
        draft.evidence.append({ field, value, sentence });
    }
    // The sentence's tokens that are not its dateline.
    static DraftTokens storyTokens(const ArticleSentence &s);
    // Weight of a sentence: the headline 3, the story's first two sentences 2, others 1.
    static int weight(const ArticleSentence &s);
};

// The steps, in the order read() runs them.
namespace DraftSteps {
void source(DraftContext &c);
void start(DraftContext &c);
void countries(DraftContext &c);
void classification(DraftContext &c);
void actor(DraftContext &c); // before countries: the words of an actor's name are not countries
void attribution(DraftContext &c); // after countries and actor
void summary(DraftContext &c);
} // namespace DraftSteps
