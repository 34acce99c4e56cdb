#include "import/stixreader.h"

#include "domain/countries.h"
#include "import/faultlinejsonreader.h"
#include "import/importvocabulary.h"
#include "import/stixobjectfacts.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
#include <QSet>
#include <QVarLengthArray>
#include <algorithm>
#include <array>
#include <cstring>
#include <utility>

namespace {
QString tr(const char *text)
{
    return QCoreApplication::translate("StixReader", text);
}

enum class EdgeKind : quint8 { Targets, OriginatesFrom, AttributedTo, LocatedAt };

struct Edge
{
    EdgeKind kind;
    int target;
};

// What the graph keeps of one object: enough to resolve countries, actors and sectors.
struct Node
{
    enum class Kind : quint8 { Other, Record, Actor, Identity, Location, Timed };
    Kind kind = Kind::Other;
    int element = -1; // index in the bundle's objects
    QString name;
    QString country; // a location's alpha-2 code, when it is a country
    QStringList sectors; // an identity's sectors, as Faultline sectors
    QString start; // an event's or impact's start date
    QList<Edge> edges; // relationships from this object
    // What the edges name, worked out once the graph is whole (an actor's are asked for every
    // record attributed to it): countries targeted and originated from, sectors targeted.
    QStringList targetCountries;
    QStringList originCountries;
    QStringList targetSectors;
};

struct PendingEdge
{
    QString source;
    EdgeKind kind;
    QString target;
};

std::optional<EdgeKind> edgeKind(QStringView relationship)
{
    if (relationship == u"targets")
        return EdgeKind::Targets;
    if (relationship == u"originates-from")
        return EdgeKind::OriginatesFrom;
    if (relationship == u"attributed-to")
        return EdgeKind::AttributedTo;
    if (relationship == u"located-at")
        return EdgeKind::LocatedAt;
    return std::nullopt;
}

// A location's country: its `country` (alpha-2 or alpha-3), the alpha-2 among OpenCTI's
// aliases, or its name when it is a country and carries no code.
QString locationCountry(const QJsonObject &o)
{
    const Countries &countries = Countries::instance();
    if (const auto code = countries.resolve(o.value(u"country").toString()); code && *code != u"XX")
        return *code;
    for (const QJsonValue &alias : o.value(u"x_opencti_aliases").toArray()) {
        const QString a = alias.toString();
        if (a.size() == 2 && countries.isKnownCode(a.toUpper()))
            return a.toUpper();
    }
    const QString kind = o.value(u"x_opencti_location_type").toString();
    const bool mayBeCountry = kind.isEmpty() ? !o.contains(u"region") && !o.contains(u"city") : kind == u"Country";
    if (mayBeCountry) {
        if (const auto code = countries.resolve(o.value(u"name").toString()); code && *code != u"XX")
            return *code;
    }
    return {};
}

using ObjectFacts = StixObjectFacts;

// The objects of a bundle, indexed by id, with their relationships.
class StixGraph
{
public:
    void add(const ObjectFacts &o, int element)
    {
        const QString &type = o.type;
        const QString &id = o.id;
        if (type == u"relationship") {
            if (const auto kind = edgeKind(o.relationshipType))
                m_pending.append({ o.sourceRef, *kind, o.targetRef });
            return;
        }
        Node node;
        node.element = element;
        node.name = o.name.left(512);
        if (type == u"incident" || type == u"campaign") {
            node.kind = Node::Kind::Record;
        } else if (type == u"intrusion-set" || type == u"threat-actor") {
            node.kind = Node::Kind::Actor;
        } else if (type == u"identity") {
            node.kind = Node::Kind::Identity;
            const ImportVocabulary &vocabulary = ImportVocabulary::instance(QStringLiteral("stix"));
            for (const QJsonValue &s : o.full.value(u"sectors").toArray()) {
                const QString sector = vocabulary.value(QStringLiteral("sector"), s.toString());
                if (!sector.isEmpty() && !node.sectors.contains(sector))
                    node.sectors.append(sector);
            }
        } else if (type == u"location") {
            node.kind = Node::Kind::Location;
            node.country = locationCountry(o.full);
        } else if (type == u"event" || type == u"impact") {
            node.kind = Node::Kind::Timed;
            node.start = StixReader::dateOf(o.startTime);
        } else {
            return;
        }
        if (!id.isEmpty() && !m_index.contains(id)) {
            m_index.insert(id, int(m_nodes.size()));
            m_nodes.append(std::move(node));
        }
    }

