#include "mainwindow.h"

#include "domain/countries.h"
#include "import/importer.h"
#include "models/incidenttablemodel.h"
#include "panes/detailpane.h"
#include "panes/filterpane.h"
#include "timeline/overviewstrip.h"
#include "timeline/timelineview.h"
#include "timeline/zoomstack.h"
#include "query/filterengine.h"
#include "store/database.h"
#include "store/incidentstore.h"
#include "widgets/safetextbrowser.h"

#include <QAccessible>
#include <QAction>
#include <QActionGroup>
#include <QClipboard>
#include <QPlainTextEdit>

#include <numeric>
#include <QApplication>
#include <QCloseEvent>
#include <QDesktopServices>
#include <QDir>
#include <QDragEnterEvent>
#include <QDropEvent>
#include <QMimeData>
#include <QElapsedTimer>
#include <QDockWidget>
#include <QVBoxLayout>
#include <QFileDialog>
#include <QFutureWatcher>
#include <QHeaderView>
#include <QInputDialog>
#include <QLabel>
#include <QLineEdit>
#include <QLoggingCategory>
#include <QMenuBar>
#include <QMessageBox>
#include <QProgressDialog>
#include <QRegularExpression>
#include <QSettings>
#include <QSplitter>
#include <QStatusBar>
#include <QTableView>
#include <QTimer>
#include <QToolBar>
#include <QtConcurrent>

#include <atomic>

Q_LOGGING_CATEGORY(lcUi, "faultline.ui", QtInfoMsg)

MainWindow::MainWindow(QWidget *parent)
    : QMainWindow(parent)
    , m_model(new IncidentTableModel(this))
    , m_table(new QTableView(this))
    , m_timeline(new TimelineView(this))
    , m_overview(new OverviewStrip(this))
    , m_filterPane(new FilterPane(this))
    , m_detail(new DetailPane(this))
    , m_search(new QLineEdit(this))
    , m_count(new QLabel(this))
    , m_splitter(new QSplitter(Qt::Vertical, this))
    , m_searchDelay(new QTimer(this))
{
    setWindowTitle(tr("Faultline"));
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
    m_table->horizontalHeader()->setSectionResizeMode(IncidentTableModel::TitleColumn, QHeaderView::Stretch);
    m_table->setColumnWidth(IncidentTableModel::DateColumn, 100);
    m_table->setColumnWidth(IncidentTableModel::VictimsColumn, 150);
    m_table->setColumnWidth(IncidentTableModel::TypeColumn, 100);
    m_table->setColumnWidth(IncidentTableModel::ActorColumn, 140);
    m_table->setColumnWidth(IncidentTableModel::AttributionColumn, 90);
    m_table->setAccessibleName(tr("Incidents"));

    m_search->setPlaceholderText(tr("Search titles, summaries, actors, tags (Ctrl+F)"));
    m_search->setClearButtonEnabled(true);
    m_search->setAccessibleName(tr("Search"));
    m_search->setMinimumWidth(320);
    m_searchDelay->setSingleShot(true);
    m_searchDelay->setInterval(150);
    connect(m_search, &QLineEdit::textChanged, m_searchDelay, qOverload<>(&QTimer::start));
    connect(m_searchDelay, &QTimer::timeout, this, [this] {
        m_filter.search = m_search->text().trimmed();
        applyFilter();
    });

    auto *timelinePane = new QWidget(this);
    auto *timelineLayout = new QVBoxLayout(timelinePane);
    timelineLayout->setContentsMargins(0, 0, 0, 0);
    timelineLayout->setSpacing(0);
    timelineLayout->addWidget(m_overview);
    timelineLayout->addWidget(m_timeline, 1);
    m_timeline->setAccessibleName(tr("Timeline"));
    m_overview->setAccessibleName(tr("Overview of all incidents by month"));
    m_splitter->addWidget(timelinePane);
    m_splitter->addWidget(m_table);
    m_splitter->setStretchFactor(0, 3);
    m_splitter->setStretchFactor(1, 2);
    setCentralWidget(m_splitter);

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
    connect(m_filterPane, &FilterPane::filterChanged, this, [this](const Filter &f) {
        m_filter = f;
        m_filter.search = m_search->text().trimmed();
        applyFilter();
    });

    m_timeline->setSelectionModel(m_table->selectionModel());
    connect(m_timeline, &TimelineView::visibleRangeChanged, m_overview, &OverviewStrip::setVisibleRange);
    connect(m_overview, &OverviewStrip::rangeRequested, m_timeline, &TimelineView::setVisibleRange);
    connect(m_timeline, &TimelineView::currentIncidentChanged, this, [this](qint64 i) {
        if (i >= 0)
            m_table->scrollTo(m_model->index(m_model->rowOfIndex(IncidentColumns::Index(i)), 0));
    });
    connect(m_timeline, &TimelineView::openSourcesRequested, this, &MainWindow::openSources);
    connect(m_timeline, &TimelineView::copyCitationRequested, this, &MainWindow::copyCitation);
    connect(m_timeline, &TimelineView::editNoteRequested, this, [this](quint32 index) {
        if (m_columns && selectIncident(m_columns->id(index)))
            m_detail->notesEdit()->setFocus();
    });
    statusBar()->addPermanentWidget(m_count);
    m_count->setAccessibleName(tr("Incident count"));

    connect(m_table->selectionModel(), &QItemSelectionModel::currentRowChanged, this, &MainWindow::showCurrent);
    connect(m_detail, &DetailPane::previousRequested, this, [this] { step(-1); });
    connect(m_detail, &DetailPane::nextRequested, this, [this] { step(+1); });
    connect(m_detail, &DetailPane::statusMessage, this, [this](const QString &m) { statusBar()->showMessage(m, 5000); });
    connect(m_detail, &DetailPane::openUrlRequested, this, [](const QUrl &url) { QDesktopServices::openUrl(url); });
    connect(m_detail, &DetailPane::notesEdited, this, [this](const QString &id, const QString &notes) {
        if (!m_db)
            return;
        QString error;
        if (!IncidentStore(*m_db).setNotes(id, notes, &error))
            QMessageBox::warning(this, tr("Notes not saved"), error);
        else
            statusBar()->showMessage(tr("Notes saved"), 3000);
    });

    createActions();
    setAcceptDrops(true);
    QSettings settings;
    restoreGeometry(settings.value(QStringLiteral("window/geometry")).toByteArray());
    restoreState(settings.value(QStringLiteral("window/state")).toByteArray());
    m_splitter->restoreState(settings.value(QStringLiteral("window/splitter")).toByteArray());
    if (!settings.contains(QStringLiteral("window/geometry"))) {
        resize(1500, 940);
        m_splitter->setSizes({580, 320});
        resizeDocks({findChild<QDockWidget *>(QStringLiteral("detailDock"))}, {430}, Qt::Horizontal);
    }
    updateStatus();
}

