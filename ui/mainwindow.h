#pragma once

#include "query/filter.h"
#include "domain/incidentcolumns.h"

#include <QMainWindow>

#include <memory>

class Database;
class DetailPane;
class FilterPane;
class OverviewStrip;
class TimelineView;
class IncidentStore;
class IncidentTableModel;
class QLabel;
class QMimeData;
class QLineEdit;
class QSplitter;
class QTableView;
class QTimer;

// The main window: the timeline of one document's incidents with its overview strip, the
// filters and facets, the table of the filtered incidents (selection shared with the
// timeline) and the detail pane; full-text search and File > Open / Import. Owns the
// document's Database. The view (filter, range, rows, current incident) is saved on close
// and restored on the next start.
class MainWindow : public QMainWindow
{
    Q_OBJECT
public:
    explicit MainWindow(QWidget *parent = nullptr);
    ~MainWindow() override;

    // Opens a document; `seedIfNew` fills a newly created file with the bundled dataset
    // (the default document). Shows a message and keeps the current one on failure.
    bool openDocument(const QString &path, bool seedIfNew = false);
    // Imports in the background with progress and cancel, then reloads.
    void importFiles(const QStringList &files);

    QTableView *table() const { return m_table; }
    IncidentTableModel *tableModel() const { return m_model; }
    DetailPane *detailPane() const { return m_detail; }
    QLineEdit *searchField() const { return m_search; }
    TimelineView *timeline() const { return m_timeline; }
    OverviewStrip *overview() const { return m_overview; }
    FilterPane *filterPane() const { return m_filterPane; }
    const Filter &filter() const { return m_filter; }
    void setFilter(const Filter &filter);
    int visibleCount() const;
    // Selects the incident with this id, if it is shown.
    bool selectIncident(const QString &id);
    bool selectIndex(IncidentColumns::Index index); // by position in the loaded columns
    // The files a drop would import: local regular files only (no URLs, folders or devices).
    static QStringList droppableFiles(const QMimeData *mime);

    // A view: filter, visible range and rows, as a map that QSettings stores. Named views are
    // kept per user; the last view is restored on the next start.
    QVariantMap viewState() const;
    void applyViewState(const QVariantMap &state);
    void saveNamedView(const QString &name);
    bool openNamedView(const QString &name);
    QStringList namedViews() const;

signals:
    void documentLoaded();
    void importFinished();
    void documentChecked(bool ok); // the background integrity check of an opened document
    void columnCacheWritten(bool ok); // the columns were stored for a faster next open

protected:
    void closeEvent(QCloseEvent *event) override;
    void dragEnterEvent(QDragEnterEvent *event) override;
    void dropEvent(QDropEvent *event) override;

private:
    void createActions();
    void reload();
    void applyFilter();
    void showCurrent();
    void step(int delta);
    void chooseDocument();
    void chooseImport();
    void updateStatus();
    void saveViewState() const;
    void restoreViewState();
    void rebuildViewsMenu();
    void openSources(quint32 index);
    void copyCitation(quint32 index);
    void checkDocumentInBackground();
    void writeColumnCacheInBackground(qint64 generation);

    std::unique_ptr<Database> m_db;
    std::shared_ptr<const IncidentColumns> m_columns;
    Filter m_filter;
    IncidentTableModel *m_model;
    QTableView *m_table;
    TimelineView *m_timeline;
    OverviewStrip *m_overview;
    FilterPane *m_filterPane;
    DetailPane *m_detail;
    QLineEdit *m_search;
    QLabel *m_count;
    QSplitter *m_splitter; // timeline above, table below
    QTimer *m_searchDelay;
    QMenu *m_viewsMenu = nullptr;
};
