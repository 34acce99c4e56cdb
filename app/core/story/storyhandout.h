#pragma once

#include "domain/incident.h"
#include "domain/incidentcolumns.h"
#include "export/exportfile.h"
#include "story/story.h"

#include <QSizeF>
#include <functional>
#include <memory>
#include <optional>

class QPainter;
class QPdfWriter;

// A story as a PDF handout: a cover page (the story's name and its steps), then one A4 page
// per step with the step's heading, its figure drawn by FigureExporter (an incident step: the
// incident's victim countries around its date; a view step: its range, filter and rows) and
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
        int rowKey = 0; // RowKey as int
        int rowCollapse = 0; // RegionLevel as int
        double firstDay = 0;
        double endDay = 1;
    };
    Figure figureFor(const StoryStep &step) const;

private:
    void paint(QPdfWriter &writer);
    void paintCover(QPainter &painter, QSizeF page);
    void paintStep(QPainter &painter, QSizeF page, const StoryStep &step);

    Story m_story;
    std::shared_ptr<const IncidentColumns> m_columns;
    IncidentLookup m_lookup;
};
