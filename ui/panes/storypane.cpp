#include "panes/storypane.h"

#include "panes/storystepsmodel.h"
#include "story/storystore.h"

#include <QAction>
#include <QComboBox>
#include <QCoreApplication>
#include <QHBoxLayout>
#include <QInputDialog>
#include <QLabel>
#include <QLineEdit>
#include <QListView>
#include <QPlainTextEdit>
#include <QTimer>
#include <QToolButton>
#include <QUndoCommand>
#include <QUndoStack>
#include <QVBoxLayout>

namespace {
// The undoable edits of a story's steps, each applied through the model (which writes the
// document). Undoing an insert deletes the step; undoing a delete inserts it again.
class InsertStepCommand : public QUndoCommand
{
public:
    InsertStepCommand(StoryStepsModel *model, int row, StoryStep step, const QString &text)
        : QUndoCommand(text)
        , m_model(model)
        , m_row(row)
        , m_step(std::move(step))
    { }
    void redo() override { m_model->insertStep(m_row, m_step); }
    void undo() override { m_model->removeStep(m_row); }

private:
    StoryStepsModel *m_model;
    int m_row;
    StoryStep m_step;
};

class RemoveStepCommand : public QUndoCommand
{
public:
    RemoveStepCommand(StoryStepsModel *model, int row)
        : QUndoCommand(QCoreApplication::translate("StoryPane", "Delete Step"))
        , m_model(model)
        , m_row(row)
        , m_step(model->step(row))
    { }
    void redo() override { m_model->removeStep(m_row); }
    void undo() override { m_model->insertStep(m_row, m_step); }

private:
    StoryStepsModel *m_model;
    int m_row;
    StoryStep m_step;
};

class MoveStepCommand : public QUndoCommand
{
public:
    MoveStepCommand(StoryStepsModel *model, int from, int to)
        : QUndoCommand(QCoreApplication::translate("StoryPane", "Move Step"))
        , m_model(model)
        , m_from(from)
        , m_to(to)
    { }
    void redo() override { m_model->moveStep(m_from, m_to); }
    void undo() override { m_model->moveStep(m_to, m_from); }

private:
    StoryStepsModel *m_model;
    int m_from, m_to;
};

class EditStepCommand : public QUndoCommand
{
public:
    EditStepCommand(StoryStepsModel *model, int row, StoryStep after)
        : QUndoCommand(QCoreApplication::translate("StoryPane", "Edit Step"))
        , m_model(model)
        , m_row(row)
        , m_before(model->step(row))
        , m_after(std::move(after))
    { }
    void redo() override { m_model->updateStep(m_row, m_after); }
    void undo() override { m_model->updateStep(m_row, m_before); }

private:
    StoryStepsModel *m_model;
    int m_row;
    StoryStep m_before, m_after;
};
} // namespace

StoryPane::StoryPane(QWidget *parent)
    : QWidget(parent)
    , m_model(new StoryStepsModel(this))
    , m_undo(new QUndoStack(this))
    , m_notesDelay(new QTimer(this))
{
    setObjectName(QStringLiteral("storyPane"));
    createWidgets();
    createActions();
    m_notesDelay->setSingleShot(true);
    m_notesDelay->setInterval(700);
    connect(m_notesDelay, &QTimer::timeout, this, &StoryPane::commitNotes);
    connect(m_model, &StoryStepsModel::moveRequested, this, [this](int from, int to) {
        flushNotes();
        m_undo->push(new MoveStepCommand(m_model, from, to));
    });
    connect(m_model, &QAbstractItemModel::rowsMoved, this,
        [this](const QModelIndex &, int, int, const QModelIndex &, int) { showCurrentStep(); });
}

