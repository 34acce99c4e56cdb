#pragma once

#include "story/story.h"

#include <QWidget>
#include <functional>

class Database;
class QComboBox;
class QLineEdit;
class QListView;
class QPlainTextEdit;
class QTimer;
class QUndoStack;
class StoryStepsModel;

// Making stories: choose or create a story, add the selected incident or the current view as
// a step, reorder steps (drag and drop, Alt+Up/Down), edit a step's heading and notes, delete
// steps. Every change to the steps is written to the document at once and can be undone
// (Ctrl+Z, Ctrl+Shift+Z while the pane has focus).
class StoryPane : public QWidget
{
    Q_OBJECT
public:
    // What the window offers as a new step: the current incident's id (empty when none) and
    // the current view's state (ViewState::toMap()).
    using IncidentProvider = std::function<QString()>;
    using ViewProvider = std::function<QVariantMap()>;

    explicit StoryPane(QWidget *parent = nullptr);

    void setDatabase(Database *db); // not owned; reloads the stories
    void setProviders(IncidentProvider incident, ViewProvider view);
    qint64 currentStoryId() const;
    int currentRow() const;
    StoryStepsModel *stepsModel() const { return m_model; }
    QUndoStack *undoStack() const { return m_undo; }
    QListView *stepList() const { return m_list; }

public slots:
    void reloadStories();
    bool newStory(const QString &name);
    bool addCurrentIncident();
    bool addIncident(const QString &incidentId); // to the current story; false when there is none
    bool addCurrentView();
    void moveCurrent(int delta);
    void removeCurrent();
    void setCurrentHeading(const QString &heading);
    void setCurrentNotes(const QString &notes);

signals:
    void currentStoryChanged(qint64 storyId);
    void presentRequested();

private:
    void createWidgets();
    void createActions();
    void showCurrentStep();
    void addStep(const StoryStep &step);
    void commitNotes();
    void flushNotes();
    void editNotes(int row, const QString &notes);

    Database *m_db = nullptr;
    IncidentProvider m_incident;
    ViewProvider m_view;
    StoryStepsModel *m_model;
    QUndoStack *m_undo;
    QComboBox *m_stories;
    QListView *m_list;
    QLineEdit *m_heading;
    QPlainTextEdit *m_notes;
    QTimer *m_notesDelay;
    bool m_showing = false; // filling the editors, not the user typing
    int m_shownRow = -1; // the step whose heading and notes the editors show
};