MainWindow::~MainWindow() = default;

void MainWindow::createActions()
{
    QMenu *file = menuBar()->addMenu(tr("&File"));
    QAction *open = file->addAction(tr("&Open Database…"), this, &MainWindow::chooseDocument);
    open->setShortcut(QKeySequence::Open);
    QAction *import = file->addAction(tr("&Import Records…"), this, &MainWindow::chooseImport);
    import->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_I));
    QAction *saveCopy = file->addAction(tr("Save a &Copy As…"), this, [this] {
        if (!m_db)
            return;
        QString target = QFileDialog::getSaveFileName(this, tr("Save a Copy"), QDir::homePath() + QStringLiteral("/incidents.faultline"),
                                                      tr("Faultline documents (*.faultline)"));
        if (target.isEmpty())
            return;
        QString error;
        if (m_db->saveCopy(target, &error))
            statusBar()->showMessage(tr("Saved a copy as %1").arg(QDir::toNativeSeparators(target)), 5000);
        else
            QMessageBox::warning(this, tr("Copy not saved"), error);
    });
    saveCopy->setShortcut(QKeySequence::SaveAs);
    file->addSeparator();
    QAction *quit = file->addAction(tr("&Quit"), this, &QWidget::close);
    quit->setShortcut(QKeySequence::Quit);

    QMenu *edit = menuBar()->addMenu(tr("&Edit"));
    QAction *find = edit->addAction(tr("&Find"), this, [this] {
        m_search->setFocus();
        m_search->selectAll();
    });
    find->setShortcut(QKeySequence::Find);
    QAction *previous = edit->addAction(tr("Previous Incident"), this, [this] { step(-1); });
    previous->setShortcut(QKeySequence(Qt::ALT | Qt::Key_Left));
    QAction *next = edit->addAction(tr("Next Incident"), this, [this] { step(+1); });
    next->setShortcut(QKeySequence(Qt::ALT | Qt::Key_Right));

    QMenu *view = menuBar()->addMenu(tr("&View"));
    view->addAction(m_timeline->zoomInAction());
    view->addAction(m_timeline->zoomOutAction());
    view->addAction(m_timeline->zoomToFitAction());
    view->addAction(m_timeline->zoomToSelectionAction());
    view->addAction(m_timeline->zoomStack()->backAction());
    view->addAction(m_timeline->zoomStack()->forwardAction());
    view->addSeparator();
    QMenu *rows = view->addMenu(tr("&Rows"));
    auto *rowGroup = new QActionGroup(this);
    const QList<QPair<QString, RowKey>> keys = {{tr("Victim countries"), RowKey::VictimCountry},
                                                {tr("Attacker countries"), RowKey::AttackerCountry},
                                                {tr("Actors"), RowKey::Actor},
                                                {tr("Types"), RowKey::Type},
                                                {tr("Sectors"), RowKey::Sector}};
    for (const auto &[label, key] : keys) {
        QAction *a = rows->addAction(label);
        a->setCheckable(true);
        a->setChecked(key == RowKey::VictimCountry);
        rowGroup->addAction(a);
        connect(a, &QAction::triggered, this, [this, key = key] {
            RowOptions options = m_timeline->rowOptions();
            options.key = key;
            m_timeline->setRowOptions(options);
        });
    }
    connect(m_timeline, &TimelineView::rowOptionsChanged, this, [rowGroup, keys](const RowOptions &options) {
        for (qsizetype i = 0; i < keys.size(); ++i)
            rowGroup->actions().at(i)->setChecked(keys.at(i).second == options.key);
    });
    QMenu *sort = view->addMenu(tr("&Sort Rows By"));
    const QList<QPair<QString, RowSort>> sorts = {{tr("Number of incidents"), RowSort::Count},
                                                  {tr("Name"), RowSort::Name},
                                                  {tr("First incident"), RowSort::FirstIncident},
                                                  {tr("Region"), RowSort::Region}};
    for (const auto &[label, order] : sorts) {
        sort->addAction(label, this, [this, order = order] {
            RowOptions options = m_timeline->rowOptions();
            options.sort = order;
            m_timeline->setRowOptions(options);
        });
    }
    view->addSeparator();
    QAction *saveView = view->addAction(tr("Save View As…"), this, [this] {
        bool ok = false;
        const QString name = QInputDialog::getText(this, tr("Save View"), tr("Name of this view (filters, dates, rows):"),
                                                   QLineEdit::Normal, QString(), &ok).trimmed();
        if (ok && !name.isEmpty())
            saveNamedView(name);
    });
    saveView->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_D));
    m_viewsMenu = view->addMenu(tr("Saved &Views"));
    rebuildViewsMenu();
    view->addSeparator();
    QAction *filters = findChild<QDockWidget *>(QStringLiteral("filterDock"))->toggleViewAction();
    filters->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_F));
    view->addAction(filters);
    QAction *details = findChild<QDockWidget *>(QStringLiteral("detailDock"))->toggleViewAction();
    details->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_I));
    view->addAction(details);

    QToolBar *bar = addToolBar(tr("Main"));
    bar->setObjectName(QStringLiteral("mainToolBar"));
    bar->setMovable(false);
    bar->addAction(open);
    bar->addAction(import);
    bar->addSeparator();
    bar->addAction(m_timeline->zoomStack()->backAction());
    bar->addAction(m_timeline->zoomStack()->forwardAction());
    bar->addAction(m_timeline->zoomToFitAction());
    bar->addSeparator();
    bar->addWidget(m_search);
}

