#pragma once

#include "render/timelineframe.h"
#include "render/timelinelayout.h"
#include "render/timelinerenderer.h"

#include <QBrush>
#include <QFontMetricsF>
#include <QPen>
#include <QTransform>
#include <utility>
#include <vector>

class QPainter;

namespace RenderLayers {

using Layout = TimelineLayout;
using Outline = TimelineRenderer::Outline;

inline constexpr double s_outlineWidth = 1.25;
inline constexpr qreal s_spanAlpha = 0.20;
inline constexpr qreal s_densityAlpha = 0.80;

// How a paint device is drawn on, decided once from the painter. Every layer asks this
// policy instead of testing the device itself, so raster and vector output share one
// drawing path and differ only where the policy says.
struct DevicePolicy
{
    // A raster paint engine: textures (dash and hatch brushes) and pre-rendered sprites are
    // cheaper than strokes and paths there, and look the same.
    bool raster = false;
    // A raster device whose transform only scales uniformly and translates: axis-aligned
    // rectangles are filled without antialiasing (snapped to device pixels) and marks are
    // blended from sprites aligned to the pixel grid. False on vector devices (SVG, PDF),
    // which keep exact geometry.
    bool pixelSnapped = false;
    // Device pixels per logical unit when pixelSnapped, 1 otherwise.
    double scale = 1.0;
    QTransform device;

    static DevicePolicy forPainter(const QPainter &painter);
};

QPen outlinePen(Outline outline, const QColor &colour);
QPen plainPen(const QColor &colour, double width = 1.0);
QColor withAlpha(QColor colour, qreal alpha);
QColor textOn(const QColor &fill); // black or white, whichever reads better on `fill`
QPolygonF diamond(const QRectF &r);

// What every layer shares during one paint: the painter, the frame and its layout, the
// device policy, font metrics for the device, and the drawing primitives whose raster and
// vector forms differ. Lives for one TimelineRenderer::paint call.
class PaintContext
{
public:
    PaintContext(QPainter &painter, const TimelineFrame &frame, const TimelineLayout &layout);

    QPainter &p;
    const TimelineFrame &f;
    const Layout &l;
    const Theme &t;
    const DevicePolicy policy;
    const QFontMetricsF labelMetrics;
    const QFontMetricsF smallMetrics;
    const QFontMetricsF axisMetrics;

    const IncidentColumns *columns() const { return f.rows ? &f.rows->columns() : nullptr; }
    Outline outlineOf(TimelineFrame::Index i) const;

    // Antialiasing for axis-aligned fills: off when the device snaps to pixels.
    void setSnappedFills() const;

    // One line of text vertically centred in `r`, from its left edge or ending at its right
    // edge: a baseline drawText, which skips the QTextLayout line breaking of the rect overload.
    void text(
        const QRectF &r, const QString &s, const QFontMetricsF &fm, bool alignRight = false, double width = -1) const;

    // Axis-aligned rectangles in one colour: filled one by one on raster devices (cheap
    // there), and as one drawRects call on vector devices, which then write one element
    // instead of one group of painter state per rectangle.
    void fillRects(const std::vector<QRectF> &rects, const QColor &colour) const;

    // The part of `r` worth drawing: marks can reach far beyond the plot when zoomed in, and
    // a dashed outline that long costs time for nothing.
    QRectF visiblePart(const QRectF &r) const;

    // The attribution outline of a bar or span: four edge fills (solid or dash textures) on
    // raster devices, a stroked (vector dashed) rectangle elsewhere; both look the same.
    void outlineRect(const QRectF &r, Outline outline, const QColor &colour);

    // `r` filled with `base` and hatched with diagonal lines of `line`, 4 units apart on a grid
    // anchored at the origin (so neighbouring areas continue each other's lines): one opaque
    // texture fill on raster devices, a fill and line segments elsewhere.
    void hatched(const QRectF &r, const QColor &base, const QColor &line);

    // Merged bars: the density colour most of the way to the background, hatched with lines
    // of it a third of the way, so that points and clusters on top stay clear.
    QColor mergedBase() const { return towardBackground(0.62); }
    QColor mergedHatch() const { return towardBackground(0.3); }

    // A cluster badge: a rounded rectangle in `fill` with the count centred on it.
    void badge(QPainter &painter, const QRectF &r, const QColor &fill, int count) const;

    // Logical position of a sprite of `pixels` device pixels centred on the logical point c,
    // aligned to the device pixel grid (pixel-snapped devices only).
    QPointF spriteOrigin(QPointF c, QSize pixels) const;

private:
    struct DashBrushes
    {
        QRgb colour;
        QBrush across;
        QBrush down;
    };
    const DashBrushes &dashesFor(const QColor &colour);
    QColor towardBackground(double amount) const;

    std::vector<DashBrushes> m_dashes; // made once per paint, by colour
    QBrush m_hatchBrush;
    std::pair<QRgb, QRgb> m_hatchColours {};
};

} // namespace RenderLayers
