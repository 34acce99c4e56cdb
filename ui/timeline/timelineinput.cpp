#include "domain/countries.h"
#include "domain/partialdate.h"
#include "timeline/timelineview.h"
#include "timeline/zoomstack.h"

#include <QLocale>
#include <QTimer>
#include <QToolTip>
#include <QWheelEvent>
#include <algorithm>
#include <cmath>

// TimelineView's input: hover and tooltips, wheel, mouse, keyboard (see the class comment).

namespace {
constexpr double s_dragThreshold = 4; // px before a press becomes a drag
constexpr double s_wheelBase = 1.0015; // zoom factor per 1/8 degree of wheel

QString escaped(const QString &text)
{
    return text.toHtmlEscaped();
}
} // namespace

// --- hover and tooltips --------------------------------------------------------------------

void TimelineView::setHover(qint64 incident)
{
    if (incident == m_frame.hoveredIncident)
        return;
    m_frame.hoveredIncident = incident;
    update();
}

QString TimelineView::toolTipFor(const TimelineLayout::Hit &hit) const
{
    // Titles and names are untrusted: everything is escaped, the markup is ours.
    const QLocale locale;
    auto dayText = [&locale](double day) {
        return locale.toString(QDate::fromJulianDay(qint64(std::floor(day))), QLocale::ShortFormat);
    };
    if (hit.isIncident() && m_columns) {
        const Index i = Index(hit.incident);
        const IncidentColumns &c = *m_columns;
        QString when = PartialDate::fromFirstDay(c.firstDay[i], c.precisionOf(i)).toDisplayString();
        if (c.hasEnd[i])
            when += QStringLiteral(" – ") + PartialDate::fromFirstDay(c.lastDay[i], Precision::Day).toDisplayString();
        QStringList victims;
        for (std::uint32_t k = c.victimOffset[i]; k < c.victimOffset[i + 1]; ++k)
            victims << Countries::instance().name(c.countries.at(c.victimCodes[k]));
        QStringList lines;
        lines << QStringLiteral("<b>") + escaped(c.title(i)) + QStringLiteral("</b>");
        lines << escaped(when);
        lines << escaped(Vocabulary::typeLabel(c.typeOf(i)) + QStringLiteral(" · ")
            + Vocabulary::attributionLabel(Attribution(c.attribution[i])));
        if (!victims.isEmpty())
            lines << escaped(tr("Targets: %1").arg(victims.join(QStringLiteral(", "))));
        if (c.actor[i] != 0)
            lines << escaped(tr("Actor: %1").arg(c.actors.at(c.actor[i])));
        return QStringLiteral("<qt>") + lines.join(QStringLiteral("<br/>")) + QStringLiteral("</qt>");
    }
    if (hit.isAggregate()) {
        // Say what the badge counts: the incidents of this row drawn together here, not the row.
        QString text = tr("This mark groups %n incident(s) of this row too close together to draw apart, %1 to %2.",
            nullptr, hit.count)
                           .arg(dayText(hit.firstDay), dayText(std::max(hit.firstDay, hit.endDay - 1)));
        if (hit.row >= 0 && m_frame.rows && hit.row < m_frame.rows->rowCount())
            text += u' ' + tr("The row has %n incident(s) in all.", nullptr, m_frame.rows->row(hit.row).count());
        text += u' ' + tr("Click to zoom in.");
        return QStringLiteral("<qt>") + escaped(text) + QStringLiteral("</qt>");
    }
    if (hit.area == TimelineLayout::Area::RowHeader && hit.row >= 0 && m_frame.rows) {
        const TimelineRow &row = m_frame.rows->row(hit.row);
        return QStringLiteral("<qt>") + escaped(tr("%1: %n incident(s)", nullptr, row.count()).arg(row.label))
            + QStringLiteral("</qt>");
    }
    return {};
}

