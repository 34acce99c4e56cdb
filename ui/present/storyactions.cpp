#include "present/storyactions.h"

#include "document/documentcontroller.h"
#include "mainwindow.h"
#include "panes/storypane.h"
#include "present/presentation.h"
#include "present/presentationtheme.h"
#include "story/storyhandout.h"
#include "story/storystore.h"
#include "timeline/timelineview.h"

#include <QAction>
#include <QDockWidget>
#include <QFileDialog>
#include <QMenu>
#include <QMessageBox>
#include <QStatusBar>

namespace StoryActions {
namespace {
    // The story to present or export: the Stories pane's choice when there is one, else the
    // document's first.
    std::optional<Story> chosenStory(MainWindow *window)
    {
        Database *db = window->document()->database();
        if (!db)
            return std::nullopt;
        StoryStore store(*db);
        const auto *pane = window->findChild<StoryPane *>();
        const qint64 chosen = pane ? pane->currentStoryId() : 0;
        if (chosen > 0) {
            if (std::optional<Story> story = store.story(chosen))
                return story;
        }
        const QList<Story> stories = store.stories();
        return stories.isEmpty() ? std::nullopt : std::optional<Story>(stories.first());
    }
    // Finds a record by id in the window's loaded document.
    std::function<std::optional<Incident>(const QString &)> lookupIn(MainWindow *window)
    {
        DocumentController *document = window->document();
        auto columns = document->columns();
        return [document, columns](const QString &id) -> std::optional<Incident> {
            const qint64 index = columns ? columns->indexOfId(id) : -1;
            return index < 0 ? std::nullopt : document->incidentAt(IncidentColumns::Index(index));
        };
    }

    void exportHandout(MainWindow *window)
    {
        const std::optional<Story> story = chosenStory(window);
        if (!story) {
            window->statusBar()->showMessage(MainWindow::tr("This document has no story to export"), 5000);
            return;
        }
        const QString path = QFileDialog::getSaveFileName(window, MainWindow::tr("Export Story as PDF"),
            story->name + QStringLiteral(".pdf"), MainWindow::tr("PDF (*.pdf)"));
        if (path.isEmpty())
            return;
        StoryHandout handout(*story, window->document()->columns(), lookupIn(window));
        const ExportResult result = handout.write(path);
        if (result.ok)
            window->statusBar()->showMessage(MainWindow::tr("Wrote %1").arg(path), 5000);
        else
            QMessageBox::warning(window, MainWindow::tr("Export Story as PDF"), result.error);
    }

    // A step from the timeline's menus: the Stories pane is shown, and a document without a
    // story gets one to hold the step.
    void addToStory(MainWindow *window, StoryPane *pane, const std::function<bool()> &add)
    {
        if (QDockWidget *dock = window->findChild<QDockWidget *>(QStringLiteral("storyDock")))
            dock->show();
        if (pane->currentStoryId() == 0 && !pane->newStory(MainWindow::tr("New story")))
            return;
        if (add())
            window->statusBar()->showMessage(MainWindow::tr("Added a step to the story"), 3000);
    }

    StoryPane *createStoryPane(MainWindow *window)
    {
        auto *dock = new QDockWidget(MainWindow::tr("Stories"), window);
        dock->setObjectName(QStringLiteral("storyDock"));
        auto *pane = new StoryPane(dock);
        dock->setWidget(pane);
        window->addDockWidget(Qt::RightDockWidgetArea, dock);
        dock->hide();
        pane->setProviders(
            [window]() -> QString {
                const qint64 current = window->timeline()->currentIncident();
                const auto columns = window->document()->columns();
                return current < 0 || !columns ? QString() : columns->id(IncidentColumns::Index(current));
            },
            [window] { return window->viewState().toMap(); });
        QObject::connect(pane, &StoryPane::presentRequested, window, [window] { StoryActions::present(window); });
        QObject::connect(window->timeline(), &TimelineView::addToStoryRequested, pane, [window, pane](quint32 index) {
            const auto columns = window->document()->columns();
            if (columns && index < columns->size())
                addToStory(window, pane, [&] { return pane->addIncident(columns->id(index)); });
        });
        QObject::connect(window->timeline(), &TimelineView::addViewToStoryRequested, pane,
            [window, pane] { addToStory(window, pane, [pane] { return pane->addCurrentView(); }); });
        // The pane follows the open document, and reads its stories again after an import.
        QObject::connect(window->document(), &DocumentController::documentOpened, pane,
            [window, pane] { pane->setDatabase(window->document()->database()); });
        QObject::connect(window->document(), &DocumentController::columnsLoaded, pane, &StoryPane::reloadStories);
        return pane;
    }
} // namespace

Presentation *present(MainWindow *window)
{
    if (auto *running = window->findChild<Presentation *>())
        return running;
    const std::optional<Story> story = chosenStory(window);
    if (!story) {
        window->statusBar()->showMessage(MainWindow::tr("This document has no story to present"), 5000);
        return nullptr;
    }
    auto *presentation = new Presentation(*story, window->document()->columns(), lookupIn(window), window);
    if (auto *contrast = window->findChild<QAction *>(QStringLiteral("highContrastPresentationAction")))
        presentation->useHighContrastAction(contrast);
    presentation->start();
    return presentation;
}

void addViewActions(MainWindow *window, QMenu *viewMenu)
{
    viewMenu->addSeparator();
    QAction *present
        = viewMenu->addAction(MainWindow::tr("&Present"), window, [window] { StoryActions::present(window); });
    present->setObjectName(QStringLiteral("presentAction"));
    present->setShortcut(QKeySequence(Qt::Key_F5));
    createStoryPane(window);
    QAction *stories = window->findChild<QDockWidget *>(QStringLiteral("storyDock"))->toggleViewAction();
    stories->setObjectName(QStringLiteral("storiesAction"));
    stories->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_Y));
    viewMenu->addAction(stories);
    QAction *contrast = viewMenu->addAction(MainWindow::tr("High-Contrast Presentation"));
    contrast->setObjectName(QStringLiteral("highContrastPresentationAction"));
    contrast->setCheckable(true);
    contrast->setChecked(PresentationTheme::highContrastSetting());
    contrast->setToolTip(
        MainWindow::tr("Black, white and bright colours for washed-out projectors (H while presenting)"));
    // A running presentation shares this action (its H key toggles it) and follows it itself.
    QObject::connect(contrast, &QAction::toggled, window, &PresentationTheme::setHighContrastSetting);
}

void addFileActions(MainWindow *window, QMenu *fileMenu)
{
    QAction *action
        = fileMenu->addAction(MainWindow::tr("Export Story as &PDF…"), window, [window] { exportHandout(window); });
    action->setObjectName(QStringLiteral("exportStoryAction"));
}
} // namespace StoryActions
