#pragma once

#include "domain/incidentcolumns.h"
#include "render/flagcache.h"
#include "render/timelineframe.h"
#include "render/timelinelayout.h"

#include <QFuture>
#include <QHash>
#include <QStringList>
#include <QWidget>
#include <memory>

class QThreadPool;

// The timeline of presentation mode: only the rows a step is about, drawn larger than the
// window's timeline (the whole frame is scaled: row heights, labels, marks and flags), with
// a camera that moves between steps. A step names its rows either as countries (an incident
// step: its victims and attackers) or as ready-built rows (a view step). Between two
// country steps the rows of both are built once, leaving rows first and arriving rows last,
// and the camera slides and zooms from the first block to the second while the visible
// range moves, so rows are seen to narrow or widen; between other steps the rows change at
// once and the camera zooms. setProgress() draws any point of the transition (0 to 1, eased
// by the caller).
class PresentationStage : public QWidget
{
    Q_OBJECT
public:
    using Index = IncidentColumns::Index;

    explicit PresentationStage(QWidget *parent = nullptr);

    void setColumns(std::shared_ptr<const IncidentColumns> columns);
    void setTimelineTheme(const Theme &theme);
    // The factor the frame is drawn at (1 = the window's timeline).
    void setScale(double scale);
    double scale() const { return m_scale; }

    // Begins a transition to these countries' rows (alpha-2, in this order) over this range.
    void transitionToCountries(const QStringList &codes, double firstDay, double endDay);
    // Starts building, on a worker thread, the rows a transition from the countries shown now
    // to `codes` needs, so that the step change does not wait for a pass over every incident
    // (about 20 ms at 1M). transitionToCountries() uses them (waiting if they are not done).
    void prepareCountries(const QStringList &codes, QThreadPool *pool);
    // Whether a transition to `codes` from what is shown now has its rows built ahead.
    bool isPrepared(const QStringList &codes) const;
    // Begins a transition to these rows, shown from the top, over this range.
    void transitionToRows(std::shared_ptr<const TimelineRows> rows, double firstDay, double endDay);
    void setProgress(double t);
    void selectIncident(qint64 index); // -1 clears

    double firstDay() const { return m_frame.firstDay; }
    double endDay() const { return m_frame.endDay; }
    std::shared_ptr<const TimelineRows> rows() const { return m_frame.rows; }
    // The keys of the rows the camera shows at the end of the transition, top to bottom.
    QStringList targetRowKeys() const;
    double rowHeight() const { return m_frame.rowHeight; } // logical (unscaled) units
    std::vector<Index> selectedIncidents() const { return m_frame.selected; }
    const TimelineFrame &frame() const { return m_frame; }
    // The layout of what is drawn now (built when missing); hit tests take logical points,
    // widget positions divided by scale().
    const TimelineLayout &timelineLayout();

    static constexpr double s_maxRowHeight = 64; // logical; fewer rows leave space below
    static constexpr double s_minRowHeight = 30; // logical; more rows than fit are cut off
    static constexpr double s_headerWidth = 112; // logical; the least, widened to fit names
    static constexpr double s_maxHeaderShare = 0.3; // of the stage's width at most

signals:
    void incidentClicked(quint32 index);

protected:
    void paintEvent(QPaintEvent *event) override;
    void resizeEvent(QResizeEvent *event) override;
    void mouseReleaseEvent(QMouseEvent *event) override;

private:
    struct Camera
    {
        double firstRow = 0; // the top row shown
        double rowCount = 1; // the rows the plot is divided into
    };
    struct Range
    {
        double firstDay = 0, endDay = 1;
    };
    Camera cameraFor(int firstRow, int rows);
    void beginTransition(Camera to, Range range);
    int blockStart(const QStringList &codes) const;
    QStringList orderTo(const QStringList &codes) const; // the rows of a transition to `codes`
    double plotHeight();
    void fitHeader();
    void invalidate();
    void ensureFlags();

    std::shared_ptr<const IncidentColumns> m_columns;
    TimelineFrame m_frame;
    std::unique_ptr<TimelineLayout> m_layout;
    FlagCache m_flags;
    double m_flagPixels = 0; // the flag width the cached images were made for
    double m_scale = 1;
    double m_plotHeight = -1; // cached per size
    QStringList m_codes; // the countries shown, when the rows are country rows; else empty
    // Country rows built ahead (prepareCountries), by the rows' codes joined with commas.
    QHash<QString, QFuture<std::shared_ptr<const TimelineRows>>> m_prepared;
    int m_targetFirst = 0, m_targetCount = 0; // rows the camera ends on
    Camera m_from, m_to, m_camera;
    bool m_started = false; // a first step has been shown (the first one does not move)
    Range m_fromRange, m_toRange;
};
