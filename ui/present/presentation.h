#pragma once

#include "domain/incident.h"
#include "domain/incidentcolumns.h"
#include "present/presentationlayout.h"
#include "present/presentationtheme.h"
#include "story/story.h"

#include <QFont>
#include <QFuture>
#include <QHash>
#include <QPointer>
#include <QWidget>
#include <functional>
#include <memory>
#include <optional>

class QAction;
class QLabel;
class QScreen;
class QThreadPool;
class QTimer;
class QVariantAnimation;
class PresentationCard;
class PresentationStage;
class PresenterView;
class TimelineRows;

// Presentation mode: a story shown full screen, one step at a time, in a window of its own
// so the main window stays exactly as it was. Each step animates the stage (600 ms, eased):
// the visible range and the rows the step is about (an incident step: its countries; a view
// step: the view's rows), larger than the window's timeline. An incident step shows a card
// beside it (title, date and precision, countries with flags, attribution, summary,
// sources), a view step its heading over it. Clicking a mark opens that incident as an aside
// card; Escape or a click on the card returns to the story. All text is plain text.
//
// Keys: Right, Down, Space, PageDown, Return forward; Left, Up, PageUp, Backspace back;
// Home and End; digits then Return jump to that step; B blanks the screen; P shows the
// presenter's notes over it; H toggles the high-contrast action (remembered); Escape leaves
// (finished()). With a second screen the presentation goes to the audience's screen and a
// PresenterView to the window's (ScreenPlan).
class Presentation : public QWidget
{
    Q_OBJECT
public:
    using IncidentLookup = std::function<std::optional<Incident>(const QString &id)>;

    Presentation(
        Story story, std::shared_ptr<const IncidentColumns> columns, IncidentLookup lookup, QWidget *parent = nullptr);
    ~Presentation() override;

    // Shows the window full screen on the first step, on the screens ScreenPlan chooses.
    void start();
    void goTo(int step);
    int currentStep() const { return m_step; } // 0-based
    int stepCount() const { return int(m_story.steps.size()); }
    bool isBlank() const;
    bool notesShown() const;
    bool isAnimating() const;
    bool isAside() const;
    bool isHighContrast() const { return m_theme.highContrast; }
    void setHighContrast(bool on); // checks or unchecks highContrastAction()
    // The checkable action whose state is the theme: H toggles it, and toggling it from
    // anywhere switches the theme and remembers the choice. A presentation has one of its
    // own until useHighContrastAction() gives it the window's (View > High-Contrast
    // Presentation), so the menu's check mark and the screen always agree.
    QAction *highContrastAction() const { return m_contrastAction; }
    void useHighContrastAction(QAction *action);
    // Opens the presenter view full screen on `screen` (start() does it when there are two).
    PresenterView *showPresenterView(QScreen *screen);
    PresenterView *presenterView() const;
    const PresentationLayout &presentationLayout() const { return m_layout; }
    PresentationStage *timeline() const { return m_stage; }
    PresentationCard *card() const { return m_card; }
    QString cardText() const; // every line of the card, for tests and screen readers
    QString headingText() const;
    QString progressText() const;
    QFont titleFont() const;
    QFont bodyFont() const;

    static constexpr int s_animationMs = 600;
    // After a step has arrived and its last frame is on screen, the rows of the steps before
    // and after it are built on a worker thread of the presentation's own (QThreadPool child).
    static constexpr int s_prepareDelayMs = 150;

public slots:
    void showAside(quint32 incident); // the card of any incident, until returnToStory()
    void returnToStory();

signals:
    void finished();
    void stepChanged(int step);

protected:
    void keyPressEvent(QKeyEvent *event) override;
    void resizeEvent(QResizeEvent *event) override;
    void closeEvent(QCloseEvent *event) override;

private:
    void createWidgets();
    void applyTheme();
    void followContrastAction(bool on);
    void relayout();
    void showStep();
    void showIncidentStep(const StoryStep &step);
    void showViewStep(const StoryStep &step);
    std::shared_ptr<const TimelineRows> viewRows(const QVariantMap &view);
    QFuture<std::shared_ptr<const TimelineRows>> prepareViewRows(const QVariantMap &view);
    void prepareNeighbours(); // the rows of the steps before and after, on a worker thread
    void animate();
    bool handleNavigation(int key);
    bool handleToggle(int key);

    Story m_story;
    std::shared_ptr<const IncidentColumns> m_columns;
    IncidentLookup m_lookup;
    PresentationLayout m_layout;
    PresentationTheme m_theme;
    int m_step = 0;
    QString m_jump; // digits typed so far
    // The rows of view steps, built on a worker thread, by the view's filter and rows.
    QHash<QString, QFuture<std::shared_ptr<const TimelineRows>>> m_viewRows;

    PresentationStage *m_stage;
    QVariantAnimation *m_animation;
    QTimer *m_prepareTimer;
    QThreadPool *m_workers;
    PresentationCard *m_card;
    QLabel *m_heading;
    QLabel *m_progress;
    QLabel *m_notes;
    QWidget *m_blank;
    QPointer<PresenterView> m_presenter;
    QPointer<QAction> m_contrastAction;
};
