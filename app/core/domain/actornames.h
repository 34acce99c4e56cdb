#pragma once

#include <QByteArrayView>
#include <QHash>
#include <QString>
#include <QStringList>
#include <vector>

// Threat actors by one canonical name, with the other names each is known by ("Fancy Bear"
// and "Sofacy" are APT28). Read from the embedded ":/data/actors.tsv": one actor a line,
// the canonical name, a tab, then the aliases separated by "; ". Matching a name ignores
// case, accents, spaces and punctuation ("fancy-bear" is "FANCY BEAR"). Names that are in
// no line are their own canonical name. Thread-safe after construction.
class ActorNames
{
public:
    // Caps on what parse() accepts, so a damaged table cannot take unbounded memory.
    static constexpr int MaxLines = 20000;
    static constexpr int MaxLineBytes = 8192;
    static constexpr int MaxNamesPerLine = 200;
    static constexpr int MaxDiagnostics = 20;

    ActorNames() = default;
    static const ActorNames &instance(); // the embedded table

    // Reads a table in the form above; every line that cannot be used is skipped and named in
    // `diagnostics` ("FILE:LINE: reason", at most MaxDiagnostics of them) and nothing is guessed.
    static ActorNames parse(QByteArrayView text, const QString &fileName, QStringList *diagnostics = nullptr);

    // The canonical name of `name` (a canonical name or an alias); `name` itself, trimmed,
    // when the table does not know it.
    QString canonical(QStringView name) const;
    // An actor field of a record ("Fancy Bear; Sandworm"): each name made canonical, repeats
    // dropped, joined again with "; ".
    QString canonicalField(QStringView field) const;
    // The canonical name and every alias of the actor `name` names; just `name` when unknown.
    QStringList allNames(QStringView name) const;
    // True when `needle` is found (any case) in the field's names or in any of their aliases.
    bool fieldContains(QStringView field, QStringView needle) const;
    // True when the table knows `name` as a canonical name or an alias.
    bool isKnown(QStringView name) const;

    int actorCount() const { return int(m_actors.size()); }
    static QString key(QStringView name); // the matching key

private:
    struct Actor
    {
        QString canonical;
        QStringList aliases;
    };
    std::vector<Actor> m_actors;
    QHash<QString, int> m_byKey; // key of every name -> index into m_actors
};
