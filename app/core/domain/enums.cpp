#include "domain/enums.h"

#include <QCoreApplication>

namespace {
constexpr std::array<const char *, IncidentTypeCount> s_typeKeys = { "espionage", "data-theft", "ransomware",
    "destructive", "ddos", "defacement", "sabotage", "influence", "financial", "other" };
constexpr std::array<const char *, IncidentTypeCount> s_typeLabels
    = { QT_TRANSLATE_NOOP("Vocabulary", "Espionage"), QT_TRANSLATE_NOOP("Vocabulary", "Data theft"),
          QT_TRANSLATE_NOOP("Vocabulary", "Ransomware"), QT_TRANSLATE_NOOP("Vocabulary", "Destructive"),
          QT_TRANSLATE_NOOP("Vocabulary", "DDoS"), QT_TRANSLATE_NOOP("Vocabulary", "Defacement"),
          QT_TRANSLATE_NOOP("Vocabulary", "Sabotage"), QT_TRANSLATE_NOOP("Vocabulary", "Influence"),
          QT_TRANSLATE_NOOP("Vocabulary", "Financial"), QT_TRANSLATE_NOOP("Vocabulary", "Other") };
constexpr std::array<const char *, SectorCount> s_sectorKeys
    = { "government", "defence", "energy", "finance", "health", "telecom", "media", "education", "transport", "water",
          "elections", "technology", "manufacturing", "civil-society", "other" };
constexpr std::array<const char *, SectorCount> s_sectorLabels = { QT_TRANSLATE_NOOP("Vocabulary", "Government"),
    QT_TRANSLATE_NOOP("Vocabulary", "Defence"), QT_TRANSLATE_NOOP("Vocabulary", "Energy"),
    QT_TRANSLATE_NOOP("Vocabulary", "Finance"), QT_TRANSLATE_NOOP("Vocabulary", "Health"),
    QT_TRANSLATE_NOOP("Vocabulary", "Telecom"), QT_TRANSLATE_NOOP("Vocabulary", "Media"),
    QT_TRANSLATE_NOOP("Vocabulary", "Education"), QT_TRANSLATE_NOOP("Vocabulary", "Transport"),
    QT_TRANSLATE_NOOP("Vocabulary", "Water"), QT_TRANSLATE_NOOP("Vocabulary", "Elections"),
    QT_TRANSLATE_NOOP("Vocabulary", "Technology"), QT_TRANSLATE_NOOP("Vocabulary", "Manufacturing"),
    QT_TRANSLATE_NOOP("Vocabulary", "Civil society"), QT_TRANSLATE_NOOP("Vocabulary", "Other") };
constexpr std::array<const char *, AttributionCount> s_attributionKeys
    = { "none", "suspected", "claimed", "vendor", "official" };
constexpr std::array<const char *, AttributionCount> s_attributionLabels
    = { QT_TRANSLATE_NOOP("Vocabulary", "Not attributed"), QT_TRANSLATE_NOOP("Vocabulary", "Suspected"),
          QT_TRANSLATE_NOOP("Vocabulary", "Claimed by the actor"),
          QT_TRANSLATE_NOOP("Vocabulary", "Attributed by a security vendor"),
          QT_TRANSLATE_NOOP("Vocabulary", "Attributed by a government") };

template <typename E, std::size_t N> std::optional<E> lookup(const std::array<const char *, N> &keys, QStringView key)
{
    for (std::size_t i = 0; i < N; ++i) {
        if (key.compare(QLatin1StringView(keys[i]), Qt::CaseInsensitive) == 0)
            return E(i);
    }
    return std::nullopt;
}

template <std::size_t N> QStringList toList(const std::array<const char *, N> &keys)
{
    QStringList list;
    list.reserve(int(N));
    for (const char *k : keys)
        list.append(QString::fromLatin1(k));
    return list;
}
} // namespace

namespace Vocabulary {
QString typeKey(IncidentType type)
{
    return QString::fromLatin1(s_typeKeys[std::size_t(type)]);
}
std::optional<IncidentType> typeFromKey(QStringView key)
{
    return lookup<IncidentType>(s_typeKeys, key);
}
QString typeLabel(IncidentType type)
{
    return QCoreApplication::translate("Vocabulary", s_typeLabels[std::size_t(type)]);
}

QString sectorKey(Sector sector)
{
    return QString::fromLatin1(s_sectorKeys[std::size_t(sector)]);
}
std::optional<Sector> sectorFromKey(QStringView key)
{
    return lookup<Sector>(s_sectorKeys, key);
}
QString sectorLabel(Sector sector)
{
    return QCoreApplication::translate("Vocabulary", s_sectorLabels[std::size_t(sector)]);
}
QStringList sectorKeys(SectorMask mask)
{
    QStringList list;
    for (int i = 0; i < SectorCount; ++i) {
        if (mask & (1u << i))
            list.append(QString::fromLatin1(s_sectorKeys[std::size_t(i)]));
    }
    return list;
}

QString attributionKey(Attribution a)
{
    return QString::fromLatin1(s_attributionKeys[std::size_t(a)]);
}
std::optional<Attribution> attributionFromKey(QStringView key)
{
    return lookup<Attribution>(s_attributionKeys, key);
}
QString attributionLabel(Attribution a)
{
    return QCoreApplication::translate("Vocabulary", s_attributionLabels[std::size_t(a)]);
}

QStringList allTypeKeys()
{
    return toList(s_typeKeys);
}
QStringList allSectorKeys()
{
    return toList(s_sectorKeys);
}
QStringList allAttributionKeys()
{
    return toList(s_attributionKeys);
}
} // namespace Vocabulary
