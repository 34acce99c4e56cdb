#include "mainwindow.h"

#include "document/documentcontroller.h"
#include "domain/countries.h"
#include "domain/regions.h"
#include "editor/recordactions.h"
#include "export/figureactions.h"
#include "help/aboutdialog.h"
#include "help/shortcutsdialog.h"
#include "import/csvmappingdialog.h"
#include "import/importreportdialog.h"
#include "models/incidenttablemodel.h"
#include "panes/detailpane.h"
#include "panes/filterpane.h"
#include "panes/filtersummary.h"
#include "present/storyactions.h"
#include "store/signalname.h"
#include "timeline/overviewstrip.h"
#include "timeline/timelineview.h"
#include "timeline/zoomstack.h"
#include "views/savedviews.h"
#include "widgets/safetextbrowser.h"
#include "widgets/tablecolumnfit.h"
#include "window/terminationsignals.h"

#include <QAccessible>
#include <QAction>
#include <QApplication>
#include <QClipboard>
#include <QCloseEvent>
#include <QDesktopServices>
#include <QDir>
#include <QDockWidget>
#include <QElapsedTimer>
#include <QFileDialog>
#include <QHeaderView>
#include <QInputDialog>
#include <QLabel>
#include <QLineEdit>
#include <QLoggingCategory>
#include <QMenuBar>
#include <QMessageBox>
#include <QPlainTextEdit>
#include <QProgressDialog>
#include <QRegularExpression>
#include <QSettings>
#include <QSplitter>
#include <QStatusBar>
#include <QTableView>
#include <QTimer>
#include <QToolBar>
#include <QVBoxLayout>
#include <numeric>
#include <set>

Q_LOGGING_CATEGORY(lcUi, "faultline.ui", QtInfoMsg)

namespace {
// A message that does not block: window-modal, deleted once closed. Text from documents and
// files is shown as plain text.
void showMessage(
    QWidget *parent, QMessageBox::Icon icon, const QString &title, const QString &text, const QString &details = {})
{
    auto *box = new QMessageBox(icon, title, text, QMessageBox::Ok, parent);
    box->setTextFormat(Qt::PlainText);
    if (!details.isEmpty())
        box->setDetailedText(details);
    box->setAttribute(Qt::WA_DeleteOnClose);
    box->open();
}
} // namespace

MainWindow::MainWindow(QWidget *parent)
    : QMainWindow(parent)
    , m_document(new DocumentController(this))
    , m_model(new IncidentTableModel(this))
    , m_table(new QTableView(this))
    , m_timeline(new TimelineView(this))
    , m_overview(new OverviewStrip(this))
    , m_filterPane(new FilterPane(this))
    , m_detail(new DetailPane(this))
    , m_search(new QLineEdit(this))
    , m_summary(new FilterSummary(this))
    , m_count(new QLabel(this))
    , m_splitter(new QSplitter(Qt::Vertical, this))
    , m_searchDelay(new QTimer(this))
{
    setWindowTitle(tr("Faultline"));
    setUpTable();
    setUpSearch();
    setUpCentralWidget();
    setUpDocks();
    statusBar()->addPermanentWidget(m_count);
    m_count->setAccessibleName(tr("Incident count"));
    m_records = new RecordActions(this, m_document, [this] {
        return m_detail->incident() && !m_detail->isExcludedByFilter() ? m_detail->incident()->id : QString();
    });
    connectTimeline();
    connectDetailPane();
    connectDocument();
    connectRecords();
    createFileMenu();
    createEditMenu();
    createViewMenu();
    createHelpMenu();
    createToolBar();
    setAcceptDrops(true);
    restoreWindowGeometry();
    setUpTabOrder();
    updateStatus();
}

MainWindow::~MainWindow() = default;

// --- building the window -------------------------------------------------------------------

