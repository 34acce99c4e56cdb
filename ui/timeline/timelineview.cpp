#include "timeline/timelineview.h"

#include "domain/countries.h"
#include "domain/partialdate.h"
#include "models/incidenttablemodel.h"
#include "render/dateticks.h"
#include "render/timelinerenderer.h"
#include "timeline/zoomstack.h"

#include <QAction>
#include <QActionGroup>
#include <QContextMenuEvent>
#include <QItemSelectionModel>
#include <QLocale>
#include <QMenu>
#include <QPainter>
#include <QScrollBar>
#include <QTimer>
#include <QToolTip>
#include <QWheelEvent>

#include <algorithm>
#include <cmath>

namespace {
constexpr double s_dragThreshold = 4;   // px before a press becomes a drag
constexpr double s_wheelBase = 1.0015;  // zoom factor per 1/8 degree of wheel
constexpr double s_keyZoom = 1.5;

QString escaped(const QString &text) { return text.toHtmlEscaped(); }
} // namespace

TimelineView::TimelineView(QWidget *parent)
    : QWidget(parent)
    , m_zoomStack(new ZoomStack(this))
    , m_scrollBar(new QScrollBar(Qt::Vertical, this))
    , m_historyTimer(new QTimer(this))
    , m_zoomIn(new QAction(tr("Zoom In"), this))
    , m_zoomOut(new QAction(tr("Zoom Out"), this))
    , m_zoomFit(new QAction(tr("Zoom to Fit"), this))
    , m_zoomSelection(new QAction(tr("Zoom to Selection"), this))
{
    setAccessibleName(tr("Timeline"));
    setFocusPolicy(Qt::StrongFocus);
    setMouseTracking(true);
    setAttribute(Qt::WA_OpaquePaintEvent);
    setMinimumSize(320, 160);

    const QDate today = QDate::currentDate();
    m_frame.firstDay = double(today.addYears(-1).toJulianDay());
    m_frame.endDay = double(today.toJulianDay() + 1);
    updateThemeFromPalette();

    m_scrollBar->hide();
    connect(m_scrollBar, &QScrollBar::valueChanged, this, [this](int value) { setScrollY(value); });

    m_historyTimer->setSingleShot(true);
    m_historyTimer->setInterval(400);
    connect(m_historyTimer, &QTimer::timeout, this, &TimelineView::commitHistory);
    connect(m_zoomStack, &ZoomStack::currentChanged, this,
            [this](ZoomStack::Range r) { setVisibleRange(r.firstDay, r.endDay); });

    m_zoomIn->setShortcut(QKeySequence(Qt::Key_Plus));
    m_zoomOut->setShortcut(QKeySequence(Qt::Key_Minus));
    m_zoomFit->setShortcut(QKeySequence(Qt::Key_F));
    m_zoomSelection->setShortcut(QKeySequence(Qt::Key_S));
    // The view handles these keys itself when focused; the shortcuts label the actions in
    // menus and must not fire window-wide.
    for (QAction *a : {m_zoomIn, m_zoomOut, m_zoomFit, m_zoomSelection})
        a->setShortcutContext(Qt::WidgetShortcut);
    m_zoomIn->setIcon(QIcon::fromTheme(QStringLiteral("zoom-in")));
    m_zoomOut->setIcon(QIcon::fromTheme(QStringLiteral("zoom-out")));
    m_zoomFit->setIcon(QIcon::fromTheme(QStringLiteral("zoom-fit-best")));
    m_zoomSelection->setIcon(QIcon::fromTheme(QStringLiteral("zoom-select")));
    connect(m_zoomIn, &QAction::triggered, this, &TimelineView::zoomIn);
    connect(m_zoomOut, &QAction::triggered, this, &TimelineView::zoomOut);
    connect(m_zoomFit, &QAction::triggered, this, &TimelineView::zoomToFit);
    connect(m_zoomSelection, &QAction::triggered, this, &TimelineView::zoomToSelection);
}

TimelineView::~TimelineView() = default;

