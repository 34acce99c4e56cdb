#pragma once

#include <QHash>
#include <QString>
#include <QStringList>
#include <optional>

// Resolves country names, alpha-3 and alpha-2 codes, tracker aliases and demonyms to
// ISO 3166-1 alpha-2. The data is the iso-codes JSON embedded at build time
// (":/data/iso_3166-1.json") plus Faultline's alias table (":/data/country-aliases.tsv").
// Matching is case-, accent- and punctuation-insensitive; unknown names yield nullopt,
// never a guess. Thread-safe after construction; use instance() for the shared table.
class Countries
{
public:
    static const Countries &instance();

    std::optional<QString> resolve(QStringView nameOrCode) const;
    bool isKnownCode(QStringView alpha2) const;
    QString name(QStringView alpha2) const; // common name, or the code itself if unknown
    QString alpha3(QStringView alpha2) const;
    QStringList codes() const; // every known alpha-2, sorted
    // Every name resolve() knows as people write it (names, common and official names, the
    // alias table's tracker names and demonyms), each with its alpha-2: what an editor
    // offers as completions. Sorted by name.
    QList<std::pair<QString, QString>> writtenNames() const;

    static QString normalise(QStringView text); // the matching key

private:
    Countries();
    QHash<QString, QString> m_lookup; // normalised key -> alpha-2
    QHash<QString, QString> m_names; // alpha-2 -> display name
    QHash<QString, QString> m_alpha3; // alpha-2 -> alpha-3
    QHash<QString, QString> m_written; // a name as written -> alpha-2
};