void MainWindow::setUpTable()
{
    m_table->setModel(m_model);
    m_table->setSortingEnabled(true);
    m_table->sortByColumn(IncidentTableModel::DateColumn, Qt::AscendingOrder);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::ExtendedSelection);
    m_table->setAlternatingRowColors(true);
    m_table->setWordWrap(false);
    m_table->verticalHeader()->hide();
    m_table->verticalHeader()->setDefaultSectionSize(m_table->fontMetrics().height() + 8);
    m_table->horizontalHeader()->setStretchLastSection(false);
    // Tab leaves the table (arrows move within it), so the keyboard is never trapped there.
    m_table->setTabKeyNavigation(false);
    // On a narrow window the other columns give up width before the title does.
    new TableColumnFit(m_table, IncidentTableModel::TitleColumn,
        { { IncidentTableModel::DateColumn, 100 }, { IncidentTableModel::VictimsColumn, 150 },
            { IncidentTableModel::AttributedToColumn, 110 }, { IncidentTableModel::TypeColumn, 100 },
            { IncidentTableModel::ActorColumn, 140 }, { IncidentTableModel::AttributionColumn, 90 } },
        { IncidentTableModel::DateColumn });
    m_table->setAccessibleName(tr("Incidents"));
    connect(m_table->selectionModel(), &QItemSelectionModel::currentRowChanged, this, &MainWindow::showCurrent);
}

void MainWindow::setUpSearch()
{
    m_search->setPlaceholderText(tr("Search titles, summaries, actors, tags (Ctrl+F)"));
    m_search->setClearButtonEnabled(true);
    m_search->setAccessibleName(tr("Search"));
    // Narrow enough to stay in the tool bar on a 1280-pixel projector (a tool bar moves what does
    // not fit into its overflow menu, out of reach of Tab); it widens when there is room.
    m_search->setMinimumWidth(180);
    m_search->setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Fixed);
    // Typing settles before the search runs.
    m_searchDelay->setSingleShot(true);
    m_searchDelay->setInterval(150);
    connect(m_search, &QLineEdit::textChanged, m_searchDelay, qOverload<>(&QTimer::start));
    connect(m_searchDelay, &QTimer::timeout, this, [this] {
        m_filter.search = m_search->text().trimmed();
        applyFilter();
    });
}

void MainWindow::setUpCentralWidget()
{
    auto *timelinePane = new QWidget(this);
    auto *timelineLayout = new QVBoxLayout(timelinePane);
    timelineLayout->setContentsMargins(0, 0, 0, 0);
    timelineLayout->setSpacing(0);
    timelineLayout->addWidget(m_summary);
    timelineLayout->addWidget(m_overview);
    timelineLayout->addWidget(m_timeline, 1);
    m_timeline->setAccessibleName(tr("Timeline"));
    m_overview->setAccessibleName(tr("Overview of all incidents by month"));
    m_splitter->addWidget(timelinePane);
    m_splitter->addWidget(m_table);
    m_splitter->setStretchFactor(0, 3);
    m_splitter->setStretchFactor(1, 2);
    setCentralWidget(m_splitter);
}

void MainWindow::setUpDocks()
{
    // The detail pane runs the full height on the right: a record with its sources is long.
    auto *detailDock = new QDockWidget(tr("Incident"), this);
    detailDock->setObjectName(QStringLiteral("detailDock"));
    detailDock->setWidget(m_detail);
    detailDock->setFeatures(QDockWidget::DockWidgetMovable | QDockWidget::DockWidgetClosable);
    addDockWidget(Qt::RightDockWidgetArea, detailDock);

    auto *filterDock = new QDockWidget(tr("Filters"), this);
    filterDock->setObjectName(QStringLiteral("filterDock"));
    filterDock->setWidget(m_filterPane);
    filterDock->setFeatures(QDockWidget::DockWidgetMovable | QDockWidget::DockWidgetClosable);
    addDockWidget(Qt::LeftDockWidgetArea, filterDock);
    // The summary line's clear buttons change the filter as a whole, search included.
    connect(m_summary, &FilterSummary::filterChanged, this, &MainWindow::setFilter);
    connect(m_filterPane, &FilterPane::filterChanged, this, [this](const Filter &f) {
        m_filter = f;
        m_filter.search = m_search->text().trimmed();
        applyFilter();
    });
}

