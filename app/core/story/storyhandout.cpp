#include "story/storyhandout.h"

#include "export/figureexporter.h"
#include "query/filterengine.h"
#include "render/timelinelayout.h"
#include "render/timelinerows.h"
#include "story/stagerows.h"

#include <QCoreApplication>
#include <QFile>
#include <QPainter>
#include <QPdfWriter>
#include <QSaveFile>
#include <algorithm>

namespace {
QString tr(const char *text)
{
    return QCoreApplication::translate("StoryHandout", text);
}

constexpr double s_logicalDpi = 96;

QPageLayout pageLayout()
{
    return QPageLayout(
        QPageSize(QPageSize::A4), QPageLayout::Portrait, QMarginsF(15, 15, 15, 15), QPageLayout::Millimeter);
}

// A font of `points` measured in the painter's logical units (1/96 in): a point size would be
// resolved against the writer's resolution and then scaled again.
QFont pointFont(double points, bool bold)
{
    QFont font;
    font.setPixelSize(qRound(points * s_logicalDpi / 72));
    font.setBold(bold);
    return font;
}

// Draws wrapped text at the top of `box`; returns the height it took.
double drawText(QPainter &painter, const QRectF &box, const QString &text, const QFont &font)
{
    painter.setFont(font);
    const QRectF used = painter.boundingRect(box, Qt::TextWordWrap | Qt::AlignLeft | Qt::AlignTop, text);
    painter.drawText(box, Qt::TextWordWrap | Qt::AlignLeft | Qt::AlignTop, text);
    return used.height();
}
} // namespace

StoryHandout::StoryHandout(Story story, std::shared_ptr<const IncidentColumns> columns, IncidentLookup lookup)
    : m_story(std::move(story))
    , m_columns(columns ? std::move(columns) : std::make_shared<const IncidentColumns>())
    , m_lookup(std::move(lookup))
{ }

StoryHandout::Figure StoryHandout::figureFor(const StoryStep &step) const
{
    Figure figure;
    Filter filter;
    if (step.isIncident()) {
        // The rows the step is about: its victims' and its attackers' countries (an attacker
        // such as Iran is a row of the incidents against Iran).
        const qint64 index = m_columns->indexOfId(step.incidentId);
        if (index >= 0) {
            const auto i = IncidentColumns::Index(index);
            const double centre = (m_columns->firstDay[i] + m_columns->lastDay[i] + 1.0) / 2;
            figure.firstDay = centre - 365;
            figure.endDay = centre + 365;
            const QStringList codes = StageRows::stepCountries(*m_columns, i);
            figure.indices = StageRows::incidentsOf(*m_columns, codes);
            figure.rows = StageRows::countryRows(m_columns, codes);
        } else {
            figure.endDay = figure.firstDay + 365;
            figure.rows = TimelineRows::build(m_columns, {}, RowOptions());
        }
        return figure;
    } else {
        QString ignored;
        filter = Filter::fromQueryString(step.view.value(QStringLiteral("filter")).toString(), &ignored);
        figure.rowKey = step.view.value(QStringLiteral("rowKey")).toInt();
        figure.rowCollapse = step.view.value(QStringLiteral("rowCollapse")).toInt();
        figure.firstDay = step.view.value(QStringLiteral("firstDay")).toDouble();
        figure.endDay = step.view.value(QStringLiteral("endDay")).toDouble();
    }
    filter.search.clear();
    figure.indices = FilterEngine::apply(*m_columns, filter, nullptr, false).indices;
    if (figure.endDay <= figure.firstDay)
        figure.endDay = figure.firstDay + 365;
    RowOptions rows;
    rows.key = RowKey(std::clamp(figure.rowKey, 0, int(RowKey::Sector)));
    rows.collapse = RegionLevel(std::clamp(figure.rowCollapse, 0, int(RegionLevel::SubRegion)));
    // The rows the presentation shows for the same step: hidden ones left out, pinned ones first.
    rows.sort = RowSort(std::clamp(step.view.value(QStringLiteral("rowSort")).toInt(), 0, int(RowSort::Region)));
    rows.hidden = step.view.value(QStringLiteral("rowHidden")).toStringList();
    rows.pinned = step.view.value(QStringLiteral("rowPinned")).toStringList();
    figure.rows = TimelineRows::build(m_columns, figure.indices, rows);
    return figure;
}

