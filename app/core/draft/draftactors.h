#pragma once

#include "draft/drafttext.h"

#include <QHash>
#include <QString>
#include <QStringList>

class DraftRules;

// The actors an article may name: the canonical names and aliases of data/actors.tsv plus the
// names a caller knows (the actors of its document). A match gives the canonical name. Names
// are matched as whole words, ignoring case, but a match must start with a capital letter, and a
// one-word name that classify.tsv calls ambiguous ("Hive", "Play") counts only when a cue word
// follows it ("Hive ransomware"). A name the list does not know is taken from the words after an
// introducer ("a group calling itself Homeland Justice") or before "claimed responsibility".
class DraftActors
{
public:
    explicit DraftActors(const QStringList &known = {});

    struct Match
    {
        QString name; // canonical, or as written for a name the list does not know
        qsizetype start = 0;
        qsizetype end = 0;
        bool claimed = false; // the sentence says the actor claimed the attack
    };
    // The actors of one sentence.
    QList<Match> find(const DraftTokens &tokens, const DraftRules &rules) const;

private:
    QString canonical(QStringView name) const;
    QList<Match> introduced(const DraftTokens &tokens, const DraftRules &rules) const;
    QList<Match> claimants(const DraftTokens &tokens) const;
    PhraseSet m_names; // value: canonical name
    QHash<QString, QString> m_byKey; // normalised name or alias -> canonical
};
