#include "render/timelinerenderer.h"

#include <QCoreApplication>
#include <QFontMetricsF>
#include <QHash>
#include <QLocale>
#include <QPaintEngine>
#include <QPainter>
#include <QPainterPath>
#include <algorithm>
#include <array>
#include <cmath>
#include <cstring>

namespace {
using Layout = TimelineLayout;
using Outline = TimelineRenderer::Outline;

constexpr double s_outlineWidth = 1.25;
constexpr qreal s_spanAlpha = 0.20;
constexpr qreal s_densityAlpha = 0.80;

QString tr(const char *text)
{
    return QCoreApplication::translate("TimelineRenderer", text);
}

QPen outlinePen(Outline outline, const QColor &colour)
{
    if (outline == Outline::None)
        return Qt::NoPen;
    QPen pen(colour, s_outlineWidth);
    pen.setCosmetic(false);
    pen.setJoinStyle(Qt::MiterJoin);
    if (outline == Outline::Dashed)
        pen.setDashPattern({ 2.0, 1.6 });
    return pen;
}

QPen plainPen(const QColor &colour, double width = 1.0)
{
    QPen pen(colour, width);
    pen.setCosmetic(false);
    pen.setCapStyle(Qt::FlatCap);
    return pen;
}

QColor withAlpha(QColor colour, qreal alpha)
{
    colour.setAlphaF(float(colour.alphaF() * alpha));
    return colour;
}

// Black or white text, whichever reads better on `fill`.
QColor textOn(const QColor &fill)
{
    const double luminance = 0.2126 * fill.redF() + 0.7152 * fill.greenF() + 0.0722 * fill.blueF();
    return luminance > 0.55 ? QColor(0x1a, 0x1a, 0x1a) : QColor(0xff, 0xff, 0xff);
}

void addDiamond(QPainterPath &path, const QRectF &r)
{
    const QPointF c = r.center();
    const QPointF points[] = { { c.x(), r.top() }, { r.right(), c.y() }, { c.x(), r.bottom() }, { r.left(), c.y() } };
    path.addPolygon(QPolygonF(std::begin(points), std::end(points)));
    path.closeSubpath();
}

QPolygonF diamond(const QRectF &r)
{
    const QPointF c = r.center();
    return QPolygonF({ { c.x(), r.top() }, { r.right(), c.y() }, { c.x(), r.bottom() }, { r.left(), c.y() } });
}

// Marks pre-rendered for raster devices, keyed by everything that shows (colours, outline,
// device scale, size, text): a diamond or cluster badge is then one image blend instead of
// an antialiased polygon fill, a stroke and a text layout. One cache per thread, as exports
// may paint off the GUI thread; bounded, and cleared when full.
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

struct Painter
{
    QPainter &p;
    const TimelineFrame &f;
    const Layout &l;
    const Theme &t;

    const bool raster = p.paintEngine() && p.paintEngine()->type() == QPaintEngine::Raster;
    // Device transform of a raster device that only scales (uniformly) and translates: marks
    // are then blended from sprites aligned to device pixels, and axis-aligned rectangles are
    // filled without antialiasing (snapped to pixels, no coverage rasterisation).
    const QTransform device = p.deviceTransform();
    const bool pixelAligned
        = raster && device.type() <= QTransform::TxScale && device.m11() == device.m22() && device.m11() > 0;
    const double scale = pixelAligned ? device.m11() : 1.0;

    const QFontMetricsF labelMetrics { t.labelFont, p.device() };
    const QFontMetricsF smallMetrics { t.smallFont, p.device() };
    const QFontMetricsF axisMetrics { t.axisFont, p.device() };

    // Dash textures by colour (a 3-on, 2-off pattern), made once per paint.
    struct DashBrushes
    {
        QRgb colour;
        QBrush across;
        QBrush down;
    };
    std::vector<DashBrushes> dashes {};

    // One line of text vertically centred in `r`, from its left edge or ending at its right
    // edge: a baseline drawText, which skips the QTextLayout line breaking of the rect overload.
    void text(const QRectF &r, const QString &s, const QFontMetricsF &fm, bool alignRight = false, double width = -1)
    {
        const double baseline = r.top() + (r.height() - (fm.ascent() + fm.descent())) / 2 + fm.ascent();
        double x = r.left();
        if (alignRight)
            x = r.right() - (width >= 0 ? width : fm.horizontalAdvance(s));
        p.drawText(QPointF(x, baseline), s);
    }

    // Logical position of a sprite of `pixels` device pixels centred on the logical point c,
    // aligned to the device pixel grid.
    QPointF spriteOrigin(QPointF c, QSize pixels) const
    {
        const double x = std::round(c.x() * scale + device.dx() - pixels.width() / 2.0);
        const double y = std::round(c.y() * scale + device.dy() - pixels.height() / 2.0);
        return QPointF((x - device.dx()) / scale, (y - device.dy()) / scale);
    }

    const IncidentColumns *columns() const { return f.rows ? &f.rows->columns() : nullptr; }

