#pragma once

#include <QHash>
#include <QList>
#include <QString>
#include <QStringList>
#include <QStringView>

// The words of a sentence as the article reader compares them: each token is a run of letters
// and digits (an apostrophe inside a word is kept: "gov't"), lower-cased, with a possessive "'s"
// dropped; `original` keeps the word as written and `start`/`end` its place in the sentence.
struct DraftToken
{
    QString word;
    QString original;
    qsizetype start = 0;
    qsizetype end = 0;

    bool isCapitalised() const { return !original.isEmpty() && original.front().isUpper(); }
    bool isNumber() const;
};
using DraftTokens = QList<DraftToken>;

namespace DraftText {
DraftTokens tokenize(QStringView text);
// The tokens' words only, for phrases written in the rules.
QStringList words(QStringView text);
} // namespace DraftText

// A list of phrases, each with a value, matched as whole words against tokens. A phrase's last
// word may end in "*" to match any word it begins ("hospital*"). Phrases are tried in the order
// they were added; the longest match at a position wins.
class PhraseSet
{
public:
    struct Phrase
    {
        QString value;
        QStringList words;
        bool prefix = false; // the last word matches as a prefix
        int order = 0;
    };
    struct Match
    {
        const Phrase *phrase = nullptr;
        qsizetype start = 0; // first token
        qsizetype end = 0; // one past the last token
    };

    void add(const QString &value, QStringView phrase);
    bool isEmpty() const { return m_phrases.isEmpty(); }
    const QList<Phrase> &phrases() const { return m_phrases; }

    // The longest phrase that matches at token `at`, or a match with no phrase.
    Match matchAt(const DraftTokens &tokens, qsizetype at) const;
    // Every match, left to right, without overlaps.
    QList<Match> findAll(const DraftTokens &tokens) const;
    bool containsIn(const DraftTokens &tokens) const { return !findAll(tokens).isEmpty(); }
    // Whether a phrase ends exactly at token `end` (exclusive) and starts at or after `from`.
    bool endsAt(const DraftTokens &tokens, qsizetype from, qsizetype end) const;
    // Whether the whole of `words` is a phrase of the set.
    bool containsPhrase(QStringView text) const;

private:
    bool matches(const Phrase &p, const DraftTokens &tokens, qsizetype at) const;
    QList<Phrase> m_phrases;
    QHash<QString, QList<int>> m_byFirstWord; // exact first words
    QList<int> m_prefixFirst; // phrases of one word that ends in "*"
    qsizetype m_maxWords = 0;
};