void StoryPane::createWidgets()
{
    m_stories = new QComboBox(this);
    m_stories->setObjectName(QStringLiteral("storyChooser"));
    m_stories->setAccessibleName(tr("Story"));
    auto *newButton = new QToolButton(this);
    newButton->setText(tr("New…"));
    connect(newButton, &QToolButton::clicked, this, [this] {
        bool ok = false;
        const QString name = QInputDialog::getText(this, tr("New Story"), tr("Name:"), QLineEdit::Normal, {}, &ok);
        if (ok)
            newStory(name);
    });
    auto *top = new QHBoxLayout;
    top->addWidget(m_stories, 1);
    top->addWidget(newButton);

    m_list = new QListView(this);
    m_list->setObjectName(QStringLiteral("storySteps"));
    m_list->setModel(m_model);
    m_list->setDragDropMode(QAbstractItemView::InternalMove);
    m_list->setDefaultDropAction(Qt::MoveAction);
    m_list->setAccessibleName(tr("Steps"));
    // Headings are elided to the pane's width rather than scrolled sideways, and the list
    // shows the bundled story's five steps without a scroll bar.
    m_list->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    m_list->setTextElideMode(Qt::ElideRight);
    m_list->setResizeMode(QListView::Adjust);
    m_list->setUniformItemSizes(true);
    m_list->setMinimumHeight(m_list->fontMetrics().height() * 6 + 2 * m_list->frameWidth() + 8);

    auto *buttons = new QHBoxLayout;
    for (auto [text, slot] : { std::pair { tr("Add Incident"), &StoryPane::addCurrentIncident },
             std::pair { tr("Add View"), &StoryPane::addCurrentView } }) {
        auto *button = new QToolButton(this);
        button->setText(text);
        connect(button, &QToolButton::clicked, this, slot);
        buttons->addWidget(button);
    }
    auto *present = new QToolButton(this);
    present->setText(tr("Present"));
    connect(present, &QToolButton::clicked, this, &StoryPane::presentRequested);
    buttons->addWidget(present);
    buttons->addStretch();

    m_heading = new QLineEdit(this);
    m_heading->setObjectName(QStringLiteral("stepHeading"));
    m_heading->setPlaceholderText(tr("Heading"));
    m_notes = new QPlainTextEdit(this);
    m_notes->setObjectName(QStringLiteral("stepNotes"));
    m_notes->setPlaceholderText(tr("Notes to read aloud (plain text)"));
    m_notes->setTabChangesFocus(true);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(top);
    layout->addWidget(m_list, 2);
    layout->addLayout(buttons);
    layout->addWidget(new QLabel(tr("Heading:"), this));
    layout->addWidget(m_heading);
    layout->addWidget(new QLabel(tr("Notes:"), this));
    layout->addWidget(m_notes, 1);

    connect(m_stories, &QComboBox::currentIndexChanged, this, [this] {
        m_undo->clear(); // the commands refer to rows of the story shown
        m_model->setStory(currentStoryId());
        showCurrentStep();
        emit currentStoryChanged(currentStoryId());
    });
    connect(m_list->selectionModel(), &QItemSelectionModel::currentChanged, this, &StoryPane::showCurrentStep);
    connect(m_heading, &QLineEdit::editingFinished, this, [this] { setCurrentHeading(m_heading->text()); });
    connect(m_notes, &QPlainTextEdit::textChanged, this, [this] {
        if (!m_showing)
            m_notesDelay->start();
    });
}

void StoryPane::createActions()
{
    auto add = [this](const QString &text, const QKeySequence &key, auto slot) {
        auto *action = new QAction(text, this);
        action->setShortcut(key);
        action->setShortcutContext(Qt::WidgetWithChildrenShortcut);
        connect(action, &QAction::triggered, this, slot);
        addAction(action);
        return action;
    };
    add(tr("Move Step Up"), QKeySequence(Qt::ALT | Qt::Key_Up), [this] { moveCurrent(-1); });
    add(tr("Move Step Down"), QKeySequence(Qt::ALT | Qt::Key_Down), [this] { moveCurrent(+1); });
    QAction *remove = add(tr("Delete Step"), QKeySequence(Qt::Key_Delete), [this] { removeCurrent(); });
    m_list->addAction(remove);
    add(tr("Undo"), QKeySequence::Undo, [this] { m_undo->undo(); });
    add(tr("Redo"), QKeySequence::Redo, [this] { m_undo->redo(); });
}

void StoryPane::setDatabase(Database *db)
{
    m_db = db;
    m_undo->clear();
    m_model->setDatabase(db);
    reloadStories();
}

void StoryPane::setProviders(IncidentProvider incident, ViewProvider view)
{
    m_incident = std::move(incident);
    m_view = std::move(view);
}

