#pragma once

#include "query/filter.h"
#include "query/incidentcolumns.h"

#include <QMainWindow>

#include <memory>

class Database;
class DetailPane;
class IncidentStore;
class IncidentTableModel;
class QLabel;
class QLineEdit;
class QSplitter;
class QTableView;
class QTimer;

// The main window: the incidents of one document in a sortable table with a detail pane,
// a full-text search box, and File > Open / Import. Owns the document's Database.
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
    const Filter &filter() const { return m_filter; }
    void setFilter(const Filter &filter);
    int visibleCount() const;
    // Selects the incident with this id, if it is shown.
    bool selectIncident(const QString &id);

signals:
    void documentLoaded();
    void importFinished();

protected:
    void closeEvent(QCloseEvent *event) override;

private:
    void createActions();
    void reload();
    void applyFilter();
    void showCurrent();
    void step(int delta);
    void chooseDocument();
    void chooseImport();
    void updateStatus();

    std::unique_ptr<Database> m_db;
    std::shared_ptr<const IncidentColumns> m_columns;
    Filter m_filter;
    IncidentTableModel *m_model;
    QTableView *m_table;
    DetailPane *m_detail;
    QLineEdit *m_search;
    QLabel *m_count;
    QSplitter *m_splitter;
    QTimer *m_searchDelay;
};
