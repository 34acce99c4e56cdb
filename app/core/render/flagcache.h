#pragma once

#include <QHash>
#include <QImage>
#include <QSize>
#include <QString>

// Country flags rendered from Debian's iso-flags-svg (one 4:3 SVG per alpha-2) into images
// for TimelineFrame::flags, so the renderer does no file I/O. Each flag is read and rendered
// once per pixel size and cached; a missing or unreadable file yields (and caches) a null
// image. Not thread-safe: use it from one thread (the GUI thread or one export).
class FlagCache
{
public:
    explicit FlagCache(QString directory = defaultDirectory());

    // The flag of `alpha2` (any case) at `pixelSize` device pixels, or a null image.
    QImage flag(const QString &alpha2, QSize pixelSize);

    QString directory() const { return m_directory; }
    static QString defaultDirectory(); // /usr/share/iso-flags-svg/country-4x3

private:
    QString m_directory;
    QHash<QString, QImage> m_cache; // "AL@40x30" -> image
};
