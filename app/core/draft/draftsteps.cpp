// The steps of ArticleReader::read that read the story's sentences: the incident's date, its
// countries, its type, sectors, attribution and tags, and its actor.
#include "domain/countries.h"
#include "draft/draftactors.h"
#include "draft/draftcontext.h"
#include "draft/draftcountries.h"
#include "draft/draftdates.h"

#include <QMap>
#include <algorithm>
#include <cmath>
#include <optional>

namespace {
constexpr int s_maxVictims = 6;
constexpr int s_maxTags = 8;
constexpr int s_minVictimScore = 2;
constexpr double s_victimShareOfTop = 0.4;

struct CountryScore
{
    int victim = 0;
    int attacker = 0;
    int firstSeen = 0;
    QString victimSentence, attackerSentence;
};

bool isBody(const ArticleSentence &s)
{
    return s.role == ArticleSentence::Role::Body;
}

// The earliest usable date of a sentence (an incident starts at the first day its story names):
// not after the publication date, and not the date something was said unless `reported` asks
// for one.
const DraftDates::Found *firstDate(const QList<DraftDates::Found> &dates, QDate publication, bool reported)
{
    const DraftDates::Found *earliest = nullptr;
    for (const DraftDates::Found &f : dates) {
        if (f.reported != reported)
            continue;
        if (publication.isValid() && f.date.firstDate() > publication)
            continue;
        if (!earliest || f.date.firstDay() < earliest->date.firstDay())
            earliest = &f;
    }
    return earliest;
}

void setStart(DraftContext &c, const PartialDate &date, const QString &sentence)
{
    c.draft.incident.start = date;
    c.addEvidence(QStringLiteral("start"), date.toString(), sentence);
}

// Only the date it was reported ("said on Tuesday"): the incident happened by then, so the start
// is that month and the day is when it was disclosed.
void startFromReport(DraftContext &c, const PartialDate &told, const QString &sentence)
{
    const QDate d = told.firstDate();
    if (told.precision() != Precision::Day) {
        setStart(c, told, sentence);
        return;
    }
    setStart(c, PartialDate::month(d.year(), d.month()), sentence);
    c.draft.incident.disclosed = told;
    c.addEvidence(QStringLiteral("disclosed"), told.toString(), sentence);
    c.draft.notes.append(
        QStringLiteral("The article dates only when the incident was reported; the start is that month."));
}

void addScore(QMap<QString, CountryScore> &scores, const QString &code, bool attacker, int weight,
    const QString &sentence, int order)
{
    auto it = scores.find(code);
    if (it == scores.end())
        it = scores.insert(code, CountryScore { 0, 0, order, {}, {} });
    int &score = attacker ? it->attacker : it->victim;
    QString &evidence = attacker ? it->attackerSentence : it->victimSentence;
    score += weight;
    if (evidence.isEmpty())
        evidence = sentence;
}

void datelineCountry(DraftContext &c, QMap<QString, CountryScore> &scores)
{
    if (c.page.dateline.isEmpty())
        return;
    QString place = c.page.dateline;
    for (const QChar stop : { u',', u'(', u'[' }) {
        const qsizetype at = place.indexOf(stop);
        if (at > 0)
            place.truncate(at);
    }
    QString code = DraftCountries::ofPlace(place.trimmed(), c.rules);
    if (code.isEmpty()) {
        const QList<DraftCountries::Mention> named
            = DraftCountries::find(DraftText::tokenize(c.page.dateline), c.rules);
        if (!named.isEmpty())
            code = named.first().code;
    }
    if (!code.isEmpty())
        addScore(scores, code, false, 2, c.page.dateline, -1);
}

QStringList ranked(const QMap<QString, CountryScore> &scores, bool attackers)
{
    QStringList codes = scores.keys();
    auto value = [&](const QString &code) {
        const CountryScore &s = scores.value(code);
        return attackers ? s.attacker : s.victim;
    };
    std::stable_sort(codes.begin(), codes.end(), [&](const QString &a, const QString &b) {
        if (value(a) != value(b))
            return value(a) > value(b);
        return scores.value(a).firstSeen < scores.value(b).firstSeen;
    });
    return codes;
}
} // namespace

void DraftSteps::start(DraftContext &c)
{
    std::optional<DraftDates::Found> reported;
    QString reportedIn;
    for (const ArticleSentence &s : c.page.sentences) {
        const DraftTokens tokens = DraftContext::storyTokens(s);
        if (!isBody(s) || !(c.rules.incidentWords.containsIn(tokens) || c.rules.types.containsIn(tokens)))
            continue;
        const QList<DraftDates::Found> dates = DraftDates::all(tokens, s.text, c.rules, c.publication);
        if (const DraftDates::Found *f = firstDate(dates, c.publication, false)) {
            setStart(c, f->date, s.text);
            return;
        }
        const DraftDates::Found *told = firstDate(dates, c.publication, true);
        if (!reported && told) {
            reported = *told;
            reportedIn = s.text;
        }
    }
    if (reported)
        startFromReport(c, reported->date, reportedIn);
    else if (c.publication.isValid()) {
        setStart(
            c, PartialDate::month(c.publication.year(), c.publication.month()), c.draft.evidenceFor(u"sources.date"));
        c.draft.notes.append(QStringLiteral("No date of the incident found; the start is the month of publication."));
    } else {
        c.draft.notes.append(QStringLiteral("No date found; enter the start."));
    }
}

