#include "draft/draftcountries.h"

#include "domain/countries.h"
#include "draft/draftrules.h"

namespace {
constexpr qsizetype s_longestName = 6; // words
constexpr qsizetype s_beforeWindow = 2; // tokens between an attacker cue and the name
constexpr qsizetype s_afterWindow = 2;

bool allCapitals(const DraftTokens &tokens, qsizetype start, qsizetype end)
{
    for (qsizetype i = start; i < end; ++i) {
        const QString &w = tokens.at(i).original;
        if (w != w.toUpper())
            return false;
    }
    return true;
}

bool isShortName(const QString &key, const DraftRules &rules)
{
    for (const PhraseSet::Phrase &p : rules.shortNames.phrases()) {
        if (p.words.join(QString()) == key)
            return true;
    }
    return false;
}

// The country the words [start, end) name, or an empty string.
QString resolveWords(const DraftTokens &tokens, qsizetype start, qsizetype end, const DraftRules &rules)
{
    QString joined;
    for (qsizetype i = start; i < end; ++i) {
        if (i > start)
            joined += u' ';
        joined += tokens.at(i).original;
    }
    const QString key = Countries::normalise(joined);
    if (key.size() <= 3 && !(isShortName(key, rules) && allCapitals(tokens, start, end)))
        return {};
    return Countries::instance().resolve(joined).value_or(QString());
}

bool hasAttackerCue(const DraftTokens &tokens, qsizetype start, qsizetype end, const DraftRules &rules)
{
    for (qsizetype e = start; e >= std::max<qsizetype>(0, start - s_beforeWindow); --e) {
        if (rules.attackerBefore.endsAt(tokens, 0, e))
            return true;
    }
    for (qsizetype s = end; s <= std::min(tokens.size() - 1, end + s_afterWindow - 1); ++s) {
        if (rules.attackerAfter.matchAt(tokens, s).phrase)
            return true;
    }
    return false;
}
} // namespace

QList<DraftCountries::Mention> DraftCountries::find(const DraftTokens &tokens, const DraftRules &rules)
{
    QList<Mention> found;
    qsizetype i = 0;
    while (i < tokens.size()) {
        if (!tokens.at(i).isCapitalised()) {
            ++i;
            continue;
        }
        const PhraseSet::Match excluded = rules.notCountries.matchAt(tokens, i);
        if (excluded.phrase) {
            i = excluded.end;
            continue;
        }
        Mention m;
        const PhraseSet::Match body = rules.bodies.matchAt(tokens, i);
        if (body.phrase) {
            m.code = body.phrase->value;
            m.start = i;
            m.end = body.end;
        }
        for (qsizetype n = std::min(s_longestName, tokens.size() - i); n >= 1 && m.code.isEmpty(); --n) {
            const QString code = resolveWords(tokens, i, i + n, rules);
            if (!code.isEmpty() && code != u"XX") {
                m.code = code;
                m.start = i;
                m.end = i + n;
            }
        }
        if (m.code.isEmpty()) {
            ++i;
            continue;
        }
        m.attacker = hasAttackerCue(tokens, m.start, m.end, rules);
        found.append(m);
        i = m.end;
    }
    return found;
}

QString DraftCountries::ofPlace(QStringView place, const DraftRules &rules)
{
    const DraftTokens tokens = DraftText::tokenize(place);
    if (tokens.isEmpty())
        return {};
    const PhraseSet::Match capital = rules.capitals.matchAt(tokens, 0);
    if (capital.phrase)
        return capital.phrase->value;
    return resolveWords(tokens, 0, tokens.size(), rules);
}
