#include "import/mispreader.h"

#include "import/importvocabulary.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>

namespace {
QString tr(const char *text)
{
    return QCoreApplication::translate("MispReader", text);
}

bool isUuid(const QString &text)
{
    static const QRegularExpression uuid(
        QStringLiteral("^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$"));
    return uuid.match(text).hasMatch();
}

// A string, or the strings of an array.
QStringList strings(const QJsonValue &v)
{
    if (v.isString())
        return { v.toString() };
    QStringList out;
    for (const QJsonValue &item : v.toArray()) {
        if (item.isString())
            out.append(item.toString());
    }
    return out;
}

// One event read into a RawRecord, step by step.
class MispEvent
{
public:
    MispEvent(const QJsonObject &event, const QString &path, ForeignRecords &records)
        : m_e(event)
        , m_path(path)
        , m_records(records)
        , m_vocabulary(ImportVocabulary::instance(QStringLiteral("misp")))
    {
        m_raw.line = 1;
    }

    bool submit()
    {
        set(QStringLiteral("id"), m_e.value(u"uuid").toString(), QStringLiteral("uuid"));
        set(QStringLiteral("title"), m_e.value(u"info").toString(), QStringLiteral("info"));
        set(QStringLiteral("start"), m_e.value(u"date").toString(), QStringLiteral("date"));
        galaxies();
        tags();
        typeAndLevel();
        sources();
        m_raw.lists.insert(QStringLiteral("victims"), m_victims);
        m_raw.lists.insert(QStringLiteral("attackers"), m_attackers);
        m_raw.lists.insert(QStringLiteral("sectors"), m_sectors);
        m_raw.lists.insert(QStringLiteral("tags"), m_tags);
        if (!m_actor.isEmpty())
            set(QStringLiteral("actor"), m_actor, QStringLiteral("Galaxy"));
        if (!m_attackers.isEmpty() || !m_actor.isEmpty())
            set(QStringLiteral("attribution"), m_vocabulary.value(QStringLiteral("attribution"), u"default"),
                QStringLiteral("Galaxy"));
        return m_records.submit(m_raw, m_paths, m_path);
    }

private:
    void set(const QString &field, const QString &value, const QString &key)
    {
        m_raw.text.insert(field, value);
        m_paths.insert(field, m_path + u'.' + key);
    }

    // What one galaxy value says, whether it came from a Galaxy cluster or a tag.
    void cluster(const QString &kind, const QString &value, const QJsonObject &meta, const QString &path)
    {
        m_machineTags.append(QStringLiteral("misp-galaxy:%1=\"%2\"").arg(kind, value).toLower());
        if (kind == u"country") {
            m_victims.append(value);
            m_paths.insert(QStringLiteral("victims"), path);
        } else if (kind == u"sector") {
            const QString sector = m_vocabulary.value(QStringLiteral("sector"), value);
            if (!sector.isEmpty() && !m_sectors.contains(sector))
                m_sectors.append(sector);
        } else if (kind == u"threat-actor" || kind == u"mitre-intrusion-set"
            || kind == u"mitre-enterprise-attack-intrusion-set") {
            if (m_actor.isEmpty())
                m_actor = value.section(QStringLiteral(" - G"), 0, 0);
            for (const QString &c : strings(meta.value(u"country")))
                m_attackers.append(c);
            m_paths.insert(QStringLiteral("attackers"), path);
        } else if (kind.contains(u"attack-pattern") && !value.contains(u';') && m_tags.size() < 64) {
            m_tags.append(QStringLiteral("attack-pattern:") + value);
        }
    }

    void galaxies()
    {
        const QJsonArray all = m_e.value(u"Galaxy").toArray();
        for (qsizetype g = 0; g < all.size(); ++g) {
            const QJsonObject galaxy = all.at(g).toObject();
            const QString kind = galaxy.value(u"type").toString();
            const QJsonArray clusters = galaxy.value(u"GalaxyCluster").toArray();
            for (qsizetype c = 0; c < clusters.size(); ++c) {
                const QJsonObject cluster = clusters.at(c).toObject();
                this->cluster(kind, cluster.value(u"value").toString(), cluster.value(u"meta").toObject(),
                    m_path + QStringLiteral(".Galaxy[%1].GalaxyCluster[%2]").arg(g).arg(c));
            }
        }
    }

    // Machine tags; misp-galaxy:KIND="VALUE" tags count as the galaxy value they name.
    void tags()
    {
        static const QRegularExpression galaxyTag(QStringLiteral("^misp-galaxy:([^=]+)=\"(.*)\"$"));
        const QJsonArray all = m_e.value(u"Tag").toArray();
        for (qsizetype t = 0; t < all.size(); ++t) {
            const QString name = all.at(t).toObject().value(u"name").toString().trimmed();
            const auto match = galaxyTag.match(name);
            const QString kind = match.captured(1);
            const QString value = match.captured(2);
            const QString machine = QStringLiteral("misp-galaxy:%1=\"%2\"").arg(kind, value).toLower();
            if (match.hasMatch() && !m_machineTags.contains(machine))
                cluster(kind, value, {}, m_path + QStringLiteral(".Tag[%1].name").arg(t));
            else if (!match.hasMatch())
                m_machineTags.append(name.toLower());
        }
    }

    bool hasTag(const QString &pattern) const
    {
        if (pattern.endsWith(u'*')) {
            const QStringView prefix = QStringView(pattern).chopped(1);
            return std::any_of(
                m_machineTags.begin(), m_machineTags.end(), [&](const QString &t) { return t.startsWith(prefix); });
        }
        return m_machineTags.contains(pattern);
    }

