#pragma once

#include "render/dateticks.h"
#include "render/timelineframe.h"

#include <QPointF>
#include <QRectF>
#include <QString>
#include <array>
#include <utility>
#include <vector>

class QPaintDevice;

// Geometry of one TimelineFrame: the areas, the day <-> x and row <-> y mappings, what
// every visible row shows (individual marks with labels, clusters of coinciding marks, bars
// packed into a few lanes with merged stretches where more overlap, or a density histogram
// when marks outnumber pixels), and hit testing over exactly that. The
// renderer paints from it and the view picks with it, so what you click is what you see.
//
// All coordinates are logical units (1 = 1/96 in) in the frame's coordinate system; days
// are fractional Julian days, day d covering [d, d + 1). The layout keeps a reference to
// the frame, which must outlive it. It reads the frame's rows, range, size, scroll, row
// height, header width, theme fonts, title, footer and legend flag when constructed; the
// interaction fields (hover, selection, rubber band) may change without rebuilding it.
// Construction costs O(visible rows x pixels + visible marks): a row is aggregated as soon as a
// binary search shows it is too crowded, and busy rows take their density from cumulative
// day weights (TimelineRow::weightBefore) without visiting their incidents.
class TimelineLayout
{
public:
    using Index = IncidentColumns::Index;

    enum class Shape { Point, Bar, Span }; // exact day; duration; month- or year-precise span

    struct Mark
    {
        Index incident = 0;
        QRectF rect;
        Shape shape = Shape::Point;
        bool continues = false; // a bar piece whose bar goes on into a merged stretch at its right
    };

    // Durations overlap in a row: each bar is drawn in one of RowPlan::barLanes thin lanes,
    // and where more bars overlap than there are lanes, that stretch of x is one neutral
    // band over all lanes with the number of bars in it. Bars are cut at the band's edges;
    // a bar wholly inside is drawn (and hit) only as part of the band.
    struct MergedBars
    {
        QRectF rect; // the x interval where more than barLanes bars overlap, over every lane
        int count = 0; // bars overlapping the interval
        double firstDay = 0; // the interval's days [firstDay, endDay)
        double endDay = 0;
        QRectF countRect; // where `count` is written (label font), clear of points and clusters; empty when nowhere
    };

    // Point marks closer than their width, drawn as one badge with their count.
    struct Cluster
    {
        QRectF rect;
        int count = 0;
        int type = -1; // IncidentType as int when all share it, else -1
        std::size_t position = 0; // position in the row of the first member
        qint32 firstDay = 0; // first member's day
        qint32 lastDay = 0; // last member's day (inclusive)
    };

    struct Label
    {
        QRectF rect;
        QString text;
        qint64 incident = -1; // -1 for a count label of an aggregated row
    };

    struct RowPlan
    {
        int row = -1;
        QRectF rect; // the row's plot part (right of the header)
        bool aggregated = false;
        std::vector<Mark> spans; // in drawing order
        bool spansMerged = false; // more than s_maxSpanDepth spans overlap: drawn as one neutral area, unlabelled
        // Bar pieces, left to right: whole bars, or their parts outside mergedBars, each in
        // one lane. No two pieces of a lane overlap, so at any x at most barLanes are drawn.
        std::vector<Mark> bars;
        int barLanes = 1; // 1: every bar on the row's centre line
        std::vector<MergedBars> mergedBars; // left to right, disjoint and not touching
        std::vector<Mark> points;
        std::vector<Cluster> clusters;
        std::vector<Label> labels;
        std::vector<float> buckets; // aggregated: incidents per bucket (fractional when spread)
    };

    enum class Area { None, Title, Axis, RowHeader, Plot, Legend, Footer };

