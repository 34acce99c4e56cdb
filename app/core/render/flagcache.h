#pragma once

#include <QHash>
#include <QImage>
#include <QSize>
#include <QString>

// Country flags of Debian's iso-flags-svg (one 4:3 SVG per alpha-2) as images for
// TimelineFrame::flags, so the renderer does no file I/O. Most are drawn from their SVG with
// Qt SVG. The few that Qt SVG draws wrongly (it lacks clipPath: Georgia becomes a red field)
// were drawn by rsvg-convert at build time and are embedded as :/flags/xx.png (160 x 120,
// listed in data/flags.cmake); for the default directory those images are scaled down instead.
// Each flag is made once per pixel size and cached; a missing or unreadable flag yields (and
// caches) a null image. Not thread-safe: use it from one thread (the GUI thread or one export).
class FlagCache
{
public:
    explicit FlagCache(QString directory = defaultDirectory());

    // The flag of `alpha2` (any case) at `pixelSize` device pixels, or a null image.
    QImage flag(const QString &alpha2, QSize pixelSize);

    QString directory() const { return m_directory; }
    static QString defaultDirectory(); // /usr/share/iso-flags-svg/country-4x3

private:
    static QImage embedded(const QString &alpha2, QSize pixelSize);
    static QImage fromSvg(const QString &path, QSize pixelSize);

    QString m_directory;
    QHash<QString, QImage> m_cache; // "AL@40x30" -> image
};