    // A 3-on, 2-off dash as a texture, along x or y: on a raster device, filling edges with it
    // is far cheaper than stroking a dashed pen around hundreds of long bars.
    static QBrush dashBrush(const QColor &colour, bool vertical)
    {
        QImage dash(vertical ? QSize(1, 5) : QSize(5, 1), QImage::Format_ARGB32_Premultiplied);
        dash.fill(Qt::transparent);
        for (int k = 0; k < 3; ++k)
            dash.setPixelColor(vertical ? QPoint(0, k) : QPoint(k, 0), colour);
        return QBrush(dash);
    }

    // The attribution outline of a bar or span, drawn as four edge fills on raster devices
    // and stroked (vector dashes) elsewhere; both look the same.
    void outlineRect(const QRectF &r, Outline outline, const QColor &colour)
    {
        if (outline == Outline::None)
            return;
        if (!raster) {
            p.setPen(outlinePen(outline, colour));
            p.setBrush(Qt::NoBrush);
            p.drawRect(r);
            return;
        }
        const double w = s_outlineWidth;
        const QRectF o = r.adjusted(-w / 2, -w / 2, w / 2, w / 2);
        if (outline == Outline::Solid) {
            p.fillRect(QRectF(o.left(), o.top(), o.width(), w), colour);
            p.fillRect(QRectF(o.left(), o.bottom() - w, o.width(), w), colour);
            p.fillRect(QRectF(o.left(), o.top() + w, w, o.height() - 2 * w), colour);
            p.fillRect(QRectF(o.right() - w, o.top() + w, w, o.height() - 2 * w), colour);
            return;
        }
        const DashBrushes &dash = dashesFor(colour);
        p.setBrushOrigin(o.topLeft());
        p.fillRect(QRectF(o.left(), o.top(), o.width(), w), dash.across);
        p.fillRect(QRectF(o.left(), o.bottom() - w, o.width(), w), dash.across);
        p.fillRect(QRectF(o.left(), o.top() + w, w, o.height() - 2 * w), dash.down);
        p.fillRect(QRectF(o.right() - w, o.top() + w, w, o.height() - 2 * w), dash.down);
        p.setBrushOrigin(0, 0);
    }
    const DashBrushes &dashesFor(const QColor &colour)
    {
        const QRgb rgba = colour.rgba();
        for (const DashBrushes &d : dashes) {
            if (d.colour == rgba)
                return d;
        }
        dashes.push_back({ rgba, dashBrush(colour, false), dashBrush(colour, true) });
        return dashes.back();
    }
    Outline outlineOf(TimelineFrame::Index i) const
    {
        return TimelineRenderer::outlineFor(Attribution(columns()->attribution[i]));
    }

    void background()
    {
        p.setRenderHint(QPainter::Antialiasing, !pixelAligned);
        if (!f.transparent)
            p.fillRect(l.frameRect(), t.background);
        p.fillRect(QRectF(l.headerRect().left(), l.axisRect().top(), l.headerRect().width(),
                       l.headerRect().bottom() - l.axisRect().top()),
            t.headerBackground);
    }

    void grid()
    {
        p.save();
        p.setClipRect(l.plotRect());
        p.setRenderHint(QPainter::Antialiasing, false);
        const QRectF plot = l.plotRect();
        auto lines = [&](const DateTicks::Tier &tier, const QColor &colour) {
            p.setPen(plainPen(colour));
            for (const DateTicks::Tick &tick : tier.ticks) {
                const double x = l.dayToX(double(tick.day));
                if (x <= plot.left() || x >= plot.right())
                    continue;
                if (pixelAligned) // a one-unit line is a one-unit rectangle: no stroker
                    p.fillRect(QRectF(x - 0.5, plot.top(), 1, plot.height()), colour);
                else
                    p.drawLine(QPointF(x, plot.top()), QPointF(x, plot.bottom()));
            }
        };
        lines(l.ticks().minor, t.grid);
        lines(l.ticks().major, t.gridMajor);
        p.restore();
    }

    void rowBands()
    {
        p.save();
        p.setClipRect(QRectF(l.headerRect().topLeft(), l.plotRect().bottomRight()));
        for (const Layout::RowPlan &plan : l.rowPlans()) {
            if (plan.row % 2 == 1)
                p.fillRect(l.rowRect(plan.row), t.rowBand);
        }
        p.restore();
        p.setRenderHint(QPainter::Antialiasing, true);
    }

    // The part of `r` worth drawing: marks can reach far beyond the plot when zoomed in, and
    // a dashed outline that long costs time for nothing.
    QRectF visiblePart(const QRectF &r) const
    {
        const QRectF bounds = l.plotRect().adjusted(-4, -4, 4, 4);
        return QRectF(QPointF(std::max(r.left(), bounds.left()), r.top()),
            QPointF(std::min(r.right(), bounds.right()), r.bottom()));
    }

