#pragma once

#include <QString>
#include <QStringList>
#include <array>
#include <cstdint>
#include <optional>

// The closed vocabularies of the incident record (ARCHITECTURE.md, "The incident record"). Their text forms are the
// file and database forms; the numeric values index palettes and in-memory columns.

enum class Precision : std::uint8_t { Day, Month, Year };

enum class IncidentType : std::uint8_t {
    Espionage,
    DataTheft,
    Ransomware,
    Destructive,
    Ddos,
    Defacement,
    Sabotage,
    Influence,
    Financial,
    Other,
};
inline constexpr int IncidentTypeCount = 10;

enum class Sector : std::uint8_t {
    Government,
    Defence,
    Energy,
    Finance,
    Health,
    Telecom,
    Media,
    Education,
    Transport,
    Water,
    Elections,
    Technology,
    Manufacturing,
    CivilSociety,
    Other,
};
inline constexpr int SectorCount = 15;
using SectorMask = std::uint16_t;
constexpr SectorMask sectorBit(Sector s)
{
    return SectorMask(1u << unsigned(s));
}

// Ordered from least to most certain.
enum class Attribution : std::uint8_t { None, Suspected, Claimed, Vendor, Official };
inline constexpr int AttributionCount = 5;

enum class CountryRole : std::uint8_t { Victim, Attacker };

namespace Vocabulary {
QString typeKey(IncidentType type);
std::optional<IncidentType> typeFromKey(QStringView key);
QString typeLabel(IncidentType type); // localised display text

QString sectorKey(Sector sector);
std::optional<Sector> sectorFromKey(QStringView key);
QString sectorLabel(Sector sector);
QStringList sectorKeys(SectorMask mask);

QString attributionKey(Attribution attribution);
std::optional<Attribution> attributionFromKey(QStringView key);
QString attributionLabel(Attribution attribution);

QStringList allTypeKeys();
QStringList allSectorKeys();
QStringList allAttributionKeys();
} // namespace Vocabulary