bool MainWindow::openDocument(const QString &path, bool seedIfNew)
{
    QElapsedTimer clock;
    clock.start();
    auto db = std::make_unique<Database>();
    db->setQuickCheckOnOpen(false); // checked in the background once the first frame is up
    QString error;
    if (!db->open(path, Database::Mode::ReadWrite, &error)) {
        QMessageBox::warning(this, tr("Cannot open the document"), error);
        return false;
    }
    if (seedIfNew && db->wasCreated()) {
        const Importer::Result seeded = Importer::importBundled(*db);
        if (seeded.failed)
            QMessageBox::warning(this, tr("Bundled dataset not loaded"), seeded.error);
    }
    m_db = std::move(db);
    setWindowFilePath(path);
    setWindowTitle(tr("%1 – Faultline%2")
                       .arg(QFileInfo(path).fileName(), m_db->isReadOnly() ? tr(" (read-only)") : QString()));
    m_detail->setReadOnly(m_db->isReadOnly());
    reload();
    // Pick up where the user left off; on a first start, open the story the dataset begins with.
    restoreViewState();
    checkDocumentInBackground();
    return true;
}

void MainWindow::reload()
{
    if (!m_db)
        return;
    QElapsedTimer clock;
    clock.start();
    QString error;
    bool fromCache = false;
    IncidentStore store(*m_db);
    const qint64 generation = store.generation();
    auto columns = std::make_shared<IncidentColumns>(store.loadColumns(&error, IncidentStore::LoadMode::Auto, &fromCache));
    qCDebug(lcUi) << "columns loaded in" << clock.restart() << "ms" << (fromCache ? "from the cache" : "from the rows");
    if (!error.isEmpty())
        QMessageBox::warning(this, tr("Cannot read the document"), error);
    m_columns = std::move(columns);
    if (!fromCache && error.isEmpty() && !m_db->isReadOnly() && !m_columns->isEmpty())
        writeColumnCacheInBackground(generation);
    m_filterPane->setColumns(m_columns);
    std::vector<IncidentColumns::Index> all(m_columns->size());
    std::iota(all.begin(), all.end(), IncidentColumns::Index(0));
    m_overview->setIncidents(m_columns, all);
    qCDebug(lcUi) << "facets and overview in" << clock.restart() << "ms";
    applyFilter();
    qCDebug(lcUi) << "first filter in" << clock.restart() << "ms";
    emit documentLoaded();
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
    if (!m_columns)
        return;
    QElapsedTimer clock;
    clock.start();
    const QModelIndex current = m_table->currentIndex();
    const qint64 currentIndex = current.isValid() ? qint64(current.data(IncidentTableModel::IndexRole).toUInt()) : -1;
    QList<qint64> hits;
    if (!m_filter.search.isEmpty())
        hits = IncidentStore(*m_db).search(m_filter.search);
    FilterEngine::Result result = FilterEngine::apply(*m_columns, m_filter, m_filter.search.isEmpty() ? nullptr : &hits);
    const qint64 engineMs = clock.restart();
    m_filterPane->setCounts(result.counts);
    m_detail->setHighlightTerms(m_filter.search.split(QRegularExpression(QStringLiteral("\\s+")), Qt::SkipEmptyParts));
    const qint64 facetsMs = clock.restart();
    m_model->setIncidents(m_columns, std::move(result.indices));
    const qint64 tableMs = clock.restart();
    m_timeline->setIncidents(m_columns, m_model->indices());
    const qint64 timelineMs = clock.restart();
    if (currentIndex >= 0)
        selectIndex(IncidentColumns::Index(currentIndex));
    updateStatus();
    qCDebug(lcUi) << "filter: engine" << engineMs << "facets" << facetsMs << "table" << tableMs << "timeline" << timelineMs
                  << "selection" << clock.elapsed() << "ms";
}