void DraftSteps::countries(DraftContext &c)
{
    QMap<QString, CountryScore> scores;
    datelineCountry(c, scores);
    int order = 0;
    for (qsizetype i = 0; i < c.page.sentences.size(); ++i) {
        const ArticleSentence &s = c.page.sentences.at(i);
        const auto spans = c.actorSpans.value(i);
        QMap<QString, bool> inSentence; // code -> named as an attacker in this sentence
        for (const DraftCountries::Mention &m : DraftCountries::find(DraftContext::storyTokens(s), c.rules)) {
            const bool inActorName = std::any_of(spans.cbegin(), spans.cend(),
                [&](const auto &span) { return m.start < span.second && span.first < m.end; });
            if (!inActorName)
                inSentence[m.code] = inSentence.value(m.code) || m.attacker;
        }
        for (auto it = inSentence.cbegin(); it != inSentence.cend(); ++it)
            addScore(scores, it.key(), it.value(), DraftContext::weight(s), s.text, order++);
    }
    const QStringList byVictim = ranked(scores, false);
    const int top = byVictim.isEmpty() ? 0 : scores.value(byVictim.first()).victim;
    const int threshold = std::max(s_minVictimScore, int(std::ceil(top * s_victimShareOfTop)));
    Incident &r = c.draft.incident;
    // Named as an attacker anywhere, a country is a victim only when the story is mostly about it.
    auto isAttacker = [&](const CountryScore &s) { return s.attacker > 0 && s.victim < top; };
    for (const QString &code : byVictim) {
        const CountryScore &s = scores.value(code);
        if (s.victim >= threshold && !isAttacker(s) && r.victims.size() < s_maxVictims) {
            r.victims.append(code);
            c.addEvidence(QStringLiteral("victims"), code, s.victimSentence);
        }
    }
    for (const QString &code : ranked(scores, true)) {
        const CountryScore &s = scores.value(code);
        if (isAttacker(s) && !r.victims.contains(code)) {
            r.attackers.append(code);
            c.addEvidence(QStringLiteral("attackers"), code, s.attackerSentence);
        }
    }
    if (r.victims.isEmpty()) {
        r.victims.append(QStringLiteral("XX"));
        c.draft.notes.append(QStringLiteral("No victim country found; \"XX\" (unknown) is proposed."));
    }
}

namespace {
// For each value of `set`: the weighted number of story sentences that use one of its phrases
// outside an actor's name, the first such sentence, whether the headline or lead uses it, and
// its first phrase's order.
struct Hits
{
    int weighted = 0;
    int sentences = 0;
    bool early = false;
    int order = 0;
    QString sentence;
};

// Whether a match lies inside an actor's name ("Cyber Army of Russia" names no army).
bool inActorName(const DraftContext &c, qsizetype sentence, const PhraseSet::Match &m)
{
    const auto spans = c.actorSpans.value(sentence);
    return std::any_of(
        spans.cbegin(), spans.cend(), [&](const auto &span) { return m.start < span.second && span.first < m.end; });
}

QMap<QString, Hits> countHits(const DraftContext &c, const PhraseSet &set)
{
    QMap<QString, Hits> hits;
    for (qsizetype i = 0; i < c.page.sentences.size(); ++i) {
        const ArticleSentence &s = c.page.sentences.at(i);
        QMap<QString, int> inSentence; // value -> order of the first phrase matched
        for (const PhraseSet::Match &m : set.findAll(DraftContext::storyTokens(s))) {
            if (!inSentence.contains(m.phrase->value) && !inActorName(c, i, m))
                inSentence.insert(m.phrase->value, m.phrase->order);
        }
        for (auto it = inSentence.cbegin(); it != inSentence.cend(); ++it) {
            Hits &h = hits[it.key()];
            if (h.sentences == 0) {
                h.sentence = s.text;
                h.order = it.value();
            }
            ++h.sentences;
            const bool headline = s.role == ArticleSentence::Role::Headline;
            h.weighted += headline ? 2 : 1;
            h.early = h.early || headline || s.bodyIndex < 2;
        }
    }
    return hits;
}

void classifyType(DraftContext &c)
{
    const QMap<QString, Hits> hits = countHits(c, c.rules.types);
    QString best;
    for (auto it = hits.cbegin(); it != hits.cend(); ++it) {
        const Hits &b = hits.value(best);
        if (best.isEmpty() || it->weighted > b.weighted || (it->weighted == b.weighted && it->order < b.order))
            best = it.key();
    }
    if (best.isEmpty()) {
        c.draft.notes.append(QStringLiteral("No word for the kind of attack found; the type is \"other\"."));
        return;
    }
    c.draft.incident.type = Vocabulary::typeFromKey(best).value_or(IncidentType::Other);
    c.addEvidence(QStringLiteral("type"), best, hits.value(best).sentence);
}

void classifySectors(DraftContext &c)
{
    const QMap<QString, Hits> hits = countHits(c, c.rules.sectors);
    QList<std::pair<int, QString>> chosen; // order in the data, key
    for (auto it = hits.cbegin(); it != hits.cend(); ++it) {
        if (it->early || it->sentences >= 2)
            chosen.append(
                { Vocabulary::sectorFromKey(it.key()).has_value() ? int(*Vocabulary::sectorFromKey(it.key())) : 0,
                    it.key() });
    }
    std::sort(chosen.begin(), chosen.end());
    for (const auto &[index, key] : chosen) {
        c.draft.incident.sectors |= sectorBit(Sector(index));
        c.addEvidence(QStringLiteral("sectors"), key, hits.value(key).sentence);
    }
    if (chosen.isEmpty())
        c.draft.notes.append(QStringLiteral("No sector found."));
}

void classifyTags(DraftContext &c)
{
    QStringList tags;
    for (const ArticleSentence &s : c.page.sentences) {
        for (const PhraseSet::Match &m : c.rules.tags.findAll(DraftContext::storyTokens(s))) {
            if (!tags.contains(m.phrase->value) && tags.size() < s_maxTags) {
                tags.append(m.phrase->value);
                c.addEvidence(QStringLiteral("tags"), m.phrase->value, s.text);
            }
        }
    }
    c.draft.incident.tags = tags;
}
} // namespace