void TimelineView::showToolTip(const QPoint &pos, const TimelineLayout::Hit &hit)
{
    const QString text = toolTipFor(hit);
    if (text.isEmpty())
        QToolTip::hideText();
    else
        QToolTip::showText(mapToGlobal(pos), text, this);
}

bool TimelineView::event(QEvent *event)
{
    if (event->type() == QEvent::ToolTip) {
        auto *help = static_cast<QHelpEvent *>(event);
        showToolTip(help->pos(), timelineLayout().hitTest(help->pos()));
        return true;
    }
    return QWidget::event(event);
}

void TimelineView::leaveEvent(QEvent *event)
{
    setHover(-1);
    QWidget::leaveEvent(event);
}

// --- mouse ---------------------------------------------------------------------------------

void TimelineView::wheelEvent(QWheelEvent *event)
{
    const TimelineLayout &l = timelineLayout();
    const QPointF pos = event->position();
    QPoint delta = event->angleDelta();
    const bool overHeader = l.headerRect().contains(pos);
    if ((event->modifiers() & Qt::ShiftModifier) || overHeader) {
        const int dy = delta.y() != 0 ? delta.y() : delta.x();
        setScrollY(m_frame.scrollY - dy / 120.0 * m_frame.rowHeight * 3);
        event->accept();
        return;
    }
    if (delta.x() != 0 && std::abs(delta.x()) > std::abs(delta.y())) {
        panBy(-delta.x() / 120.0 * (m_frame.endDay - m_frame.firstDay) / 10);
    } else if (delta.y() != 0) {
        const double anchor = l.plotRect().contains(pos) || l.axisRect().contains(pos)
            ? l.xToDay(pos.x())
            : (m_frame.firstDay + m_frame.endDay) / 2;
        zoomBy(std::pow(s_wheelBase, delta.y()), anchor);
    }
    m_historyTimer->start();
    event->accept();
}

void TimelineView::mousePressEvent(QMouseEvent *event)
{
    setFocus(Qt::MouseFocusReason);
    if (event->button() != Qt::LeftButton && event->button() != Qt::RightButton) {
        QWidget::mousePressEvent(event);
        return;
    }
    const TimelineLayout &l = timelineLayout();
    m_drag = Drag::Pending;
    m_dragButton = event->button();
    m_rubberRequested = event->button() == Qt::RightButton || (event->modifiers() & Qt::ShiftModifier);
    m_dragOrigin = event->position();
    m_dragFirstDay = m_frame.firstDay;
    m_dragEndDay = m_frame.endDay;
    m_dragScrollY = m_frame.scrollY;
    m_dragPxPerDay = l.pixelsPerDay();
    // Drags start in the plot or on the axis; elsewhere a press is only a click.
    if (!l.plotRect().contains(m_dragOrigin) && !l.axisRect().contains(m_dragOrigin))
        m_rubberRequested = false;
    event->accept();
}

void TimelineView::mouseMoveEvent(QMouseEvent *event)
{
    const QPointF pos = event->position();
    if (m_drag == Drag::Pending) {
        const TimelineLayout &l = timelineLayout();
        const bool draggable = l.plotRect().contains(m_dragOrigin) || l.axisRect().contains(m_dragOrigin);
        if (draggable && (pos - m_dragOrigin).manhattanLength() >= s_dragThreshold) {
            m_drag = m_rubberRequested ? Drag::RubberBand : Drag::Pan;
            setHover(-1);
            QToolTip::hideText();
            setCursor(m_drag == Drag::Pan ? Qt::ClosedHandCursor : Qt::CrossCursor);
        }
    }
    if (m_drag == Drag::Pan) {
        const double days = (pos.x() - m_dragOrigin.x()) / m_dragPxPerDay;
        setVisibleRange(m_dragFirstDay - days, m_dragEndDay - days);
        setScrollY(m_dragScrollY - (pos.y() - m_dragOrigin.y()));
        return;
    }
    if (m_drag == Drag::RubberBand) {
        const QRectF plot = timelineLayout().plotRect();
        const double x0 = std::clamp(m_dragOrigin.x(), plot.left(), plot.right());
        const double x1 = std::clamp(pos.x(), plot.left(), plot.right());
        m_frame.rubberBand = QRectF(QPointF(std::min(x0, x1), plot.top()), QPointF(std::max(x0, x1), plot.bottom()));
        update();
        return;
    }
    if (m_drag == Drag::None) {
        const TimelineLayout::Hit hit = timelineLayout().hitTest(pos);
        setHover(hit.incident);
        if (QToolTip::isVisible())
            showToolTip(pos.toPoint(), hit);
    }
}