int MainWindow::visibleCount() const { return m_model->rowCount(); }

bool MainWindow::selectIncident(const QString &id)
{
    if (!m_columns)
        return false;
    const qint64 index = m_columns->indexOfId(id);
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
    if (!current.isValid() || !m_db) {
        m_detail->setIncident(std::nullopt);
        return;
    }
    const auto incident = IncidentStore(*m_db).incidentByRowid(current.data(IncidentTableModel::RowidRole).toLongLong());
    m_detail->setIncident(incident);
    m_timeline->revealIncident(current.data(IncidentTableModel::IndexRole).toUInt());
    // Screen readers hear which incident the timeline has selected.
    if (incident) {
        QStringList victims;
        for (const QString &code : incident->victims)
            victims << Countries::instance().name(code);
        m_timeline->setAccessibleDescription(tr("Selected: %1, %2. %3. %4; %5.")
                                                 .arg(incident->start.toDisplayString(), victims.join(QStringLiteral(", ")),
                                                      incident->title, Vocabulary::typeLabel(incident->type),
                                                      Vocabulary::attributionLabel(incident->attribution)));
        QAccessibleEvent event(m_timeline, QAccessible::DescriptionChanged);
        QAccessible::updateAccessibility(&event);
    }
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
    const int total = m_columns ? int(m_columns->size()) : 0;
    m_count->setText(tr("%L1 of %L2 incidents").arg(m_model->rowCount()).arg(total));
}