void MainWindow::connectTimeline()
{
    m_timeline->setSelectionModel(m_table->selectionModel());
    connect(m_timeline, &TimelineView::visibleRangeChanged, m_overview, &OverviewStrip::setVisibleRange);
    connect(m_overview, &OverviewStrip::rangeRequested, m_timeline, &TimelineView::setVisibleRange);
    connect(m_timeline, &TimelineView::currentIncidentChanged, this, [this](qint64 i) {
        if (i >= 0)
            m_table->scrollTo(m_model->index(m_model->rowOfIndex(IncidentColumns::Index(i)), 0));
    });
    connect(m_timeline, &TimelineView::filterToRowRequested, this, &MainWindow::filterToRow);
    connect(m_timeline, &TimelineView::openSourcesRequested, this, &MainWindow::openSources);
    connect(m_timeline, &TimelineView::copyCitationRequested, this, &MainWindow::copyCitation);
    connect(m_timeline, &TimelineView::editNoteRequested, this, [this](quint32 index) {
        const auto columns = m_document->columns();
        if (columns && index < columns->size() && selectIncident(columns->id(index)))
            m_detail->notesEdit()->setFocus();
    });
}

void MainWindow::connectDetailPane()
{
    connect(m_detail, &DetailPane::previousRequested, this, [this] { step(-1); });
    connect(m_detail, &DetailPane::nextRequested, this, [this] { step(+1); });
    connect(
        m_detail, &DetailPane::statusMessage, this, [this](const QString &m) { statusBar()->showMessage(m, 5000); });
    connect(m_detail, &DetailPane::clearFilterRequested, this, [this] {
        const QString id = m_detail->incident() ? m_detail->incident()->id : QString();
        setFilter(Filter {});
        selectIncident(id);
    });
    connect(m_detail, &DetailPane::openUrlRequested, this, [](const QUrl &url) { QDesktopServices::openUrl(url); });
    connect(m_detail, &DetailPane::notesEdited, this, [this](const QString &id, const QString &notes) {
        QString error;
        if (m_document->setNotes(id, notes, &error))
            statusBar()->showMessage(tr("Notes saved"), 3000);
        else
            showMessage(this, QMessageBox::Warning, tr("Notes not saved"), error);
    });
}

void MainWindow::connectDocument()
{
    connect(m_document, &DocumentController::documentOpened, this, &MainWindow::showOpenedDocument);
    connect(m_document, &DocumentController::columnsLoaded, this, &MainWindow::showLoadedColumns);
    connect(m_document, &DocumentController::importFinished, this, &MainWindow::showImportResult);
    connect(m_document, &DocumentController::seedFailed, this, [this](const QString &error) {
        showMessage(this, QMessageBox::Warning, tr("Bundled dataset not loaded"), error);
    });
    connect(m_document, &DocumentController::loadFailed, this, [this](const QString &error) {
        showMessage(this, QMessageBox::Warning, tr("Cannot read the document"), error);
    });
    connect(m_document, &DocumentController::documentDamaged, this, [this](const QString &error) {
        showMessage(this, QMessageBox::Warning, tr("The document is damaged"),
            tr("%1\n\nWhat could be read is shown. Save what you need to a new document.").arg(error));
    });
}

void MainWindow::createFileMenu()
{
    QMenu *file = menuBar()->addMenu(tr("&File"));
    m_openAction = file->addAction(tr("&Open Database…"), QKeySequence::Open, this, &MainWindow::chooseDocument);
    m_importAction
        = file->addAction(tr("&Import Records…"), QKeySequence(Qt::CTRL | Qt::Key_I), this, &MainWindow::chooseImport);
    m_importFolderAction = file->addAction(tr("Import &Folder…"), this, &MainWindow::chooseImportFolder);
    file->addAction(tr("Save a &Copy As…"), QKeySequence::SaveAs, this, &MainWindow::saveCopy);
    file->addAction(tr("Add &Bundled Dataset"), this, &MainWindow::addBundledDataset);
    file->addSeparator();
    m_figures = new FigureActions(
        this, m_document, [this] { return FigureActions::viewState(*m_timeline, m_filter); },
        [this] { return FigureActions::rowidsInDateOrder(*m_model); });
    file->addActions({ m_figures->exportFigureAction(), m_figures->exportDataAction(), m_figures->printAction() });
    StoryActions::addFileActions(this, file);
    file->addSeparator();
    file->addAction(tr("&Quit"), QKeySequence::Quit, this, &QWidget::close);
}

