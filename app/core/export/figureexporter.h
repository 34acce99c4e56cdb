#pragma once

#include "export/exportfile.h"
#include "query/filter.h"
#include "render/flagcache.h"
#include "render/timelineframe.h"

#include <QDate>
#include <QMarginsF>
#include <QPageLayout>
#include <QPageSize>
#include <QSize>
#include <QSizeF>
#include <QString>
#include <QStringList>
#include <memory>

class QImage;
class QPagedPaintDevice;
class QPaintDevice;
class QPainter;

enum class FigureFormat { Png, Svg, Pdf };

// What a figure shows and how it is written. Lengths called "logical" are the renderer's
// units (1 = 1/96 in).
struct FigureOptions
{
    FigureFormat format = FigureFormat::Png;

    // Size of a PNG or SVG: `pixels` at `dpi`, or, when valid, `millimetres` at `dpi`. The dpi
    // says how large everything is drawn: the figure is pixels * 96 / dpi logical units wide,
    // so 1600 x 900 at 96 dpi has 11 px labels and the same figure at 192 dpi has 22 px ones,
    // and a 300 dpi print figure has its labels at their point size, never at 8 px.
    QSize pixels { 1600, 900 };
    QSizeF millimetres;
    double dpi = 96;
    // PNG and SVG: the height is what every row needs (with the title, axis, legend and
    // caption), at most the height above; for a figure whose height nobody chose, so that
    // three rows do not float in a tall empty figure.
    bool fitHeight = false;

    bool dark = false;
    bool transparent = false; // no background painted: a PNG keeps alpha, an SVG shows what is under it

    // PDF: the page, its orientation and its margins in millimetres; the resolution is the
    // larger of `dpi` and 300. With `paginate`, rows that do not fit one page go on to more
    // pages (row headers, axis and legend repeated, "page k of n"); without it they are cut
    // and the figure says how many it shows.
    QPageSize pageSize { QPageSize::A4 };
    QPageLayout::Orientation orientation = QPageLayout::Landscape;
    QMarginsF pageMargins { 6, 6, 6, 6 };
    bool paginate = false;

    QString title; // the top line(s), in the theme's title font; empty: none
    QString subtitle; // below the title, smaller; empty: none
    QString caption; // below the chart in small muted text, wrapped (see caption())

    std::shared_ptr<const TimelineRows> rows; // what to draw; null or empty draws "No incidents"
    double firstDay = 0; // visible range, Julian days [firstDay, endDay)
    double endDay = 1;
    double rowHeight = 26; // logical
    double headerWidth = 210; // logical; 0 hides the row names

    QString flagDirectory = FlagCache::defaultDirectory();
};

// One page of a figure, as FigureExporter lays it out: the frame the renderer draws and the
// text around it (title, subtitle, caption, page label), all in the page's logical units.
struct FigurePage
{
    TimelineFrame frame; // forExport, legend, flags; title and footer empty (drawn here)
    QPointF frameOrigin; // where the frame's (0, 0) is on the page
    QStringList titleLines, subtitleLines, captionLines;
    QRectF titleRect, subtitleRect, captionRect; // the wrapped lines' boxes, empty when none
    QString label; // "page 2 of 3" or "first 24 of 60 rows"; empty when all rows show
    QRectF labelRect;
    int firstRow = 0; // the rows on this page: [firstRow, firstRow + rowCount)
    int rowCount = 0;
    int pageCount = 1;
};

// Draws a timeline as a figure (PNG, SVG or PDF) or as pages for a printer: the one class
// the export dialog, the command line, printing and the benchmarks call.
//
// The figure is the TimelineFrame the screen draws, with forExport set (nothing interactive,
// margins), its legend and flags, framed by text this class lays out itself: the title and
// subtitle above, the caption below, each wrapped to the width, and a page label at the right
// of the caption. The frame's own one-line title and footer are not used because a figure
// needs a subtitle and a caption that can wrap (TODO for the renderer's owners: a
// TimelineFrame::subtitle and a wrapping footer would let this draw through the frame).
//
// Only whole rows are drawn: the frame is cut to a whole number of rows. Every write goes
// through ExportFile (QSaveFile): a failure or a cancel leaves no file, or the old one.
// Text stays text in SVG and PDF (the PDF embeds its fonts, so text can be extracted).
//
// Not thread-safe (it caches flags); one exporter per thread.
class FigureExporter
{
public:
    explicit FigureExporter(FigureOptions options);

