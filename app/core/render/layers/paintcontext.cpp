#include "render/layers/paintcontext.h"

#include <QImage>
#include <QPaintEngine>
#include <QPainter>
#include <QPainterPath>
#include <algorithm>
#include <cmath>

namespace RenderLayers {

DevicePolicy DevicePolicy::forPainter(const QPainter &painter)
{
    DevicePolicy policy;
    policy.raster = painter.paintEngine() && painter.paintEngine()->type() == QPaintEngine::Raster;
    policy.device = painter.deviceTransform();
    const QTransform &d = policy.device;
    policy.pixelSnapped = policy.raster && d.type() <= QTransform::TxScale && d.m11() == d.m22() && d.m11() > 0;
    policy.scale = policy.pixelSnapped ? d.m11() : 1.0;
    return policy;
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

QPen plainPen(const QColor &colour, double width)
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

QColor textOn(const QColor &fill)
{
    const double luminance = 0.2126 * fill.redF() + 0.7152 * fill.greenF() + 0.0722 * fill.blueF();
    return luminance > 0.55 ? QColor(0x1a, 0x1a, 0x1a) : QColor(0xff, 0xff, 0xff);
}

QPolygonF diamond(const QRectF &r)
{
    const QPointF c = r.center();
    return QPolygonF({ { c.x(), r.top() }, { r.right(), c.y() }, { c.x(), r.bottom() }, { r.left(), c.y() } });
}

namespace {
    // A 3-on, 2-off dash as a texture, along x or y: on a raster device, filling edges with it
    // is far cheaper than stroking a dashed pen around hundreds of long bars.
    QBrush dashBrush(const QColor &colour, bool vertical)
    {
        QImage dash(vertical ? QSize(1, 5) : QSize(5, 1), QImage::Format_ARGB32_Premultiplied);
        dash.fill(Qt::transparent);
        for (int k = 0; k < 3; ++k)
            dash.setPixelColor(vertical ? QPoint(0, k) : QPoint(k, 0), colour);
        return QBrush(dash);
    }

    // The four edges of `o` (the outline's outer rectangle), each `w` thick, filled with `across`
    // (top and bottom) and `down` (left and right): colours or brushes.
    template <typename Fill>
    void fillEdges(QPainter &p, const QRectF &o, double w, const Fill &across, const Fill &down)
    {
        p.fillRect(QRectF(o.left(), o.top(), o.width(), w), across);
        p.fillRect(QRectF(o.left(), o.bottom() - w, o.width(), w), across);
        p.fillRect(QRectF(o.left(), o.top() + w, w, o.height() - 2 * w), down);
        p.fillRect(QRectF(o.right() - w, o.top() + w, w, o.height() - 2 * w), down);
    }
} // namespace

PaintContext::PaintContext(QPainter &painter, const TimelineFrame &frame, const TimelineLayout &layout)
    : p(painter)
    , f(frame)
    , l(layout)
    , t(frame.theme)
    , policy(DevicePolicy::forPainter(painter))
    , labelMetrics(t.labelFont, painter.device())
    , smallMetrics(t.smallFont, painter.device())
    , axisMetrics(t.axisFont, painter.device())
{ }

Outline PaintContext::outlineOf(TimelineFrame::Index i) const
{
    return TimelineRenderer::outlineFor(Attribution(columns()->attribution[i]));
}

void PaintContext::setSnappedFills() const
{
    p.setRenderHint(QPainter::Antialiasing, !policy.pixelSnapped);
}

void PaintContext::text(const QRectF &r, const QString &s, const QFontMetricsF &fm, bool alignRight, double width) const
{
    const double baseline = r.top() + (r.height() - (fm.ascent() + fm.descent())) / 2 + fm.ascent();
    double x = r.left();
    if (alignRight)
        x = r.right() - (width >= 0 ? width : fm.horizontalAdvance(s));
    p.drawText(QPointF(x, baseline), s);
}

void PaintContext::fillRects(const std::vector<QRectF> &rects, const QColor &colour) const
{
    if (policy.raster) {
        for (const QRectF &r : rects)
            p.fillRect(r, colour);
        return;
    }
    if (rects.empty())
        return;
    p.save();
    p.setPen(Qt::NoPen);
    p.setBrush(colour);
    p.drawRects(rects.data(), int(rects.size()));
    p.restore();
}

QRectF PaintContext::visiblePart(const QRectF &r) const
{
    const QRectF bounds = l.plotRect().adjusted(-4, -4, 4, 4);
    return QRectF(
        QPointF(std::max(r.left(), bounds.left()), r.top()), QPointF(std::min(r.right(), bounds.right()), r.bottom()));
}

void PaintContext::outlineRect(const QRectF &r, Outline outline, const QColor &colour)
{
    if (outline == Outline::None)
        return;
    if (!policy.raster) {
        p.setPen(outlinePen(outline, colour));
        p.setBrush(Qt::NoBrush);
        p.drawRect(r);
        return;
    }
    const double w = s_outlineWidth;
    const QRectF o = r.adjusted(-w / 2, -w / 2, w / 2, w / 2);
    if (outline == Outline::Solid) {
        fillEdges(p, o, w, colour, colour);
        return;
    }
    const DashBrushes &dash = dashesFor(colour);
    p.setBrushOrigin(o.topLeft());
    fillEdges(p, o, w, dash.across, dash.down);
    p.setBrushOrigin(0, 0);
}

const PaintContext::DashBrushes &PaintContext::dashesFor(const QColor &colour)
{
    const QRgb rgba = colour.rgba();
    for (const DashBrushes &d : m_dashes) {
        if (d.colour == rgba)
            return d;
    }
    m_dashes.push_back({ rgba, dashBrush(colour, false), dashBrush(colour, true) });
    return m_dashes.back();
}

void PaintContext::hatched(const QRectF &r, const QColor &base, const QColor &line)
{
    constexpr int pitch = 4;
    if (policy.raster) {
        const std::pair<QRgb, QRgb> key(base.rgba(), line.rgba());
        if (m_hatchBrush.style() == Qt::NoBrush || m_hatchColours != key) {
            QImage tile(pitch, pitch, QImage::Format_ARGB32_Premultiplied);
            tile.fill(base);
            for (int k = 0; k < pitch; ++k)
                tile.setPixelColor(pitch - 1 - k, k, line);
            m_hatchBrush = QBrush(tile);
            m_hatchColours = key;
        }
        p.fillRect(r, m_hatchBrush);
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

QColor PaintContext::towardBackground(double amount) const
{
    const auto mix = [amount](float a, float b) { return float(a + (b - a) * amount); };
    return QColor::fromRgbF(mix(t.density.redF(), t.background.redF()), mix(t.density.greenF(), t.background.greenF()),
        mix(t.density.blueF(), t.background.blueF()));
}

void PaintContext::badge(QPainter &painter, const QRectF &r, const QColor &fill, int count) const
{
    painter.setPen(plainPen(t.background, 1.0));
    painter.setBrush(fill);
    painter.drawRoundedRect(r, r.height() / 2, r.height() / 2);
    painter.setPen(textOn(fill));
    painter.setFont(t.smallFont);
    painter.drawText(r, Qt::AlignCenter, QString::number(count));
}

QPointF PaintContext::spriteOrigin(QPointF c, QSize pixels) const
{
    const double scale = policy.scale;
    const QTransform &d = policy.device;
    const double x = std::round(c.x() * scale + d.dx() - pixels.width() / 2.0);
    const double y = std::round(c.y() * scale + d.dy() - pixels.height() / 2.0);
    return QPointF((x - d.dx()) / scale, (y - d.dy()) / scale);
}

} // namespace RenderLayers