void MainWindow::chooseDocument()
{
    const QString path = QFileDialog::getOpenFileName(this, tr("Open Database"), QDir::homePath(),
                                                      tr("Faultline documents (*.faultline *.db *.sqlite);;All files (*)"));
    if (!path.isEmpty())
        openDocument(path);
}

void MainWindow::chooseImport()
{
    const QStringList files = QFileDialog::getOpenFileNames(this, tr("Import Records"), QDir::homePath(),
                                                            tr("Incident files (*.json *.csv);;All files (*)"));
    if (!files.isEmpty())
        importFiles(files);
}

void MainWindow::importFiles(const QStringList &files)
{
    if (!m_db)
        return;
    if (m_db->isReadOnly()) {
        QMessageBox::information(this, tr("Read-only document"), tr("This document is read-only; nothing can be imported into it."));
        return;
    }
    auto *progress = new QProgressDialog(tr("Importing %n file(s)…", nullptr, int(files.size())), tr("Cancel"), 0, 1000, this);
    progress->setWindowModality(Qt::WindowModal);
    progress->setMinimumDuration(300);
    progress->setAttribute(Qt::WA_DeleteOnClose);
    auto cancel = std::make_shared<std::atomic_bool>(false);
    connect(progress, &QProgressDialog::canceled, this, [cancel] { *cancel = true; });

    // The worker opens its own connection: a connection belongs to the thread that opened it.
    const QString path = m_db->path();
    auto *watcher = new QFutureWatcher<Importer::Result>(this);
    connect(watcher, &QFutureWatcher<Importer::Result>::progressValueChanged, progress, &QProgressDialog::setValue);
    connect(watcher, &QFutureWatcher<Importer::Result>::finished, this, [this, watcher, progress] {
        const Importer::Result result = watcher->result();
        watcher->deleteLater();
        progress->close();
        QStringList lines;
        for (const Diagnostic &d : result.diagnostics.mid(0, 30))
            lines << d.toString();
        if (result.diagnostics.size() > 30)
            lines << tr("… and %n more", nullptr, int(result.diagnostics.size() - 30));
        if (result.failed) {
            QMessageBox box(QMessageBox::Warning, tr("Nothing imported"), result.error, QMessageBox::Ok, this);
            box.setTextFormat(Qt::PlainText);
            box.setDetailedText(lines.join(u'\n'));
            box.exec();
        } else {
            statusBar()->showMessage(result.summary(), 10000);
            if (!lines.isEmpty()) {
                QMessageBox box(QMessageBox::Information, tr("Import finished"), result.summary(), QMessageBox::Ok, this);
                box.setTextFormat(Qt::PlainText);
                box.setDetailedText(lines.join(u'\n'));
                box.exec();
            }
        }
        reload();
        emit importFinished();
    });
    watcher->setFuture(QtConcurrent::run([path, files, cancel](QPromise<Importer::Result> &promise) {
        Database db;
        Importer::Result total;
        QString error;
        if (!db.open(path, Database::Mode::ReadWrite, &error)) {
            total.failed = true;
            total.error = error;
            promise.addResult(total);
            return;
        }
        promise.setProgressRange(0, 1000);
        for (qsizetype i = 0; i < files.size() && !total.failed; ++i) {
            Importer::Options options;
            options.progress = [&](qint64 done, qint64 size) {
                const double part = size > 0 ? double(done) / double(size) : 0.0;
                promise.setProgressValue(int(1000.0 * (double(i) + part) / double(files.size())));
                return !*cancel;
            };
            total.add(Importer::importFile(db, files.at(i), options));
        }
        promise.addResult(total);
    }));
}

QStringList MainWindow::droppableFiles(const QMimeData *mime)
{
    QStringList files;
    if (!mime || !mime->hasUrls())
        return files;
    for (const QUrl &url : mime->urls()) {
        // Faultline is offline: a dropped web address is never fetched.
        if (!url.isLocalFile())
            continue;
        const QFileInfo info(url.toLocalFile());
        if (info.isFile()) // not a folder, pipe or device
            files << info.absoluteFilePath();
    }
    return files;
}

