#pragma once

#include "domain/incidentcolumns.h"
#include "render/theme.h"
#include "render/timelinerows.h"

#include <QHash>
#include <QImage>
#include <QRectF>
#include <QSizeF>
#include <QString>
#include <memory>
#include <optional>
#include <vector>

// What to draw, as plain data: the rows (shared, built once per filter change), the visible
// range, the logical size, the theme, what to decorate and what is hovered or selected.
// Cheap to copy (the rows are shared). Screen and exports fill the same struct.
//
// Units: days are (fractional) Julian day numbers, the visible range is [firstDay, endDay);
// lengths are logical units (1 = 1/96 in), the painter maps them to the device.
struct TimelineFrame
{
    using Index = IncidentColumns::Index;

    std::shared_ptr<const TimelineRows> rows; // null draws an empty frame
    double firstDay = 0; // visible range start, inclusive
    double endDay = 1; // visible range end, exclusive
    QSizeF size; // logical size of the whole frame
    double scrollY = 0; // logical px the rows are scrolled up by (>= 0)
    double rowHeight = 26; // logical px per row
    double headerWidth = 210; // logical px of the row header; 0 hides it
    Theme theme = Theme::light();

    bool forExport = false; // no hover, selection or rubber band; margins around the plot
    bool showLegend = true;
    // The incident types the legend lists (bit t for IncidentType t); unset, those drawn in
    // the rows and days in view. A figure cut into pages sets it to the types of its page.
    std::optional<std::uint32_t> legendTypes;
    bool transparent = false; // no background fill (PNG export option)
    QString title; // drawn above the axis when not empty
    QString footer; // drawn below the legend when not empty (e.g. the data's sources)

    // Pre-rendered flags by upper-case alpha-2 (TimelineRow::flagCode), any 4:3 size; the
    // renderer draws them into its flag box and never reads files.
    QHash<QString, QImage> flags;

    // Interaction state, drawn only when !forExport.
    qint64 hoveredIncident = -1; // index into IncidentColumns, or -1
    std::vector<Index> selected; // ascending indices into IncidentColumns
    qint64 currentIncident = -1; // keyboard focus mark, or -1
    QRectF rubberBand; // logical, null when none

    bool isSelected(Index i) const; // O(log n)
};
