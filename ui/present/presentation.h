#pragma once

#include "domain/incident.h"
#include "domain/incidentcolumns.h"
#include "present/presentationlayout.h"
#include "story/story.h"

#include <QFont>
#include <QWidget>
#include <functional>
#include <memory>
#include <optional>

class QLabel;
class QVariantAnimation;
class TimelineView;

// Presentation mode: a story shown full screen, one step at a time, in a window of its own
// so the main window stays exactly as it was. Each step animates the timeline (600 ms,
// eased) to its range and rows; an incident step shows a card beside it (title, date and
// precision, countries, attribution, summary, sources), a view step its heading over it.
// All text is plain text.
//
// Keys: Right, Down, Space, PageDown, Return forward; Left, Up, PageUp, Backspace back;
// Home and End; digits then Return jump to that step; B blanks the screen; P shows the
// presenter's notes over it; Escape leaves (finished()).
class Presentation : public QWidget
{
    Q_OBJECT
public:
    using IncidentLookup = std::function<std::optional<Incident>(const QString &id)>;

    Presentation(
        Story story, std::shared_ptr<const IncidentColumns> columns, IncidentLookup lookup, QWidget *parent = nullptr);
    ~Presentation() override;

    // Shows the window full screen on the first step.
    void start();
    void goTo(int step);
    int currentStep() const { return m_step; } // 0-based
    int stepCount() const { return int(m_story.steps.size()); }
    bool isBlank() const;
    bool notesShown() const;
    bool isAnimating() const;
    const PresentationLayout &presentationLayout() const { return m_layout; }
    TimelineView *timeline() const { return m_timeline; }
    QString cardText() const; // every line of the card, for tests and screen readers
    QString headingText() const;
    QString progressText() const;
    QFont titleFont() const;
    QFont bodyFont() const;

    static constexpr int s_animationMs = 600;

signals:
    void finished();

protected:
    void keyPressEvent(QKeyEvent *event) override;
    void resizeEvent(QResizeEvent *event) override;
    void closeEvent(QCloseEvent *event) override;

private:
    void createWidgets();
    void relayout();
    void showStep();
    void showIncidentStep(const StoryStep &step);
    void showViewStep(const StoryStep &step);
    void fillCard(const Incident &incident);
    QString fittedSummary(const QString &summary) const;
    void animateTo(double firstDay, double endDay);
    void setRows(const std::vector<IncidentColumns::Index> &indices, const QVariantMap &view);
    bool handleNavigation(int key);

    Story m_story;
    std::shared_ptr<const IncidentColumns> m_columns;
    IncidentLookup m_lookup;
    PresentationLayout m_layout;
    int m_step = 0;
    QString m_jump; // digits typed so far
    QString m_rowsKey; // what the timeline's rows were last built from

    TimelineView *m_timeline;
    QVariantAnimation *m_animation;
    double m_fromFirst = 0, m_fromEnd = 0, m_toFirst = 0, m_toEnd = 0;
    QWidget *m_card;
    QLabel *m_title;
    QLabel *m_meta;
    QLabel *m_summary;
    QLabel *m_sources;
    QLabel *m_heading;
    QLabel *m_progress;
    QLabel *m_notes;
    QWidget *m_blank;
};
