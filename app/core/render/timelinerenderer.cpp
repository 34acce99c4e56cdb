#include "render/timelinerenderer.h"

#include "render/layers/layers.h"
#include "render/layers/paintcontext.h"

#include <QPainter>

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
    using namespace RenderLayers;
    painter.save();
    painter.setRenderHint(QPainter::Antialiasing, true);
    painter.setRenderHint(QPainter::TextAntialiasing, true);
    PaintContext context(painter, frame, layout);
    paintBackground(context);
    paintGrid(context);
    paintRowBands(context);
    if (frame.rows && layout.firstVisibleRow() >= 0) {
        painter.save();
        painter.setClipRect(layout.plotRect());
        paintSpans(context);
        paintBars(context);
        paintPoints(context);
        paintClusters(context);
        paintDensity(context);
        paintLabels(context);
        painter.restore();
        paintRowHeaders(context);
    }
    paintEmptyMessage(context);
    paintAxis(context);
    paintLegend(context);
    paintTitleAndFooter(context);
    paintInteraction(context);
    painter.restore();
}
