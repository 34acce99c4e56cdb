#pragma once

#include <QHash>
#include <QString>

// The United Nations M49 region and sub-region of each ISO 3166-1 alpha-2 code, read from
// the embedded ":/data/regions.tsv". Unknown codes (and "XX") have empty regions.
// Thread-safe after construction; use instance() for the shared table.
class Regions
{
public:
    static const Regions &instance();

    QString region(QStringView alpha2) const; // e.g. "Europe"
    QString subRegion(QStringView alpha2) const; // e.g. "Southern Europe"

private:
    Regions();
    QHash<QString, std::pair<QString, QString>> m_regions; // alpha-2 -> (region, sub-region)
};
