#include "import/verisreader.h"

#include "import/importvocabulary.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
#include <QSet>
#include <cmath>

namespace {
QString tr(const char *text)
{
    return QCoreApplication::translate("VerisReader", text);
}

// A JSON string or number as text ("2013", 2013 and 2013.0 all give "2013").
QString scalar(const QJsonValue &v)
{
    if (v.isString())
        return v.toString().trimmed();
    if (v.isDouble()) {
        const double d = v.toDouble();
        // Whole numbers as integers; anything else (1e300, 2.5) as written, for validation to refuse.
        return std::abs(d) < 1e15 && d == std::floor(d) ? QString::number(qint64(d)) : QString::number(d);
    }
    return {};
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

bool isUnknownCountry(const QString &value)
{
    const QString v = value.trimmed();
    return v.isEmpty() || v.compare(u"Unknown", Qt::CaseInsensitive) == 0
        || v.compare(u"Other", Qt::CaseInsensitive) == 0;
}

// One VERIS incident object read into a RawRecord, step by step.
class VerisIncident
{
public:
    VerisIncident(const QJsonObject &o, const QString &path, ForeignRecords &records)
        : m_o(o)
        , m_path(path)
        , m_records(records)
        , m_vocabulary(ImportVocabulary::instance(QStringLiteral("veris")))
    {
        m_raw.line = 1;
    }

    bool submit()
    {
        id();
        dates();
        countries();
        typeAndTags();
        sector();
        text();
        return m_records.submit(m_raw, m_paths, m_path);
    }

private:
    QString at(const QString &relative) const { return m_path.isEmpty() ? relative : m_path + u'.' + relative; }
    void set(const QString &field, const QString &value, const QString &relative)
    {
        m_raw.text.insert(field, value);
        m_paths.insert(field, at(relative));
    }

    void id()
    {
        const QString master = scalar(m_o.value(u"plus").toObject().value(u"master_id"));
        if (!master.isEmpty())
            set(QStringLiteral("id"), master, QStringLiteral("plus.master_id"));
        else if (const QString incidentId = scalar(m_o.value(u"incident_id")); !incidentId.isEmpty())
            set(QStringLiteral("id"), incidentId, QStringLiteral("incident_id"));
    }

    // YYYY, YYYY-MM or YYYY-MM-DD from an object of year, month and day.
    static QString partialDate(const QJsonObject &t)
    {
        const QString year = scalar(t.value(u"year"));
        const QString month = scalar(t.value(u"month"));
        const QString day = scalar(t.value(u"day"));
        if (year.isEmpty())
            return {};
        if (month.isEmpty())
            return year;
        const QString ym = year + u'-' + month.rightJustified(2, u'0');
        return day.isEmpty() ? ym : ym + u'-' + day.rightJustified(2, u'0');
    }

    void dates()
    {
        const QJsonObject incident = m_o.value(u"timeline").toObject().value(u"incident").toObject();
        set(QStringLiteral("start"), partialDate(incident), QStringLiteral("timeline.incident"));
        const QJsonObject notification
            = m_o.value(u"plus").toObject().value(u"timeline").toObject().value(u"notification").toObject();
        if (!notification.isEmpty())
            set(QStringLiteral("disclosed"), partialDate(notification), QStringLiteral("plus.timeline.notification"));
    }

    void countries()
    {
        // victim is an object; a few 1.2 files hold an array of victims.
        const QJsonValue victim = m_o.value(u"victim");
        const QJsonArray victims = victim.isArray() ? victim.toArray() : QJsonArray { victim };
        QStringList victimCountries;
        for (const QJsonValue &v : victims) {
            for (const QString &c : strings(v.toObject().value(u"country"))) {
                if (!isUnknownCountry(c))
                    victimCountries.append(c);
            }
        }
        m_raw.lists.insert(QStringLiteral("victims"), victimCountries);
        m_paths.insert(QStringLiteral("victims"), at(QStringLiteral("victim.country")));
        QStringList attackers;
        QStringList names;
        const QJsonObject actor = m_o.value(u"actor").toObject();
        for (const QString &kind : { QStringLiteral("external"), QStringLiteral("partner") }) {
            const QJsonObject a = actor.value(kind).toObject();
            for (const QString &c : strings(a.value(u"country"))) {
                if (!isUnknownCountry(c))
                    attackers.append(c);
            }
            for (const QString &n : strings(a.value(u"name")))
                names.append(n.trimmed());
        }
        m_raw.lists.insert(QStringLiteral("attackers"), attackers);
        m_paths.insert(QStringLiteral("attackers"), at(QStringLiteral("actor.external.country")));
        if (!attackers.isEmpty())
            set(QStringLiteral("attribution"), m_vocabulary.value(QStringLiteral("attribution"), u"default"),
                QStringLiteral("actor"));
        names.removeAll(QString());
        if (!names.isEmpty())
            set(QStringLiteral("actor"), names.join(QStringLiteral(", ")), QStringLiteral("actor.external.name"));
    }

    // The keys the type rows test: action.CATEGORY, action.CATEGORY.variety=VALUE and
    // attribute.ATTRIBUTE.variety=VALUE, lower case.
    QSet<QString> typeKeys(QStringList &categories) const
    {
        QSet<QString> keys;
        for (const QString &group : { QStringLiteral("action"), QStringLiteral("attribute") }) {
            const QJsonObject o = m_o.value(group).toObject();
            for (auto it = o.constBegin(); it != o.constEnd(); ++it) {
                const QString base = group + u'.' + it.key().toLower();
                if (group == u"action") {
                    keys.insert(base);
                    categories.append(it.key().toLower());
                }
                for (const QString &v : strings(it.value().toObject().value(u"variety")))
                    keys.insert(base + QStringLiteral(".variety=") + v.toLower());
            }
        }
        return keys;
    }

    void typeAndTags()
    {
        QStringList categories;
        const QSet<QString> keys = typeKeys(categories);
        QString type = m_vocabulary.value(QStringLiteral("default-type"), u"incident");
        for (const auto &[key, value] : m_vocabulary.rows(QStringLiteral("type"))) {
            if (keys.contains(key)) {
                type = value;
                break;
            }
        }
        set(QStringLiteral("type"), type, QStringLiteral("action"));
        QStringList tags;
        for (const QString &c : categories)
            tags.append(QStringLiteral("veris:") + c);
        m_raw.lists.insert(QStringLiteral("tags"), tags);
        m_categories = categories;
    }

    void sector()
    {
        const QJsonValue victim = m_o.value(u"victim");
        const QJsonObject first = victim.isArray() ? victim.toArray().at(0).toObject() : victim.toObject();
        const QString industry = scalar(first.value(u"industry"));
        const QString sector
            = industry.isEmpty() ? QString() : m_vocabulary.longestPrefix(QStringLiteral("naics"), industry);
        if (!sector.isEmpty()) {
            m_raw.lists.insert(QStringLiteral("sectors"), { sector });
            m_paths.insert(QStringLiteral("sectors"), at(QStringLiteral("victim.industry")));
        }
        m_victimName = scalar(first.value(u"victim_id"));
    }

    void text()
    {
        QString summary = m_o.value(u"summary").toString().trimmed();
        if (summary.size() >= 2 && summary.startsWith(u'"') && summary.endsWith(u'"'))
            summary = summary.mid(1, summary.size() - 2).trimmed();
        set(QStringLiteral("summary"), summary, QStringLiteral("summary"));
        const QString what = m_categories.isEmpty() ? tr("incident") : m_categories.join(QStringLiteral(", "));
        const QString title = m_victimName.isEmpty() ? tr("Unnamed victim (%1)").arg(what)
                                                     : QStringLiteral("%1 (%2)").arg(m_victimName, what);
        set(QStringLiteral("title"), title, QStringLiteral("victim.victim_id"));
        m_raw.sources = VerisReader::splitReference(m_o.value(u"reference").toString());
        m_paths.insert(QStringLiteral("sources"), at(QStringLiteral("reference")));
    }

    const QJsonObject &m_o;
    QString m_path;
    ForeignRecords &m_records;
    const ImportVocabulary &m_vocabulary;
    RawRecord m_raw;
    QHash<QString, QString> m_paths;
    QStringList m_categories;
    QString m_victimName;
};
} // namespace

QList<Source> VerisReader::splitReference(const QString &reference)
{
    static const QRegularExpression separators(QStringLiteral("\\s*;\\s*|\\s*,\\s*(?=https?://)|\\s+(?=https?://)"));
    QList<Source> sources;
    for (QString part : reference.split(separators, Qt::SkipEmptyParts)) {
        while (!part.isEmpty() && (part.endsWith(u'.') || part.endsWith(u' ')))
            part.chop(1);
        part = part.trimmed();
        if (part.isEmpty() || sources.size() >= 64)
            continue;
        if (part.startsWith(u"http://", Qt::CaseInsensitive) || part.startsWith(u"https://", Qt::CaseInsensitive))
            sources.append({ part, {}, {}, {} });
        else
            sources.append({ {}, part, {}, {} });
    }
    return sources;
}

bool VerisReader::looksLikeVeris(QByteArrayView head)
{
    const bool schema = head.indexOf("\"schema_version\"") >= 0;
    const bool veris
        = head.indexOf("\"timeline\"") >= 0 || head.indexOf("\"victim\"") >= 0 || head.indexOf("\"action\"") >= 0;
    const bool jsonSchema = head.indexOf("\"$schema\"") >= 0; // VERIS's own schema names the same keys
    return schema && veris && !jsonSchema;
}

bool VerisReader::read(const QByteArray &bytes, ForeignRecords &records)
{
    QJsonParseError error;
    const QJsonDocument doc = QJsonDocument::fromJson(bytes, &error);
    if (error.error != QJsonParseError::NoError)
        return records.fail(ForeignRecords::lineOfOffset(bytes, error.offset),
            tr("not valid JSON: %1 at byte %2").arg(error.errorString()).arg(error.offset));
    if (!records.progress(0))
        return false;
    if (doc.isObject())
        return VerisIncident(doc.object(), QString(), records).submit();
    if (!doc.isArray())
        return records.fail(0, tr("not a VERIS incident; expected an object with timeline, victim and action"));
    const QJsonArray all = doc.array();
    for (qsizetype i = 0; i < all.size(); ++i) {
        const QString path = QStringLiteral("[%1]").arg(i);
        if (!records.progress(bytes.size() * i / all.size()))
            return false;
        if (!all.at(i).isObject()) {
            records.reject(
                0, path, tr("is %1; expected a VERIS incident object").arg(ForeignRecords::typeName(all.at(i))));
            continue;
        }
        const QJsonObject o = all.at(i).toObject();
        if (!VerisIncident(o, path, records).submit())
            return false;
    }
    return true;
}