void MainWindow::createEditMenu()
{
    QMenu *edit = menuBar()->addMenu(tr("&Edit"));
    m_records->addTo(edit);
    edit->addSeparator();
    edit->addAction(tr("&Find"), QKeySequence::Find, this, [this] {
        m_search->setFocus();
        m_search->selectAll();
    });
    edit->addAction(m_figures->copyFigureAction());
    edit->addAction(tr("Previous Incident"), QKeySequence(Qt::ALT | Qt::Key_Left), this, [this] { step(-1); });
    edit->addAction(tr("Next Incident"), QKeySequence(Qt::ALT | Qt::Key_Right), this, [this] { step(+1); });
}

void MainWindow::createViewMenu()
{
    QMenu *view = menuBar()->addMenu(tr("&View"));
    view->addAction(m_timeline->zoomInAction());
    view->addAction(m_timeline->zoomOutAction());
    view->addAction(m_timeline->zoomToFitAction());
    view->addAction(m_timeline->zoomToSelectionAction());
    view->addAction(m_timeline->zoomStack()->backAction());
    view->addAction(m_timeline->zoomStack()->forwardAction());
    view->addSeparator();
    // The same actions as the timeline's row menu: a choice in one is checked in the other.
    m_timeline->addRowChoiceMenus(view);
    view->addSeparator();
    view->addAction(tr("Save View As…"), QKeySequence(Qt::CTRL | Qt::Key_D), this, &MainWindow::saveViewAs);
    m_viewsMenu = view->addMenu(tr("Saved &Views"));
    rebuildViewsMenu();
    view->addSeparator();
    QAction *filters = findChild<QDockWidget *>(QStringLiteral("filterDock"))->toggleViewAction();
    filters->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_F));
    view->addAction(filters);
    QAction *details = findChild<QDockWidget *>(QStringLiteral("detailDock"))->toggleViewAction();
    details->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_I));
    view->addAction(details);
    addLayoutActions(view);
    StoryActions::addViewActions(this, view);
}

void MainWindow::createHelpMenu()
{
    QMenu *help = menuBar()->addMenu(tr("&Help"));
    help->addAction(tr("&Keyboard Shortcuts"), QKeySequence(Qt::CTRL | Qt::Key_Slash), this,
        [this] { (new ShortcutsDialog(*this, this))->open(); });
    help->addAction(tr("&About Faultline"), this, [this] { (new AboutDialog(this))->open(); });
}

void MainWindow::createToolBar()
{
    QToolBar *bar = addToolBar(tr("Main"));
    bar->setObjectName(QStringLiteral("mainToolBar"));
    bar->setMovable(false);
    // The search comes first: on a narrow window the tool bar hides what does not fit from its
    // end, and every button there is also in a menu, while the search field is not.
    bar->addWidget(m_search);
    bar->addSeparator();
    bar->addAction(m_openAction);
    bar->addAction(m_importAction);
    bar->addSeparator();
    bar->addAction(m_timeline->zoomStack()->backAction());
    bar->addAction(m_timeline->zoomStack()->forwardAction());
    bar->addAction(m_timeline->zoomToFitAction());
    bar->addAction(m_figures->exportFigureAction());
}

// --- the document --------------------------------------------------------------------------

bool MainWindow::openDocument(const QString &path, bool seedIfNew)
{
    // Notes typed on the current incident belong to the current document.
    m_detail->savePendingNotes();
    QString error;
    if (!m_document->open(path, seedIfNew, &error)) {
        showMessage(this, QMessageBox::Warning, tr("Cannot open the document"), error);
        return false;
    }
    // Pick up where the user left off; on a first start, open the story the dataset begins with.
    restoreViewState();
    return true;
}

