#include "document/documentcontroller.h"
#include "editor/recordactions.h"
#include "mainwindow.h"
#include "panes/detailpane.h"
#include "panes/filterpane.h"
#include "timeline/overviewstrip.h"
#include "timeline/timelineview.h"

#include <QElapsedTimer>
#include <QItemSelectionModel>
#include <QLoggingCategory>
#include <QMessageBox>
#include <QStatusBar>
#include <QTableView>
#include <numeric>

Q_DECLARE_LOGGING_CATEGORY(lcUi)

// The window's side of the user's own records (RecordActions): the timeline's incident menu,
// the detail pane's Edit and Revert, and showing a saved change.
void MainWindow::connectRecords()
{
    auto idOf = [this](quint32 index) {
        const auto columns = m_document->columns();
        return columns && index < columns->size() ? columns->id(index) : QString();
    };
    connect(m_timeline, &TimelineView::editIncidentRequested, this,
        [this, idOf](quint32 index) { m_records->editIncident(idOf(index)); });
    connect(m_timeline, &TimelineView::duplicateIncidentRequested, this,
        [this, idOf](quint32 index) { m_records->duplicateIncident(idOf(index)); });
    connect(m_timeline, &TimelineView::deleteIncidentRequested, this,
        [this, idOf](quint32 index) { m_records->deleteIncident(idOf(index)); });
    connect(m_detail, &DetailPane::editRequested, this, [this] {
        if (m_detail->incident())
            m_records->editIncident(m_detail->incident()->id);
    });
    connect(m_detail, &DetailPane::revertRequested, this, [this] {
        if (m_detail->incident())
            m_records->revertIncident(m_detail->incident()->id);
    });
    connect(m_document, &DocumentController::recordsChanged, this, &MainWindow::showChangedRecord);
    connect(m_records, &RecordActions::recordSaved, this, [this](const QString &id) {
        revealIncident(id);
        statusBar()->showMessage(tr("Saved %1").arg(id), 4000);
    });
    connect(m_records, &RecordActions::failed, this, [this](const QString &error) {
        auto *box = new QMessageBox(QMessageBox::Warning, tr("Not saved"), error, QMessageBox::Ok, this);
        box->setTextFormat(Qt::PlainText);
        box->setAttribute(Qt::WA_DeleteOnClose);
        box->open();
    });
}

void MainWindow::showChangedRecord(const QString &id)
{
    // The columns were patched (DocumentController::changeRecord): indexes after the changed
    // record moved, so the table's current row is found again by id, not by index.
    Q_UNUSED(id);
    QElapsedTimer clock;
    clock.start();
    const QString currentId = m_detail->incident() ? m_detail->incident()->id : QString();
    m_table->selectionModel()->clear();
    const auto columns = m_document->columns();
    m_filterPane->setColumns(columns);
    std::vector<IncidentColumns::Index> all(columns->size());
    std::iota(all.begin(), all.end(), IncidentColumns::Index(0));
    m_overview->setIncidents(columns, all);
    applyFilter();
    if (!currentId.isEmpty())
        selectIncident(currentId);
    showCurrent();
    qCDebug(lcUi) << "record change shown in" << clock.elapsed() << "ms";
}

void MainWindow::revealIncident(const QString &id)
{
    if (selectIncident(id))
        return;
    // In the document, but the filter leaves it out: shown in the detail pane, marked as such.
    const auto columns = m_document->columns();
    const qint64 index = columns ? columns->indexOfId(id) : -1;
    if (index >= 0) {
        m_detail->setIncident(m_document->incidentByRowid(columns->rowid[std::size_t(index)]));
        m_detail->setExcludedByFilter(true);
    }
}
