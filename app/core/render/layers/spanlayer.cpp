#include "render/layers/layers.h"
#include "render/layers/paintcontext.h"

#include <QPainter>
#include <algorithm>

namespace RenderLayers {

namespace {
    // A merged row's spans as one muted area: they share their height, so their union is the
    // union of their x intervals, filled run by run (no overlap is filled twice).
    void mergedSpans(PaintContext &c, const Layout::RowPlan &plan, std::vector<QRectF> &parts)
    {
        parts.clear();
        for (const Layout::Mark &m : plan.spans)
            parts.push_back(c.visiblePart(m.rect));
        std::sort(parts.begin(), parts.end(), [](const QRectF &a, const QRectF &b) { return a.left() < b.left(); });
        const QColor merged = withAlpha(c.t.mutedText, 0.22);
        QRectF run = parts.front();
        for (std::size_t k = 1; k <= parts.size(); ++k) {
            if (k < parts.size() && parts[k].left() <= run.right()) {
                run.setRight(std::max(run.right(), parts[k].right()));
                continue;
            }
            c.p.fillRect(run, merged);
            if (k < parts.size())
                run = parts[k];
        }
    }

    // One uncertain span: a faint fill over the interval, solid ends where the interval starts and
    // stops inside the plot, and the attribution outline.
    void span(PaintContext &c, const Layout::Mark &m)
    {
        const QRectF r = c.visiblePart(m.rect);
        const QColor colour = c.t.typeColor(IncidentType(c.columns()->type[m.incident]));
        c.p.fillRect(r, withAlpha(colour, s_spanAlpha));
        const QColor end = withAlpha(colour, 0.9);
        if (m.rect.left() >= r.left())
            c.p.fillRect(QRectF(r.left(), r.top(), 1.5, r.height()), end);
        if (m.rect.right() <= r.right())
            c.p.fillRect(QRectF(r.right() - 1.5, r.top(), 1.5, r.height()), end);
        c.outlineRect(r, c.outlineOf(m.incident), withAlpha(c.t.text, 0.7));
    }

    // Stretches where more bars overlap than the row has lanes: one light neutral band in the
    // density hue, hatched, with the number of bars where the layout found room for it.
    void mergedBars(PaintContext &c)
    {
        const QColor base = c.mergedBase();
        const QColor lines = c.mergedHatch();
        bool textSet = false;
        for (const Layout::RowPlan &plan : c.l.rowPlans()) {
            for (const Layout::MergedBars &mb : plan.mergedBars) {
                const QRectF r = c.visiblePart(mb.rect);
                if (r.width() <= 0)
                    continue;
                c.hatched(r, base, lines);
                if (mb.countRect.isEmpty())
                    continue;
                c.p.fillRect(mb.countRect, base);
                if (!textSet) {
                    c.p.setFont(c.t.labelFont);
                    c.p.setPen(c.t.text);
                    textSet = true;
                }
                c.text(mb.countRect.adjusted(3, 0, 0, 0), QString::number(mb.count), c.labelMetrics);
            }
        }
    }
} // namespace

void paintSpans(PaintContext &c)
{
    c.p.save();
    c.setSnappedFills();
    std::vector<QRectF> parts;
    for (const Layout::RowPlan &plan : c.l.rowPlans()) {
        if (plan.spans.empty())
            continue;
        if (plan.spansMerged) {
            mergedSpans(c, plan, parts);
            continue;
        }
        for (const Layout::Mark &m : plan.spans)
            span(c, m);
    }
    c.p.restore();
}

// Fills first, then outlines, so that an outline is never covered by a neighbouring lane's fill.
void paintBars(PaintContext &c)
{
    const IncidentColumns *columns = c.columns();
    c.p.save();
    c.setSnappedFills();
    for (const Layout::RowPlan &plan : c.l.rowPlans()) {
        for (const Layout::Mark &m : plan.bars)
            c.p.fillRect(c.visiblePart(m.rect), c.t.typeColor(IncidentType(columns->type[m.incident])));
    }
    for (const Layout::RowPlan &plan : c.l.rowPlans()) {
        for (const Layout::Mark &m : plan.bars)
            c.outlineRect(c.visiblePart(m.rect), c.outlineOf(m.incident), c.t.text);
    }
    mergedBars(c);
    c.p.restore();
}

} // namespace RenderLayers