    void spans()
    {
        if (pixelAligned)
            return spansPixelAligned();
        const IncidentColumns *c = columns();
        for (const Layout::RowPlan &plan : l.rowPlans()) {
            if (plan.spansMerged) {
                QPainterPath area;
                area.setFillRule(Qt::WindingFill);
                for (const Layout::Mark &m : plan.spans)
                    area.addRect(visiblePart(m.rect));
                p.fillPath(area, withAlpha(t.mutedText, 0.22));
                continue;
            }
            for (const Layout::Mark &m : plan.spans) {
                const QRectF r = visiblePart(m.rect);
                const QColor colour = t.typeColor(IncidentType(c->type[m.incident]));
                p.fillRect(r, withAlpha(colour, s_spanAlpha));
                // Solid ends show where the uncertain interval starts and stops.
                p.setPen(plainPen(withAlpha(colour, 0.9), 1.5));
                if (m.rect.left() >= r.left())
                    p.drawLine(QPointF(r.left() + 0.75, r.top()), QPointF(r.left() + 0.75, r.bottom()));
                if (m.rect.right() <= r.right())
                    p.drawLine(QPointF(r.right() - 0.75, r.top()), QPointF(r.right() - 0.75, r.bottom()));
                outlineRect(r, outlineOf(m.incident), withAlpha(t.text, 0.7));
            }
        }
    }

    // Raster: the same picture from axis-aligned rectangle fills without antialiasing; a
    // merged row's union is a union of x intervals (its spans share their height).
    void spansPixelAligned()
    {
        const IncidentColumns *c = columns();
        p.save();
        p.setRenderHint(QPainter::Antialiasing, false);
        std::vector<QRectF> parts;
        for (const Layout::RowPlan &plan : l.rowPlans()) {
            if (plan.spans.empty())
                continue;
            if (plan.spansMerged) {
                parts.clear();
                for (const Layout::Mark &m : plan.spans)
                    parts.push_back(visiblePart(m.rect));
                std::sort(
                    parts.begin(), parts.end(), [](const QRectF &a, const QRectF &b) { return a.left() < b.left(); });
                const QColor merged = withAlpha(t.mutedText, 0.22);
                QRectF run = parts.front();
                for (std::size_t k = 1; k <= parts.size(); ++k) {
                    if (k < parts.size() && parts[k].left() <= run.right()) {
                        run.setRight(std::max(run.right(), parts[k].right()));
                        continue;
                    }
                    p.fillRect(run, merged);
                    if (k < parts.size())
                        run = parts[k];
                }
                continue;
            }
            for (const Layout::Mark &m : plan.spans) {
                const QRectF r = visiblePart(m.rect);
                const QColor colour = t.typeColor(IncidentType(c->type[m.incident]));
                p.fillRect(r, withAlpha(colour, s_spanAlpha));
                // Solid ends show where the uncertain interval starts and stops.
                const QColor end = withAlpha(colour, 0.9);
                if (m.rect.left() >= r.left())
                    p.fillRect(QRectF(r.left(), r.top(), 1.5, r.height()), end);
                if (m.rect.right() <= r.right())
                    p.fillRect(QRectF(r.right() - 1.5, r.top(), 1.5, r.height()), end);
                outlineRect(r, outlineOf(m.incident), withAlpha(t.text, 0.7));
            }
        }
        p.restore();
    }

    void bars()
    {
        if (!pixelAligned) {
            batched(&Layout::RowPlan::bars, false);
            return mergedBars();
        }
        const IncidentColumns *c = columns();
        p.save();
        p.setRenderHint(QPainter::Antialiasing, false);
        for (const Layout::RowPlan &plan : l.rowPlans()) {
            for (const Layout::Mark &m : plan.bars)
                p.fillRect(visiblePart(m.rect), t.typeColor(IncidentType(c->type[m.incident])));
        }
        for (const Layout::RowPlan &plan : l.rowPlans()) {
            for (const Layout::Mark &m : plan.bars)
                outlineRect(visiblePart(m.rect), outlineOf(m.incident), t.text);
        }
        mergedBars();
        p.restore();
    }

    // `r` filled with `base` and hatched with diagonal lines of `line`, `pitch` apart on a grid
    // anchored at the origin (so neighbouring areas continue each other's lines): one opaque
    // texture fill on raster devices, a fill and line segments elsewhere.
    void hatched(const QRectF &r, const QColor &base, const QColor &line)
    {
        constexpr int pitch = 4;
        if (raster) {
            const std::pair<QRgb, QRgb> key(base.rgba(), line.rgba());
            if (hatchBrush.style() == Qt::NoBrush || hatchColours != key) {
                QImage tile(pitch, pitch, QImage::Format_ARGB32_Premultiplied);
                tile.fill(base);
                for (int k = 0; k < pitch; ++k)
                    tile.setPixelColor(pitch - 1 - k, k, line);
                hatchBrush = QBrush(tile);
                hatchColours = key;
            }
            p.fillRect(r, hatchBrush);
            return;
        }
        p.fillRect(r, base);
        QPainterPath lines;
        for (double k = std::ceil((r.left() + r.top()) / pitch) * pitch; k < r.right() + r.bottom(); k += pitch) {
            const double x0 = std::max(r.left(), k - r.bottom());
            const double x1 = std::min(r.right(), k - r.top());
            if (x1 <= x0)
                continue;
            lines.moveTo(x0, k - x0);
            lines.lineTo(x1, k - x1);
        }
        p.strokePath(lines, plainPen(line, 1.0));
    }
    QBrush hatchBrush {};
    std::pair<QRgb, QRgb> hatchColours {};

