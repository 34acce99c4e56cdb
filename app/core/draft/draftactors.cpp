#include "draft/draftactors.h"

#include "domain/countries.h"
#include "draft/draftrules.h"

#include <QFile>

namespace {
constexpr qsizetype s_maxIntroducedWords = 4;
constexpr qsizetype s_maxActorsFileBytes = 4 * 1024 * 1024;

struct ActorTable
{
    QList<std::pair<QString, QStringList>> actors; // canonical, aliases
};

const ActorTable &bundledActors()
{
    static const ActorTable s_table = [] {
        ActorTable table;
        QFile file(QStringLiteral(":/data/actors.tsv"));
        if (!file.open(QIODevice::ReadOnly | QIODevice::Text) || file.size() > s_maxActorsFileBytes)
            return table;
        for (const QString &line : QString::fromUtf8(file.readAll()).split(u'\n')) {
            if (line.trimmed().isEmpty() || line.startsWith(u'#'))
                continue;
            const QStringList fields = line.split(u'\t');
            QStringList aliases;
            for (const QString &a : fields.value(1).split(u';', Qt::SkipEmptyParts)) {
                if (!a.trimmed().isEmpty())
                    aliases.append(a.trimmed());
            }
            table.actors.append({ fields.at(0).trimmed(), aliases });
        }
        return table;
    }();
    return s_table;
}

bool isClaimCue(const DraftTokens &tokens, qsizetype at)
{
    // "<actor> claimed responsibility", "<actor> has claimed", "<actor> took responsibility"
    qsizetype i = at;
    if (i < tokens.size() && (tokens.at(i).word == u"has" || tokens.at(i).word == u"later"))
        ++i;
    if (i >= tokens.size())
        return false;
    const QString &w = tokens.at(i).word;
    return w == u"claimed" || w == u"claims" || w == u"took";
}
} // namespace

DraftActors::DraftActors(const QStringList &known)
{
    auto addName = [this](const QString &canonical, const QString &name) {
        if (name.isEmpty() || DraftText::words(name).isEmpty())
            return;
        m_names.add(canonical, name);
        m_byKey.insert(Countries::normalise(name), canonical);
    };
    for (const QString &name : known)
        addName(name.trimmed(), name.trimmed());
    for (const auto &[canonical, aliases] : bundledActors().actors) {
        addName(canonical, canonical);
        for (const QString &alias : aliases)
            addName(canonical, alias);
    }
}

QString DraftActors::canonical(QStringView name) const
{
    return m_byKey.value(Countries::normalise(name), name.toString());
}

QList<DraftActors::Match> DraftActors::introduced(const DraftTokens &tokens, const DraftRules &rules) const
{
    QList<Match> found;
    for (const PhraseSet::Match &intro : rules.actorIntroducer.findAll(tokens)) {
        qsizetype end = intro.end;
        while (end < tokens.size() && end - intro.end < s_maxIntroducedWords) {
            const bool connector = (tokens.at(end).word == u"of" || tokens.at(end).word == u"the") && end > intro.end
                && end + 1 < tokens.size() && tokens.at(end + 1).isCapitalised();
            if (!tokens.at(end).isCapitalised() && !connector)
                break;
            ++end;
        }
        if (end == intro.end)
            continue;
        const QString written = tokens.at(intro.end).original + [&] {
            QString rest;
            for (qsizetype i = intro.end + 1; i < end; ++i)
                rest += u' ' + tokens.at(i).original;
            return rest;
        }();
        found.append({ canonical(written), intro.end, end, isClaimCue(tokens, end) });
    }
    return found;
}

// Unknown names just before "claimed responsibility": two capitalised words anywhere, or one
// that does not open the sentence (where any word is capitalised).
QList<DraftActors::Match> DraftActors::claimants(const DraftTokens &tokens) const
{
    QList<Match> found;
    for (qsizetype c = 1; c < tokens.size(); ++c) {
        const QString &w = tokens.at(c).word;
        if (!(w == u"claimed" || w == u"claims" || w == u"took") || !isClaimCue(tokens, c))
            continue;
        qsizetype end = tokens.at(c - 1).word == u"has" ? c - 1 : c;
        qsizetype start = end;
        while (start > 0 && end - start < s_maxIntroducedWords && tokens.at(start - 1).isCapitalised())
            --start;
        if (start == end || (start == 0 && end - start == 1))
            continue;
        QString written;
        for (qsizetype i = start; i < end; ++i)
            written += (i > start ? QStringLiteral(" ") : QString()) + tokens.at(i).original;
        if (!Countries::instance().resolve(written))
            found.append({ canonical(written), start, end, true });
    }
    return found;
}

QList<DraftActors::Match> DraftActors::find(const DraftTokens &tokens, const DraftRules &rules) const
{
    QList<Match> found = introduced(tokens, rules);
    QList<Match> unknown = claimants(tokens);
    for (const PhraseSet::Match &m : m_names.findAll(tokens)) {
        if (!tokens.at(m.start).isCapitalised())
            continue;
        const bool oneWord = m.end - m.start == 1;
        if (oneWord && rules.actorAmbiguous.containsPhrase(tokens.at(m.start).word)
            && !(m.end < tokens.size() && rules.actorCue.matchAt(tokens, m.end).phrase))
            continue;
        bool overlaps = false;
        for (const Match &f : std::as_const(found))
            overlaps = overlaps || (m.start < f.end && f.start < m.end);
        if (!overlaps)
            found.append({ m.phrase->value, m.start, m.end, isClaimCue(tokens, m.end) });
    }
    for (const Match &u : std::as_const(unknown)) {
        bool overlaps = false;
        for (const Match &f : std::as_const(found))
            overlaps = overlaps || (u.start < f.end && f.start < u.end);
        if (!overlaps)
            found.append(u);
    }
    return found;
}