    const FigureOptions &options() const { return m_options; }

    // Writes the figure in options().format. Progress, when given, is called with (0, 1)
    // before anything is drawn and, for a PDF, with (pages done, pages) after each page;
    // returning false cancels (nothing is left, or the old file).
    ExportResult write(const QString &path, const ExportFile::Progress &progress = {});

    // The PNG's image: device pixels, device pixel ratio dpi / 96, dots per metre set.
    QImage toImage();
    QSize pixelSize() const; // of the PNG (with fitHeight, as tall as the rows need)
    QSizeF logicalSize() const; // of a PNG or SVG

    // Pages of `pageSize` logical units (a printer's page rectangle, or a PDF's): how many,
    // what each holds, and drawing page `index` (0-based) into the painter's logical units;
    // the painter is left as it was. `device` (optional) measures text as it will be drawn.
    int pageCount(QSizeF pageSize, const QPaintDevice *device = nullptr) const;
    FigurePage page(QSizeF pageSize, int index, const QPaintDevice *device = nullptr);
    void paintPage(QPainter &painter, QSizeF pageSize, int index);

    // Every page onto a printer or a PDF writer whose page layout is set: the painter is
    // scaled from logical units to the device's resolution, each page is as large as the
    // device's paintable area, and pageCount() pages are drawn (one unless paginate).
    // Progress is called with (pages done, pages); returning false stops after that page
    // (a printer's job is then cut short: abort it with QPrinter::abort).
    ExportResult paintPages(QPagedPaintDevice &device, const ExportFile::Progress &progress = {});

    // "Ransomware against health in Germany, 2019–2024": the filter's types, sectors,
    // victim and attacker countries and actors, and the years of its dates (or of the range
    // [firstDay, endDay) when it has none).
    static QString proposeTitle(const Filter &filter, double firstDay, double endDay);

    // The facts a caption states.
    struct CaptionFacts
    {
        Filter filter;
        double firstDay = 0; // the range shown, [firstDay, endDay)
        double endDay = 1;
        qint64 incidents = 0;
        QStringList datasets;
        QDate made = QDate::currentDate();
        QStringList rows; // the labels of hand-picked rows, or empty
    };
    // "Filters: type ransomware, sector health; 1 Jan 2022 – 31 Dec 2022; 123 incidents;
    // datasets: faultline; Faultline, 4 December 2026" (dates in the default QLocale; the
    // values of one criterion are joined by "or", as the filter matches any of them). A filter
    // of dates alone has no "Filters:" part: the dates say it. Hand-picked rows are named after
    // the filters, "rows: France, Germany" (the first s_captionRows, then "and N more").
    static QString caption(const CaptionFacts &facts);
    static constexpr int s_captionRows = 6;

private:
    struct Chrome;
    Chrome chrome(QSizeF pageSize, const QString &label, const QPaintDevice *device) const;
    // Of a frame in chrome's frame area whose legend lists `types` (TimelineFrame::legendTypes).
    double plotHeight(const Chrome &chrome, std::uint32_t types) const;
    // The types drawn in rows [first, first + count) over the figure's days.
    std::uint32_t typesOf(int first, int count) const;
    int rowsIn(double plotHeight) const; // whole rows, at least one
    QSize chosenPixelSize() const; // pixels or millimetres at dpi, before fitHeight
    QString labelFor(int index, int pages, int shown) const;
    void addFlags(TimelineFrame &frame, const QPaintDevice *device);
    void paintChrome(QPainter &painter, const FigurePage &page) const;

    ExportResult writePng(QIODevice &device);
    ExportResult writeSvg(QIODevice &device);
    ExportResult writePdf(QIODevice &device, const ExportFile::Progress &progress);

    FigureOptions m_options;
    Theme m_theme;
    FlagCache m_flags;
};