    // Merged bars: the density colour most of the way to the background, hatched with lines
    // of it a third of the way, so that points and clusters on top stay clear.
    QColor towardBackground(double amount) const
    {
        const auto mix = [amount](float a, float b) { return float(a + (b - a) * amount); };
        return QColor::fromRgbF(mix(t.density.redF(), t.background.redF()),
            mix(t.density.greenF(), t.background.greenF()), mix(t.density.blueF(), t.background.blueF()));
    }
    QColor mergedBase() const { return towardBackground(0.62); }
    QColor mergedHatch() const { return towardBackground(0.3); }

    // Stretches where more bars overlap than the row has lanes: one light neutral band in the
    // density hue, hatched, with the number of bars where the layout found room for it.
    void mergedBars()
    {
        const QColor base = mergedBase();
        const QColor lines = mergedHatch();
        bool textSet = false;
        for (const Layout::RowPlan &plan : l.rowPlans()) {
            for (const Layout::MergedBars &mb : plan.mergedBars) {
                const QRectF r = visiblePart(mb.rect);
                if (r.width() <= 0)
                    continue;
                hatched(r, base, lines);
                if (mb.countRect.isEmpty())
                    continue;
                p.fillRect(mb.countRect, base);
                if (!textSet) {
                    p.setFont(t.labelFont);
                    p.setPen(t.text);
                    textSet = true;
                }
                text(mb.countRect.adjusted(3, 0, 0, 0), QString::number(mb.count), labelMetrics);
            }
        }
    }

    QImage diamondSprite(int type, Outline outline)
    {
        const QRgb fill = t.typeColor(IncidentType(type)).rgba();
        const QRgb line = t.text.rgba();
        const auto kind = quint8(outline);
        return SpriteCache::instance().get(spriteKey('d', fill, line, kind, scale), [&] {
            const double side = Layout::s_pointSize + 4; // the diamond, its outline and antialiasing
            const int px = int(std::ceil(side * scale));
            QImage image(px, px, QImage::Format_ARGB32_Premultiplied);
            image.fill(Qt::transparent);
            image.setDevicePixelRatio(scale);
            QPainter sp(&image);
            sp.setRenderHint(QPainter::Antialiasing, true);
            const double c = px / scale / 2;
            const double h = Layout::s_pointSize / 2;
            sp.setPen(Qt::NoPen);
            sp.setBrush(QColor::fromRgba(fill));
            sp.drawPolygon(diamond(QRectF(c - h, c - h, 2 * h, 2 * h)));
            if (outline != Outline::None) {
                sp.setPen(outlinePen(outline, QColor::fromRgba(line)));
                sp.setBrush(Qt::NoBrush);
                sp.drawPolygon(diamond(QRectF(c - h, c - h, 2 * h, 2 * h)));
            }
            return image;
        });
    }

    void points()
    {
        if (!pixelAligned)
            return batched(&Layout::RowPlan::points, true);
        const IncidentColumns *c = columns();
        std::array<std::array<QImage, 3>, IncidentTypeCount> sprites {};
        for (const Layout::RowPlan &plan : l.rowPlans()) {
            for (const Layout::Mark &m : plan.points) {
                const int type = c->type[m.incident];
                const Outline outline = outlineOf(m.incident);
                QImage &sprite = sprites[std::size_t(type)][std::size_t(outline)];
                if (sprite.isNull())
                    sprite = diamondSprite(type, outline);
                p.drawImage(spriteOrigin(m.rect.center(), sprite.size()), sprite);
            }
        }
    }

