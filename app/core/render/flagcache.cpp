#include "render/flagcache.h"

#include <QFileInfo>
#include <QPainter>
#include <QSvgRenderer>

FlagCache::FlagCache(QString directory)
    : m_directory(std::move(directory))
{ }

QString FlagCache::defaultDirectory()
{
    return QStringLiteral("/usr/share/iso-flags-svg/country-4x3");
}

QImage FlagCache::embedded(const QString &alpha2, QSize pixelSize)
{
    const QImage drawn(QStringLiteral(":/flags/") + alpha2.toLower() + QStringLiteral(".png"));
    if (drawn.isNull())
        return {};
    return drawn.scaled(pixelSize, Qt::IgnoreAspectRatio, Qt::SmoothTransformation)
        .convertToFormat(QImage::Format_ARGB32_Premultiplied);
}

QImage FlagCache::fromSvg(const QString &path, QSize pixelSize)
{
    if (!QFileInfo::exists(path))
        return {};
    QSvgRenderer svg(path);
    if (!svg.isValid())
        return {};
    QImage image(pixelSize, QImage::Format_ARGB32_Premultiplied);
    image.fill(Qt::transparent);
    QPainter painter(&image);
    painter.setRenderHint(QPainter::Antialiasing);
    painter.setRenderHint(QPainter::SmoothPixmapTransform);
    svg.render(&painter, QRectF(QPointF(0, 0), QSizeF(pixelSize)));
    return image;
}

QImage FlagCache::flag(const QString &alpha2, QSize pixelSize)
{
    if (alpha2.size() != 2 || pixelSize.isEmpty())
        return {};
    const QString key
        = alpha2.toUpper() + u'@' + QString::number(pixelSize.width()) + u'x' + QString::number(pixelSize.height());
    const auto cached = m_cache.constFind(key);
    if (cached != m_cache.constEnd())
        return cached.value();

    QImage image;
    // The code is two letters, so it cannot name a path outside the directory.
    if (alpha2.at(0).isLetter() && alpha2.at(1).isLetter()) {
        if (m_directory == defaultDirectory())
            image = embedded(alpha2, pixelSize);
        if (image.isNull())
            image = fromSvg(m_directory + u'/' + alpha2.toLower() + QStringLiteral(".svg"), pixelSize);
    }
    m_cache.insert(key, image);
    return image;
}
