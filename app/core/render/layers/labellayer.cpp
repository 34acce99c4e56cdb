#include "render/layers/layers.h"
#include "render/layers/paintcontext.h"

#include <QCoreApplication>
#include <QPainter>

namespace RenderLayers {

void paintLabels(PaintContext &c)
{
    c.p.setFont(c.t.labelFont);
    bool muted = false;
    c.p.setPen(c.t.text);
    for (const Layout::RowPlan &plan : c.l.rowPlans()) {
        for (const Layout::Label &label : plan.labels) {
            // A label without an incident (the count of an aggregated row) is muted.
            if ((label.incident < 0) != muted) {
                muted = label.incident < 0;
                c.p.setPen(muted ? c.t.mutedText : c.t.text);
            }
            c.text(label.rect, label.text, c.labelMetrics);
        }
    }
}

void paintEmptyMessage(PaintContext &c)
{
    if (c.l.rowCount() > 0)
        return;
    c.p.setFont(c.t.labelFont);
    c.p.setPen(c.t.mutedText);
    const bool allHidden = c.f.rows && !c.f.rows->hiddenRows().empty();
    c.p.drawText(c.l.plotRect(), Qt::AlignCenter,
        allHidden ? QCoreApplication::translate("TimelineRenderer", "Every row is hidden")
                  : QCoreApplication::translate("TimelineRenderer", "No incidents to show"));
}

} // namespace RenderLayers
