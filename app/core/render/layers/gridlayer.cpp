#include "render/layers/layers.h"
#include "render/layers/paintcontext.h"

#include <QPainter>
#include <algorithm>
#include <vector>

namespace RenderLayers {

namespace {
    // A tick or grid line this close to the edge of the plot is the edge itself: not drawn
    // (a vector device draws what a raster one would clip, and rounding puts the first day
    // a hair inside).
    constexpr double s_edge = 0.5;
} // namespace

void paintBackground(PaintContext &c)
{
    const Layout &l = c.l;
    c.setSnappedFills();
    if (!c.f.transparent)
        c.p.fillRect(l.frameRect(), c.t.background);
    c.p.fillRect(QRectF(l.headerRect().left(), l.axisRect().top(), l.headerRect().width(),
                     l.headerRect().bottom() - l.axisRect().top()),
        c.t.headerBackground);
}

namespace {
    // The vertical line at x over the plot, in pieces that stop short of every label it would
    // cross, so that no grid line runs through a title or a count.
    void lineAround(const Layout &l, double x, std::vector<QRectF> &rects)
    {
        constexpr double clearance = 1; // free space beside and above the text
        const QRectF plot = l.plotRect();
        double top = plot.top();
        for (const Layout::RowPlan &plan : l.rowPlans()) {
            for (const Layout::Label &label : plan.labels) {
                const QRectF r = label.rect.adjusted(-clearance, -clearance, clearance, clearance);
                if (r.left() >= x + 0.5 || r.right() <= x - 0.5 || r.bottom() <= top)
                    continue;
                if (r.top() > top)
                    rects.emplace_back(x - 0.5, top, 1, r.top() - top);
                top = r.bottom();
            }
        }
        if (top < plot.bottom())
            rects.emplace_back(x - 0.5, top, 1, plot.bottom() - top);
    }
} // namespace

void paintGrid(PaintContext &c)
{
    const Layout &l = c.l;
    QPainter &p = c.p;
    p.save();
    p.setClipRect(l.plotRect());
    p.setRenderHint(QPainter::Antialiasing, false);
    const QRectF plot = l.plotRect();
    // A one-unit line is a one-unit rectangle, on every device: no stroker.
    std::vector<QRectF> rects;
    const auto lines = [&](const DateTicks::Tier &tier, const QColor &colour) {
        rects.clear();
        for (const DateTicks::Tick &tick : tier.ticks) {
            const double x = l.dayToX(double(tick.day));
            if (x > plot.left() + s_edge && x < plot.right() - s_edge)
                lineAround(l, x, rects);
        }
        c.fillRects(rects, colour);
    };
    lines(l.ticks().minor, c.t.grid);
    lines(l.ticks().major, c.t.gridMajor);
    p.restore();
}

void paintRowBands(PaintContext &c)
{
    const Layout &l = c.l;
    c.p.save();
    c.p.setClipRect(QRectF(l.headerRect().topLeft(), l.plotRect().bottomRight()));
    for (const Layout::RowPlan &plan : l.rowPlans()) {
        if (plan.row % 2 == 1)
            c.p.fillRect(l.rowRect(plan.row), c.t.rowBand);
    }
    c.p.restore();
    c.p.setRenderHint(QPainter::Antialiasing, true);
}

namespace {
    // The upper axis line: one label per major interval, kept at the left edge while its
    // interval is partly visible, and a tick at each interval's start.
    void majorTicks(PaintContext &c, const QRectF &line)
    {
        const Layout &l = c.l;
        QPainter &p = c.p;
        const QRectF a = l.axisRect();
        QFont majorFont = c.t.axisFont;
        majorFont.setWeight(QFont::DemiBold);
        const QFontMetricsF majorMetrics(majorFont, p.device());
        p.setFont(majorFont);
        p.setPen(c.t.text);
        for (const DateTicks::Tick &tick : l.ticks().major.ticks) {
            const double x0 = l.dayToX(double(tick.day));
            const double x1 = l.dayToX(double(tick.endDay));
            const double x = std::max(x0, a.left()) + 5;
            const double w = majorMetrics.horizontalAdvance(tick.label);
            if (x + w <= std::min(x1, a.right()) - 3) // whole, or not at all
                c.text(QRectF(x, line.top(), w + 1, line.height()), tick.label, majorMetrics);
            if (x0 > a.left() + s_edge) {
                p.setPen(plainPen(c.t.gridMajor));
                p.drawLine(QPointF(x0, a.top()), QPointF(x0, a.bottom()));
                p.setPen(c.t.text);
            }
        }
    }

    // The lower axis line: a label per minor interval where it fits (centred in the visible part
    // when the tick names a whole interval, such as a month), and a short tick at each start.
    // A label is drawn whole inside the axis or not at all: an interval cut by the plot's edge
    // shows no "ul" of "Jul".
    void minorTicks(PaintContext &c, const QRectF &line)
    {
        const Layout &l = c.l;
        QPainter &p = c.p;
        const QRectF a = l.axisRect();
        const QFontMetricsF &fm = c.axisMetrics;
        p.setFont(c.t.axisFont);
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
                const double low = visible0 + 2, high = visible1 - w - 2;
                if (high < low)
                    continue;
                x = std::clamp((visible0 + visible1 - w) / 2, low, high);
            } else if (x0 + 4 + w > x1 - 2 || x < a.left() || x + w > a.right()) {
                continue;
            }
            // A label names its interval's start (a week's first day, a year): one whose start
            // is left of the plot would lie over the row headers, and one running past the
            // right edge out of the plot. Their ticks still show.
            const bool inside = x >= a.left() && x + w <= a.right();
            p.setPen(c.t.mutedText);
            if (inside)
                c.text(QRectF(x, line.top(), w + 1, line.height()), tick.label, fm);
            if (x0 > a.left() + s_edge) {
                p.setPen(plainPen(c.t.axisLine));
                p.drawLine(QPointF(x0, a.bottom() - 4), QPointF(x0, a.bottom()));
            }
        }
    }
} // namespace

void paintAxis(PaintContext &c)
{
    const Layout &l = c.l;
    QPainter &p = c.p;
    const QRectF a = l.axisRect();
    if (a.width() <= 0)
        return;
    p.fillRect(
        QRectF(l.headerRect().left(), a.top(), a.right() - l.headerRect().left(), a.height()), c.t.headerBackground);
    p.save();
    p.setClipRect(a);
    const double lineHeight = (a.height() - 2) / 2;
    majorTicks(c, QRectF(a.left(), a.top(), a.width(), lineHeight));
    minorTicks(c, QRectF(a.left(), a.top() + lineHeight, a.width(), lineHeight));
    p.restore();
    p.setPen(plainPen(c.t.axisLine));
    p.drawLine(QPointF(l.headerRect().left(), a.bottom()), a.bottomRight());
}

} // namespace RenderLayers