// --- data ----------------------------------------------------------------------------------

void TimelineView::setIncidents(std::shared_ptr<const IncidentColumns> columns, std::vector<Index> indices)
{
    m_columns = std::move(columns);
    m_indices = std::move(indices);
    rebuildRows();
    if (!m_fitted && m_frame.rows && !m_frame.rows->isEmpty()) {
        m_fitted = true;
        zoomToFit();
        m_zoomStack->reset({m_frame.firstDay, m_frame.endDay});
    }
}

void TimelineView::setRowOptions(const RowOptions &options)
{
    if (options == m_options)
        return;
    m_options = options;
    rebuildRows();
    emit rowOptionsChanged(m_options);
}

void TimelineView::rebuildRows()
{
    m_frame.rows = m_columns ? TimelineRows::build(m_columns, m_indices, m_options) : nullptr;
    m_frame.flags.clear();
    m_flagsDpr = 0;
    m_currentRow = -1;
    if (m_selectionModel)
        syncFromSelectionModel();
    else
        applySelection({}, -1, false);
    invalidateLayout();
}

void TimelineView::setTheme(const Theme &theme)
{
    m_followPalette = false;
    m_frame.theme = theme;
    invalidateLayout();
}

void TimelineView::setFollowPalette(bool follow)
{
    m_followPalette = follow;
    if (follow)
        updateThemeFromPalette();
}

void TimelineView::updateThemeFromPalette()
{
    if (!m_followPalette)
        return;
    m_frame.theme = Theme::forDarkMode(palette().color(QPalette::Window).lightness() < 128);
    invalidateLayout();
}

void TimelineView::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::PaletteChange)
        updateThemeFromPalette();
    QWidget::changeEvent(event);
}

// --- geometry ------------------------------------------------------------------------------

void TimelineView::invalidateLayout()
{
    m_layout.reset();
    update();
}

const TimelineLayout &TimelineView::timelineLayout()
{
    if (m_layout)
        return *m_layout;
    m_frame.size = QSizeF(width(), height());
    auto layout = std::make_unique<TimelineLayout>(m_frame, this);
    const bool needsBar = layout->maxScrollY() > 0;
    if (needsBar) {
        m_frame.size.setWidth(std::max(0, width() - m_scrollBar->sizeHint().width()));
        layout = std::make_unique<TimelineLayout>(m_frame, this);
    }
    const double clamped = std::clamp(m_frame.scrollY, 0.0, layout->maxScrollY());
    if (clamped != m_frame.scrollY) {
        m_frame.scrollY = clamped;
        layout = std::make_unique<TimelineLayout>(m_frame, this);
    }
    m_layout = std::move(layout);
    m_scrollBar->setVisible(needsBar);
    if (needsBar) {
        const QRectF plot = m_layout->plotRect();
        m_scrollBar->setGeometry(width() - m_scrollBar->sizeHint().width(), int(plot.top()),
                                 m_scrollBar->sizeHint().width(), int(plot.height()));
    }
    updateScrollBar();
    ensureFlags();
    return *m_layout;
}

void TimelineView::updateScrollBar()
{
    if (!m_layout)
        return;
    const QSignalBlocker blocker(m_scrollBar);
    m_scrollBar->setRange(0, int(std::ceil(m_layout->maxScrollY())));
    m_scrollBar->setPageStep(int(m_layout->plotRect().height()));
    m_scrollBar->setSingleStep(int(m_frame.rowHeight));
    m_scrollBar->setValue(int(std::round(m_frame.scrollY)));
}

void TimelineView::ensureFlags()
{
    if (!m_frame.rows || !m_layout)
        return;
    const qreal dpr = devicePixelRatioF();
    if (dpr != m_flagsDpr) {
        m_frame.flags.clear();
        m_flagsDpr = dpr;
    }
    // Only the rows in view: rendering a flag's SVG costs about a millisecond.
    const QSize pixels(int(std::ceil(20 * dpr)), int(std::ceil(15 * dpr)));
    for (const TimelineLayout::RowPlan &plan : m_layout->rowPlans()) {
        const QString &code = m_frame.rows->row(plan.row).flagCode;
        if (!code.isEmpty() && !m_frame.flags.contains(code))
            m_frame.flags.insert(code, m_flags.flag(code, pixels));
    }
}

