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
    const bool letters = alpha2.at(0).isLetter() && alpha2.at(1).isLetter();
    const QString path = m_directory + u'/' + alpha2.toLower() + QStringLiteral(".svg");
    if (letters && QFileInfo::exists(path)) {
        QSvgRenderer svg(path);
        if (svg.isValid()) {
            image = QImage(pixelSize, QImage::Format_ARGB32_Premultiplied);
            image.fill(Qt::transparent);
            QPainter painter(&image);
            painter.setRenderHint(QPainter::Antialiasing);
            painter.setRenderHint(QPainter::SmoothPixmapTransform);
            svg.render(&painter, QRectF(QPointF(0, 0), QSizeF(pixelSize)));
        }
    }
    m_cache.insert(key, image);
    return image;
}