void MainWindow::showOpenedDocument()
{
    const QString path = m_document->path();
    setWindowFilePath(path);
    setWindowTitle(tr("%1 – Faultline%2")
                       .arg(QFileInfo(path).fileName(), m_document->isReadOnly() ? tr(" (read-only)") : QString()));
    m_detail->setReadOnly(m_document->isReadOnly());
    // The current row belongs to the previous document.
    m_table->selectionModel()->clear();
}

void MainWindow::showLoadedColumns()
{
    QElapsedTimer clock;
    clock.start();
    const auto columns = m_document->columns();
    m_filterPane->setColumns(columns);
    std::vector<IncidentColumns::Index> all(columns->size());
    std::iota(all.begin(), all.end(), IncidentColumns::Index(0));
    m_overview->setIncidents(columns, all);
    qCDebug(lcUi) << "facets and overview in" << clock.restart() << "ms";
    applyFilter();
}

void MainWindow::chooseDocument()
{
    const QString path = QFileDialog::getOpenFileName(this, tr("Open Database"), QDir::homePath(),
        tr("Faultline documents (*.faultline *.db *.sqlite);;All files (*)"));
    if (!path.isEmpty())
        openDocument(path);
}

void MainWindow::saveCopy()
{
    if (!m_document->isOpen())
        return;
    const QString target = QFileDialog::getSaveFileName(this, tr("Save a Copy"),
        QDir::homePath() + QStringLiteral("/incidents.faultline"), tr("Faultline documents (*.faultline)"));
    if (target.isEmpty())
        return;
    QString error;
    if (m_document->saveCopy(target, &error))
        statusBar()->showMessage(tr("Saved a copy as %1").arg(QDir::toNativeSeparators(target)), 5000);
    else
        showMessage(this, QMessageBox::Warning, tr("Copy not saved"), error);
}

// --- imports -------------------------------------------------------------------------------

void MainWindow::chooseImport()
{
    // JSON covers Faultline's own format, STIX bundles, MISP events and VERIS records; a zip
    // of any of them is read without unpacking it.
    const QStringList files = QFileDialog::getOpenFileNames(
        this, tr("Import Records"), QDir::homePath(), tr("Incident files (*.json *.csv *.zip);;All files (*)"));
    if (!files.isEmpty())
        importFiles(files);
}

void MainWindow::chooseImportFolder()
{
    // Every file in it and its subfolders, as a dropped folder: a VCDB checkout, a MISP feed.
    const QString folder = QFileDialog::getExistingDirectory(this, tr("Import Folder"), QDir::homePath());
    if (!folder.isEmpty())
        importFiles({ folder });
}

void MainWindow::importFiles(const QStringList &requested)
{
    // A CSV that is not in Faultline's format is read through a mapping the user makes (or
    // loads) in the mapping dialog; cancelling it leaves that file out.
    QStringList files;
    QHash<QString, std::shared_ptr<const CsvMapping>> mappings;
    for (const QString &file : requested) {
        if (!Importer::needsCsvMapping(file)) {
            files << file;
            continue;
        }
        CsvMappingDialog dialog(file, this);
        if (dialog.exec() != QDialog::Accepted)
            continue;
        mappings.insert(file, std::make_shared<const CsvMapping>(dialog.mapping()));
        files << file;
    }
    if (files.isEmpty())
        return;
    QString whyNot;
    if (!m_document->importFiles(files, &whyNot, mappings)) {
        showMessage(this, QMessageBox::Information, tr("Nothing imported"), whyNot);
        return;
    }
    auto *progress
        = new QProgressDialog(files.size() == 1 ? tr("Importing %1…").arg(QFileInfo(files.first()).fileName())
                                                : tr("Importing %1 files…").arg(files.size()),
            tr("Cancel"), 0, 1000, this);
    progress->setWindowModality(Qt::WindowModal);
    progress->setMinimumDuration(300);
    progress->setAttribute(Qt::WA_DeleteOnClose);
    connect(progress, &QProgressDialog::canceled, m_document, &DocumentController::cancelImport);
    connect(m_document, &DocumentController::importProgress, progress, &QProgressDialog::setValue);
    connect(m_document, &DocumentController::importFinished, progress, &QProgressDialog::close);
}