    struct Hit
    {
        Area area = Area::None;
        int row = -1;
        qint64 incident = -1; // a mark or its label
        int count = 0; // a cluster, a density bucket or merged bars: incidents under the point
        double firstDay = 0; // cluster, bucket or merged-bars days [firstDay, endDay)
        double endDay = 0;
        double day = 0; // the day under the point (plot and axis)
        bool isIncident() const { return incident >= 0; }
        bool isAggregate() const { return incident < 0 && count > 0; }
    };

    enum class LegendKind { Type, Point, Bar, MergedBars, Span, Density, OutlineSolid, OutlineDashed, OutlineNone };
    struct LegendItem
    {
        LegendKind kind = LegendKind::Type;
        int type = -1; // for LegendKind::Type
        QRectF swatch;
        QRectF textRect;
        QString text;
    };

    static constexpr double s_pointSize = 10; // diamond width and height
    static constexpr double s_barHeight = 8; // a bar's height when the row has one lane
    static constexpr int s_maxBarLanes = 3; // fewer when the row is too low for them
    static constexpr double s_minLaneHeight = 3;
    static constexpr double s_laneGap = 1.5;
    static constexpr double s_bucketWidth = 3; // density bucket width
    static constexpr double s_aggregateSpacing = 6; // a row aggregates above one visible mark per this many px
    static constexpr int s_maxSpanDepth = 3;

    explicit TimelineLayout(const TimelineFrame &frame, const QPaintDevice *device = nullptr);

    const TimelineFrame &frame() const { return m_frame; }

    QRectF frameRect() const { return m_frameRect; }
    QRectF titleRect() const { return m_titleRect; }
    QRectF axisRect() const { return m_axisRect; } // above the plot, same width
    QRectF headerRect() const { return m_headerRect; } // row headers, same height as the plot
    QRectF plotRect() const { return m_plotRect; } // rows, clipped here
    QRectF legendRect() const { return m_legendRect; }
    QRectF footerRect() const { return m_footerRect; }

    double pixelsPerDay() const { return m_pxPerDay; }
    double dayToX(double day) const { return m_plotRect.left() + (day - m_frame.firstDay) * m_pxPerDay; }
    double xToDay(double x) const { return m_frame.firstDay + (x - m_plotRect.left()) / m_pxPerDay; }

    int rowCount() const;
    double rowToY(int row) const { return m_plotRect.top() + row * m_frame.rowHeight - m_frame.scrollY; } // top
    int yToRow(double y) const; // -1 above or below the rows or outside the plot height
    QRectF rowRect(int row) const; // header and plot
    int firstVisibleRow() const { return m_firstRow; } // -1 when none
    int lastVisibleRow() const { return m_lastRow; } // inclusive
    double contentHeight() const; // all rows
    double maxScrollY() const;

    // Geometry of incident i's mark in row `row`, whether or not that row draws it individually.
    // A bar covers its whole duration, at the height of the lane its (first) piece is drawn in,
    // or over every lane when it is only part of a merged stretch.
    Shape shapeOf(Index i) const;
    QRectF markRect(Index i, int row) const;
    // Top and height of lane `lane` of `lanes` in `row`; lane -1 is all of them together.
    std::pair<double, double> laneExtent(int row, int lane, int lanes) const;

    const DateTicks &ticks() const { return m_ticks; }
    const std::vector<RowPlan> &rowPlans() const { return m_plans; } // visible rows, top to bottom
    const RowPlan *planOf(int row) const;
    float maxBucket() const { return m_maxBucket; } // over every aggregated row, for one scale
    int aggregatedRowCount() const;
    // The legend: a swatch for each incident type drawn (in the rows and days in view, not
    // every type of the document), then the kinds of marks.
    const std::vector<LegendItem> &legend() const { return m_legend; }
    // The types (bit t for IncidentType t) of the incidents of rows [first, last] of `rows`
    // that touch the days [from, end): what a plot of those rows and days draws.
    static std::uint32_t typesIn(const TimelineRows &rows, int first, int last, double from, double end);

