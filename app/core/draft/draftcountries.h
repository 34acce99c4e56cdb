#pragma once

#include "draft/drafttext.h"

#include <QList>
#include <QString>

class DraftRules;

// Countries named in a sentence: by name, alias or demonym as the country table resolves them
// (Countries: iso-codes and data/country-aliases.tsv), and by the national bodies of places.tsv.
// Only capitalised words count; a name of three letters or fewer counts only when places.tsv lists
// it as a short name and it is written in capitals ("US", not "us" or "IT"); the names places.tsv
// calls not-country ("New Mexico") are passed over. The longest name at a place wins ("North
// Korea", not "Korea").
namespace DraftCountries {
struct Mention
{
    QString code; // alpha-2
    qsizetype start = 0; // first token
    qsizetype end = 0; // one past the last token
    bool attacker = false; // an attacker cue stands next to it ("blamed Russia", "Iranian hackers")
};

QList<Mention> find(const DraftTokens &tokens, const DraftRules &rules);
// The country a dateline's place stands for: a capital of places.tsv or a country's name.
QString ofPlace(QStringView place, const DraftRules &rules);
} // namespace DraftCountries