void StoryPane::reloadStories()
{
    const qint64 keep = currentStoryId();
    const QSignalBlocker block(m_stories);
    m_stories->clear();
    if (m_db) {
        for (const Story &story : StoryStore(*m_db).stories())
            m_stories->addItem(story.name, story.id);
    }
    const int at = m_stories->findData(keep);
    m_stories->setCurrentIndex(at >= 0 ? at : 0);
    m_undo->clear();
    m_model->setStory(currentStoryId());
    if (m_model->rowCount() > 0)
        m_list->setCurrentIndex(m_model->index(0));
    showCurrentStep();
    emit currentStoryChanged(currentStoryId());
}

qint64 StoryPane::currentStoryId() const
{
    return m_stories->currentData().toLongLong();
}

int StoryPane::currentRow() const
{
    return m_list->currentIndex().row();
}

bool StoryPane::newStory(const QString &name)
{
    if (!m_db)
        return false;
    const qint64 id = StoryStore(*m_db).createStory(name);
    if (id == 0)
        return false;
    reloadStories();
    m_stories->setCurrentIndex(m_stories->findData(id));
    return true;
}

void StoryPane::addStep(const StoryStep &step)
{
    flushNotes();
    const int row = currentRow() < 0 ? m_model->rowCount() : currentRow() + 1;
    m_undo->push(new InsertStepCommand(m_model, row, step, tr("Add Step")));
    m_list->setCurrentIndex(m_model->index(row));
}

bool StoryPane::addCurrentIncident()
{
    return addIncident(m_incident ? m_incident() : QString());
}

bool StoryPane::addIncident(const QString &id)
{
    if (id.isEmpty() || currentStoryId() == 0)
        return false;
    StoryStep step;
    step.incidentId = id;
    addStep(step);
    return true;
}

bool StoryPane::addCurrentView()
{
    QVariantMap view = m_view ? m_view() : QVariantMap();
    if (view.isEmpty() || currentStoryId() == 0)
        return false;
    view.remove(QStringLiteral("document"));
    view.remove(QStringLiteral("current"));
    StoryStep step;
    step.view = view;
    step.heading = tr("View");
    addStep(step);
    return true;
}

void StoryPane::moveCurrent(int delta)
{
    flushNotes();
    const int from = currentRow();
    const int to = from + delta;
    if (from < 0 || to < 0 || to >= m_model->rowCount())
        return;
    m_undo->push(new MoveStepCommand(m_model, from, to));
    m_list->setCurrentIndex(m_model->index(to));
}

void StoryPane::removeCurrent()
{
    flushNotes();
    const int row = currentRow();
    if (row >= 0)
        m_undo->push(new RemoveStepCommand(m_model, row));
}

void StoryPane::setCurrentHeading(const QString &heading)
{
    const int row = currentRow();
    if (row < 0 || m_model->step(row).heading == heading)
        return;
    StoryStep step = m_model->step(row);
    step.heading = heading;
    m_undo->push(new EditStepCommand(m_model, row, step));
}

void StoryPane::setCurrentNotes(const QString &notes)
{
    editNotes(currentRow(), notes);
}

void StoryPane::editNotes(int row, const QString &notes)
{
    if (row < 0 || row >= m_model->rowCount() || m_model->step(row).notes == notes)
        return;
    StoryStep step = m_model->step(row);
    step.notes = notes;
    m_undo->push(new EditStepCommand(m_model, row, step));
}

// Notes still being typed are written before anything changes which row is which.
void StoryPane::flushNotes()
{
    if (m_notesDelay->isActive()) {
        m_notesDelay->stop();
        commitNotes();
    }
}

void StoryPane::commitNotes()
{
    editNotes(m_shownRow, m_notes->toPlainText());
}

void StoryPane::showCurrentStep()
{
    flushNotes();
    m_showing = true;
    const int row = currentRow();
    m_shownRow = row;
    const StoryStep step = m_model->step(row);
    m_heading->setEnabled(row >= 0);
    m_notes->setEnabled(row >= 0);
    m_heading->setText(step.heading);
    m_notes->setPlainText(step.notes);
    m_showing = false;
}
