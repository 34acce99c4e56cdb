#pragma once

#include "domain/incident.h"
#include "domain/incidentcolumns.h"
#include "export/exportfile.h"
#include "story/story.h"

#include <QRectF>
#include <QSizeF>
#include <functional>
#include <memory>
#include <optional>

class QPainter;
class TimelineRows;
class QPdfWriter;

// A story as a PDF handout: a cover page (the story's name and its steps), then one A4 page
// per step with the step's heading, its figure drawn by FigureExporter (an incident step: a
// row for each of its victim and attacker countries, as presentation mode shows them
// (StageRows), a year either side of its date; a view step: its range, filter and rows) and
// the presenter's notes. Written through ExportFile: a failure leaves no file.
class StoryHandout
{
public:
    using IncidentLookup = std::function<std::optional<Incident>(const QString &id)>;

    StoryHandout(Story story, std::shared_ptr<const IncidentColumns> columns, IncidentLookup lookup);

    ExportResult write(const QString &path);
    int pageCount() const { return int(m_story.steps.size()) + 1; }
    // Called after each page is drawn with (pages done, pages): the test's page count hook.
    std::function<void(int, int)> onPage;

    // The range and rows a step's figure shows (exposed for tests).
    struct Figure
    {
        std::vector<IncidentColumns::Index> indices;
        std::shared_ptr<const TimelineRows> rows; // the rows drawn
        int rowKey = 0; // RowKey as int
        int rowCollapse = 0; // RegionLevel as int
        double firstDay = 0;
        double endDay = 1;
    };
    Figure figureFor(const StoryStep &step) const;

    // A step's page in logical units (1/96 in; the A4 page inside its margins), as drawn.
    static QSizeF pageSize();
    struct StepPage
    {
        QRectF figure; // where the figure is on the page
        QRectF axis; // the figure's date axis, on the page: its labels lie inside it
        QRectF plot; // the figure's plot, on the page
    };
    // Draws step `index`'s page (0-based) into the painter's logical units and says where
    // its figure went.
    StepPage paintStep(QPainter &painter, QSizeF page, int index);

private:
    void paint(QPdfWriter &writer);
    void paintCover(QPainter &painter, QSizeF page);

    Story m_story;
    std::shared_ptr<const IncidentColumns> m_columns;
    IncidentLookup m_lookup;
};
