#pragma once

#include "export/exportfile.h"
#include "export/figurestate.h"

#include <QList>
#include <QObject>
#include <functional>

class DocumentController;
class IncidentTableModel;
class TimelineView;
class QAction;
class QPrinter;
class QWidget;

// The window's ways out for a timeline: File > Export Figure… (Ctrl+E), File > Export Data…,
// File > Print… (Ctrl+P) and Edit > Copy Figure (Ctrl+Shift+C). The window creates this, puts
// the actions in its menus and tool bar, and says how to read the view (a FigureViewState) and
// which records the filter matches (store rowids, in date order); everything else is here.
class FigureActions : public QObject
{
    Q_OBJECT
public:
    using StateSource = std::function<FigureViewState()>;
    using RowidSource = std::function<QList<qint64>()>;

    FigureActions(QWidget *window, DocumentController *document, StateSource state, RowidSource rowids);

    QAction *exportFigureAction() const { return m_exportFigure; }
    QAction *exportDataAction() const { return m_exportData; }
    QAction *printAction() const { return m_print; }
    QAction *copyFigureAction() const { return m_copyFigure; }

    void exportFigure();
    void exportData();
    void print();
    // The view as it is (rows on screen, range, size at the screen's pixel ratio, theme) as an
    // image on the clipboard. Returns the image (null when there is nothing to draw).
    QImage copyFigure();

    // The view's state as the figures need it, and the model's incidents as store rowids in
    // date order: what a window passes as its sources.
    static FigureViewState viewState(const TimelineView &view, const Filter &filter);
    static QList<qint64> rowidsInDateOrder(const IncidentTableModel &model);

    // Every page of `options` onto `printer` (FigureExporter::paintPages): what the print
    // preview draws and what printing sends.
    static ExportResult paintPages(QPrinter &printer, const FigureOptions &options);

    // Writes the records to `path` as faultline CSV (".csv"), a STIX 2.1 bundle (".stix.json")
    // or faultline JSON (other ".json"), reading them from the document with progress that can
    // cancel. Nothing is written on failure or cancel.
    static ExportResult writeRecords(
        QWidget *parent, DocumentController *document, const QList<qint64> &rowids, const QString &path);

private:
    QWidget *m_window;
    DocumentController *m_document;
    StateSource m_state;
    RowidSource m_rowids;
    QAction *m_exportFigure;
    QAction *m_exportData;
    QAction *m_print;
    QAction *m_copyFigure;
};
