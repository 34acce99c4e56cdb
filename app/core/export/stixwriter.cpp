#include "export/stixwriter.h"

#include "domain/countries.h"
#include "export/jsonstream.h"

#include <QBuffer>
#include <QDate>
#include <QJsonArray>
#include <QJsonObject>
#include <QSet>
#include <QUrl>
#include <algorithm>
#include <map>

namespace {
constexpr qsizetype s_progressEvery = 256; // incidents between two progress calls

// The days an object spans: created and modified (STIX timestamps), first and last seen.
struct Span
{
    qint64 created = std::numeric_limits<qint64>::max();
    qint64 modified = std::numeric_limits<qint64>::min();
    qint64 firstSeen = std::numeric_limits<qint64>::max();
    qint64 lastSeen = std::numeric_limits<qint64>::min();

    void add(const Span &other)
    {
        created = std::min(created, other.created);
        modified = std::max(modified, other.modified);
        firstSeen = std::min(firstSeen, other.firstSeen);
        lastSeen = std::max(lastSeen, other.lastSeen);
    }
};

Span spanOf(const Incident &r)
{
    qint64 modified = r.start.firstDay();
    for (const PartialDate &d : { r.disclosed, r.attributedOn }) {
        if (d.isValid())
            modified = std::max(modified, d.firstDay());
    }
    return { r.start.firstDay(), modified, r.firstDay(), r.lastDay() };
}

// The objects several incidents share, with the span of the incidents that name them.
struct Shared
{
    std::map<QString, Span> locations; // alpha-2 -> span
    std::map<QString, std::pair<QString, Span>> actors; // folded name -> (first spelling, span)
    std::map<std::pair<QString, QString>, Span> origins; // (folded actor, alpha-2) -> span
};

QString actorKey(const QString &actor)
{
    return actor.trimmed().toCaseFolded();
}

bool isCountry(const QString &code)
{
    return !code.isEmpty() && code != u"XX";
}

Shared collectShared(const std::vector<const Incident *> &incidents)
{
    Shared shared;
    for (const Incident *r : incidents) {
        const Span span = spanOf(*r);
        for (const QStringList *list : { &r->victims, &r->attackers }) {
            for (const QString &code : *list) {
                if (isCountry(code))
                    shared.locations[code].add(span);
            }
        }
        const QString key = actorKey(r->actor);
        if (key.isEmpty())
            continue;
        auto [it, inserted] = shared.actors.try_emplace(key, r->actor.trimmed(), Span());
        it->second.second.add(span);
        for (const QString &code : r->attackers) {
            if (isCountry(code))
                shared.origins[{ key, code }].add(span);
        }
    }
    return shared;
}

QString timestamp(qint64 julianDay, bool endOfDay = false)
{
    const QDate d = QDate::fromJulianDay(julianDay);
    return QString::asprintf(
        "%04d-%02d-%02dT%s", d.year(), d.month(), d.day(), endOfDay ? "23:59:59.999Z" : "00:00:00.000Z");
}

QJsonObject stixObject(const QString &type, const QString &id, const Span &span)
{
    return QJsonObject { { QStringLiteral("type"), type }, { QStringLiteral("spec_version"), QStringLiteral("2.1") },
        { QStringLiteral("id"), id }, { QStringLiteral("created"), timestamp(span.created) },
        { QStringLiteral("modified"), timestamp(span.modified) } };
}

QJsonObject relationship(const QString &type, const QString &source, const QString &target, const Span &span)
{
    const QString id = StixWriter::stixId(QStringLiteral("relationship"), source + u'|' + type + u'|' + target);
    QJsonObject o = stixObject(QStringLiteral("relationship"), id, span);
    o.insert(u"relationship_type", type);
    o.insert(u"source_ref", source);
    o.insert(u"target_ref", target);
    return o;
}

QString locationId(const QString &code)
{
    return StixWriter::stixId(QStringLiteral("location"), code);
}
QString actorId(const QString &key)
{
    return StixWriter::stixId(QStringLiteral("intrusion-set"), key);
}
QString incidentId(const QString &id)
{
    return StixWriter::stixId(QStringLiteral("incident"), id);
}

void writeShared(JsonStream &json, const Shared &shared)
{
    for (const auto &[code, span] : shared.locations) {
        QJsonObject o = stixObject(QStringLiteral("location"), locationId(code), span);
        o.insert(u"name", Countries::instance().name(code));
        o.insert(u"country", code);
        json.element(o);
    }
    for (const auto &[key, actor] : shared.actors) {
        const Span &span = actor.second;
        QJsonObject o = stixObject(QStringLiteral("intrusion-set"), actorId(key), span);
        o.insert(u"name", actor.first);
        o.insert(u"first_seen", timestamp(span.firstSeen));
        o.insert(u"last_seen", timestamp(span.lastSeen, true));
        json.element(o);
    }
    for (const auto &[ends, span] : shared.origins)
        json.element(
            relationship(QStringLiteral("originates-from"), actorId(ends.first), locationId(ends.second), span));
}

// A source as a STIX external reference: source_name is required, and so is one of
// external_id, description and url.
QJsonObject externalReference(const Source &s)
{
    const QUrl url(s.url, QUrl::StrictMode);
    const bool absolute = !s.url.isEmpty() && url.isValid() && !url.scheme().isEmpty();
    QString name = s.publisher;
    if (name.isEmpty())
        name = absolute && !url.host().isEmpty() ? url.host() : QStringLiteral("source");
    if (name == u"cve" || name == u"capec") // names STIX reserves for CVE and CAPEC ids
        name += QStringLiteral(" (publisher)");
    QStringList description;
    for (const QString &part : { s.title, s.date, absolute ? QString() : s.url }) {
        if (!part.isEmpty())
            description << part;
    }
    QJsonObject o { { QStringLiteral("source_name"), name } };
    if (absolute)
        o.insert(u"url", s.url);
    if (!description.isEmpty() || !absolute)
        o.insert(u"description", description.isEmpty() ? name : description.join(QStringLiteral(", ")));
    return o;
}

void insertList(QJsonObject &o, QStringView key, const QStringList &values)
{
    if (!values.isEmpty()) // STIX lists have at least one item
        o.insert(key, QJsonArray::fromStringList(values));
}

void insertFaultlineFields(QJsonObject &o, const Incident &r)
{
    o.insert(u"x_faultline_id", r.id);
    o.insert(u"x_faultline_start", r.start.toString());
    if (r.end.isValid())
        o.insert(u"x_faultline_end", r.end.toString());
    o.insert(u"x_faultline_type", Vocabulary::typeKey(r.type));
    insertList(o, u"x_faultline_sectors", Vocabulary::sectorKeys(r.sectors));
    o.insert(u"x_faultline_attribution", Vocabulary::attributionKey(r.attribution));
    if (r.disclosed.isValid())
        o.insert(u"x_faultline_disclosed", r.disclosed.toString());
    if (r.attributedOn.isValid())
        o.insert(u"x_faultline_attributed_on", r.attributedOn.toString());
    insertList(o, u"x_faultline_victims", r.victims);
    insertList(o, u"x_faultline_attackers", r.attackers);
    if (!r.actor.isEmpty())
        o.insert(u"x_faultline_actor", r.actor);
    insertList(o, u"x_faultline_tags", r.tags);
    insertList(o, u"x_faultline_related", r.related);
    // Each source whole: external references join its title and date into one description.
    QJsonArray sources;
    for (const Source &s : r.sources)
        sources.append(QJsonObject { { QStringLiteral("publisher"), s.publisher }, { QStringLiteral("title"), s.title },
            { QStringLiteral("date"), s.date }, { QStringLiteral("url"), s.url } });
    if (!sources.isEmpty())
        o.insert(u"x_faultline_sources", sources);
}

QJsonObject incidentObject(const Incident &r)
{
    const Span span = spanOf(r);
    QJsonObject o = stixObject(QStringLiteral("incident"), incidentId(r.id), span);
    o.insert(u"name", r.title);
    if (!r.summary.isEmpty())
        o.insert(u"description", r.summary);
    o.insert(u"first_seen", timestamp(span.firstSeen));
    o.insert(u"last_seen", timestamp(span.lastSeen, true));
    o.insert(u"labels", QJsonArray { Vocabulary::typeKey(r.type) });
    QJsonArray references { QJsonObject {
        { QStringLiteral("source_name"), QStringLiteral("faultline") }, { QStringLiteral("external_id"), r.id } } };
    for (const Source &s : r.sources)
        references.append(externalReference(s));
    o.insert(u"external_references", references);
    insertFaultlineFields(o, r);
    return o;
}

// How sure an attribution is, on STIX's 0-100 confidence scale.
int confidenceOf(Attribution a)
{
    switch (a) {
    case Attribution::Official:
        return 90;
    case Attribution::Vendor:
        return 70;
    case Attribution::Claimed:
        return 50;
    case Attribution::Suspected:
        return 30;
    case Attribution::None:
        return 10;
    }
    return 0;
}

void writeIncidentRelationships(JsonStream &json, const Incident &r, const QSet<QString> &exported)
{
    const Span span = spanOf(r);
    const QString self = incidentId(r.id);
    for (const QString &code : r.victims) {
        if (isCountry(code))
            json.element(relationship(QStringLiteral("targets"), self, locationId(code), span));
    }
    const QString key = actorKey(r.actor);
    if (!key.isEmpty()) {
        QJsonObject o = relationship(QStringLiteral("attributed-to"), self, actorId(key), span);
        o.insert(u"description", Vocabulary::attributionLabel(r.attribution));
        o.insert(u"confidence", confidenceOf(r.attribution));
        json.element(o);
    } else {
        for (const QString &code : r.attackers) {
            if (isCountry(code))
                json.element(relationship(QStringLiteral("originates-from"), self, locationId(code), span));
        }
    }
    for (const QString &other : r.related) {
        if (other != r.id && exported.contains(other))
            json.element(relationship(QStringLiteral("related-to"), self, incidentId(other), span));
    }
}

std::vector<const Incident *> sortedByStart(const QList<Incident> &incidents)
{
    std::vector<const Incident *> sorted;
    sorted.reserve(std::size_t(incidents.size()));
    for (const Incident &r : incidents)
        sorted.push_back(&r);
    std::sort(sorted.begin(), sorted.end(), [](const Incident *a, const Incident *b) {
        return std::pair(a->start.firstDay(), a->id) < std::pair(b->start.firstDay(), b->id);
    });
    return sorted;
}

bool stream(QIODevice &out, const QList<Incident> &incidents, const ExportFile::Progress &progress)
{
    const std::vector<const Incident *> sorted = sortedByStart(incidents);
    QSet<QString> exported;
    QStringList ids;
    for (const Incident *r : sorted) {
        exported.insert(r->id);
        ids << r->id;
    }
    JsonStream json(out);
    json.member(QStringLiteral("id"), StixWriter::stixId(QStringLiteral("bundle"), ids.join(u'\n')));
    const qint64 total = qint64(sorted.size());
    bool done = true;
    if (!sorted.empty()) { // a bundle's objects, when present, hold at least one
        json.beginArray(QStringLiteral("objects"));
        writeShared(json, collectShared(sorted));
        for (qint64 i = 0; i < total && done; ++i) {
            const Incident &r = *sorted[std::size_t(i)];
            json.element(incidentObject(r));
            writeIncidentRelationships(json, r, exported);
            if (progress && (i + 1) % s_progressEvery == 0)
                done = progress(i + 1, total);
        }
        json.endArray();
    }
    json.member(QStringLiteral("type"), QStringLiteral("bundle"));
    json.finish();
    return done && (!progress || progress(total, total));
}
} // namespace

namespace StixWriter {
QString stixId(const QString &type, const QString &key)
{
    return type + QStringLiteral("--")
        + QUuid::createUuidV5(s_namespace, type + u':' + key).toString(QUuid::WithoutBraces);
}

QByteArray toBundle(const QList<Incident> &incidents)
{
    QBuffer buffer;
    buffer.open(QIODevice::WriteOnly);
    stream(buffer, incidents, {});
    return buffer.data();
}

ExportResult write(const QString &path, const QList<Incident> &incidents, const ExportFile::Progress &progress)
{
    return ExportFile::write(path, [&](QIODevice &device) {
        return stream(device, incidents, progress) ? ExportResult::success() : ExportResult::cancel();
    });
}
} // namespace StixWriter