    Hit hitTest(QPointF point) const;

private:
    void layoutAreas(
        const QFontMetricsF &label, const QFontMetricsF &axis, const QFontMetricsF &title, const QFontMetricsF &small);
    // The legend with the types of `types` (bit t for IncidentType t) and the mark kinds.
    void layoutLegend(const QFontMetricsF &small, std::uint32_t types);
    // The legend of the types drawn in a plot that ends `bottom` above the legend.
    void layoutLegendOfDrawnTypes(const QFontMetricsF &small, double bottom);
    // The types of the incidents in view in the rows a plot `plotHeight` high shows.
    std::uint32_t typesDrawn(double plotHeight) const;
    void planRow(int row, const QFontMetricsF &label);
    // Row planning (timelinelayoutrows.cpp), in the order the steps run.
    void planMarks(RowPlan &plan, const TimelineRow &row, const QFontMetricsF &label);
    void collectMarks(RowPlan &plan, const TimelineRow &row);
    void planBars(RowPlan &plan);
    void clusterPoints(RowPlan &plan, const TimelineRow &row, const QFontMetricsF &label);
    void placeMergedCounts(RowPlan &plan, const QFontMetricsF &label);
    void gatherLabelRoom(const RowPlan &plan);
    void planLabels(RowPlan &plan, const QFontMetricsF &label);
    void planDensity(RowPlan &plan, const TimelineRow &row, const QFontMetricsF &label);
    void weightedBuckets(RowPlan &plan, const TimelineRow &row) const;
    void spreadBuckets(RowPlan &plan, const TimelineRow &row);
    void placeDensityCounts(RowPlan &plan, const QFontMetricsF &label) const;
    // Hit testing (timelinelayout.cpp): the area under a point, then the plot's marks.
    bool hitArea(QPointF p, Hit &hit) const;
    void hitMarks(const RowPlan &plan, QPointF p, Hit &hit) const;
    const Mark *hitBar(const RowPlan &plan, QPointF p) const;
    QRectF nominalRect(Index i, int row) const; // a bar on the centre line
    int laneLimit() const;
    double rowCentre(int row) const { return rowToY(row) + m_frame.rowHeight / 2; }
    void initTextMeasure(const QFontMetricsF &label);
    double countWidth(int count, const QFontMetricsF &label);
    bool fitTitle(Index incident, double room, const QFontMetricsF &label, QString *text, double *width) const;
    void planLabelsInsideSpans(RowPlan &plan, const QFontMetricsF &label);

    struct Candidate
    {
        double anchor;
        Index incident;
    };

    const TimelineFrame &m_frame;
    QRectF m_frameRect, m_titleRect, m_axisRect, m_headerRect, m_plotRect, m_legendRect, m_footerRect;
    double m_pxPerDay = 1;
    int m_firstRow = -1;
    int m_lastRow = -1;
    DateTicks m_ticks;
    std::vector<RowPlan> m_plans;
    std::vector<LegendItem> m_legend;
    float m_maxBucket = 0;

    // Text measurement without shaping: the label font's advances of printable ASCII (a sum
    // of them is at least the shaped width, as kerning only narrows), the ellipsis, and the
    // width of cluster counts.
    std::array<double, 128> m_asciiAdvance {};
    double m_ellipsisAdvance = 0;
    std::vector<double> m_countWidth; // by count, 0 = not measured yet

    // Scratch buffers reused from row to row.
    std::vector<Mark> m_points;
    std::vector<Candidate> m_candidates;
    std::vector<std::pair<double, double>> m_solids;
    std::vector<double> m_reachRight;
    std::vector<std::pair<double, int>> m_edges;
    std::vector<std::pair<double, double>> m_stretches;
    std::vector<int> m_stretchCounts;
    std::vector<Mark> m_pieces;
    std::vector<int> m_lanes;
    std::vector<float> m_direct;
    std::vector<float> m_rate;
};
