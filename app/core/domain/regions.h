#pragma once

#include <QHash>
#include <QString>
#include <QStringList>

// The United Nations M49 region and sub-region of each ISO 3166-1 alpha-2 code, read from
// the embedded ":/data/regions.tsv". Unknown codes (and "XX") have empty regions.
// Thread-safe after construction; use instance() for the shared table.
class Regions
{
public:
    static const Regions &instance();

    QString region(QStringView alpha2) const; // e.g. "Europe"
    QString subRegion(QStringView alpha2) const; // e.g. "Southern Europe"
    // Every region name, sorted ("Africa", "Americas", …), and every sub-region name, sorted.
    const QStringList &regionNames() const { return m_regionNames; }
    const QStringList &subRegionNames() const { return m_subRegionNames; }
    // True when `alpha2` lies in `regionOrSubRegion` (a region or sub-region name, any case).
    bool contains(QStringView regionOrSubRegion, QStringView alpha2) const;
    // The region or sub-region name as the table spells it, or an empty string when unknown.
    QString spelling(QStringView regionOrSubRegion) const;

private:
    Regions();
    QHash<QString, std::pair<QString, QString>> m_regions; // alpha-2 -> (region, sub-region)
    QStringList m_regionNames;
    QStringList m_subRegionNames;
};
