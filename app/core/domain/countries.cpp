#include "domain/countries.h"

#include <QCoreApplication>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLoggingCategory>
#include <algorithm>

Q_LOGGING_CATEGORY(lcCountries, "faultline.domain.countries", QtInfoMsg)

const Countries &Countries::instance()
{
    static const Countries s_instance;
    return s_instance;
}

QString Countries::normalise(QStringView text)
{
    // Decompose, drop marks and everything that is not a letter or digit, fold case.
    const QString decomposed = text.toString().normalized(QString::NormalizationForm_KD);
    QString key;
    key.reserve(decomposed.size());
    for (const QChar c : decomposed) {
        if (c.isLetterOrNumber())
            key.append(c.toCaseFolded());
    }
    return key;
}

Countries::Countries()
{
    QFile file(QStringLiteral(":/data/iso_3166-1.json"));
    if (!file.open(QIODevice::ReadOnly)) {
        qCWarning(lcCountries) << "iso-codes table missing from resources";
        return;
    }
    const QJsonArray entries = QJsonDocument::fromJson(file.readAll()).object().value(u"3166-1").toArray();
    for (const QJsonValue &v : entries) {
        const QJsonObject o = v.toObject();
        const QString a2 = o.value(u"alpha_2").toString();
        const QString a3 = o.value(u"alpha_3").toString();
        const QString name = o.value(u"name").toString();
        const QString common = o.value(u"common_name").toString();
        const QString official = o.value(u"official_name").toString();
        m_names.insert(a2, common.isEmpty() ? name : common);
        m_alpha3.insert(a2, a3);
        for (const QString &k : { a2, a3, name, common, official }) {
            if (!k.isEmpty())
                m_lookup.insert(normalise(k), a2);
        }
        for (const QString &k : { name, common, official }) {
            if (!k.isEmpty())
                m_written.insert(k, a2);
        }
    }
    // Kosovo has a user-assigned code that trackers use; iso-codes does not list it.
    m_names.insert(QStringLiteral("XK"), QStringLiteral("Kosovo"));
    m_alpha3.insert(QStringLiteral("XK"), QStringLiteral("XKX"));
    m_lookup.insert(normalise(u"XK"), QStringLiteral("XK"));
    m_written.insert(QStringLiteral("Kosovo"), QStringLiteral("XK"));
    m_names.insert(QStringLiteral("XX"), QCoreApplication::translate("Countries", "Unknown"));
    m_lookup.insert(normalise(u"XX"), QStringLiteral("XX"));

    QFile aliases(QStringLiteral(":/data/country-aliases.tsv"));
    if (aliases.open(QIODevice::ReadOnly | QIODevice::Text)) {
        while (!aliases.atEnd()) {
            const QString line = QString::fromUtf8(aliases.readLine()).trimmed();
            if (line.isEmpty() || line.startsWith(u'#'))
                continue;
            const QStringList parts = line.split(u'\t');
            const QString code = parts.size() >= 2 ? parts.at(1).trimmed() : QString();
            if (m_names.contains(code)) {
                m_lookup.insert(normalise(parts.at(0)), code);
                m_written.insert(parts.at(0).trimmed(), code);
                if (parts.size() >= 3 && parts.at(2).trimmed() == u"display")
                    m_names.insert(code, parts.at(0).trimmed());
            } else
                qCWarning(lcCountries) << "bad alias line" << line;
        }
    }
}

std::optional<QString> Countries::resolve(QStringView nameOrCode) const
{
    const QString key = normalise(nameOrCode);
    if (key.isEmpty())
        return std::nullopt;
    const auto it = m_lookup.constFind(key);
    if (it == m_lookup.cend())
        return std::nullopt;
    return *it;
}

bool Countries::isKnownCode(QStringView alpha2) const
{
    return alpha2.size() == 2 && m_names.contains(alpha2.toString());
}

QString Countries::name(QStringView alpha2) const
{
    return m_names.value(alpha2.toString(), alpha2.toString());
}

QString Countries::alpha3(QStringView alpha2) const
{
    return m_alpha3.value(alpha2.toString());
}

QStringList Countries::codes() const
{
    QStringList list = m_names.keys();
    std::sort(list.begin(), list.end());
    return list;
}

QList<std::pair<QString, QString>> Countries::writtenNames() const
{
    QList<std::pair<QString, QString>> list;
    list.reserve(m_written.size());
    for (auto it = m_written.cbegin(); it != m_written.cend(); ++it)
        list.append({ it.key(), it.value() });
    std::sort(list.begin(), list.end(),
        [](const auto &a, const auto &b) { return QString::compare(a.first, b.first, Qt::CaseInsensitive) < 0; });
    return list;
}