// The most certain attribution the story's words support. Words count only when the draft names
// a suspect (an attacker country or an actor); a claim needs an actor.
void DraftSteps::attribution(DraftContext &c)
{
    const bool claimed = !c.claimSentence.isEmpty();
    const QString &claimSentence = c.claimSentence;
    Incident &r = c.draft.incident;
    const bool hasSuspect = !r.attackers.isEmpty() || !r.actor.isEmpty();
    Attribution level = Attribution::None;
    QString sentence;
    auto raise = [&](Attribution a, const QString &from) {
        if (a > level) {
            level = a;
            sentence = from;
        }
    };
    if (claimed && !r.actor.isEmpty())
        raise(Attribution::Claimed, claimSentence);
    const QMap<QString, Hits> hits = countHits(c, c.rules.attributions);
    for (auto it = hits.cbegin(); it != hits.cend(); ++it) {
        const Attribution a = Vocabulary::attributionFromKey(it.key()).value_or(Attribution::None);
        if (a == Attribution::Claimed ? !r.actor.isEmpty() : hasSuspect)
            raise(a, it->sentence);
    }
    if (level == Attribution::None && hasSuspect) {
        const QString actorSentence = c.draft.evidenceFor(u"actor");
        raise(Attribution::Suspected, actorSentence.isEmpty() ? c.draft.evidenceFor(u"attackers") : actorSentence);
    }
    r.attribution = level;
    if (level != Attribution::None)
        c.addEvidence(QStringLiteral("attribution"), Vocabulary::attributionKey(level), sentence);
}

void DraftSteps::classification(DraftContext &c)
{
    classifyType(c);
    classifySectors(c);
    classifyTags(c);
}

void DraftSteps::actor(DraftContext &c)
{
    QMap<QString, int> counts;
    QMap<QString, int> firstSeen;
    QMap<QString, QString> sentenceOf;
    for (qsizetype i = 0; i < c.page.sentences.size(); ++i) {
        const ArticleSentence &s = c.page.sentences.at(i);
        for (const DraftActors::Match &m : c.actors.find(DraftContext::storyTokens(s), c.rules)) {
            c.actorSpans[i].append({ m.start, m.end });
            if (!counts.contains(m.name)) {
                firstSeen.insert(m.name, int(firstSeen.size()));
                sentenceOf.insert(m.name, s.text);
            }
            ++counts[m.name];
            if (m.claimed && c.claimSentence.isEmpty())
                c.claimSentence = s.text;
        }
    }
    QString best;
    for (auto it = counts.cbegin(); it != counts.cend(); ++it) {
        if (best.isEmpty() || it.value() > counts.value(best)
            || (it.value() == counts.value(best) && firstSeen.value(it.key()) < firstSeen.value(best)))
            best = it.key();
    }
    Incident &r = c.draft.incident;
    if (!best.isEmpty()) {
        r.actor = best;
        c.addEvidence(QStringLiteral("actor"), best, sentenceOf.value(best));
    }
}
