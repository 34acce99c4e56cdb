#pragma once

#include "export/figureexporter.h"
#include "query/filter.h"
#include "render/timelinerows.h"

#include <QSizeF>
#include <memory>

// What the window hands to the figure commands (export, print, copy): the timeline as it is
// shown, the filter behind it, and the theme. A value; the rows are shared read-only.
struct FigureViewState
{
    std::shared_ptr<const TimelineRows> rows; // the view's rows (hidden rows left out)
    double firstDay = 0; // the visible range [firstDay, endDay)
    double endDay = 1;
    double scrollY = 0; // logical px the rows are scrolled by
    double rowHeight = 26;
    QSizeF viewSize { 1200, 700 }; // the timeline's logical size on screen
    Filter filter;
    bool dark = false;
};

namespace FigureState {
// The first row on screen and how many rows show (at least one when there are rows).
std::pair<int, int> visibleRows(const FigureViewState &state);

// The caption FigureExporter::caption writes for these rows over [firstDay, endDay).
// With `pickedRows`, the labels of hand-picked rows, the caption names them.
QString captionFor(const FigureViewState &state, const TimelineRows *rows, double firstDay, double endDay,
    const QStringList &pickedRows = {});

// The figure of the view as it is: its range, the rows on screen, its size at `dpi`, the theme,
// the proposed title and the caption. Format PNG.
FigureOptions currentView(const FigureViewState &state, double dpi = 96);

// Every row of the view over its range, paginated, for printing on pages.
FigureOptions allRows(const FigureViewState &state);
} // namespace FigureState