    // Marks of one kind: fills batched by type (one path each, drawn once), then outlines
    // mark by mark (stroking small shapes is cheap; stroking one huge path is not).
    void batched(const std::vector<Layout::Mark> Layout::RowPlan::*member, bool asDiamond)
    {
        const IncidentColumns *c = columns();
        std::array<QPainterPath, IncidentTypeCount> paths;
        for (QPainterPath &path : paths)
            path.setFillRule(Qt::WindingFill); // overlapping marks fill, never cancel out
        for (const Layout::RowPlan &plan : l.rowPlans()) {
            for (const Layout::Mark &m : plan.*member) {
                QPainterPath &path = paths[c->type[m.incident]];
                if (asDiamond)
                    addDiamond(path, m.rect);
                else
                    path.addRect(visiblePart(m.rect));
            }
        }
        for (std::size_t k = 0; k < paths.size(); ++k) {
            if (!paths[k].isEmpty())
                p.fillPath(paths[k], t.typeColor(IncidentType(k)));
        }
        Outline current = Outline::None;
        for (const Layout::RowPlan &plan : l.rowPlans()) {
            for (const Layout::Mark &m : plan.*member) {
                const Outline outline = outlineOf(m.incident);
                if (outline == Outline::None)
                    continue;
                if (!asDiamond) {
                    outlineRect(visiblePart(m.rect), outline, t.text);
                    current = Outline::None;
                    continue;
                }
                if (outline != current) {
                    p.setPen(outlinePen(outline, t.text));
                    p.setBrush(Qt::NoBrush);
                    current = outline;
                }
                p.drawPolygon(diamond(m.rect));
            }
        }
    }

    void badge(QPainter &painter, const QRectF &r, const QColor &fill, int count)
    {
        painter.setPen(plainPen(t.background, 1.0));
        painter.setBrush(fill);
        painter.drawRoundedRect(r, r.height() / 2, r.height() / 2);
        painter.setPen(textOn(fill));
        painter.setFont(t.smallFont);
        painter.drawText(r, Qt::AlignCenter, QString::number(count));
    }

    void clusters()
    {
        // Badges up to this many device pixels wide come from sprites; wider ones (long chains
        // of points when zoomed in) are few and drawn directly.
        constexpr int maxSpriteWidth = 160;
        for (const Layout::RowPlan &plan : l.rowPlans()) {
            for (const Layout::Cluster &cl : plan.clusters) {
                const QColor fill = cl.type >= 0 ? t.typeColor(IncidentType(cl.type)) : t.density;
                const int w = int(std::lround(cl.rect.width() * scale));
                const int h = int(std::lround(cl.rect.height() * scale));
                if (!pixelAligned || w > maxSpriteWidth) {
                    badge(p, cl.rect, fill, cl.count);
                    continue;
                }
                const int pad = int(std::ceil(scale));
                const QRgb rgba = fill.rgba();
                const QRgb background = t.background.rgba();
                const QImage sprite
                    = SpriteCache::instance().get(spriteKey('c', rgba, background, w, h, cl.count, scale), [&] {
                          QImage image(w + 2 * pad, h + 2 * pad, QImage::Format_ARGB32_Premultiplied);
                          image.fill(Qt::transparent);
                          image.setDevicePixelRatio(scale);
                          QPainter sp(&image);
                          sp.setRenderHint(QPainter::Antialiasing, true);
                          sp.setRenderHint(QPainter::TextAntialiasing, true);
                          badge(sp, QRectF(pad / scale, pad / scale, w / scale, h / scale), fill, cl.count);
                          return image;
                      });
                p.drawImage(spriteOrigin(cl.rect.center(), sprite.size()), sprite);
            }
        }
    }

    void density()
    {
        const float max = l.maxBucket();
        if (max <= 0)
            return;
        p.save();
        p.setRenderHint(QPainter::Antialiasing, false);
        p.setPen(Qt::NoPen);
        p.setBrush(withAlpha(t.density, s_densityAlpha));
        const double left = l.plotRect().left();
        // A square-root scale keeps single incidents visible next to busy rows.
        const double heightScale = 1.0 / std::sqrt(double(max));
        for (const Layout::RowPlan &plan : l.rowPlans()) {
            if (!plan.aggregated)
                continue;
            const double base = plan.rect.bottom() - 3;
            const double full = plan.rect.height() - 6;
            if (pixelAligned) {
                // Raster: one rectangle per step of equal height, filled without antialiasing
                // (a many-vertex polygon costs the rasteriser far more).
                const QColor colour = withAlpha(t.density, s_densityAlpha);
                double stepHeight = 0;
                std::size_t stepStart = 0;
                for (std::size_t b = 0; b <= plan.buckets.size(); ++b) {
                    double h = 0;
                    if (b < plan.buckets.size()) {
                        const float v = plan.buckets[b];
                        h = v < 0.01f ? 0 : std::max(1.5, full * std::sqrt(double(v)) * heightScale);
                        h = std::round(h * 2) / 2;
                        if (h == stepHeight)
                            continue;
                    }
                    if (stepHeight > 0) {
                        const double x0 = left + double(stepStart) * Layout::s_bucketWidth;
                        const double x1 = left + double(b) * Layout::s_bucketWidth;
                        p.fillRect(QRectF(x0, base - stepHeight, x1 - x0, stepHeight), colour);
                    }
                    stepHeight = h;
                    stepStart = b;
                }
                continue;
            }
            QPolygonF outline;
            outline.reserve(qsizetype(plan.buckets.size() * 2 + 2));
            outline.append(QPointF(left, base));
            double previous = -1;
            for (std::size_t b = 0; b < plan.buckets.size(); ++b) {
                const float v = plan.buckets[b];
                double h = v < 0.01f ? 0 : std::max(1.5, full * std::sqrt(double(v)) * heightScale);
                h = std::round(h * 2) / 2; // merge near-equal neighbours into one step
                if (h != previous) {
                    const double x = left + double(b) * Layout::s_bucketWidth;
                    outline.append(QPointF(x, base - (previous < 0 ? 0 : previous)));
                    outline.append(QPointF(x, base - h));
                    previous = h;
                }
            }
            const double end = left + double(plan.buckets.size()) * Layout::s_bucketWidth;
            outline.append(QPointF(end, base - std::max(previous, 0.0)));
            outline.append(QPointF(end, base));
            p.drawPolygon(outline);
        }
        p.restore();
    }

