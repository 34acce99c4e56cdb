#include "mainwindow.h"

#include "import/importer.h"
#include "models/incidenttablemodel.h"
#include "panes/detailpane.h"
#include "query/filterengine.h"
#include "store/database.h"
#include "store/incidentstore.h"

#include <QAction>
#include <QApplication>
#include <QCloseEvent>
#include <QDesktopServices>
#include <QDir>
#include <QFileDialog>
#include <QFutureWatcher>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QLoggingCategory>
#include <QMenuBar>
#include <QMessageBox>
#include <QProgressDialog>
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
    , m_detail(new DetailPane(this))
    , m_search(new QLineEdit(this))
    , m_count(new QLabel(this))
    , m_splitter(new QSplitter(Qt::Horizontal, this))
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

    m_splitter->addWidget(m_table);
    m_splitter->addWidget(m_detail);
    m_splitter->setStretchFactor(0, 3);
    m_splitter->setStretchFactor(1, 2);
    setCentralWidget(m_splitter);
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
    QSettings settings;
    restoreGeometry(settings.value(QStringLiteral("window/geometry")).toByteArray());
    m_splitter->restoreState(settings.value(QStringLiteral("window/splitter")).toByteArray());
    if (!settings.contains(QStringLiteral("window/geometry")))
        resize(1400, 860);
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

    QToolBar *bar = addToolBar(tr("Main"));
    bar->setObjectName(QStringLiteral("mainToolBar"));
    bar->setMovable(false);
    bar->addAction(open);
    bar->addAction(import);
    bar->addSeparator();
    bar->addWidget(m_search);
}

bool MainWindow::openDocument(const QString &path, bool seedIfNew)
{
    auto db = std::make_unique<Database>();
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
    const QString last = QSettings().value(QStringLiteral("view/current")).toString();
    if (last.isEmpty() || !selectIncident(last))
        selectIncident(QStringLiteral("fl-2022-al-akshi-shutdown"));
    return true;
}

void MainWindow::reload()
{
    if (!m_db)
        return;
    QString error;
    auto columns = std::make_shared<IncidentColumns>(IncidentStore(*m_db).loadColumns(&error));
    if (!error.isEmpty())
        QMessageBox::warning(this, tr("Cannot read the document"), error);
    m_columns = std::move(columns);
    applyFilter();
    emit documentLoaded();
}

void MainWindow::setFilter(const Filter &filter)
{
    m_filter = filter;
    m_search->blockSignals(true);
    m_search->setText(filter.search);
    m_search->blockSignals(false);
    applyFilter();
}

void MainWindow::applyFilter()
{
    if (!m_columns)
        return;
    const QString currentId = m_table->currentIndex().data(IncidentTableModel::IdRole).toString();
    QList<qint64> hits;
    if (!m_filter.search.isEmpty())
        hits = IncidentStore(*m_db).search(m_filter.search);
    FilterEngine::Result result = FilterEngine::apply(*m_columns, m_filter, m_filter.search.isEmpty() ? nullptr : &hits, false);
    m_model->setData(m_columns, std::move(result.indices));
    if (!currentId.isEmpty())
        selectIncident(currentId);
    updateStatus();
}

int MainWindow::visibleCount() const { return m_model->rowCount(); }

bool MainWindow::selectIncident(const QString &id)
{
    if (!m_columns)
        return false;
    const qint64 index = m_columns->indexOfId(id);
    const int row = index < 0 ? -1 : m_model->rowOfIndex(IncidentColumns::Index(index));
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
    m_detail->setIncident(IncidentStore(*m_db).incidentByRowid(current.data(IncidentTableModel::RowidRole).toLongLong()));
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

void MainWindow::closeEvent(QCloseEvent *event)
{
    m_detail->setIncident(std::nullopt); // saves pending notes
    QSettings settings;
    settings.setValue(QStringLiteral("window/geometry"), saveGeometry());
    settings.setValue(QStringLiteral("window/splitter"), m_splitter->saveState());
    if (m_detail->incident())
        settings.setValue(QStringLiteral("view/current"), m_detail->incident()->id);
    event->accept();
}