void TimelineView::resizeEvent(QResizeEvent *event)
{
    QWidget::resizeEvent(event);
    invalidateLayout();
}

void TimelineView::paintEvent(QPaintEvent *)
{
    const TimelineLayout &l = timelineLayout();
    QPainter painter(this);
    // The frame stops where the scroll bar's column begins; above and below the bar that
    // column is the view's to fill.
    const int frameWidth = int(std::ceil(m_frame.size.width()));
    if (frameWidth < width())
        painter.fillRect(QRect(frameWidth, 0, width() - frameWidth, height()), m_frame.theme.headerBackground);
    TimelineRenderer::paint(painter, m_frame, l);
}

// --- range and scroll ----------------------------------------------------------------------

void TimelineView::setVisibleRange(double firstDay, double endDay)
{
    if (!std::isfinite(firstDay) || !std::isfinite(endDay))
        return;
    const double lo = double(DateTicks::minDay());
    const double hi = double(DateTicks::maxDayExclusive());
    double span = std::clamp(endDay - firstDay, s_minDays, hi - lo);
    double first = firstDay;
    if (endDay - firstDay < s_minDays)
        first = (firstDay + endDay) / 2 - span / 2; // widen around the centre
    first = std::clamp(first, lo, hi - span);
    if (first == m_frame.firstDay && first + span == m_frame.endDay)
        return;
    m_frame.firstDay = first;
    m_frame.endDay = first + span;
    invalidateLayout();
    emit visibleRangeChanged(m_frame.firstDay, m_frame.endDay);
}

void TimelineView::setScrollY(double y)
{
    const double max = m_layout ? m_layout->maxScrollY() : std::max(0.0, y);
    y = std::clamp(y, 0.0, max);
    if (y == m_frame.scrollY)
        return;
    m_frame.scrollY = y;
    invalidateLayout();
}

void TimelineView::zoomBy(double factor, double anchorDay)
{
    if (!(factor > 0))
        return;
    const double span = m_frame.endDay - m_frame.firstDay;
    const double newSpan = std::max(s_minDays, span / factor);
    const double first = anchorDay - (anchorDay - m_frame.firstDay) * newSpan / span;
    setVisibleRange(first, first + newSpan);
}

void TimelineView::panBy(double days) { setVisibleRange(m_frame.firstDay + days, m_frame.endDay + days); }

void TimelineView::zoomIn()
{
    zoomBy(s_keyZoom, (m_frame.firstDay + m_frame.endDay) / 2);
    commitHistory();
}

void TimelineView::zoomOut()
{
    zoomBy(1 / s_keyZoom, (m_frame.firstDay + m_frame.endDay) / 2);
    commitHistory();
}

void TimelineView::zoomToFit()
{
    const auto &rows = m_frame.rows;
    if (!rows || rows->isEmpty())
        return;
    const double first = rows->firstDay();
    const double end = double(rows->lastDay()) + 1;
    const double pad = std::max(1.0, (end - first) * 0.02);
    setVisibleRange(first - pad, end + pad);
    setScrollY(0);
    commitHistory();
}

void TimelineView::zoomToSelection()
{
    if (!m_columns || m_frame.selected.empty())
        return;
    double first = std::numeric_limits<double>::max();
    double end = std::numeric_limits<double>::lowest();
    for (Index i : m_frame.selected) {
        first = std::min(first, double(m_columns->firstDay[i]));
        end = std::max(end, double(m_columns->lastDay[i]) + 1);
    }
    const double span = std::max(end - first, 14.0);
    const double mid = (first + end) / 2;
    setVisibleRange(mid - span * 0.55, mid + span * 0.55);
    commitHistory();
    if (m_frame.rows) {
        const auto rows = m_frame.rows->rowsOf(m_frame.selected.front());
        if (!rows.isEmpty()) {
            const TimelineLayout &l = timelineLayout();
            if (rows.front() < l.firstVisibleRow() || rows.front() > l.lastVisibleRow())
                setScrollY(rows.front() * m_frame.rowHeight - l.plotRect().height() / 3);
        }
    }
}

