#include "render/layers/layers.h"
#include "render/layers/paintcontext.h"

#include <QPainter>
#include <algorithm>
#include <cmath>

namespace RenderLayers {

namespace {
    // The strip of one aggregated row as steps of equal height: calls step(x0, x1, height) for
    // each run of buckets whose heights round to the same half unit, left to right (zero
    // heights included). A square-root scale keeps single incidents visible next to busy rows.
    template <typename Step>
    void forEachStep(const Layout::RowPlan &plan, double left, double heightScale, const Step &step)
    {
        const double full = plan.rect.height() - 6;
        const auto height = [&](float v) {
            const double h = v < 0.01f ? 0 : std::max(1.5, full * std::sqrt(double(v)) * heightScale);
            return std::round(h * 2) / 2;
        };
        const std::size_t n = plan.buckets.size();
        if (n == 0)
            return;
        double stepHeight = height(plan.buckets[0]);
        std::size_t stepStart = 0;
        for (std::size_t b = 1; b <= n; ++b) {
            const double h = b < n ? height(plan.buckets[b]) : -1;
            if (h == stepHeight)
                continue;
            step(
                left + double(stepStart) * Layout::s_bucketWidth, left + double(b) * Layout::s_bucketWidth, stepHeight);
            stepHeight = h;
            stepStart = b;
        }
    }
} // namespace

// Pixel-snapped devices fill one rectangle per step without antialiasing (a many-vertex
// polygon costs the rasteriser far more); vector devices get one step polygon per row, so
// viewers show no seams between neighbouring steps. Both trace the same steps.
void paintDensity(PaintContext &c)
{
    const float max = c.l.maxBucket();
    if (max <= 0)
        return;
    QPainter &p = c.p;
    p.save();
    p.setRenderHint(QPainter::Antialiasing, false);
    p.setPen(Qt::NoPen);
    const QColor colour = withAlpha(c.t.density, s_densityAlpha);
    p.setBrush(colour);
    const double left = c.l.plotRect().left();
    const double heightScale = 1.0 / std::sqrt(double(max));
    QPolygonF outline;
    for (const Layout::RowPlan &plan : c.l.rowPlans()) {
        if (!plan.aggregated)
            continue;
        const double base = plan.rect.bottom() - 3;
        if (c.policy.pixelSnapped) {
            forEachStep(plan, left, heightScale, [&](double x0, double x1, double h) {
                if (h > 0)
                    p.fillRect(QRectF(x0, base - h, x1 - x0, h), colour);
            });
            continue;
        }
        outline.clear();
        outline.append(QPointF(left, base));
        double previous = 0;
        forEachStep(plan, left, heightScale, [&](double x0, double x1, double h) {
            Q_UNUSED(x1);
            outline.append(QPointF(x0, base - previous));
            outline.append(QPointF(x0, base - h));
            previous = h;
        });
        const double end = left + double(plan.buckets.size()) * Layout::s_bucketWidth;
        outline.append(QPointF(end, base - previous));
        outline.append(QPointF(end, base));
        p.drawPolygon(outline);
    }
    p.restore();
}

} // namespace RenderLayers