    void labels()
    {
        p.setFont(t.labelFont);
        bool muted = false;
        p.setPen(t.text);
        for (const Layout::RowPlan &plan : l.rowPlans()) {
            for (const Layout::Label &label : plan.labels) {
                if ((label.incident < 0) != muted) {
                    muted = label.incident < 0;
                    p.setPen(muted ? t.mutedText : t.text);
                }
                text(label.rect, label.text, labelMetrics);
            }
        }
    }

    void rowHeaders()
    {
        const QRectF header = l.headerRect();
        if (header.width() <= 0)
            return;
        p.save();
        p.setClipRect(header);
        // Repaint the column under the names: a bar or span that starts before the visible
        // range reaches into it on devices that do not clip (QSvgGenerator in Qt 6.4).
        const QRectF rowsArea(header.left(), l.plotRect().top(), header.width(), l.plotRect().height());
        p.fillRect(rowsArea, t.headerBackground);
        for (const Layout::RowPlan &plan : l.rowPlans()) {
            if (plan.row % 2 == 1)
                p.fillRect(QRectF(header.left(), plan.rect.top(), header.width(), plan.rect.height()), t.rowBand);
        }
        const QFontMetricsF &nameMetrics = labelMetrics;
        const QFontMetricsF &countMetrics = smallMetrics;
        const QLocale locale;
        for (const Layout::RowPlan &plan : l.rowPlans()) {
            const TimelineRow &row = f.rows->row(plan.row);
            const QRectF r(header.left(), plan.rect.top(), header.width(), plan.rect.height());
            double x = r.left() + 10;
            if (row.pinned) {
                p.fillRect(QRectF(r.left(), r.top() + 3, 3, r.height() - 6), t.selection);
            }
            const QImage flag = row.flagCode.isEmpty() ? QImage() : f.flags.value(row.flagCode);
            if (!flag.isNull()) {
                const QRectF box(x, r.center().y() - 7.5, 20, 15);
                p.drawImage(box, flag);
                p.setPen(plainPen(withAlpha(t.text, 0.18), 1));
                p.setBrush(Qt::NoBrush);
                p.drawRect(box);
                x = box.right() + 8;
            } else if (!row.flagCode.isEmpty()) {
                x += 28; // keep names aligned when a flag is missing
            }
            const QString count = locale.toString(row.count());
            const double countWidth = countMetrics.horizontalAdvance(count);
            p.setFont(t.smallFont);
            p.setPen(t.mutedText);
            const QRectF countRect(r.right() - 10 - countWidth, r.top(), countWidth, r.height());
            text(countRect, count, countMetrics, true, countWidth);
            p.setFont(t.labelFont);
            p.setPen(t.text);
            const double room = countRect.left() - 8 - x;
            if (room > 8)
                text(QRectF(x, r.top(), room, r.height()), nameMetrics.elidedText(row.label, Qt::ElideRight, room),
                    nameMetrics);
        }
        p.restore();
        p.setPen(plainPen(t.gridMajor));
        p.drawLine(QPointF(header.right(), l.axisRect().top()), QPointF(header.right(), header.bottom()));
    }

