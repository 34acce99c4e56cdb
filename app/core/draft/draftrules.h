#pragma once

#include "draft/drafttext.h"

#include <QString>
#include <QStringList>

// The article reader's rules, read from the data files in data/draft/ (embedded as
// ":/data/draft/*.tsv"; data/README.md describes them): words that name types, sectors,
// attribution, attackers and tags (classify.tsv); month and weekday names and relative date
// phrases (dates.tsv); the page noise around a story (noise.tsv); capitals, national bodies,
// short country names, names that are not countries, and publishers (places.tsv).
// Every line is kind<TAB>value<TAB>phrase; a line that does not fit is listed in problems().
class DraftRules
{
public:
    // The rules from the embedded data, read once; thread-safe after the first call.
    static const DraftRules &instance();
    // The rules from the four files in `folder`.
    static DraftRules load(const QString &folder);

    const QStringList &problems() const { return m_problems; }

    // classify.tsv
    PhraseSet types, sectors, attributions, tags; // values: type, sector, attribution keys; tags
    PhraseSet attackerBefore, attackerAfter;
    PhraseSet actorAmbiguous, actorCue, actorIntroducer;
    // dates.tsv
    PhraseSet months, weekdays, relative; // values: month number, ISO weekday, "N unit" or "Nm|Ny unit"
    PhraseSet lastWords, reportWords, incidentWords, bylineWords;
    // noise.tsv
    PhraseSet noiseEnd, noiseSkip, abbreviations;
    // places.tsv (values: alpha-2 codes, or the publisher's name)
    PhraseSet capitals, bodies, shortNames, notCountries, publishers;

private:
    void readFile(const QString &path);
    bool addLine(const QString &file, int lineNumber, const QStringList &fields);
    PhraseSet *setFor(const QString &kind, const QString &value);
    bool valueIsValid(const QString &kind, const QString &value) const;
    QStringList m_problems;
};
