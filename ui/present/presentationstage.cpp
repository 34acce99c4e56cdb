#include "present/presentationstage.h"

#include "render/timelinerenderer.h"
#include "story/stagerows.h"

#include <QFontMetricsF>
#include <QMouseEvent>
#include <QPainter>
#include <QtConcurrent>
#include <algorithm>
#include <cmath>

PresentationStage::PresentationStage(QWidget *parent)
    : QWidget(parent)
{
    setAttribute(Qt::WA_OpaquePaintEvent);
    setFocusPolicy(Qt::NoFocus);
    m_frame.showLegend = false;
    m_frame.headerWidth = s_headerWidth;
    m_frame.theme = Theme::darkTheme();
}

void PresentationStage::setColumns(std::shared_ptr<const IncidentColumns> columns)
{
    m_prepared.clear();
    m_columns = std::move(columns);
    m_codes.clear();
    m_frame.rows.reset();
    invalidate();
}

void PresentationStage::setTimelineTheme(const Theme &theme)
{
    m_frame.theme = theme;
    fitHeader();
    invalidate();
}

void PresentationStage::setScale(double scale)
{
    scale = std::max(0.5, scale);
    if (scale == m_scale)
        return; // every step sets it: the flags made for this scale stay
    m_scale = scale;
    fitHeader();
    m_frame.flags.clear();
    invalidate();
}

// The camera that shows `rows` rows from `firstRow` at the largest row height allowed.
PresentationStage::Camera PresentationStage::cameraFor(int firstRow, int rows)
{
    const double height = plotHeight();
    const double fitting = std::max(1.0, height / s_minRowHeight);
    const double least = std::max(1.0, height / s_maxRowHeight);
    return { double(firstRow), std::clamp(double(rows), least, fitting) };
}

void PresentationStage::transitionToCountries(const QStringList &codes, double firstDay, double endDay)
{
    if (!m_columns)
        return;
    if (codes != m_codes || !m_frame.rows) {
        const bool fromCountries = !m_codes.isEmpty() && m_frame.rows;
        const QStringList order = orderTo(codes);
        // The rows built before, and where the camera stands on them now, in the new order.
        const double shownRows = m_camera.rowCount;
        const QStringList before = m_codes;
        const QString key = order.join(u',');
        if (auto prepared = m_prepared.find(key); prepared != m_prepared.end())
            m_frame.rows = prepared->result();
        else
            m_frame.rows = StageRows::countryRows(m_columns, order);
        // Rows prepared for a transition from the rows shown before are of no more use (a
        // worker still building some finishes on its own: it holds its own columns).
        m_prepared.clear();
        fitHeader();
        m_codes = codes;
        if (fromCountries)
            m_camera = { double(blockStart(before)), shownRows };
        else
            m_camera = { 0, shownRows };
    }
    m_targetFirst = blockStart(codes);
    int count = 0;
    for (const QString &code : codes)
        count += m_frame.rows->rowOfKey(code) >= 0 ? 1 : 0;
    m_targetCount = count;
    beginTransition(cameraFor(m_targetFirst, std::max(1, count)), { firstDay, endDay });
}

void PresentationStage::transitionToRows(std::shared_ptr<const TimelineRows> rows, double firstDay, double endDay)
{
    if (rows != m_frame.rows) {
        m_frame.rows = std::move(rows);
        fitHeader();
        m_camera.firstRow = 0;
        m_prepared.clear();
    }
    m_codes.clear();
    m_targetFirst = 0;
    m_targetCount = m_frame.rows ? m_frame.rows->rowCount() : 0;
    beginTransition(cameraFor(0, std::max(1, m_targetCount)), { firstDay, endDay });
}

QStringList PresentationStage::orderTo(const QStringList &codes) const
{
    const bool fromCountries = !m_codes.isEmpty() && m_frame.rows;
    return fromCountries ? StageRows::transitionOrder(m_codes, codes) : codes;
}

void PresentationStage::prepareCountries(const QStringList &codes, QThreadPool *pool)
{
    if (!m_columns || (codes == m_codes && m_frame.rows))
        return;
    const QStringList order = orderTo(codes);
    const QString key = order.join(u',');
    if (m_prepared.contains(key))
        return;
    m_prepared.insert(
        key, QtConcurrent::run(pool, [columns = m_columns, order] { return StageRows::countryRows(columns, order); }));
}

bool PresentationStage::isPrepared(const QStringList &codes) const
{
    const auto found = m_prepared.constFind(orderTo(codes).join(u','));
    return found != m_prepared.constEnd() && found->isFinished();
}

// The first row position of any of `codes` in the current rows (they are contiguous).
int PresentationStage::blockStart(const QStringList &codes) const
{
    int first = -1;
    for (const QString &code : codes) {
        const int r = m_frame.rows ? m_frame.rows->rowOfKey(code) : -1;
        if (r >= 0 && (first < 0 || r < first))
            first = r;
    }
    return std::max(0, first);
}

void PresentationStage::beginTransition(Camera to, Range range)
{
    m_from = m_camera;
    m_to = to;
    m_fromRange = { m_frame.firstDay, m_frame.endDay };
    if (!(m_fromRange.endDay > m_fromRange.firstDay))
        m_fromRange = range;
    m_toRange = range;
    if (!m_started) {
        m_started = true;
        m_from = to;
        m_fromRange = range;
    }
    setProgress(0);
}