    void axis()
    {
        const QRectF a = l.axisRect();
        if (a.width() <= 0)
            return;
        p.fillRect(
            QRectF(l.headerRect().left(), a.top(), a.right() - l.headerRect().left(), a.height()), t.headerBackground);
        p.save();
        p.setClipRect(a);
        const QFontMetricsF &fm = axisMetrics;
        const double lineHeight = (a.height() - 2) / 2;
        const QRectF majorLine(a.left(), a.top(), a.width(), lineHeight);
        const QRectF minorLine(a.left(), a.top() + lineHeight, a.width(), lineHeight);

        QFont majorFont = t.axisFont;
        majorFont.setWeight(QFont::DemiBold);
        const QFontMetricsF majorMetrics(majorFont, p.device());
        p.setFont(majorFont);
        p.setPen(t.text);
        const auto &major = l.ticks().major.ticks;
        for (std::size_t k = 0; k < major.size(); ++k) {
            const double x0 = l.dayToX(double(major[k].day));
            const double x1 = l.dayToX(double(major[k].endDay));
            // Sticky: the label of a partly visible interval stays at the left edge.
            const double x = std::max(x0, a.left()) + 5;
            const double w = majorMetrics.horizontalAdvance(major[k].label);
            if (x + w <= x1 - 3)
                text(QRectF(x, majorLine.top(), w + 1, majorLine.height()), major[k].label, majorMetrics);
            if (x0 > a.left()) {
                p.setPen(plainPen(t.gridMajor));
                p.drawLine(QPointF(x0, a.top()), QPointF(x0, a.bottom()));
                p.setPen(t.text);
            }
        }

        p.setFont(t.axisFont);
        const DateTicks::Tier &minor = l.ticks().minor;
        const bool namesInterval = minor.step == 1 && minor.unit != DateTicks::Unit::Week;
        for (const DateTicks::Tick &tick : minor.ticks) {
            const double x0 = l.dayToX(double(tick.day));
            const double x1 = l.dayToX(double(tick.endDay));
            const double w = fm.horizontalAdvance(tick.label);
            double x = x0 + 4;
            if (namesInterval) {
                const double visible0 = std::max(x0, a.left());
                const double visible1 = std::min(x1, a.right());
                x = std::clamp((visible0 + visible1 - w) / 2, x0 + 2, x1 - w - 2);
                if (x1 - x0 < w + 4)
                    continue;
            } else if (x0 + 4 + w > x1 - 2) {
                continue;
            }
            p.setPen(t.mutedText);
            text(QRectF(x, minorLine.top(), w + 1, minorLine.height()), tick.label, fm);
            if (x0 > a.left()) {
                p.setPen(plainPen(t.axisLine));
                p.drawLine(QPointF(x0, a.bottom() - 4), QPointF(x0, a.bottom()));
            }
        }
        p.restore();
        p.setPen(plainPen(t.axisLine));
        p.drawLine(QPointF(l.headerRect().left(), a.bottom()), a.bottomRight());
    }

    void legend()
    {
        if (!f.showLegend || l.legend().empty())
            return;
        const QRectF r = l.legendRect();
        p.setPen(plainPen(t.gridMajor));
        p.drawLine(r.topLeft(), r.topRight());
        p.setFont(t.smallFont);
        const QColor neutral = withAlpha(t.mutedText, 0.55);
        for (const Layout::LegendItem &item : l.legend()) {
            const QRectF s = item.swatch;
            p.setBrush(Qt::NoBrush);
            switch (item.kind) {
            case Layout::LegendKind::Type:
                p.setPen(Qt::NoPen);
                p.setBrush(t.typeColor(IncidentType(item.type)));
                p.drawRoundedRect(s.adjusted(1, 1, -1, -1), 2, 2);
                break;
            case Layout::LegendKind::Point:
                p.setPen(Qt::NoPen);
                p.setBrush(t.mutedText);
                p.drawPolygon(diamond(s.adjusted(1, 1, -1, -1)));
                break;
            case Layout::LegendKind::Bar:
                p.fillRect(QRectF(s.left() - 2, s.center().y() - 3, s.width() + 4, 6), t.mutedText);
                break;
            case Layout::LegendKind::MergedBars: {
                const QRectF band(s.left() - 2, s.top() + 1, s.width() + 4, s.height() - 2);
                hatched(band, mergedBase(), mergedHatch());
                break;
            }
            case Layout::LegendKind::Span:
                p.fillRect(QRectF(s.left() - 2, s.top(), s.width() + 2, s.height()), withAlpha(t.mutedText, 0.25));
                p.fillRect(QRectF(s.left() - 2, s.top(), 1.5, s.height()), t.mutedText);
                p.fillRect(QRectF(s.right() - 1.5, s.top(), 1.5, s.height()), t.mutedText);
                break;
            case Layout::LegendKind::Density: {
                const double heights[] = { 4, 9, 12, 7, 3 };
                for (int k = 0; k < 5; ++k)
                    p.fillRect(QRectF(s.left() - 2 + k * 3, s.bottom() - heights[k], 3, heights[k]),
                        withAlpha(t.density, s_densityAlpha));
                break;
            }
            case Layout::LegendKind::OutlineSolid:
            case Layout::LegendKind::OutlineDashed:
            case Layout::LegendKind::OutlineNone: {
                const Outline o = item.kind == Layout::LegendKind::OutlineSolid ? Outline::Solid
                    : item.kind == Layout::LegendKind::OutlineDashed            ? Outline::Dashed
                                                                                : Outline::None;
                p.setBrush(neutral);
                p.setPen(outlinePen(o, t.text));
                p.drawPolygon(diamond(s.adjusted(0.5, 0.5, -0.5, -0.5)));
                break;
            }
            }
            p.setPen(t.text);
            text(item.textRect, item.text, smallMetrics);
        }
    }

