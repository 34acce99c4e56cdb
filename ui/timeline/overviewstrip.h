#pragma once

#include "domain/incidentcolumns.h"
#include "render/theme.h"

#include <QWidget>
#include <memory>
#include <vector>

// Incidents per month over a whole dataset as a small histogram, with the timeline's
// visible range as a window that can be dragged (move), resized at its edges, or placed by
// clicking outside it. Emits rangeRequested(); the owner applies it to the TimelineView and
// feeds the view's visibleRangeChanged() back through setVisibleRange(). Days are
// fractional Julian days, ranges [firstDay, endDay).
class OverviewStrip : public QWidget
{
    Q_OBJECT
public:
    explicit OverviewStrip(QWidget *parent = nullptr);

    // The incidents to count (typically all of the document, or the filter result).
    void setIncidents(
        std::shared_ptr<const IncidentColumns> columns, const std::vector<IncidentColumns::Index> &indices);
    void setVisibleRange(double firstDay, double endDay);
    double firstDay() const { return m_firstDay; }
    double endDay() const { return m_endDay; }

    // The histogram's extent [firstDay, endDay): whole months around the data.
    double dataFirstDay() const { return m_dataFirst; }
    double dataEndDay() const { return m_dataEnd; }
    const std::vector<int> &monthCounts() const { return m_counts; }

    // Strip x (logical px) <-> day, as painted.
    double dayToX(double day) const;
    double xToDay(double x) const;

    QSize sizeHint() const override { return { 600, 56 }; }
    QSize minimumSizeHint() const override { return { 120, 40 }; }

signals:
    void rangeRequested(double firstDay, double endDay);

protected:
    void paintEvent(QPaintEvent *event) override;
    void mousePressEvent(QMouseEvent *event) override;
    void mouseMoveEvent(QMouseEvent *event) override;
    void mouseReleaseEvent(QMouseEvent *event) override;
    void changeEvent(QEvent *event) override;

private:
    enum class Drag { None, Move, Left, Right };
    Drag dragAt(double x) const;
    QRectF plotRect() const;

    std::vector<int> m_counts; // incidents per month from m_dataFirst
    int m_maxCount = 0;
    double m_dataFirst = 0;
    double m_dataEnd = 1;
    double m_firstDay = 0;
    double m_endDay = 1;
    Theme m_theme;
    Drag m_drag = Drag::None;
    double m_dragOriginX = 0;
    double m_dragFirst = 0;
    double m_dragEnd = 0;
};