void PresentationStage::setProgress(double t)
{
    t = std::clamp(t, 0.0, 1.0);
    // Centres move linearly and spans geometrically, so a zoom feels even.
    auto zoom = [t](double fromLow, double fromHigh, double toLow, double toHigh, double &low, double &high) {
        const double fromSpan = fromHigh - fromLow, toSpan = toHigh - toLow;
        const double centre = (fromLow + fromHigh) / 2 * (1 - t) + (toLow + toHigh) / 2 * t;
        const double span = fromSpan > 0 && toSpan > 0 ? fromSpan * std::pow(toSpan / fromSpan, t) : toSpan;
        low = centre - span / 2;
        high = centre + span / 2;
    };
    zoom(m_fromRange.firstDay, m_fromRange.endDay, m_toRange.firstDay, m_toRange.endDay, m_frame.firstDay,
        m_frame.endDay);
    double top = 0, bottom = 0;
    zoom(m_from.firstRow, m_from.firstRow + m_from.rowCount, m_to.firstRow, m_to.firstRow + m_to.rowCount, top, bottom);
    m_camera = { top, std::max(1.0, bottom - top) };
    if (t == 1.0) {
        m_frame.firstDay = m_toRange.firstDay;
        m_frame.endDay = m_toRange.endDay;
        m_camera = m_to;
    }
    invalidate();
}

void PresentationStage::selectIncident(qint64 index)
{
    m_frame.selected.clear();
    if (index >= 0)
        m_frame.selected.push_back(Index(index));
    m_frame.currentIncident = index;
    update();
}

QStringList PresentationStage::targetRowKeys() const
{
    QStringList keys;
    if (!m_frame.rows)
        return keys;
    const int end = std::min(m_frame.rows->rowCount(), m_targetFirst + m_targetCount);
    for (int r = m_targetFirst; r < end; ++r)
        keys << m_frame.rows->row(r).key;
    return keys;
}

double PresentationStage::plotHeight()
{
    if (m_plotHeight < 0) {
        TimelineFrame probe = m_frame;
        probe.rows.reset();
        probe.size = QSizeF(width() / m_scale, height() / m_scale);
        m_plotHeight = std::max(1.0, TimelineLayout(probe, this).plotRect().height());
    }
    return m_plotHeight;
}

void PresentationStage::invalidate()
{
    m_layout.reset();
    update();
}

const TimelineLayout &PresentationStage::timelineLayout()
{
    if (m_layout)
        return *m_layout;
    m_frame.size = QSizeF(width() / m_scale, height() / m_scale);
    m_frame.rowHeight = plotHeight() / m_camera.rowCount;
    m_frame.scrollY = m_camera.firstRow * m_frame.rowHeight;
    m_layout = std::make_unique<TimelineLayout>(m_frame, this);
    ensureFlags();
    return *m_layout;
}

// Flags of the rows in view, rendered at the size they are drawn (scaled, device pixels).
void PresentationStage::ensureFlags()
{
    if (!m_frame.rows)
        return;
    const double pixels = 20 * m_scale * devicePixelRatioF();
    if (pixels != m_flagPixels) {
        m_frame.flags.clear();
        m_flagPixels = pixels;
    }
    const QSize size(int(std::ceil(pixels)), int(std::ceil(pixels * 3 / 4)));
    for (const TimelineLayout::RowPlan &plan : m_layout->rowPlans()) {
        const QString &code = m_frame.rows->row(plan.row).flagCode;
        if (!code.isEmpty() && !m_frame.flags.contains(code))
            m_frame.flags.insert(code, m_flags.flag(code, size));
    }
}

void PresentationStage::resizeEvent(QResizeEvent *event)
{
    QWidget::resizeEvent(event);
    fitHeader();
    invalidate();
}

void PresentationStage::paintEvent(QPaintEvent *)
{
    const TimelineLayout &l = timelineLayout();
    QPainter painter(this);
    painter.fillRect(rect(), m_frame.theme.background);
    painter.scale(m_scale, m_scale);
    TimelineRenderer::paint(painter, m_frame, l);
}

void PresentationStage::mouseReleaseEvent(QMouseEvent *event)
{
    if (event->button() != Qt::LeftButton)
        return QWidget::mouseReleaseEvent(event);
    const TimelineLayout::Hit hit = timelineLayout().hitTest(event->position() / m_scale);
    if (hit.isIncident())
        emit incidentClicked(quint32(hit.incident));
    event->accept();
}

// The row header as wide as its longest row name needs (with the flag, the count and the
// renderer's paddings), from s_headerWidth up to s_maxHeaderShare of the stage, so names
// such as "Latin America and the Caribbean" are not cut.
void PresentationStage::fitHeader()
{
    double needed = s_headerWidth;
    if (m_frame.rows) {
        const QFontMetricsF label(m_frame.theme.labelFont);
        const QFontMetricsF small(m_frame.theme.smallFont);
        for (int r = 0; r < m_frame.rows->rowCount(); ++r) {
            const TimelineRow &row = m_frame.rows->row(r);
            const double flag = row.flagCode.isEmpty() ? 0 : 28;
            const double count = small.horizontalAdvance(QString::number(row.count()));
            needed = std::max(needed, 10 + flag + label.horizontalAdvance(row.label) + 8 + count + 10 + 2);
        }
    }
    const double widest = std::max(s_headerWidth, width() / m_scale * s_maxHeaderShare);
    m_frame.headerWidth = std::ceil(std::min(needed, widest));
    m_plotHeight = -1;
}
