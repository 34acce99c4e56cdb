#include "timeline/timelineview.h"

#include "models/incidenttablemodel.h"
#include "render/dateticks.h"
#include "render/timelinerenderer.h"
#include "timeline/zoomstack.h"

#include <QAction>
#include <QActionGroup>
#include <QDate>
#include <QEvent>
#include <QItemSelectionModel>
#include <QPainter>
#include <QScrollBar>
#include <QTimer>
#include <algorithm>
#include <cmath>

// The view's state, range, geometry and selection; input is in timelineinput.cpp and the
// context menus in timelinemenus.cpp.

namespace {
constexpr double s_keyZoom = 1.5;
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
    , m_rowKeys(new QActionGroup(this))
    , m_rowSorts(new QActionGroup(this))
    , m_regionLevels(new QActionGroup(this))
{
    setAccessibleName(tr("Timeline"));
    setFocusPolicy(Qt::StrongFocus);
    setMouseTracking(true);
    setAttribute(Qt::WA_OpaquePaintEvent);
    setMinimumSize(320, 160);

    m_limitFirst = double(DateTicks::minDay());
    m_limitEnd = double(DateTicks::maxDayExclusive());
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
    for (QAction *a : { m_zoomIn, m_zoomOut, m_zoomFit, m_zoomSelection })
        a->setShortcutContext(Qt::WidgetShortcut);
    m_zoomIn->setIcon(QIcon::fromTheme(QStringLiteral("zoom-in")));
    m_zoomOut->setIcon(QIcon::fromTheme(QStringLiteral("zoom-out")));
    m_zoomFit->setIcon(QIcon::fromTheme(QStringLiteral("zoom-fit-best")));
    m_zoomSelection->setIcon(QIcon::fromTheme(QStringLiteral("zoom-select")));
    connect(m_zoomIn, &QAction::triggered, this, &TimelineView::zoomIn);
    connect(m_zoomOut, &QAction::triggered, this, &TimelineView::zoomOut);
    connect(m_zoomFit, &QAction::triggered, this, &TimelineView::zoomToFit);
    connect(m_zoomSelection, &QAction::triggered, this, &TimelineView::zoomToSelection);
    createRowChoiceActions();
}

TimelineView::~TimelineView() = default;

// --- data ----------------------------------------------------------------------------------

void TimelineView::setIncidents(std::shared_ptr<const IncidentColumns> columns, std::vector<Index> indices)
{
    const bool newColumns = columns != m_columns;
    m_columns = std::move(columns);
    m_indices = std::move(indices);
    if (newColumns)
        updateRangeLimits();
    rebuildRows();
    if (!m_fitted && m_frame.rows && !m_frame.rows->isEmpty()) {
        m_fitted = true;
        zoomToFit();
        m_zoomStack->reset({ m_frame.firstDay, m_frame.endDay });
    }
}

void TimelineView::updateRangeLimits()
{
    m_limitFirst = double(DateTicks::minDay());
    m_limitEnd = double(DateTicks::maxDayExclusive());
    if (m_columns && m_columns->size() > 0) {
        const auto first = std::min_element(m_columns->firstDay.begin(), m_columns->firstDay.end());
        const auto last = std::max_element(m_columns->lastDay.begin(), m_columns->lastDay.end());
        const double end = double(*last) + 1;
        const double margin = rangeMargin(end - double(*first));
        m_limitFirst = std::max(m_limitFirst, double(*first) - margin);
        m_limitEnd = std::min(m_limitEnd, end + margin);
    }
    // The range shown so far may lie outside the new limits.
    const double firstDay = m_frame.firstDay;
    const double endDay = m_frame.endDay;
    m_frame.endDay = m_frame.firstDay; // forces setVisibleRange() to apply
    setVisibleRange(firstDay, endDay);
}

void TimelineView::setRowOptions(const RowOptions &options)
{
    if (options == m_options)
        return;
    m_options = options;
    rebuildRows();
    updateRowChoiceActions();
    emit rowOptionsChanged(m_options);
}

void TimelineView::rebuildRows()
{
    const bool unfiltered = m_columns && m_indices.size() == m_columns->size();
    if (unfiltered && m_unfilteredRows && &m_unfilteredRows->columns() == m_columns.get()
        && m_unfilteredRows->options() == m_options) {
        m_frame.rows = m_unfilteredRows;
    } else {
        m_frame.rows = m_columns ? TimelineRows::build(m_columns, m_indices, m_options) : nullptr;
        if (unfiltered)
            m_unfilteredRows = m_frame.rows;
        else if (m_unfilteredRows && &m_unfilteredRows->columns() != m_columns.get())
            m_unfilteredRows.reset();
    }
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
    const double lo = m_limitFirst;
    const double hi = m_limitEnd;
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

void TimelineView::panBy(double days)
{
    setVisibleRange(m_frame.firstDay + days, m_frame.endDay + days);
}

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
    m_zoomStack->push({ m_frame.firstDay, m_frame.endDay });
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
    showSelection(std::move(selected), currentIncident);
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
            m_selectionModel->setCurrentIndex(
                m_tableModel->index(currentRow, IncidentTableModel::TitleColumn), QItemSelectionModel::NoUpdate);
        m_syncing = false;
        syncFromSelectionModel();
        return;
    }
    showSelection(std::move(sorted), current);
}

void TimelineView::showSelection(std::vector<Index> selected, qint64 current)
{
    const bool selectionChanged = selected != m_frame.selected;
    const bool currentChanged = current != m_frame.currentIncident;
    m_frame.selected = std::move(selected);
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
        applySelection({ i }, i, true);
    else
        applySelection(m_frame.selected, i, true);
}

// --- revealing -----------------------------------------------------------------------------

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
