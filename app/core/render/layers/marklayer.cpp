#include "render/layers/layers.h"
#include "render/layers/paintcontext.h"

#include <QHash>
#include <QImage>
#include <QPainter>
#include <array>
#include <cmath>

namespace RenderLayers {

namespace {
    // Marks pre-rendered for pixel-snapped devices, keyed by everything that shows (colours,
    // outline, device scale, size, text): a diamond or cluster badge is then one image blend
    // instead of an antialiased polygon fill, a stroke and a text layout. One cache per thread,
    // as exports may paint off the GUI thread; bounded, and cleared when full.
    class SpriteCache
    {
    public:
        static SpriteCache &instance()
        {
            thread_local SpriteCache cache;
            return cache;
        }

        // Returns a (shared) copy: inserting may move the stored images.
        template <typename Make> QImage get(const QByteArray &key, Make &&make)
        {
            auto it = m_images.constFind(key);
            if (it != m_images.constEnd())
                return *it;
            if (m_images.size() >= s_maxImages)
                m_images.clear();
            return *m_images.insert(key, make());
        }

    private:
        static constexpr qsizetype s_maxImages = 4096;
        QHash<QByteArray, QImage> m_images;
    };

    // Appends the raw bytes of each value to a cache key.
    template <typename... Values> QByteArray spriteKey(char kind, const Values &...values)
    {
        QByteArray key(1, kind);
        (key.append(reinterpret_cast<const char *>(&values), qsizetype(sizeof(values))), ...);
        return key;
    }

    // A diamond of incident type `type` with its attribution outline, centred in a square image
    // of device pixels.
    QImage diamondSprite(const PaintContext &c, int type, Outline outline)
    {
        const QRgb fill = c.t.typeColor(IncidentType(type)).rgba();
        const QRgb line = c.t.text.rgba();
        const auto kind = quint8(outline);
        const double scale = c.policy.scale;
        return SpriteCache::instance().get(spriteKey('d', fill, line, kind, scale), [&] {
            const double side = Layout::s_pointSize + 4; // the diamond, its outline and antialiasing
            const int px = int(std::ceil(side * scale));
            QImage image(px, px, QImage::Format_ARGB32_Premultiplied);
            image.fill(Qt::transparent);
            image.setDevicePixelRatio(scale);
            QPainter sp(&image);
            sp.setRenderHint(QPainter::Antialiasing, true);
            const double centre = px / scale / 2;
            const double h = Layout::s_pointSize / 2;
            sp.setPen(Qt::NoPen);
            sp.setBrush(QColor::fromRgba(fill));
            sp.drawPolygon(diamond(QRectF(centre - h, centre - h, 2 * h, 2 * h)));
            if (outline != Outline::None) {
                sp.setPen(outlinePen(outline, QColor::fromRgba(line)));
                sp.setBrush(Qt::NoBrush);
                sp.drawPolygon(diamond(QRectF(centre - h, centre - h, 2 * h, 2 * h)));
            }
            return image;
        });
    }

    // A cluster badge of w x h device pixels (plus a pixel of antialiasing around it).
    QImage badgeSprite(const PaintContext &c, const QColor &fill, int w, int h, int count)
    {
        const double scale = c.policy.scale;
        const int pad = int(std::ceil(scale));
        const QRgb rgba = fill.rgba();
        const QRgb background = c.t.background.rgba();
        return SpriteCache::instance().get(spriteKey('c', rgba, background, w, h, count, scale), [&] {
            QImage image(w + 2 * pad, h + 2 * pad, QImage::Format_ARGB32_Premultiplied);
            image.fill(Qt::transparent);
            image.setDevicePixelRatio(scale);
            QPainter sp(&image);
            sp.setRenderHint(QPainter::Antialiasing, true);
            sp.setRenderHint(QPainter::TextAntialiasing, true);
            c.badge(sp, QRectF(pad / scale, pad / scale, w / scale, h / scale), fill, count);
            return image;
        });
    }
} // namespace

// Each diamond is filled and outlined before the next, on every device: from a sprite
// where the device snaps to pixels, as a polygon elsewhere.
void paintPoints(PaintContext &c)
{
    const IncidentColumns *columns = c.columns();
    const bool sprites = c.policy.pixelSnapped;
    std::array<std::array<QImage, 3>, IncidentTypeCount> made {};
    for (const Layout::RowPlan &plan : c.l.rowPlans()) {
        for (const Layout::Mark &m : plan.points) {
            const int type = columns->type[m.incident];
            const Outline outline = c.outlineOf(m.incident);
            if (!sprites) {
                c.p.setPen(outlinePen(outline, c.t.text));
                c.p.setBrush(c.t.typeColor(IncidentType(type)));
                c.p.drawPolygon(diamond(m.rect));
                continue;
            }
            QImage &sprite = made[std::size_t(type)][std::size_t(outline)];
            if (sprite.isNull())
                sprite = diamondSprite(c, type, outline);
            c.p.drawImage(c.spriteOrigin(m.rect.center(), sprite.size()), sprite);
        }
    }
}

void paintClusters(PaintContext &c)
{
    // Badges up to this many device pixels wide come from sprites; wider ones (long chains
    // of points when zoomed in) are few and drawn directly.
    constexpr int maxSpriteWidth = 160;
    const double scale = c.policy.scale;
    for (const Layout::RowPlan &plan : c.l.rowPlans()) {
        for (const Layout::Cluster &cl : plan.clusters) {
            const QColor fill = cl.type >= 0 ? c.t.typeColor(IncidentType(cl.type)) : c.t.density;
            const int w = int(std::lround(cl.rect.width() * scale));
            const int h = int(std::lround(cl.rect.height() * scale));
            if (!c.policy.pixelSnapped || w > maxSpriteWidth) {
                c.badge(c.p, cl.rect, fill, cl.count);
                continue;
            }
            const QImage sprite = badgeSprite(c, fill, w, h, cl.count);
            c.p.drawImage(c.spriteOrigin(cl.rect.center(), sprite.size()), sprite);
        }
    }
}

} // namespace RenderLayers
