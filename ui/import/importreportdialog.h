#pragma once

#include "import/importer.h"

#include <QDialog>
#include <functional>

class QComboBox;
class QGroupBox;
class QLabel;
class QPlainTextEdit;
class QPushButton;
class QSortFilterProxyModel;
class QSplitter;
class QStandardItemModel;
class QTableView;

// The report of an import, opened by the window when an import ends (not modal). From the
// top: the error of a failed import; the counts (imported, updated, unchanged, rejected) and
// what the document holds; the paths imported; the diagnostics as a table (severity, file,
// line, field, message, record id) that can show only errors or only warnings, with a line
// counting those the import did not keep; the distinct country values no table knew, each
// with its rows, so the user can add aliases. Activating a diagnostic (double-click, Enter)
// whose record is in the document asks the window to select it (incidentRequested()); one
// without such a record but with a line shows that line. Show Line reads the lines around
// the diagnostic's line from its file (LineExcerpt) into a read-only plain-text view. Copy
// Report and Save Report… give the whole report as plain text. Text from the files is only
// ever shown as plain text, its bidi controls made visible (DisplayText).
class ImportReportDialog : public QDialog
{
    Q_OBJECT
public:
    enum class Shown { All, Errors, Warnings };

    explicit ImportReportDialog(const Importer::Result &result, QWidget *parent = nullptr);

    // Whether a record id is in the document now (asked when a diagnostic is activated); with
    // none set, every id counts as in it.
    void setRecordLookup(std::function<bool(const QString &)> inDocument);

    void setShown(Shown shown);
    // Rows of the diagnostics table (as filtered) -> the diagnostic; null past the end.
    const Diagnostic *diagnosticAt(int row) const;
    // Selects the diagnostic's record in the window when it is in the document, else shows its
    // line when it has one; otherwise says why nothing can be shown.
    void activateRow(int row);
    // Shows the lines around the diagnostic's line; false (and the reason shown) when it has
    // no file and line or the file cannot be read.
    bool showLine(int row);

    // The whole report (every diagnostic kept, whatever the filter) as plain text.
    QString reportText() const;
    void copyReport() const;
    bool saveReport(const QString &path, QString *error = nullptr) const;

    // For tests and accessibility.
    QTableView *diagnosticsView() const { return m_view; }
    QTableView *unknownValuesView() const { return m_unknownView; }
    QLabel *countsLabel() const { return m_counts; }
    QLabel *omittedLabel() const { return m_omitted; }
    QLabel *statusLabel() const { return m_status; }
    QPlainTextEdit *lineView() const { return m_lineView; }
    QPushButton *showLineButton() const { return m_showLine; }
    QPushButton *showRecordButton() const { return m_showRecord; }

    static constexpr int s_contextLines = 3; // lines shown before and after the line
    static constexpr qsizetype s_maxCellChars = 500; // a longer message is cut in the table

signals:
    void incidentRequested(const QString &id);

private:
    QWidget *buildHeader();
    QWidget *buildDiagnostics();
    QWidget *buildUnknownValues();
    QWidget *buildLineView();
    QLayout *buildButtons();
    void fillDiagnostics();
    void showCurrent(); // the current diagnostic in full, and the buttons that act on it
    bool inDocument(const QString &id) const;
    bool hasLine(const Diagnostic &d) const;
    void chooseSave();
    QStringList headerLines() const;

    Importer::Result m_result;
    QList<std::pair<QString, std::pair<QString, int>>> m_unknown; // field, (value, rows)
    std::function<bool(const QString &)> m_inDocument;
    QStandardItemModel *m_model = nullptr;
    QSortFilterProxyModel *m_proxy = nullptr;
    QTableView *m_view = nullptr;
    QTableView *m_unknownView = nullptr;
    QComboBox *m_filter = nullptr;
    QLabel *m_counts = nullptr;
    QLabel *m_detail = nullptr; // the current diagnostic in full
    QLabel *m_omitted = nullptr;
    QLabel *m_status = nullptr;
    QLabel *m_lineTitle = nullptr;
    QPlainTextEdit *m_lineView = nullptr;
    QWidget *m_linePanel = nullptr;
    QSplitter *m_splitter = nullptr;
    QPushButton *m_showLine = nullptr;
    QPushButton *m_showRecord = nullptr;
};