    void typeAndLevel()
    {
        QString type = m_vocabulary.value(QStringLiteral("default-type"), u"event");
        for (const auto &[pattern, value] : m_vocabulary.rows(QStringLiteral("type"))) {
            if (hasTag(pattern)) {
                type = value;
                break;
            }
        }
        set(QStringLiteral("type"), type, QStringLiteral("Tag"));
        const QJsonValue level = m_e.value(u"threat_level_id");
        const QString levelText = level.isDouble() ? QString::number(level.toInt()) : level.toString();
        const QString tag = m_vocabulary.value(QStringLiteral("threat-level"), levelText);
        if (!tag.isEmpty())
            m_tags.prepend(tag);
    }

    void linkAttributes(const QJsonArray &attributes, const QString &publisher)
    {
        for (const QJsonValue &a : attributes) {
            const QJsonObject attribute = a.toObject();
            if (attribute.value(u"type").toString() != u"link" || m_raw.sources.size() >= 64)
                continue;
            m_raw.sources.append({ attribute.value(u"value").toString(),
                attribute.value(u"comment").toString().left(1000), publisher, {} });
        }
    }

    void sources()
    {
        const QString publisher = m_e.value(u"Orgc").toObject().value(u"name").toString();
        linkAttributes(m_e.value(u"Attribute").toArray(), publisher);
        for (const QJsonValue &o : m_e.value(u"Object").toArray())
            linkAttributes(o.toObject().value(u"Attribute").toArray(), publisher);
        m_paths.insert(QStringLiteral("sources"), m_path + QStringLiteral(".Attribute"));
    }

    const QJsonObject &m_e;
    QString m_path;
    ForeignRecords &m_records;
    const ImportVocabulary &m_vocabulary;
    RawRecord m_raw;
    QHash<QString, QString> m_paths;
    QStringList m_machineTags; // lower case
    QStringList m_victims, m_attackers, m_sectors, m_tags;
    QString m_actor;
};

// An element of a list or response: {"Event": {...}} or the event itself.
bool readElement(const QJsonValue &v, const QString &path, ForeignRecords &records)
{
    const QJsonObject o = v.toObject();
    if (o.value(u"Event").isObject())
        return MispEvent(o.value(u"Event").toObject(), path + QStringLiteral(".Event"), records).submit();
    if (o.contains(u"info") || o.contains(u"uuid"))
        return MispEvent(o, path, records).submit();
    records.reject(0, path,
        tr("is %1; expected a MISP event {\"Event\": {...}}")
            .arg(v.isObject() ? tr("an object without Event") : ForeignRecords::typeName(v)));
    return true;
}
} // namespace

QStringList MispReader::manifestEvents(const QByteArray &bytes)
{
    const QJsonDocument doc = QJsonDocument::fromJson(bytes);
    const QJsonObject o = doc.object();
    if (o.isEmpty())
        return {};
    QStringList uuids;
    for (auto it = o.constBegin(); it != o.constEnd(); ++it) {
        if (!isUuid(it.key()) || !it.value().isObject())
            return {};
        uuids.append(it.key());
    }
    return uuids;
}

bool MispReader::looksLikeMisp(QByteArrayView head)
{
    static const QRegularExpression event(
        QStringLiteral("\"Event\"\\s*:\\s*\\{|\"threat_level_id\"|\"Attribute\"\\s*:\\s*\\[|\"response\"\\s*:\\s*\\["));
    static const QRegularExpression manifest(QStringLiteral("^\\s*\\{\\s*\"[0-9a-fA-F-]{36}\"\\s*:\\s*\\{"));
    const QString text = QString::fromUtf8(head.first(std::min<qsizetype>(head.size(), 65536)));
    return event.match(text).hasMatch() || manifest.match(text).hasMatch();
}

bool MispReader::read(const QByteArray &bytes, ForeignRecords &records)
{
    QJsonParseError error;
    const QJsonDocument doc = QJsonDocument::fromJson(bytes, &error);
    if (error.error != QJsonParseError::NoError)
        return records.fail(ForeignRecords::lineOfOffset(bytes, error.offset),
            tr("not valid JSON: %1 at byte %2").arg(error.errorString()).arg(error.offset));
    if (doc.isArray()) {
        const QJsonArray all = doc.array();
        for (qsizetype i = 0; i < all.size(); ++i) {
            if (!records.progress(bytes.size() * i / all.size())
                || !readElement(all.at(i), QStringLiteral("[%1]").arg(i), records))
                return false;
        }
        return true;
    }
    const QJsonObject top = doc.object();
    if (top.value(u"response").isArray()) {
        const QJsonArray all = top.value(u"response").toArray();
        for (qsizetype i = 0; i < all.size(); ++i) {
            if (!records.progress(bytes.size() * i / all.size())
                || !readElement(all.at(i), QStringLiteral("response[%1]").arg(i), records))
                return false;
        }
        return true;
    }
    if (!manifestEvents(bytes).isEmpty())
        return records.fail(0, tr("is a MISP feed manifest; import the folder that holds it and its events"));
    if (!records.progress(0))
        return false;
    if (top.value(u"Event").isObject() || top.contains(u"info"))
        return readElement(doc.object(), QStringLiteral("$"), records);
    return records.fail(
        0, tr("not a MISP event; expected {\"Event\": {...}}, a list of events or {\"response\": [...]}"));
}
