#include "draft/drafttext.h"

#include <algorithm>

namespace {
bool isWordChar(QChar c)
{
    return c.isLetterOrNumber();
}

bool isApostrophe(QChar c)
{
    return c == u'\'' || c == QChar(0x2019);
}
} // namespace

bool DraftToken::isNumber() const
{
    if (word.isEmpty())
        return false;
    for (const QChar c : word) {
        if (c < u'0' || c > u'9')
            return false;
    }
    return true;
}

DraftTokens DraftText::tokenize(QStringView text)
{
    DraftTokens tokens;
    qsizetype i = 0;
    const qsizetype n = text.size();
    while (i < n) {
        if (!isWordChar(text[i])) {
            ++i;
            continue;
        }
        const qsizetype start = i;
        while (i < n && (isWordChar(text[i]) || (isApostrophe(text[i]) && i + 1 < n && isWordChar(text[i + 1]))))
            ++i;
        QString original = text.mid(start, i - start).toString();
        original.replace(QChar(0x2019), u'\'');
        QString word = original.toLower();
        if (word.endsWith(QStringLiteral("'s"))) {
            word.chop(2);
            original.chop(2);
        }
        tokens.append({ word, original, start, i });
    }
    return tokens;
}

QStringList DraftText::words(QStringView text)
{
    QStringList list;
    for (const DraftToken &t : tokenize(text))
        list.append(t.word);
    return list;
}

void PhraseSet::add(const QString &value, QStringView phrase)
{
    const bool prefix = phrase.trimmed().endsWith(u'*');
    const QStringList words = DraftText::words(phrase);
    if (words.isEmpty())
        return;
    const int index = int(m_phrases.size());
    m_maxWords = std::max(m_maxWords, words.size());
    m_phrases.append({ value, words, prefix, index });
    if (prefix && words.size() == 1)
        m_prefixFirst.append(index);
    else
        m_byFirstWord[words.first()].append(index);
}

bool PhraseSet::matches(const Phrase &p, const DraftTokens &tokens, qsizetype at) const
{
    if (at + p.words.size() > tokens.size())
        return false;
    for (qsizetype k = 0; k < p.words.size(); ++k) {
        const QString &word = tokens.at(at + k).word;
        const bool last = k + 1 == p.words.size();
        if (last && p.prefix ? !word.startsWith(p.words.at(k)) : word != p.words.at(k))
            return false;
    }
    return true;
}

PhraseSet::Match PhraseSet::matchAt(const DraftTokens &tokens, qsizetype at) const
{
    Match best;
    best.start = at;
    best.end = at;
    if (at < 0 || at >= tokens.size())
        return best;
    auto consider = [&](int index) {
        const Phrase &p = m_phrases.at(index);
        if (matches(p, tokens, at) && (!best.phrase || p.words.size() > best.phrase->words.size())) {
            best.phrase = &p;
            best.end = at + p.words.size();
        }
    };
    const auto it = m_byFirstWord.constFind(tokens.at(at).word);
    if (it != m_byFirstWord.cend()) {
        for (const int index : *it)
            consider(index);
    }
    for (const int index : m_prefixFirst)
        consider(index);
    return best;
}

QList<PhraseSet::Match> PhraseSet::findAll(const DraftTokens &tokens) const
{
    QList<Match> found;
    qsizetype i = 0;
    while (i < tokens.size()) {
        const Match m = matchAt(tokens, i);
        if (m.phrase) {
            found.append(m);
            i = m.end;
        } else {
            ++i;
        }
    }
    return found;
}

bool PhraseSet::endsAt(const DraftTokens &tokens, qsizetype from, qsizetype end) const
{
    for (qsizetype start = std::max<qsizetype>({ 0, from, end - m_maxWords }); start < end; ++start) {
        for (const Phrase &p : m_phrases) {
            if (start + p.words.size() == end && matches(p, tokens, start))
                return true;
        }
    }
    return false;
}

bool PhraseSet::containsPhrase(QStringView text) const
{
    const DraftTokens tokens = DraftText::tokenize(text);
    if (tokens.isEmpty())
        return false;
    const Match m = matchAt(tokens, 0);
    return m.phrase && m.end == tokens.size();
}
