#pragma once

// The layers TimelineRenderer::paint draws, in its order. Each draws one kind of thing from
// the layout through the shared PaintContext; none tests the paint device itself.
namespace RenderLayers {

class PaintContext;

// gridlayer.cpp: the background, the date grid, alternate row bands and the date axis.
void paintBackground(PaintContext &c);
void paintGrid(PaintContext &c);
void paintRowBands(PaintContext &c);
void paintAxis(PaintContext &c);

// spanlayer.cpp: uncertain spans, duration bars and merged-bar bands.
void paintSpans(PaintContext &c);
void paintBars(PaintContext &c);

// marklayer.cpp: exact-day diamonds and cluster badges.
void paintPoints(PaintContext &c);
void paintClusters(PaintContext &c);

// densitylayer.cpp: the density strips of aggregated rows.
void paintDensity(PaintContext &c);

// labellayer.cpp: mark labels and the message shown when there is no row.
void paintLabels(PaintContext &c);
void paintEmptyMessage(PaintContext &c);

// rowheaderlayer.cpp: the row names, flags and counts.
void paintRowHeaders(PaintContext &c);

// legendlayer.cpp: the legend, the title and the footer.
void paintLegend(PaintContext &c);
void paintTitleAndFooter(PaintContext &c);

// overlaylayer.cpp: selection, focus and hover rings and the rubber band (screen only).
void paintInteraction(PaintContext &c);

} // namespace RenderLayers