void MainWindow::closeForSignal(int signal)
{
    if (m_closingForSignal)
        return;
    m_closingForSignal = signal;
    statusBar()->showMessage(tr("Closing: %1 received").arg(signalName(signal)));
    if (m_document->isImporting())
        m_document->cancelImport(); // closing goes on when importFinished() says it rolled back
    else
        finishClosingForSignal();
}

void MainWindow::finishClosingForSignal()
{
    for (QWidget *dialog : QApplication::topLevelWidgets()) {
        if (dialog != this && dialog->isVisible())
            dialog->close();
    }
    close();
    emit closedBySignal(128 + m_closingForSignal);
}

void MainWindow::showImportResult(const Importer::Result &result)
{
    if (m_closingForSignal) {
        finishClosingForSignal();
        return;
    }
    if (!result.failed)
        statusBar()->showMessage(result.summary() + QStringLiteral("; ") + result.documentLine(), 10000);
    if (!result.failed && result.diagnostics.isEmpty())
        return; // the status bar says all there is
    for (ImportReportDialog *previous : findChildren<ImportReportDialog *>())
        previous->close();
    auto *report = new ImportReportDialog(result, this);
    report->setAttribute(Qt::WA_DeleteOnClose);
    report->setRecordLookup([this](const QString &id) {
        const auto columns = m_document->columns();
        return columns && columns->indexOfId(id) >= 0;
    });
    connect(report, &ImportReportDialog::incidentRequested, this, &MainWindow::revealIncident);
    report->show();
}

// --- filter, table and selection -----------------------------------------------------------

void MainWindow::filterToRow(RowKey grouping, RegionLevel level, const QString &key)
{
    // The row's criterion is added to the filter; the others stay.
    Filter f = m_filter;
    switch (grouping) {
    case RowKey::VictimCountry:
        if (level == RegionLevel::None)
            f.countries = { key };
        else
            f.regions = { key };
        break;
    case RowKey::AttackerCountry:
        // An attacker region is the attacker countries of the document that lie in it.
        f.attackerCountries = { key };
        if (const auto columns = m_document->columns(); columns && level != RegionLevel::None) {
            f.attackerCountries.clear();
            for (const auto k : std::set<std::uint16_t>(columns->attackerCodes.begin(), columns->attackerCodes.end())) {
                if (Regions::instance().contains(key, columns->countries.at(k)))
                    f.attackerCountries << columns->countries.at(k);
            }
        }
        break;
    case RowKey::Actor:
        f.actors = { key };
        break;
    case RowKey::Type:
        if (const auto type = Vocabulary::typeFromKey(key))
            f.types = { *type };
        break;
    case RowKey::Sector:
        if (const auto sector = Vocabulary::sectorFromKey(key))
            f.sectors = sectorBit(*sector);
        break;
    }
    setFilter(f);
}

void MainWindow::setFilter(const Filter &filter)
{
    m_filter = filter;
    m_search->blockSignals(true);
    m_search->setText(filter.search);
    m_search->blockSignals(false);
    m_filterPane->setFilter(filter);
    applyFilter();
}

void MainWindow::applyFilter()
{
    const auto columns = m_document->columns();
    if (!columns)
        return;
    QElapsedTimer clock;
    clock.start();
    // The incident being read: the table's current one, or the one the detail pane still shows
    // after an earlier filter left it out.
    const QModelIndex current = m_table->currentIndex();
    qint64 currentIndex = current.isValid() ? qint64(current.data(IncidentTableModel::IndexRole).toUInt()) : -1;
    if (currentIndex < 0 && m_detail->incident())
        currentIndex = columns->indexOfId(m_detail->incident()->id);
    FilterEngine::Result result = m_document->applyFilter(m_filter);
    const qint64 engineMs = clock.restart();
    m_filterPane->setCounts(result.counts);
    m_summary->setFilter(m_filter);
    m_detail->setHighlightTerms(m_filter.search.split(QRegularExpression(QStringLiteral("\\s+")), Qt::SkipEmptyParts));
    m_model->setIncidents(columns, std::move(result.indices));
    m_timeline->setIncidents(columns, m_model->indices());
    // Resetting the table drops its current row without a signal: an incident the filter now
    // leaves out stays in the detail pane, marked as such, never as if it were a result.
    if (currentIndex >= 0 && !selectIndex(IncidentColumns::Index(currentIndex)))
        m_detail->setExcludedByFilter(true);
    updateStatus();
    qCDebug(lcUi) << "filter: engine" << engineMs << "ms, panes, table and timeline" << clock.elapsed() << "ms";
}