void TimelineView::mouseReleaseEvent(QMouseEvent *event)
{
    if (event->button() != m_dragButton) {
        QWidget::mouseReleaseEvent(event);
        return;
    }
    const Drag drag = m_drag;
    m_drag = Drag::None;
    m_dragButton = Qt::NoButton;
    unsetCursor();
    switch (drag) {
    case Drag::Pan:
        commitHistory();
        break;
    case Drag::RubberBand: {
        const QRectF band = m_frame.rubberBand;
        m_frame.rubberBand = QRectF();
        const TimelineLayout &l = timelineLayout();
        if (band.width() >= 3) {
            setVisibleRange(l.xToDay(band.left()), l.xToDay(band.right()));
            commitHistory();
        }
        update();
        break;
    }
    case Drag::Pending:
        if (event->button() == Qt::LeftButton) {
            clickAt(event->position(), event->modifiers());
        } else {
            const TimelineLayout::Hit hit = timelineLayout().hitTest(event->position());
            const QPoint global = event->globalPosition().toPoint();
            if (hit.isIncident())
                showIncidentMenu(global, Index(hit.incident));
            else
                showRowMenu(global, hit.row);
        }
        break;
    case Drag::None:
        break;
    }
    event->accept();
}

void TimelineView::clickAt(const QPointF &pos, Qt::KeyboardModifiers modifiers)
{
    const TimelineLayout::Hit hit = timelineLayout().hitTest(pos);
    if (hit.isIncident()) {
        const Index i = Index(hit.incident);
        m_currentRow = hit.row;
        std::vector<Index> selection = m_frame.selected;
        if (modifiers & Qt::ControlModifier) {
            const auto it = std::lower_bound(selection.begin(), selection.end(), i);
            if (it != selection.end() && *it == i)
                selection.erase(it);
            else
                selection.insert(it, i);
        } else if (modifiers & Qt::ShiftModifier) {
            selection.push_back(i);
        } else {
            selection = { i };
        }
        applySelection(selection, i, true);
        return;
    }
    if (hit.isAggregate()) {
        // Zoom into the cluster or bucket, with room around it.
        const double span = std::max(hit.endDay - hit.firstDay, s_minDays) * 3;
        const double mid = (hit.firstDay + hit.endDay) / 2;
        setVisibleRange(mid - span / 2, mid + span / 2);
        commitHistory();
        return;
    }
    if (hit.area == TimelineLayout::Area::RowHeader && hit.row >= 0 && !modifiers) {
        requestFilterToRow(hit.row);
        return;
    }
    if (hit.area == TimelineLayout::Area::Plot && !(modifiers & (Qt::ControlModifier | Qt::ShiftModifier)))
        applySelection({}, -1, true);
}

void TimelineView::mouseDoubleClickEvent(QMouseEvent *event)
{
    const TimelineLayout::Hit hit = timelineLayout().hitTest(event->position());
    if (event->button() == Qt::LeftButton && hit.isIncident()) {
        emit incidentActivated(quint32(hit.incident));
        event->accept();
        return;
    }
    QWidget::mouseDoubleClickEvent(event);
}

// --- keyboard ------------------------------------------------------------------------------