    // Relationships may name objects that come later in the bundle: resolved once all are in.
    void resolve()
    {
        for (const PendingEdge &e : std::as_const(m_pending)) {
            const int source = m_index.value(e.source, -1);
            const int target = m_index.value(e.target, -1);
            if (source >= 0 && target >= 0)
                m_nodes[source].edges.append({ e.kind, target });
        }
        m_pending.clear();
        m_pending.squeeze();
        for (Node &node : m_nodes) {
            for (const Edge &e : std::as_const(node.edges)) {
                const QString country = countryOf(e.target);
                if (e.kind == EdgeKind::Targets) {
                    if (!country.isEmpty())
                        node.targetCountries.append(country);
                    node.targetSectors += m_nodes.at(e.target).sectors;
                } else if (e.kind == EdgeKind::OriginatesFrom && !country.isEmpty()) {
                    node.originCountries.append(country);
                }
            }
        }
    }

    int find(const QString &id) const { return m_index.value(id, -1); }
    const Node &node(int i) const { return m_nodes.at(i); }

    // The country of a location or identity, walking located-at upwards.
    QString countryOf(int i) const
    {
        std::array<int, 16> seen;
        for (int depth = 0;
             i >= 0 && depth < 16 && std::find(seen.begin(), seen.begin() + depth, i) == seen.begin() + depth;
             ++depth) {
            seen[depth] = i;
            const Node &n = m_nodes.at(i);
            if (!n.country.isEmpty())
                return n.country;
            int next = -1;
            for (const Edge &e : n.edges) {
                if (e.kind == EdgeKind::LocatedAt) {
                    next = e.target;
                    break;
                }
            }
            i = next;
        }
        return {};
    }

    // The record and what it is attributed to (transitively), nearest first.
    QList<int> attributionChain(int record) const
    {
        QList<int> chain { record };
        for (qsizetype k = 0; k < chain.size() && chain.size() < 32; ++k) {
            for (const Edge &e : m_nodes.at(chain.at(k)).edges) {
                if (e.kind == EdgeKind::AttributedTo && !chain.contains(e.target))
                    chain.append(e.target);
            }
        }
        return chain;
    }

private:
    QHash<QString, int> m_index;
    QList<Node> m_nodes;
    QList<PendingEdge> m_pending;
};
} // namespace

namespace {
// One incident or campaign read into a RawRecord, step by step.
class StixRecord
{
public:
    StixRecord(const QJsonObject &o, int node, const QString &path, const StixGraph &graph)
        : m_o(o)
        , m_node(node)
        , m_path(path)
        , m_graph(graph)
        , m_vocabulary(ImportVocabulary::instance(QStringLiteral("stix")))
    { }

    void build(int line)
    {
        m_raw.line = line;
        const QString id = m_o.value(u"id").toString();
        set(QStringLiteral("id"), id, QStringLiteral("id"));
        set(QStringLiteral("title"), m_o.value(u"name").toString(), QStringLiteral("name"));
        set(QStringLiteral("summary"), m_o.value(u"description").toString(), QStringLiteral("description"));
        if (m_o.contains(u"x_faultline_id")) {
            faultlineFields(); // everything the STIX objects would give, and more exactly
            return;
        }
        dates();
        countries();
        typeAndTags();
        sources();
    }

    bool submit(ForeignRecords &records) { return records.submit(std::move(m_raw), m_paths, m_path); }

private:
    void set(const QString &field, const QString &value, const QString &key)
    {
        m_raw.text.insert(field, value);
        m_paths.insert(field, m_path + u'.' + key);
    }

