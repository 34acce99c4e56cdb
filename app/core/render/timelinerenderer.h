#pragma once

#include "render/timelineframe.h"
#include "render/timelinelayout.h"

class QPainter;

// Draws a TimelineFrame onto any QPaintDevice (QImage, QSvgGenerator, QPdfWriter, a widget)
// through the geometry of its TimelineLayout. Everything is drawn in the frame's logical
// units with non-cosmetic pens; the caller sets up the painter's transform for the device
// (e.g. a scale of dpi / 96). No widgets, no files, no dialogs, no global palette.
//
// Order: background, grid, row bands, uncertain spans, bars, marks (points, clusters and
// density), labels, row headers, axis, legend, title and footer, then (only when
// !frame.forExport) selection, hover, links between a multi-row incident's marks, the
// keyboard focus and the rubber band. The painter's state is restored on return.
//
// Marks encode: shape = precision (diamond: exact day; bar: duration; faded span: month or
// year only, over the whole uncertain interval); fill = incident type (Theme::typeColors);
// outline = attribution (solid: a government; dashed: a vendor or the actor's claim; none:
// suspected or unattributed). Overlapping bars share their row in thin lanes; where more
// overlap than there are lanes, a hatched band in the density colour shows how many
// (TimelineLayout::RowPlan::mergedBars).
class TimelineRenderer
{
public:
    static void paint(QPainter &painter, const TimelineFrame &frame, const TimelineLayout &layout);

    // How an attribution is outlined, as drawn and as the legend explains it.
    enum class Outline { Solid, Dashed, None };
    static Outline outlineFor(Attribution attribution);
};