int MainWindow::visibleCount() const
{
    return m_model->rowCount();
}

bool MainWindow::selectIncident(const QString &id)
{
    const auto columns = m_document->columns();
    if (!columns || id.isEmpty())
        return false;
    const qint64 index = columns->indexOfId(id);
    return index >= 0 && selectIndex(IncidentColumns::Index(index));
}

bool MainWindow::selectIndex(IncidentColumns::Index index)
{
    const int row = m_model->rowOfIndex(index);
    if (row < 0)
        return false;
    const QModelIndex target = m_model->index(row, IncidentTableModel::TitleColumn);
    m_table->selectionModel()->setCurrentIndex(target, QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
    m_table->scrollTo(target);
    return true;
}

void MainWindow::showCurrent()
{
    const QModelIndex current = m_table->currentIndex();
    if (!current.isValid()) {
        m_detail->setIncident(std::nullopt);
        return;
    }
    const auto incident = m_document->incidentByRowid(current.data(IncidentTableModel::RowidRole).toLongLong());
    m_detail->setIncident(incident);
    if (incident) {
        const UserRecords::Kind kind = m_document->recordState(incident->id).kind;
        m_detail->setLocalState(kind == UserRecords::Kind::Edited ? DetailPane::LocalState::EditedLocally
                : kind == UserRecords::Kind::User                 ? DetailPane::LocalState::UserRecord
                                                                  : DetailPane::LocalState::Imported);
    }
    m_records->updateActions();
    m_timeline->revealIncident(current.data(IncidentTableModel::IndexRole).toUInt());
    if (incident)
        describeForScreenReaders(*incident);
}

void MainWindow::describeForScreenReaders(const Incident &incident)
{
    // Screen readers hear which incident the timeline has selected.
    QStringList victims;
    for (const QString &code : incident.victims)
        victims << Countries::instance().name(code);
    m_timeline->setAccessibleDescription(
        tr("Selected: %1, %2. %3. %4; %5.")
            .arg(incident.start.toDisplayString(), victims.join(QStringLiteral(", ")), incident.title,
                Vocabulary::typeLabel(incident.type), Vocabulary::attributionLabel(incident.attribution)));
    QAccessibleEvent event(m_timeline, QAccessible::DescriptionChanged);
    QAccessible::updateAccessibility(&event);
}

void MainWindow::step(int delta)
{
    const int rows = m_model->rowCount();
    if (rows == 0)
        return;
    const int row = std::clamp(m_table->currentIndex().row() + delta, 0, rows - 1);
    const QModelIndex target = m_model->index(row, IncidentTableModel::TitleColumn);
    m_table->selectionModel()->setCurrentIndex(target, QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
    m_table->scrollTo(target);
}

void MainWindow::updateStatus()
{
    const auto columns = m_document->columns();
    const int total = columns ? int(columns->size()) : 0;
    m_count->setText(tr("%L1 of %L2 incidents").arg(m_model->rowCount()).arg(total));
}

void MainWindow::openSources(quint32 index)
{
    const auto incident = m_document->incidentAt(index);
    if (!incident)
        return;
    int opened = 0;
    for (const Source &s : incident->sources) {
        const QUrl url(s.url, QUrl::StrictMode);
        if (SafeTextBrowser::isOpenable(url) && QDesktopServices::openUrl(url))
            ++opened;
    }
    statusBar()->showMessage(
        opened ? tr("Opened %n source(s) in the browser", nullptr, opened) : tr("This incident has no web sources"),
        5000);
}

void MainWindow::copyCitation(quint32 index)
{
    if (const auto incident = m_document->incidentAt(index)) {
        QApplication::clipboard()->setText(incident->citation());
        statusBar()->showMessage(tr("Citation copied"), 3000);
    }
}
