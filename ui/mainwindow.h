#pragma once

#include "domain/incidentcolumns.h"
#include "import/importer.h"
#include "query/filter.h"
#include "render/timelinerows.h"
#include "views/savedviews.h"

#include <QMainWindow>

class DetailPane;
class DocumentController;
class FigureActions;
class FilterPane;
class FilterSummary;
class OverviewStrip;
class RecordActions;
class TimelineView;
class IncidentTableModel;
struct Incident;
class QLabel;
class QMimeData;
class QLineEdit;
class QSplitter;
class QTableView;
class QTimer;

// The main window: the timeline of one document's incidents with its overview strip, the
// filters and facets, the table of the filtered incidents (selection shared with the
// timeline) and the detail pane; full-text search, the menus and the tool bar. The document
// itself, its loading and its background jobs belong to a DocumentController that the window
// drives and observes. Its messages (failures, the damaged-document warning, import results)
// open without blocking. The view (filter, range, rows, current incident) is saved on close
// and restored when the same document is opened again.
class MainWindow : public QMainWindow
{
    Q_OBJECT
public:
    explicit MainWindow(QWidget *parent = nullptr);
    ~MainWindow() override;

    // Opens a document; `seedIfNew` fills a newly created file with the bundled dataset
    // (the default document). Shows a message and keeps the current one on failure.
    bool openDocument(const QString &path, bool seedIfNew = false);
    // Imports in the background with a progress dialog that can cancel; the document reloads
    // when it is done (DocumentController::importFinished()).
    void importFiles(const QStringList &files);

    DocumentController *document() const { return m_document; }
    QTableView *table() const { return m_table; }
    IncidentTableModel *tableModel() const { return m_model; }
    DetailPane *detailPane() const { return m_detail; }
    QLineEdit *searchField() const { return m_search; }
    TimelineView *timeline() const { return m_timeline; }
    OverviewStrip *overview() const { return m_overview; }
    FilterPane *filterPane() const { return m_filterPane; }
    QMenu *savedViewsMenu() const { return m_viewsMenu; }
    FigureActions *figureActions() const { return m_figures; } // Export Figure, Export Data, Print, Copy Figure
    FilterSummary *filterSummary() const { return m_summary; }
    RecordActions *recordActions() const { return m_records; } // New, Edit, Duplicate, Delete, Undo, Redo
    // The table below the timeline: shown, or dragged or toggled shut (View > Table).
    bool isTableShown() const;
    void setTableShown(bool shown);
    QAction *tableAction() const { return m_tableAction; }
    // View > Text Size: the panes' and table's text, 0.7 to 2 times the normal size.
    void setTextScale(double scale);
    double textScale() const { return m_textScale; }
    const Filter &filter() const { return m_filter; }
    void setFilter(const Filter &filter);
    // Narrows the filter to one row of the timeline (its context menu's "Filter to This Row").
    void filterToRow(RowKey grouping, RegionLevel level, const QString &key);
    int visibleCount() const;
    // Selects the incident with this id, if it is shown.
    bool selectIncident(const QString &id);
    bool selectIndex(IncidentColumns::Index index); // by position in the loaded columns
    // What a drop would import: local regular files and folders (no URLs, pipes or devices).
    static QStringList droppableFiles(const QMimeData *mime);
    // The article a drop with Alt opens in New Incident from Article instead of importing it:
    // the path when the drop is exactly one local .txt, .html or .htm file, else empty.
    static QString droppedArticle(const QMimeData *mime);

    // The view shown: filter, visible range and rows. Named views are kept in the user's
    // settings (SavedViews), not in the document.
    ViewState viewState() const;
    void applyViewState(const ViewState &view);
    void saveNamedView(const QString &name);
    bool openNamedView(const QString &name);
    bool deleteNamedView(const QString &name);
    QStringList namedViews() const;

    // A termination signal (TerminationSignals): a running import is cancelled and rolled
    // back first, with no report; then the window closes as on File > Quit (the view, the
    // geometry and typed notes are kept) and closedBySignal() gives the exit code, 128 + the
    // signal's number, as shells expect.
    void closeForSignal(int signal);

signals:
    void closedBySignal(int exitCode);

protected:
    void closeEvent(QCloseEvent *event) override;
    void showEvent(QShowEvent *event) override;
    void dragEnterEvent(QDragEnterEvent *event) override;
    void dropEvent(QDropEvent *event) override;

private:
    void finishClosingForSignal();

    int m_closingForSignal = 0; // the signal being obeyed, or 0

    // Building the window.
    void setUpTable();
    void setUpSearch();
    void setUpCentralWidget();
    void setUpDocks();
    void connectTimeline();
    void connectDetailPane();
    void connectDocument();
    void connectRecords(); // mainwindowrecords.cpp
    void createFileMenu();
    void createEditMenu();
    void createViewMenu();
    void createHelpMenu();
    void createToolBar();
    void setUpTabOrder();
    void addLayoutActions(QMenu *view);
    void restoreWindowGeometry();

    // Reacting to the document.
    void showOpenedDocument();
    void showLoadedColumns();
    void showChangedRecord(const QString &id);
    void showImportResult(const Importer::Result &result);
    // Selects the incident; one the filter leaves out is shown in the detail pane, marked so.
    void revealIncident(const QString &id); // mainwindowrecords.cpp

    void applyFilter();
    void showCurrent();
    void describeForScreenReaders(const Incident &incident);
    void step(int delta);
    void chooseDocument();
    void chooseImport();
    void chooseImportFolder();
    void saveCopy();
    void saveViewAs();
    void updateStatus();
    void saveViewState() const;
    void restoreViewState();
    void rebuildViewsMenu();
    void openSources(quint32 index);
    void copyCitation(quint32 index);
    void addBundledDataset();

    DocumentController *m_document;
    Filter m_filter;
    IncidentTableModel *m_model;
    QTableView *m_table;
    TimelineView *m_timeline;
    OverviewStrip *m_overview;
    FilterPane *m_filterPane;
    DetailPane *m_detail;
    QLineEdit *m_search;
    FilterSummary *m_summary;
    QLabel *m_count;
    QSplitter *m_splitter; // timeline above, table below
    QTimer *m_searchDelay;
    QMenu *m_viewsMenu = nullptr;
    FigureActions *m_figures = nullptr;
    RecordActions *m_records = nullptr;
    QAction *m_openAction = nullptr;
    QAction *m_importAction = nullptr;
    QAction *m_importFolderAction = nullptr;
    QAction *m_tableAction = nullptr;
    double m_textScale = 1.0;
    bool m_shown = false;
};