void MainWindow::dragEnterEvent(QDragEnterEvent *event)
{
    if (m_db && !m_db->isReadOnly() && !droppableFiles(event->mimeData()).isEmpty())
        event->acceptProposedAction();
}

void MainWindow::dropEvent(QDropEvent *event)
{
    const QStringList files = droppableFiles(event->mimeData());
    if (files.isEmpty())
        return;
    event->acceptProposedAction();
    importFiles(files);
}

void MainWindow::closeEvent(QCloseEvent *event)
{
    saveViewState();
    m_detail->setIncident(std::nullopt); // saves pending notes
    QSettings settings;
    settings.setValue(QStringLiteral("window/geometry"), saveGeometry());
    settings.setValue(QStringLiteral("window/state"), saveState());
    settings.setValue(QStringLiteral("window/splitter"), m_splitter->saveState());
    event->accept();
}

QVariantMap MainWindow::viewState() const
{
    const RowOptions &rows = m_timeline->rowOptions();
    return {{QStringLiteral("filter"), m_filter.toQueryString()},
            {QStringLiteral("firstDay"), m_timeline->firstDay()},
            {QStringLiteral("endDay"), m_timeline->endDay()},
            {QStringLiteral("rowKey"), int(rows.key)},
            {QStringLiteral("rowSort"), int(rows.sort)},
            {QStringLiteral("rowCollapse"), int(rows.collapse)},
            {QStringLiteral("rowHidden"), rows.hidden},
            {QStringLiteral("rowPinned"), rows.pinned}};
}

void MainWindow::applyViewState(const QVariantMap &state)
{
    RowOptions rows;
    rows.key = RowKey(std::clamp(state.value(QStringLiteral("rowKey")).toInt(), 0, int(RowKey::Sector)));
    rows.sort = RowSort(std::clamp(state.value(QStringLiteral("rowSort")).toInt(), 0, int(RowSort::Region)));
    rows.collapse = RegionLevel(std::clamp(state.value(QStringLiteral("rowCollapse")).toInt(), 0, int(RegionLevel::SubRegion)));
    rows.hidden = state.value(QStringLiteral("rowHidden")).toStringList();
    rows.pinned = state.value(QStringLiteral("rowPinned")).toStringList();
    m_timeline->setRowOptions(rows);
    setFilter(Filter::fromQueryString(state.value(QStringLiteral("filter")).toString()));
    const double first = state.value(QStringLiteral("firstDay")).toDouble();
    const double end = state.value(QStringLiteral("endDay")).toDouble();
    if (end > first)
        m_timeline->setVisibleRange(first, end);
}

void MainWindow::saveViewState() const
{
    QSettings settings;
    QVariantMap state = viewState();
    state.insert(QStringLiteral("document"), m_db ? m_db->path() : QString());
    state.insert(QStringLiteral("current"), m_detail->incident() ? m_detail->incident()->id : QString());
    settings.setValue(QStringLiteral("view/last"), state);
}

void MainWindow::restoreViewState()
{
    const QVariantMap state = QSettings().value(QStringLiteral("view/last")).toMap();
    // A view belongs to the document it was made on; another document starts fresh.
    if (!m_db || state.value(QStringLiteral("document")).toString() != m_db->path()) {
        selectIncident(QStringLiteral("fl-2022-al-akshi-shutdown"));
        return;
    }
    applyViewState(state);
    const QString current = state.value(QStringLiteral("current")).toString();
    if (current.isEmpty() || !selectIncident(current))
        selectIncident(QStringLiteral("fl-2022-al-akshi-shutdown"));
}

QStringList MainWindow::namedViews() const
{
    QSettings settings;
    settings.beginGroup(QStringLiteral("views"));
    QStringList names;
    for (const QString &key : settings.childKeys())
        names << settings.value(key).toMap().value(QStringLiteral("name")).toString();
    names.sort(Qt::CaseInsensitive);
    return names;
}

namespace {
// Settings keys must not carry slashes; the name itself is stored inside the value.
QString viewKey(const QString &name)
{
    return QString::fromLatin1(name.toUtf8().toHex());
}
} // namespace

void MainWindow::saveNamedView(const QString &name)
{
    QVariantMap state = viewState();
    state.insert(QStringLiteral("name"), name);
    QSettings().setValue(QStringLiteral("views/") + viewKey(name), state);
    rebuildViewsMenu();
}

