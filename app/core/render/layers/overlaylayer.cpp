#include "render/layers/layers.h"
#include "render/layers/paintcontext.h"

#include <QPainter>
#include <algorithm>

namespace RenderLayers {

namespace {
    // A ring around each visible mark of incident i, joined by a connector when the incident
    // sits in several visible rows (a multi-country incident).
    void highlight(PaintContext &c, TimelineFrame::Index i, const QColor &colour, double width)
    {
        const IncidentColumns *columns = c.columns();
        const Layout &l = c.l;
        QPainter &p = c.p;
        if (double(columns->lastDay[i]) + 1 < c.f.firstDay || double(columns->firstDay[i]) > c.f.endDay)
            return;
        const Layout::Shape shape = l.shapeOf(i);
        std::vector<QRectF> rects;
        for (int r : c.f.rows->rowsOf(i)) {
            if (r >= l.firstVisibleRow() && r <= l.lastVisibleRow())
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
        QPen pen = plainPen(colour, width);
        pen.setJoinStyle(Qt::MiterJoin);
        p.setPen(pen);
        p.setBrush(Qt::NoBrush);
        for (const QRectF &r : rects) {
            if (shape == Layout::Shape::Point)
                p.drawPolygon(diamond(r.adjusted(-4, -4, 4, 4)));
            else
                p.drawRect(r.adjusted(-2.5, -2.5, 2.5, 2.5));
        }
    }
} // namespace

void paintInteraction(PaintContext &c)
{
    const TimelineFrame &f = c.f;
    if (f.forExport || !f.rows)
        return;
    const std::size_t size = c.columns()->size();
    c.p.save();
    c.p.setClipRect(c.l.plotRect());
    // Selections can be the whole table; beyond a few thousand rings nothing is legible.
    constexpr std::size_t maxRings = 5000;
    std::size_t drawn = 0;
    for (TimelineFrame::Index i : f.selected) {
        if (i >= size)
            continue;
        highlight(c, i, c.t.selection, 2.0);
        if (++drawn >= maxRings)
            break;
    }
    if (f.currentIncident >= 0 && f.currentIncident < qint64(size))
        highlight(c, TimelineFrame::Index(f.currentIncident), c.t.selection.darker(130), 1.0);
    if (f.hoveredIncident >= 0 && f.hoveredIncident < qint64(size))
        highlight(c, TimelineFrame::Index(f.hoveredIncident), c.t.hover, 1.5);
    if (!f.rubberBand.isNull()) {
        c.p.setPen(plainPen(c.t.rubberBand, 1));
        c.p.setBrush(withAlpha(c.t.rubberBand, 0.12));
        c.p.drawRect(f.rubberBand.normalized());
    }
    c.p.restore();
}

} // namespace RenderLayers