    // A bundle Faultline wrote (StixWriter) carries each record's own fields as x_faultline_*
    // properties. Where present they win over what the STIX objects say, which holds less (a
    // start dated only to the year, the type, the sectors, the disclosure) or more (every
    // origin of the intrusion set, not this incident's attackers): a record read back is the
    // record written, under its own id, so importing an export again changes nothing. Each value
    // is still checked like any other.
    void faultlineFields()
    {
        static const std::pair<QLatin1StringView, QLatin1StringView> texts[] = {
            { QLatin1StringView("x_faultline_id"), QLatin1StringView("id") },
            { QLatin1StringView("x_faultline_start"), QLatin1StringView("start") },
            { QLatin1StringView("x_faultline_end"), QLatin1StringView("end") },
            { QLatin1StringView("x_faultline_type"), QLatin1StringView("type") },
            { QLatin1StringView("x_faultline_attribution"), QLatin1StringView("attribution") },
            { QLatin1StringView("x_faultline_disclosed"), QLatin1StringView("disclosed") },
            { QLatin1StringView("x_faultline_attributed_on"), QLatin1StringView("attributed_on") },
            { QLatin1StringView("x_faultline_actor"), QLatin1StringView("actor") },
        };
        // Absent optional fields were empty when written (the writer leaves them out).
        for (const auto &[key, field] : texts)
            set(QString(field), m_o.value(key).isString() ? m_o.value(key).toString() : QString(), QString(key));
        static const std::pair<QLatin1StringView, QLatin1StringView> lists[] = {
            { QLatin1StringView("x_faultline_victims"), QLatin1StringView("victims") },
            { QLatin1StringView("x_faultline_attackers"), QLatin1StringView("attackers") },
            { QLatin1StringView("x_faultline_sectors"), QLatin1StringView("sectors") },
            { QLatin1StringView("x_faultline_tags"), QLatin1StringView("tags") },
            { QLatin1StringView("x_faultline_related"), QLatin1StringView("related") },
        };
        for (const auto &[key, field] : lists) {
            QStringList values;
            for (const QJsonValue &v : m_o.value(key).toArray()) {
                if (values.size() < 256)
                    values << v.toString();
            }
            m_raw.lists.insert(QString(field), values);
            m_paths.insert(QString(field), m_path + u'.' + key);
        }
        if (!m_o.contains(u"x_faultline_sources")) {
            // No sources, or an export older than x_faultline_sources: the external references
            // stand, less the one that only names the record itself.
            sources();
            const QString self = m_o.value(u"x_faultline_id").toString();
            m_raw.sources.removeIf(
                [&](const Source &s) { return s.publisher == u"faultline" && s.title == self && s.url.isEmpty(); });
            return;
        }
        m_raw.sources.clear();
        for (const QJsonValue &v : m_o.value(u"x_faultline_sources").toArray()) {
            const QJsonObject source = v.toObject();
            if (m_raw.sources.size() < 256)
                m_raw.sources.append({ source.value(u"url").toString(), source.value(u"title").toString(),
                    source.value(u"publisher").toString(), source.value(u"date").toString() });
        }
        m_paths.insert(QStringLiteral("sources"), m_path + QStringLiteral(".x_faultline_sources"));
    }

    // ATT&CK writes month-precision dates as the first of the month.
    QString date(const QString &key) const
    {
        QString d = StixReader::dateOf(m_o.value(key).toString());
        if (d.size() == 10 && d.endsWith(u"-01") && m_o.contains(u"x_mitre_version"))
            d.truncate(7);
        if (d.isEmpty() && !m_o.value(key).toString().isEmpty())
            return m_o.value(key).toString(); // rejected by validation, with the value named
        return d;
    }

    QJsonArray extensionArray(QStringView key) const
    {
        QJsonArray out;
        const QJsonObject extensions = m_o.value(u"extensions").toObject();
        for (auto it = extensions.constBegin(); it != extensions.constEnd(); ++it) {
            for (const QJsonValue &v : it.value().toObject().value(key).toArray())
                out.append(v);
        }
        return out;
    }

    void dates()
    {
        set(QStringLiteral("start"), date(QStringLiteral("first_seen")), QStringLiteral("first_seen"));
        set(QStringLiteral("end"), date(QStringLiteral("last_seen")), QStringLiteral("last_seen"));
        if (!m_raw.text.value(QStringLiteral("start")).isEmpty())
            return;
        // An incident (core extension) dates itself through its events and impacts.
        QStringList starts;
        QJsonArray refs = extensionArray(u"impact_refs");
        for (const QJsonValue &e : extensionArray(u"events"))
            refs.append(e.toObject().value(u"event_ref"));
        for (const QJsonValue &ref : refs) {
            const int n = m_graph.find(ref.toString());
            if (n >= 0 && !m_graph.node(n).start.isEmpty())
                starts.append(m_graph.node(n).start);
        }
        if (!starts.isEmpty()) {
            std::sort(starts.begin(), starts.end());
            set(QStringLiteral("start"), starts.first(), QStringLiteral("extensions.events"));
        }
    }