bool MainWindow::openNamedView(const QString &name)
{
    const QVariantMap state = QSettings().value(QStringLiteral("views/") + viewKey(name)).toMap();
    if (state.isEmpty())
        return false;
    applyViewState(state);
    statusBar()->showMessage(tr("View \"%1\"").arg(name), 3000);
    return true;
}

void MainWindow::rebuildViewsMenu()
{
    if (!m_viewsMenu)
        return;
    m_viewsMenu->clear();
    const QStringList names = namedViews();
    for (const QString &name : names) {
        QAction *open = m_viewsMenu->addAction(QString(name).replace(u'&', QStringLiteral("&&")));
        connect(open, &QAction::triggered, this, [this, name] { openNamedView(name); });
    }
    if (names.isEmpty())
        m_viewsMenu->addAction(tr("No saved views"))->setEnabled(false);
    m_viewsMenu->addSeparator();
    QMenu *remove = m_viewsMenu->addMenu(tr("Delete View"));
    remove->setEnabled(!names.isEmpty());
    for (const QString &name : names) {
        connect(remove->addAction(QString(name).replace(u'&', QStringLiteral("&&"))), &QAction::triggered, this, [this, name] {
            QSettings().remove(QStringLiteral("views/") + viewKey(name));
            rebuildViewsMenu();
        });
    }
}

void MainWindow::checkDocumentInBackground()
{
    // PRAGMA quick_check reads the whole file. It starts once the window has painted and
    // settled, on its own connection, so it neither delays the first frame nor competes with it.
    const QString path = m_db->path();
    QTimer::singleShot(1500, this, [this, path] {
        if (!m_db || m_db->path() != path)
            return;
        auto *watcher = new QFutureWatcher<QString>(this);
        connect(watcher, &QFutureWatcher<QString>::finished, this, [this, watcher, path] {
            const QString error = watcher->result();
            watcher->deleteLater();
            if (!error.isEmpty() && m_db && m_db->path() == path)
                QMessageBox::warning(this, tr("The document is damaged"),
                                     tr("%1\n\nWhat could be read is shown. Save what you need to a new document.").arg(error));
            emit documentChecked(error.isEmpty());
        });
        watcher->setFuture(QtConcurrent::run([path] {
            QString error;
            Database::quickCheck(path, &error);
            return error;
        }));
    });
}

void MainWindow::writeColumnCacheInBackground(qint64 generation)
{
    // The next open reads these columns back in a fraction of the time the rows take. Written
    // once the window has settled, on its own connection; an import in between voids it.
    const QString path = m_db->path();
    const std::shared_ptr<const IncidentColumns> columns = m_columns;
    QTimer::singleShot(1000, this, [this, path, columns, generation] {
        auto *watcher = new QFutureWatcher<bool>(this);
        connect(watcher, &QFutureWatcher<bool>::finished, this, [this, watcher] {
            const bool ok = watcher->result();
            watcher->deleteLater();
            emit columnCacheWritten(ok);
        });
        watcher->setFuture(QtConcurrent::run([path, columns, generation] {
            QString error;
            const bool ok = IncidentStore::writeColumnCache(path, *columns, generation, &error);
            if (!ok)
                qCDebug(lcUi) << error;
            return ok;
        }));
    });
}

void MainWindow::openSources(quint32 index)
{
    if (!m_db || !m_columns || index >= m_columns->size())
        return;
    const auto incident = IncidentStore(*m_db).incidentByRowid(m_columns->rowid[index]);
    if (!incident)
        return;
    int opened = 0;
    for (const Source &s : incident->sources) {
        const QUrl url(s.url, QUrl::StrictMode);
        if (SafeTextBrowser::isOpenable(url) && QDesktopServices::openUrl(url))
            ++opened;
    }
    statusBar()->showMessage(opened ? tr("Opened %n source(s) in the browser", nullptr, opened)
                                    : tr("This incident has no web sources"), 5000);
}

void MainWindow::copyCitation(quint32 index)
{
    if (!m_db || !m_columns || index >= m_columns->size())
        return;
    if (const auto incident = IncidentStore(*m_db).incidentByRowid(m_columns->rowid[index])) {
        QApplication::clipboard()->setText(incident->citation());
        statusBar()->showMessage(tr("Citation copied"), 3000);
    }
}