    void titleAndFooter()
    {
        if (!f.title.isEmpty()) {
            p.setFont(t.titleFont);
            p.setPen(t.text);
            const QRectF r = l.titleRect().adjusted(8, 0, -8, 0);
            p.drawText(r, Qt::AlignLeft | Qt::AlignVCenter,
                QFontMetricsF(t.titleFont, p.device()).elidedText(f.title, Qt::ElideRight, r.width()));
        }
        if (!f.footer.isEmpty()) {
            p.setFont(t.smallFont);
            p.setPen(t.mutedText);
            const QRectF r = l.footerRect().adjusted(8, 0, -8, 0);
            p.drawText(r, Qt::AlignLeft | Qt::AlignVCenter,
                QFontMetricsF(t.smallFont, p.device()).elidedText(f.footer, Qt::ElideRight, r.width()));
        }
    }

    void emptyMessage()
    {
        if (l.rowCount() > 0)
            return;
        p.setFont(t.labelFont);
        p.setPen(t.mutedText);
        p.drawText(l.plotRect(), Qt::AlignCenter,
            f.rows && !f.rows->hiddenRows().empty() ? tr("Every row is hidden") : tr("No incidents to show"));
    }

    // A ring around each visible mark of incident i, joined by a connector when the incident
    // sits in several visible rows (a multi-country incident).
    void highlight(TimelineFrame::Index i, const QColor &colour, double width)
    {
        const IncidentColumns *c = columns();
        if (double(c->lastDay[i]) + 1 < f.firstDay || double(c->firstDay[i]) > f.endDay)
            return;
        const auto rows = f.rows->rowsOf(i);
        const Layout::Shape shape = l.shapeOf(i);
        QPen pen = plainPen(colour, width);
        pen.setJoinStyle(Qt::MiterJoin);
        std::vector<QRectF> rects;
        for (int r : rows) {
            if (r < l.firstVisibleRow() || r > l.lastVisibleRow())
                continue;
            rects.push_back(l.markRect(i, r));
        }
        if (rects.empty())
            return;
        if (rects.size() > 1) {
            QPen link = plainPen(withAlpha(colour, 0.8), 1.5);
            link.setDashPattern({ 3, 2 });
            p.setPen(link);
            const double x = shape == Layout::Shape::Point ? rects.front().center().x()
                                                           : std::max(rects.front().left(), l.plotRect().left()) + 1;
            p.drawLine(QPointF(x, rects.front().center().y()), QPointF(x, rects.back().center().y()));
        }
        p.setPen(pen);
        p.setBrush(Qt::NoBrush);
        for (const QRectF &r : rects) {
            if (shape == Layout::Shape::Point)
                p.drawPolygon(diamond(r.adjusted(-4, -4, 4, 4)));
            else
                p.drawRect(r.adjusted(-2.5, -2.5, 2.5, 2.5));
        }
    }

    void interaction()
    {
        if (f.forExport || !f.rows)
            return;
        p.save();
        p.setClipRect(l.plotRect());
        // Selections can be the whole table; beyond a few thousand rings nothing is legible.
        constexpr std::size_t maxRings = 5000;
        std::size_t drawn = 0;
        for (TimelineFrame::Index i : f.selected) {
            if (i >= columns()->size())
                continue;
            highlight(i, t.selection, 2.0);
            if (++drawn >= maxRings)
                break;
        }
        if (f.currentIncident >= 0 && f.currentIncident < qint64(columns()->size())) {
            QColor focus = t.selection;
            highlight(TimelineFrame::Index(f.currentIncident), focus.darker(130), 1.0);
        }
        if (f.hoveredIncident >= 0 && f.hoveredIncident < qint64(columns()->size()))
            highlight(TimelineFrame::Index(f.hoveredIncident), t.hover, 1.5);
        if (!f.rubberBand.isNull()) {
            p.setPen(plainPen(t.rubberBand, 1));
            p.setBrush(withAlpha(t.rubberBand, 0.12));
            p.drawRect(f.rubberBand.normalized());
        }
        p.restore();
    }
};
} // namespace

TimelineRenderer::Outline TimelineRenderer::outlineFor(Attribution attribution)
{
    switch (attribution) {
    case Attribution::Official:
        return Outline::Solid;
    case Attribution::Vendor:
    case Attribution::Claimed:
        return Outline::Dashed;
    case Attribution::Suspected:
    case Attribution::None:
        return Outline::None;
    }
    return Outline::None;
}

void TimelineRenderer::paint(QPainter &painter, const TimelineFrame &frame, const TimelineLayout &layout)
{
    painter.save();
    painter.setRenderHint(QPainter::Antialiasing, true);
    painter.setRenderHint(QPainter::TextAntialiasing, true);
    Painter p { painter, frame, layout, frame.theme };
    p.background();
    p.grid();
    p.rowBands();
    if (frame.rows && layout.firstVisibleRow() >= 0) {
        painter.save();
        painter.setClipRect(layout.plotRect());
        p.spans();
        p.bars();
        p.points();
        p.clusters();
        p.density();
        p.labels();
        painter.restore();
        p.rowHeaders();
    }
    p.emptyMessage();
    p.axis();
    p.legend();
    p.titleAndFooter();
    p.interaction();
    painter.restore();
}