    void countries()
    {
        QStringList victims, attackers, sectors;
        QString actor;
        for (const int n : m_graph.attributionChain(m_node)) {
            const Node &node = m_graph.node(n);
            if (n != m_node && actor.isEmpty() && node.kind == Node::Kind::Actor)
                actor = node.name;
            sectors += node.targetSectors;
            if (victims.isEmpty())
                victims = node.targetCountries;
            if (attackers.isEmpty())
                attackers = node.originCountries;
        }
        m_raw.lists.insert(QStringLiteral("victims"), victims);
        m_raw.lists.insert(QStringLiteral("attackers"), attackers);
        m_raw.lists.insert(QStringLiteral("sectors"), sectors);
        m_paths.insert(QStringLiteral("victims"), m_path + QStringLiteral(" targets"));
        m_paths.insert(QStringLiteral("attackers"), m_path + QStringLiteral(" originates-from"));
        if (!actor.isEmpty())
            set(QStringLiteral("actor"), actor, QStringLiteral("attributed-to"));
        if (!attackers.isEmpty() || !actor.isEmpty())
            set(QStringLiteral("attribution"), m_vocabulary.value(QStringLiteral("attribution"), u"default"),
                QStringLiteral("attributed-to"));
    }

    void typeAndTags()
    {
        const QString objectType = m_o.value(u"type").toString();
        QJsonArray types = m_o.value(u"incident_types").toArray();
        for (const QJsonValue &t : extensionArray(u"incident_types"))
            types.append(t);
        QString type;
        for (const QJsonValue &t : std::as_const(types)) {
            type = m_vocabulary.value(QStringLiteral("type"), t.toString());
            if (!type.isEmpty())
                break;
        }
        if (type.isEmpty())
            type = m_vocabulary.value(QStringLiteral("default-type"), objectType);
        set(QStringLiteral("type"), type, QStringLiteral("incident_types"));
        QStringList tags { QStringLiteral("stix:") + objectType };
        if (m_o.value(u"x_mitre_deprecated").toBool())
            tags.append(QStringLiteral("deprecated")); // still an event that happened
        for (const QJsonValue &r : m_o.value(u"external_references").toArray()) {
            const QJsonObject ref = r.toObject();
            if (ref.value(u"source_name").toString() == u"mitre-attack" && ref.contains(u"external_id"))
                tags.append(ref.value(u"external_id").toString());
        }
        for (const QJsonValue &l : m_o.value(u"labels").toArray()) {
            if (l.isString() && !l.toString().contains(u';') && tags.size() < 64)
                tags.append(l.toString());
        }
        m_raw.lists.insert(QStringLiteral("tags"), tags);
    }

    void sources()
    {
        for (const QJsonValue &r : m_o.value(u"external_references").toArray()) {
            const QJsonObject ref = r.toObject();
            QString title = ref.value(u"description").toString();
            if (title.isEmpty())
                title = ref.value(u"external_id").toString();
            const Source s { ref.value(u"url").toString(), title.left(1000), ref.value(u"source_name").toString(), {} };
            if ((!s.url.isEmpty() || !s.title.isEmpty()) && m_raw.sources.size() < 64)
                m_raw.sources.append(s);
        }
        m_paths.insert(QStringLiteral("sources"), m_path + QStringLiteral(".external_references"));
    }

    QJsonObject m_o;
    int m_node;
    QString m_path;
    const StixGraph &m_graph;
    const ImportVocabulary &m_vocabulary;
    RawRecord m_raw;
    QHash<QString, QString> m_paths;
};

// The bundle's objects: where each lies in the file, or the one object a file holds.
struct Objects
{
    FaultlineJsonReader::Layout layout;
    QJsonObject single; // when the file is one object rather than a bundle
    bool isSingle = false;