void TimelineView::commitHistory()
{
    m_historyTimer->stop();
    m_zoomStack->push({m_frame.firstDay, m_frame.endDay});
}

// --- selection -----------------------------------------------------------------------------

void TimelineView::setSelectionModel(QItemSelectionModel *model)
{
    if (m_selectionModel)
        disconnect(m_selectionModel, nullptr, this, nullptr);
    m_selectionModel = model;
    m_tableModel = model ? qobject_cast<IncidentTableModel *>(model->model()) : nullptr;
    if (model && !m_tableModel)
        qWarning("TimelineView::setSelectionModel: the model is not an IncidentTableModel");
    if (m_selectionModel && m_tableModel) {
        connect(m_selectionModel, &QItemSelectionModel::selectionChanged, this, &TimelineView::syncFromSelectionModel);
        connect(m_selectionModel, &QItemSelectionModel::currentChanged, this, &TimelineView::syncFromSelectionModel);
        connect(m_tableModel, &QAbstractItemModel::modelReset, this, &TimelineView::syncFromSelectionModel);
        connect(m_tableModel, &QAbstractItemModel::layoutChanged, this, &TimelineView::syncFromSelectionModel);
    }
    syncFromSelectionModel();
}

void TimelineView::syncFromSelectionModel()
{
    if (m_syncing || !m_selectionModel || !m_tableModel)
        return;
    const std::vector<Index> &rows = m_tableModel->indices();
    std::vector<Index> selected;
    for (const QItemSelectionRange &range : m_selectionModel->selection()) {
        for (int r = range.top(); r <= range.bottom(); ++r) {
            if (r >= 0 && std::size_t(r) < rows.size())
                selected.push_back(rows[std::size_t(r)]);
        }
    }
    std::sort(selected.begin(), selected.end());
    selected.erase(std::unique(selected.begin(), selected.end()), selected.end());
    const QModelIndex current = m_selectionModel->currentIndex();
    const qint64 currentIncident = (current.isValid() && std::size_t(current.row()) < rows.size())
        ? qint64(rows[std::size_t(current.row())])
        : -1;
    const bool selectionChanged = selected != m_frame.selected;
    const bool currentChanged = currentIncident != m_frame.currentIncident;
    m_frame.selected = std::move(selected);
    m_frame.currentIncident = currentIncident;
    update();
    if (selectionChanged)
        emit selectedIncidentsChanged();
    if (currentChanged)
        emit currentIncidentChanged(currentIncident);
}