ExportResult StoryHandout::write(const QString &path)
{
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly))
        return ExportResult::failure(tr("%1: cannot write: %2").arg(path, file.errorString()));
    {
        QPdfWriter writer(&file);
        writer.setTitle(m_story.name);
        writer.setCreator(QStringLiteral("Faultline"));
        writer.setPageLayout(pageLayout());
        writer.setResolution(300);
        paint(writer);
    }
    if (!file.commit())
        return ExportResult::failure(tr("%1: cannot write: %2").arg(path, file.errorString()));
    return ExportResult::success();
}

void StoryHandout::paint(QPdfWriter &writer)
{
    QPainter painter(&writer);
    const double scale = writer.resolution() / s_logicalDpi;
    painter.scale(scale, scale);
    const QSizeF page(writer.width() / scale, writer.height() / scale);
    paintCover(painter, page);
    if (onPage)
        onPage(1, pageCount());
    for (qsizetype i = 0; i < m_story.steps.size(); ++i) {
        writer.newPage();
        paintStep(painter, page, int(i));
        if (onPage)
            onPage(int(i) + 2, pageCount());
    }
    painter.end();
}

void StoryHandout::paintCover(QPainter &painter, QSizeF page)
{
    painter.setPen(Qt::black);
    double y = page.height() * 0.2;
    y += drawText(painter, QRectF(0, y, page.width(), page.height()), m_story.name, pointFont(26, true)) + 24;
    y += drawText(painter, QRectF(0, y, page.width(), page.height()),
             m_story.steps.size() == 1
                 ? QCoreApplication::translate("StoryHandout", "A story in one step, from Faultline")
                 : QCoreApplication::translate("StoryHandout", "A story in %1 steps, from Faultline")
                       .arg(m_story.steps.size()),
             pointFont(13, false))
        + 24;
    QStringList lines;
    for (qsizetype i = 0; i < m_story.steps.size(); ++i)
        lines << QStringLiteral("%1. %2").arg(i + 1).arg(m_story.steps.at(i).heading);
    drawText(painter, QRectF(0, y, page.width(), page.height() - y), lines.join(u'\n'), pointFont(12, false));
}

QSizeF StoryHandout::pageSize()
{
    return pageLayout().paintRect(QPageLayout::Inch).size() * s_logicalDpi;
}

StoryHandout::StepPage StoryHandout::paintStep(QPainter &painter, QSizeF page, int index)
{
    const StoryStep &step = m_story.steps.at(index);
    painter.setPen(Qt::black);
    double y = drawText(painter, QRectF(0, 0, page.width(), page.height()), step.heading, pointFont(18, true)) + 12;
    const Figure figure = figureFor(step);
    FigureOptions options;
    options.format = FigureFormat::Pdf;
    options.rows = figure.rows;
    options.firstDay = figure.firstDay;
    options.endDay = figure.endDay;
    options.headerWidth = 140;
    options.rowHeight = 22;
    if (step.isIncident() && m_lookup) {
        if (const std::optional<Incident> incident = m_lookup(step.incidentId))
            options.subtitle = incident->title;
    }
    FigureExporter exporter(options);
    // As tall as its rows need (axis, legend and title take about 200 units), at most half the page.
    const double rowsHeight = options.rows->rowCount() * options.rowHeight + 200;
    const QSizeF figureSize(page.width(), std::min(page.height() * 0.5, rowsHeight));
    StepPage drawn;
    drawn.figure = QRectF(QPointF(0, y), figureSize);
    {
        const FigurePage figurePage = exporter.page(figureSize, 0, painter.device());
        const TimelineLayout layout(figurePage.frame, painter.device());
        const QPointF origin = drawn.figure.topLeft() + figurePage.frameOrigin;
        drawn.axis = layout.axisRect().translated(origin);
        drawn.plot = layout.plotRect().translated(origin);
    }
    painter.save();
    painter.translate(0, y);
    painter.setClipRect(QRectF(QPointF(0, 0), figureSize));
    exporter.paintPage(painter, figureSize, 0);
    painter.restore();
    y += figureSize.height() + 18;
    painter.setPen(Qt::black);
    drawText(painter, QRectF(0, y, page.width(), page.height() - y), step.notes, pointFont(12, false));
    return drawn;
}