    qsizetype size() const { return isSingle ? 1 : layout.elements.size(); }
    int line(qsizetype i) const { return isSingle ? 1 : layout.elements.at(i).line; }
    qint64 offset(qsizetype i) const { return isSingle ? 0 : layout.elements.at(i).begin; }
    QString path(qsizetype i) const { return isSingle ? QStringLiteral("$") : QStringLiteral("objects[%1]").arg(i); }
};

// One element of the "objects" array as QJsonDocument read it: its value, or the parser's
// message when it is not valid JSON.
struct ParsedElement
{
    QJsonValue value;
    QString error;
};

// An element as the first pass needs it: its facts, or what QJsonDocument made of it.
struct ElementFacts
{
    std::optional<ObjectFacts> facts;
    ParsedElement parsed; // when the element is not plain
};

ParsedElement parseElement(const QByteArray &bytes, const FaultlineJsonReader::Layout::Element &e)
{
    const char *begin = bytes.constData() + e.begin;
    const qsizetype size = e.end - e.begin;
    // An object parses where it lies, without copying it. A piece that parses as an object
    // on its own also parses inside brackets, and the other way round.
    if (size > 0 && *begin == '{') {
        const QJsonDocument doc = QJsonDocument::fromJson(QByteArray::fromRawData(begin, size));
        if (doc.isObject())
            return { doc.object(), {} };
    }
    // Other values, and broken ones, are read inside brackets as they always were, so a broken
    // element's message stays the one the parser gives for `[element]`.
    QByteArray piece;
    piece.reserve(size + 2);
    piece.append('[').append(begin, size).append(']');
    QJsonParseError error;
    const QJsonDocument doc = QJsonDocument::fromJson(piece, &error);
    if (error.error != QJsonParseError::NoError)
        return { {}, error.errorString() };
    return { doc.array().at(0), {} };
}

ElementFacts factsOf(const QByteArray &bytes, const FaultlineJsonReader::Layout::Element &e)
{
    ElementFacts out;
    out.facts = StixObjectFacts::readPlain(QByteArrayView(bytes.constData() + e.begin, e.end - e.begin));
    if (!out.facts) {
        out.parsed = parseElement(bytes, e);
        if (out.parsed.value.isObject()) {
            out.facts = ObjectFacts::of(out.parsed.value.toObject());
            out.parsed.value = QJsonValue();
        }
    }
    return out;
}

// The facts of the element, or nullopt after a diagnostic (a broken file fails; a value that
// is not an object is skipped).
std::optional<ObjectFacts> takeFacts(
    ElementFacts &element, const Objects &objects, qsizetype i, ForeignRecords &records, bool *broken)
{
    if (element.facts)
        return std::move(element.facts);
    const ParsedElement &parsed = element.parsed;
    if (!parsed.error.isEmpty()) {
        *broken = true;
        records.fail(objects.line(i), tr("%1: not valid JSON: %2").arg(objects.path(i), parsed.error));
        return std::nullopt;
    }
    if (!parsed.value.isObject()) {
        records.warning(objects.line(i), objects.path(i),
            tr("is %1; expected a STIX object, skipped").arg(ForeignRecords::typeName(parsed.value)));
        return std::nullopt;
    }
    return std::nullopt;
}

// Splits a bundle, or takes a file holding one object; false after a whole-file diagnostic.
bool locateObjects(const QByteArray &bytes, Objects &objects, ForeignRecords &records)
{
    objects.layout = FaultlineJsonReader::scan(bytes, "objects");
    const auto &layout = objects.layout;
    const bool split = layout.arrayBegin >= 0 && layout.arrayEnd > layout.arrayBegin;
    if (!split && bytes.size() > 64 * 1024 * 1024)
        return records.fail(
            0, tr("no \"objects\" array; expected a STIX bundle {\"type\": \"bundle\", \"objects\": [...]}"));
    // The envelope with its array emptied (or the whole file when there is none).
    const QByteArray envelope = split ? bytes.left(layout.arrayBegin) + "[]" + bytes.mid(layout.arrayEnd + 1) : bytes;
    QJsonParseError error;
    const QJsonDocument doc = QJsonDocument::fromJson(envelope, &error);
    if (error.error != QJsonParseError::NoError)
        return records.fail(split ? 0 : ForeignRecords::lineOfOffset(bytes, error.offset),
            tr("not valid JSON: %1 at byte %2").arg(error.errorString()).arg(error.offset));
    const QString type = doc.object().value(u"type").toString();
    if (!doc.isObject() || type.isEmpty())
        return records.fail(0, tr("not a STIX object: no \"type\"; expected a bundle or a STIX object"));
    if (type == u"bundle" && !split) {
        if (!doc.object().value(u"objects").isArray() && doc.object().contains(u"objects"))
            return records.fail(0,
                tr("objects: is %1; expected an array of STIX objects")
                    .arg(ForeignRecords::typeName(doc.object().value(u"objects"))));
        return true; // an empty bundle
    }
    if (type != u"bundle") {
        objects.isSingle = true;
        objects.single = doc.object();
    }
    return true;
}

// Whether `o` is an incident or campaign to read as a record; revoked ones (replaced by
// another object) and ones without a usable id are reported instead.
bool isRecordToRead(
    const ObjectFacts &o, const Objects &objects, qsizetype i, const StixGraph &graph, ForeignRecords &records)
{
    const QString &type = o.type;
    if (type != u"incident" && type != u"campaign")
        return false;
    const QString &id = o.id;
    if (o.revoked) {
        records.warning(objects.line(i), objects.path(i), tr("%1 is revoked; skipped").arg(type), id);
        return false;
    }
    if (id.isEmpty() || graph.find(id) >= 0) {
        records.reject(objects.line(i), objects.path(i) + QStringLiteral(".id"),
            id.isEmpty() ? tr("missing; expected TYPE--UUID") : tr("\"%1\" repeats an earlier object's id").arg(id),
            id);
        return false;
    }
    return true;
}
} // namespace