void TimelineView::applySelection(const std::vector<Index> &indices, qint64 current, bool notifyModel)
{
    std::vector<Index> sorted = indices;
    std::sort(sorted.begin(), sorted.end());
    sorted.erase(std::unique(sorted.begin(), sorted.end()), sorted.end());
    if (notifyModel && m_selectionModel && m_tableModel) {
        QItemSelection selection;
        const int lastColumn = m_tableModel->columnCount() - 1;
        for (Index i : sorted) {
            const int row = m_tableModel->rowOfIndex(i);
            if (row >= 0)
                selection.select(m_tableModel->index(row, 0), m_tableModel->index(row, lastColumn));
        }
        m_syncing = true;
        m_selectionModel->select(selection, QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
        const int currentRow = current >= 0 ? m_tableModel->rowOfIndex(Index(current)) : -1;
        if (currentRow >= 0)
            m_selectionModel->setCurrentIndex(m_tableModel->index(currentRow, IncidentTableModel::TitleColumn),
                                              QItemSelectionModel::NoUpdate);
        m_syncing = false;
        syncFromSelectionModel();
        return;
    }
    const bool selectionChanged = sorted != m_frame.selected;
    const bool currentChanged = current != m_frame.currentIncident;
    m_frame.selected = std::move(sorted);
    m_frame.currentIncident = current;
    update();
    if (selectionChanged)
        emit selectedIncidentsChanged();
    if (currentChanged)
        emit currentIncidentChanged(current);
}

void TimelineView::selectIncidents(const std::vector<Index> &indices)
{
    applySelection(indices, indices.empty() ? -1 : qint64(indices.front()), true);
}

void TimelineView::setCurrent(Index i, bool select)
{
    if (select)
        applySelection({i}, i, true);
    else
        applySelection(m_frame.selected, i, true);
}

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
        const QString text = tr("About %n incident(s), %1 to %2. Click to zoom in.", nullptr, hit.count)
                                 .arg(dayText(hit.firstDay), dayText(std::max(hit.firstDay, hit.endDay - 1)));
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
            selection = {i};
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
        setScrollY(m_frame.scrollY + (event->key() == Qt::Key_PageUp ? -1 : 1) * timelineLayout().plotRect().height() * 0.9);
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

void TimelineView::revealIncident(Index target, int row)
{
    if (!m_columns || target >= m_columns->size())
        return;
    if (row < 0 && m_frame.rows) {
        const auto rows = m_frame.rows->rowsOf(target);
        if (rows.isEmpty())
            return;
        row = rows.front();
    }
    // Pan so the incident is inside the range, scroll so its row shows.
    const IncidentColumns &c = *m_columns;
    const double first = c.firstDay[target];
    const double end = double(c.lastDay[target]) + 1;
    const double span = m_frame.endDay - m_frame.firstDay;
    if (end <= m_frame.firstDay || first >= m_frame.endDay) {
        const double mid = (first + std::min(end, first + span)) / 2;
        setVisibleRange(mid - span / 2, mid + span / 2);
        commitHistory();
    }
    const TimelineLayout &l = timelineLayout();
    const double top = row * m_frame.rowHeight;
    const double height = l.plotRect().height();
    if (top < m_frame.scrollY || top + m_frame.rowHeight > m_frame.scrollY + height) {
        // A row one step away scrolls by one row (arrow keys); a far one comes to a third of the height.
        if (top + m_frame.rowHeight >= m_frame.scrollY - m_frame.rowHeight && top <= m_frame.scrollY + height)
            setScrollY(top < m_frame.scrollY ? top : top + m_frame.rowHeight - height);
        else
            setScrollY(top - height / 3);
    }
}

// --- menus ---------------------------------------------------------------------------------

void TimelineView::contextMenuEvent(QContextMenuEvent *event)
{
    // Mouse menus open on release (a right-drag zooms instead); this handles the menu key.
    if (event->reason() != QContextMenuEvent::Mouse && m_frame.currentIncident >= 0)
        showIncidentMenu(event->globalPos(), Index(m_frame.currentIncident));
    event->accept();
}

void TimelineView::showIncidentMenu(const QPoint &globalPos, Index incident)
{
    QMenu menu(this);
    if (m_columns)
        menu.setTitle(m_columns->title(incident));
    menu.addAction(tr("Open Sources"), this, [this, incident] { emit openSourcesRequested(incident); });
    menu.addAction(tr("Copy Citation"), this, [this, incident] { emit copyCitationRequested(incident); });
    menu.addAction(tr("Edit Note…"), this, [this, incident] { emit editNoteRequested(incident); });
    menu.addSeparator();
    menu.addAction(tr("Select"), this, [this, incident] { setCurrent(incident, true); });
    menu.addAction(tr("Zoom to Incident"), this, [this, incident] {
        setCurrent(incident, true);
        zoomToSelection();
    });
    menu.exec(globalPos);
}

void TimelineView::showRowMenu(const QPoint &globalPos, int row)
{
    QMenu menu(this);
    const auto &rows = m_frame.rows;
    if (rows && row >= 0 && row < rows->rowCount()) {
        const TimelineRow &r = rows->row(row);
        const QString key = r.key;
        QAction *title = menu.addAction(r.label);
        title->setEnabled(false);
        menu.addAction(r.pinned ? tr("Unpin Row") : tr("Pin Row to Top"), this, [this, key, pinned = r.pinned] {
            RowOptions o = m_options;
            if (pinned)
                o.pinned.removeAll(key);
            else
                o.pinned.append(key);
            setRowOptions(o);
        });
        menu.addAction(tr("Hide Row"), this, [this, key] {
            RowOptions o = m_options;
            o.pinned.removeAll(key);
            o.hidden.append(key);
            setRowOptions(o);
        });
        menu.addSeparator();
    }
    if (rows && !rows->hiddenRows().empty()) {
        QMenu *hidden = menu.addMenu(tr("Show Hidden Rows"));
        hidden->addAction(tr("Show All"), this, [this] {
            RowOptions o = m_options;
            o.hidden.clear();
            setRowOptions(o);
        });
        hidden->addSeparator();
        for (const auto &[key, label] : rows->hiddenRows()) {
            hidden->addAction(label, this, [this, key = key] {
                RowOptions o = m_options;
                o.hidden.removeAll(key);
                setRowOptions(o);
            });
        }
    }

    QMenu *sort = menu.addMenu(tr("Sort Rows By"));
    auto *sortGroup = new QActionGroup(sort);
    const std::pair<RowSort, QString> sorts[] = {{RowSort::Count, tr("Number of Incidents")},
                                                 {RowSort::Name, tr("Name")},
                                                 {RowSort::FirstIncident, tr("First Incident")},
                                                 {RowSort::Region, tr("Region")}};
    for (const auto &[value, text] : sorts) {
        QAction *a = sort->addAction(text, this, [this, value = value] {
            RowOptions o = m_options;
            o.sort = value;
            setRowOptions(o);
        });
        a->setCheckable(true);
        a->setChecked(m_options.sort == value);
        sortGroup->addAction(a);
    }

    QMenu *keys = menu.addMenu(tr("Rows Show"));
    auto *keyGroup = new QActionGroup(keys);
    const std::pair<RowKey, QString> rowKeys[] = {{RowKey::VictimCountry, tr("Victim Country")},
                                                  {RowKey::AttackerCountry, tr("Attacker Country")},
                                                  {RowKey::Actor, tr("Actor")},
                                                  {RowKey::Type, tr("Type")},
                                                  {RowKey::Sector, tr("Sector")}};
    for (const auto &[value, text] : rowKeys) {
        QAction *a = keys->addAction(text, this, [this, value = value] {
            RowOptions o = m_options;
            o.key = value;
            o.hidden.clear();
            o.pinned.clear();
            setRowOptions(o);
        });
        a->setCheckable(true);
        a->setChecked(m_options.key == value);
        keyGroup->addAction(a);
    }

    QMenu *regions = menu.addMenu(tr("Group Countries"));
    auto *regionGroup = new QActionGroup(regions);
    const std::pair<RegionLevel, QString> levels[] = {{RegionLevel::None, tr("By Country")},
                                                      {RegionLevel::SubRegion, tr("By Sub-region")},
                                                      {RegionLevel::Region, tr("By Region")}};
    for (const auto &[value, text] : levels) {
        QAction *a = regions->addAction(text, this, [this, value = value] {
            RowOptions o = m_options;
            o.collapse = value;
            o.hidden.clear();
            o.pinned.clear();
            setRowOptions(o);
        });
        a->setCheckable(true);
        a->setChecked(m_options.collapse == value);
        regionGroup->addAction(a);
    }
    regions->setEnabled(m_options.key == RowKey::VictimCountry || m_options.key == RowKey::AttackerCountry);

    menu.addSeparator();
    menu.addAction(m_zoomFit);
    menu.addAction(m_zoomSelection);
    menu.addAction(m_zoomStack->backAction());
    menu.addAction(m_zoomStack->forwardAction());
    menu.exec(globalPos);
}
