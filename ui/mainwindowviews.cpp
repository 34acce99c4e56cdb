// The main window's views: the view saved on close and restored on open, and named views.
#include "document/documentcontroller.h"
#include "mainwindow.h"
#include "panes/detailpane.h"
#include "timeline/timelineview.h"
#include "views/savedviews.h"

#include <QCloseEvent>
#include <QInputDialog>
#include <QLineEdit>
#include <QMenu>
#include <QSettings>
#include <QSplitter>
#include <QStatusBar>

namespace {
QString escapedForMenu(const QString &name)
{
    return QString(name).replace(u'&', QStringLiteral("&&"));
}
} // namespace

// --- views ---------------------------------------------------------------------------------

void MainWindow::closeEvent(QCloseEvent *event)
{
    saveViewState();
    m_detail->savePendingNotes();
    QSettings settings;
    settings.setValue(QStringLiteral("window/geometry"), saveGeometry());
    settings.setValue(QStringLiteral("window/state"), saveState());
    settings.setValue(QStringLiteral("window/splitter"), m_splitter->saveState());
    event->accept();
}

ViewState MainWindow::viewState() const
{
    ViewState view;
    view.filter = m_filter;
    view.firstDay = m_timeline->firstDay();
    view.endDay = m_timeline->endDay();
    view.rows = m_timeline->rowOptions();
    return view;
}

void MainWindow::applyViewState(const ViewState &view)
{
    m_timeline->setRowOptions(view.rows);
    setFilter(view.filter);
    if (view.endDay > view.firstDay)
        m_timeline->setVisibleRange(view.firstDay, view.endDay);
}

void MainWindow::saveViewState() const
{
    ViewState view = viewState();
    view.document = m_document->path();
    view.currentId = m_detail->incident() ? m_detail->incident()->id : QString();
    SavedViews::saveLast(view);
}

void MainWindow::restoreViewState()
{
    // A view belongs to the document it was made on; another document starts fresh.
    QString current;
    if (const auto last = SavedViews::last(); last && last->document == m_document->path()) {
        applyViewState(*last);
        current = last->currentId;
    }
    if (current.isEmpty() || !selectIncident(current))
        selectIncident(DocumentController::startIncidentId());
}

QStringList MainWindow::namedViews() const
{
    return SavedViews::names();
}

void MainWindow::saveViewAs()
{
    bool ok = false;
    const QString name = QInputDialog::getText(
        this, tr("Save View"), tr("Name of this view (filters, dates, rows):"), QLineEdit::Normal, QString(), &ok)
                             .trimmed();
    if (ok && !name.isEmpty())
        saveNamedView(name);
}

void MainWindow::saveNamedView(const QString &name)
{
    SavedViews::save(name, viewState());
    rebuildViewsMenu();
}

bool MainWindow::openNamedView(const QString &name)
{
    const auto view = SavedViews::load(name);
    if (!view)
        return false;
    applyViewState(*view);
    statusBar()->showMessage(tr("View \"%1\"").arg(name), 3000);
    return true;
}

bool MainWindow::deleteNamedView(const QString &name)
{
    const bool removed = SavedViews::remove(name);
    rebuildViewsMenu();
    return removed;
}

void MainWindow::rebuildViewsMenu()
{
    m_viewsMenu->clear();
    const QStringList names = namedViews();
    for (const QString &name : names)
        m_viewsMenu->addAction(escapedForMenu(name), this, [this, name] { openNamedView(name); });
    if (names.isEmpty())
        m_viewsMenu->addAction(tr("No saved views"))->setEnabled(false);
    m_viewsMenu->addSeparator();
    QMenu *remove = m_viewsMenu->addMenu(tr("Delete View"));
    remove->setEnabled(!names.isEmpty());
    for (const QString &name : names)
        remove->addAction(escapedForMenu(name), this, [this, name] { deleteNamedView(name); });
}