QString StixReader::dateOf(const QString &timestamp)
{
    static const QRegularExpression form(QStringLiteral("^(\\d{4}-\\d{2}-\\d{2})(?:[Tt ].*)?$"));
    const auto match = form.match(timestamp.trimmed());
    return match.hasMatch() ? match.captured(1) : QString();
}

bool StixReader::looksLikeStix(QByteArrayView head)
{
    static const QRegularExpression type(QStringLiteral(
        "\"type\"\\s*:\\s*\"(bundle|campaign|incident|intrusion-set|threat-actor|identity|location|relationship|"
        "attack-pattern|marking-definition|indicator|malware|report|x-mitre-[a-z-]+)\""));
    const QString text = QString::fromUtf8(head.first(std::min<qsizetype>(head.size(), 65536)));
    // STIX's JSON schemas describe these objects without being any.
    return type.match(text).hasMatch() && text.contains(QStringLiteral("--")) && !text.contains(u"\"$schema\"");
}

bool StixReader::read(const QByteArray &bytes, ForeignRecords &records)
{
    return read(QList<Part> { { records.fileName(), bytes } }, records);
}

bool StixReader::read(const QList<Part> &given, ForeignRecords &records)
{
    // A bare list of STIX objects, as some tools write them, is read as the bundle it stands
    // for (its diagnostics name the same lines and `objects[i]` paths).
    QList<Part> parts = given;
    for (Part &part : parts) {
        const qsizetype first = std::find_if(part.bytes.cbegin(), part.bytes.cend(), [](char c) {
            return c != ' ' && c != '\t' && c != '\n' && c != '\r';
        }) - part.bytes.cbegin();
        if (first < part.bytes.size() && part.bytes.at(first) == '[')
            part.bytes = "{\"type\": \"bundle\", \"objects\": " + part.bytes + '}';
    }
    QList<Objects> objects(parts.size());
    StixGraph graph;
    // The incidents and campaigns to read once the graph is whole. Keeping them parsed would
    // take more memory than the file, so they are parsed again.
    struct RecordObject
    {
        qsizetype part;
        qsizetype index;
        int node;
    };
    QList<RecordObject> recordObjects;
    bool broken = false;
    for (qsizetype p = 0; p < parts.size(); ++p) {
        records.setFileName(parts.at(p).name);
        if (!locateObjects(parts.at(p).bytes, objects[p], records))
            return false;
        for (qsizetype i = 0; i < objects[p].size(); ++i) {
            if (i % 256 == 0 && !records.progress(objects[p].offset(i) / 2))
                return false;
            std::optional<ObjectFacts> o;
            if (objects[p].isSingle) {
                o = ObjectFacts::of(objects[p].single);
            } else {
                ElementFacts element = factsOf(parts.at(p).bytes, objects[p].layout.elements.at(i));
                o = takeFacts(element, objects[p], i, records, &broken);
            }
            if (broken)
                return false;
            if (o && isRecordToRead(*o, objects[p], i, graph, records)) {
                graph.add(*o, int(i));
                recordObjects.append({ p, i, graph.find(o->id) });
            } else if (o) {
                graph.add(*o, int(i));
            }
        }
    }
    graph.resolve();
    for (const RecordObject &r : std::as_const(recordObjects)) {
        records.setFileName(parts.at(r.part).name);
        const Objects &o = objects.at(r.part);
        if (!records.progress(o.size() ? (o.offset(r.index) + parts.at(r.part).bytes.size()) / 2 : 0))
            return false;
        // Every record parsed in the first pass: only a missing node leaves one out.
        const QJsonValue value = o.isSingle ? QJsonValue(o.single)
                                            : parseElement(parts.at(r.part).bytes, o.layout.elements.at(r.index)).value;
        if (!value.isObject() || r.node < 0)
            continue;
        StixRecord record(value.toObject(), r.node, o.path(r.index), graph);
        record.build(o.line(r.index));
        if (!record.submit(records))
            return false;
    }
    return true;
}
