#include "export/figurestate.h"

#include "export/figurescope.h"

#include <QSize>
#include <cmath>

namespace FigureState {

std::pair<int, int> visibleRows(const FigureViewState &state)
{
    const int total = state.rows ? state.rows->rowCount() : 0;
    if (total == 0 || state.rowHeight <= 0)
        return { 0, 0 };
    const int first = std::clamp(int(std::floor(state.scrollY / state.rowHeight + 0.5)), 0, total - 1);
    // The view's plot is shorter than the view (axis and legend); the figure repeats those, so
    // about as many rows fit as the view shows.
    const int count = std::max(1, int(std::floor(state.viewSize.height() / state.rowHeight)) - 3);
    return { first, std::min(count, total - first) };
}

QString captionFor(const FigureViewState &state, const TimelineRows *rows, double firstDay, double endDay,
    const QStringList &pickedRows)
{
    return FigureScope::caption(state.filter, rows, firstDay, endDay, pickedRows);
}

FigureOptions currentView(const FigureViewState &state, double dpi)
{
    FigureOptions o;
    const auto [first, count] = visibleRows(state);
    o.rows = FigureScope::slice(state.rows, first, count);
    o.firstDay = state.firstDay;
    o.endDay = state.endDay;
    o.rowHeight = state.rowHeight;
    o.dpi = dpi;
    o.pixels = QSize(
        int(std::lround(state.viewSize.width() * dpi / 96)), int(std::lround(state.viewSize.height() * dpi / 96)));
    o.dark = state.dark;
    o.title = FigureExporter::proposeTitle(state.filter, o.firstDay, o.endDay);
    o.caption = captionFor(state, o.rows.get(), o.firstDay, o.endDay);
    return o;
}

FigureOptions allRows(const FigureViewState &state)
{
    FigureOptions o;
    o.format = FigureFormat::Pdf;
    o.rows = state.rows;
    o.firstDay = state.firstDay;
    o.endDay = state.endDay;
    o.rowHeight = state.rowHeight;
    o.dark = false; // paper is white
    o.paginate = true;
    o.title = FigureExporter::proposeTitle(state.filter, o.firstDay, o.endDay);
    o.caption = captionFor(state, o.rows.get(), o.firstDay, o.endDay);
    return o;
}
} // namespace FigureState