void TimelineView::keyPressEvent(QKeyEvent *event)
{
    const bool ctrl = event->modifiers() & Qt::ControlModifier;
    const double span = m_frame.endDay - m_frame.firstDay;
    switch (event->key()) {
    case Qt::Key_Plus:
    case Qt::Key_Equal:
        zoomIn();
        break;
    case Qt::Key_Minus:
        zoomOut();
        break;
    case Qt::Key_F:
    case Qt::Key_Home:
        zoomToFit();
        break;
    case Qt::Key_S:
        zoomToSelection();
        break;
    case Qt::Key_Backspace:
        m_zoomStack->back();
        break;
    case Qt::Key_Left:
    case Qt::Key_Right:
        if (ctrl) {
            panBy((event->key() == Qt::Key_Left ? -span : span) / 4);
            commitHistory();
        } else {
            moveCurrent(event->key() == Qt::Key_Left ? -1 : 1, 0);
        }
        break;
    case Qt::Key_Up:
    case Qt::Key_Down:
        if (ctrl)
            setScrollY(m_frame.scrollY + (event->key() == Qt::Key_Up ? -3 : 3) * m_frame.rowHeight);
        else
            moveCurrent(0, event->key() == Qt::Key_Up ? -1 : 1);
        break;
    case Qt::Key_PageUp:
    case Qt::Key_PageDown:
        setScrollY(
            m_frame.scrollY + (event->key() == Qt::Key_PageUp ? -1 : 1) * timelineLayout().plotRect().height() * 0.9);
        break;
    case Qt::Key_Return:
    case Qt::Key_Enter:
        if (m_frame.currentIncident >= 0)
            emit incidentActivated(quint32(m_frame.currentIncident));
        break;
    case Qt::Key_Escape:
        if (m_drag != Drag::None) {
            m_drag = Drag::None;
            m_frame.rubberBand = QRectF();
            unsetCursor();
            update();
        } else {
            applySelection({}, -1, true);
        }
        break;
    case Qt::Key_Menu:
        if (m_frame.currentIncident >= 0 && m_currentRow >= 0) {
            const QRectF r = timelineLayout().markRect(Index(m_frame.currentIncident), m_currentRow);
            showIncidentMenu(mapToGlobal(r.center().toPoint()), Index(m_frame.currentIncident));
        }
        break;
    default:
        QWidget::keyPressEvent(event);
        return;
    }
    event->accept();
}

void TimelineView::moveCurrent(int dx, int dy)
{
    const auto &rows = m_frame.rows;
    if (!rows || rows->isEmpty() || !m_columns)
        return;
    const IncidentColumns &c = *m_columns;
    const qint64 current = m_frame.currentIncident;
    int row = m_currentRow;
    if (current >= 0) {
        const auto rowsOfCurrent = rows->rowsOf(Index(current));
        if (!rowsOfCurrent.contains(row))
            row = rowsOfCurrent.isEmpty() ? -1 : rowsOfCurrent.front();
    }
    Index target = 0;
    if (current < 0 || row < 0) {
        // Start from the incident nearest the middle of the first visible row.
        const TimelineLayout &l = timelineLayout();
        row = std::max(0, l.firstVisibleRow());
        const qint64 k = rows->row(row).nearest((m_frame.firstDay + m_frame.endDay) / 2);
        if (k < 0)
            return;
        target = rows->row(row).incidents[std::size_t(k)];
    } else if (dx != 0) {
        const TimelineRow &r = rows->row(row);
        const qint64 k = r.positionOf(Index(current), c.firstDay[Index(current)]);
        const qint64 next = std::clamp<qint64>(k + dx, 0, r.count() - 1);
        target = r.incidents[std::size_t(next)];
    } else {
        row = std::clamp(row + dy, 0, rows->rowCount() - 1);
        const qint64 k = rows->row(row).nearest(c.firstDay[Index(current)] + 0.5);
        if (k < 0)
            return;
        target = rows->row(row).incidents[std::size_t(k)];
    }
    m_currentRow = row;
    setCurrent(target, true);
    revealIncident(target, row);
}
