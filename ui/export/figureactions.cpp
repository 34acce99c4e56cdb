#include "export/figureactions.h"

#include "document/documentcontroller.h"
#include "export/exportfiguredialog.h"
#include "export/figureexporter.h"
#include "export/recordexport.h"
#include "models/incidenttablemodel.h"
#include "timeline/timelineview.h"

#include <QAction>
#include <QApplication>
#include <QClipboard>
#include <QFileDialog>
#include <QIcon>
#include <QMessageBox>
#include <QPrintPreviewDialog>
#include <QPrinter>
#include <QProgressDialog>
#include <QSettings>
#include <QStandardPaths>
#include <QWidget>

namespace {
const QString s_folderKey = QStringLiteral("exportData/folder");

// A non-blocking warning owned by `parent`.
void warn(QWidget *parent, const QString &title, const QString &text)
{
    auto *box = new QMessageBox(QMessageBox::Warning, title, text, QMessageBox::Ok, parent);
    box->setAttribute(Qt::WA_DeleteOnClose);
    box->setTextFormat(Qt::PlainText);
    box->open();
}
} // namespace

FigureActions::FigureActions(QWidget *window, DocumentController *document, StateSource state, RowidSource rowids)
    : QObject(window)
    , m_window(window)
    , m_document(document)
    , m_state(std::move(state))
    , m_rowids(std::move(rowids))
{
    m_exportFigure = new QAction(QIcon::fromTheme(QStringLiteral("document-export")), tr("Export &Figure…"), this);
    m_exportFigure->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_E));
    m_exportFigure->setToolTip(tr("Export the timeline as a PNG, SVG or PDF figure (Ctrl+E)"));
    connect(m_exportFigure, &QAction::triggered, this, &FigureActions::exportFigure);
    m_exportData = new QAction(tr("Export &Data…"), this);
    connect(m_exportData, &QAction::triggered, this, &FigureActions::exportData);
    m_print = new QAction(QIcon::fromTheme(QStringLiteral("document-print")), tr("&Print…"), this);
    m_print->setShortcut(QKeySequence::Print);
    connect(m_print, &QAction::triggered, this, &FigureActions::print);
    m_copyFigure = new QAction(tr("Copy F&igure"), this);
    m_copyFigure->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_C));
    connect(m_copyFigure, &QAction::triggered, this, [this] { copyFigure(); });
}

FigureViewState FigureActions::viewState(const TimelineView &view, const Filter &filter)
{
    FigureViewState state;
    const TimelineFrame &frame = view.frame();
    state.rows = frame.rows;
    state.firstDay = frame.firstDay;
    state.endDay = frame.endDay;
    state.scrollY = frame.scrollY;
    state.rowHeight = frame.rowHeight;
    state.viewSize = frame.size.isEmpty() ? QSizeF(view.size()) : frame.size;
    state.filter = filter;
    state.dark = frame.theme.background.lightness() < 128;
    return state;
}

QList<qint64> FigureActions::rowidsInDateOrder(const IncidentTableModel &model)
{
    const auto columns = model.columns();
    if (!columns)
        return {};
    std::vector<IncidentColumns::Index> order = model.indices();
    std::stable_sort(order.begin(), order.end(), [&](auto a, auto b) {
        return columns->firstDay[a] != columns->firstDay[b] ? columns->firstDay[a] < columns->firstDay[b] : a < b;
    });
    QList<qint64> rowids;
    rowids.reserve(qsizetype(order.size()));
    for (const auto i : order)
        rowids << columns->rowid[i];
    return rowids;
}

void FigureActions::exportFigure()
{
    auto *dialog = new ExportFigureDialog(m_state(), m_window);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->open();
}

QImage FigureActions::copyFigure()
{
    const FigureViewState state = m_state();
    if (!state.rows || state.rows->isEmpty())
        return {};
    const double ratio = m_window ? m_window->devicePixelRatioF() : 1.0;
    FigureExporter exporter(FigureState::currentView(state, 96 * std::max(1.0, ratio)));
    const QImage image = exporter.toImage();
    if (!image.isNull())
        QGuiApplication::clipboard()->setImage(image);
    return image;
}

ExportResult FigureActions::paintPages(QPrinter &printer, const FigureOptions &options)
{
    FigureExporter exporter(options);
    return exporter.paintPages(printer);
}

void FigureActions::print()
{
    const FigureOptions options = FigureState::allRows(m_state());
    QPrinter printer(QPrinter::HighResolution);
    printer.setPageOrientation(QPageLayout::Landscape);
    printer.setDocName(options.title);
    QPrintPreviewDialog preview(&printer, m_window);
    preview.setWindowTitle(tr("Print Timeline"));
    connect(&preview, &QPrintPreviewDialog::paintRequested, this, [&options](QPrinter *target) {
        const ExportResult result = paintPages(*target, options);
        if (!result.ok)
            target->abort();
    });
    preview.exec();
}

void FigureActions::exportData()
{
    QSettings settings;
    const QString folder
        = settings.value(s_folderKey, QStandardPaths::writableLocation(QStandardPaths::DocumentsLocation)).toString();
    QString chosenFilter;
    const QString csv = tr("Faultline CSV (*.csv)");
    const QString json = tr("Faultline JSON (*.json)");
    const QString stix = tr("STIX 2.1 bundle (*.stix.json)");
    QString path = QFileDialog::getSaveFileName(m_window, tr("Export Data"), folder + QStringLiteral("/incidents.csv"),
        QStringList { csv, json, stix }.join(QStringLiteral(";;")), &chosenFilter);
    if (path.isEmpty())
        return;
    const QString ending = chosenFilter == stix ? QStringLiteral(".stix.json")
        : chosenFilter == json                  ? QStringLiteral(".json")
                                                : QStringLiteral(".csv");
    if (!path.endsWith(QStringLiteral(".csv"), Qt::CaseInsensitive)
        && !path.endsWith(QStringLiteral(".json"), Qt::CaseInsensitive))
        path += ending;
    settings.setValue(s_folderKey, QFileInfo(path).absolutePath());
    const ExportResult result = writeRecords(m_window, m_document, m_rowids(), path);
    if (!result.ok && !result.cancelled)
        warn(m_window, tr("Export Data"), result.error);
}

ExportResult FigureActions::writeRecords(
    QWidget *parent, DocumentController *document, const QList<qint64> &rowids, const QString &path)
{
    const std::shared_ptr<const IncidentColumns> columns = document->columns();
    if (!columns || !document->database())
        return ExportResult::failure(tr("No document is open."));
    std::vector<IncidentColumns::Index> order;
    order.reserve(std::size_t(rowids.size()));
    for (const qint64 rowid : rowids) {
        if (const qint64 index = columns->indexOfRowid(rowid); index >= 0)
            order.push_back(IncidentColumns::Index(index));
    }
    constexpr int steps = 1000;
    QProgressDialog progress(tr("Exporting %n incidents…", nullptr, int(order.size())), tr("Cancel"), 0, steps, parent);
    progress.setWindowModality(Qt::WindowModal);
    progress.setMinimumDuration(400);
    const ExportFile::Progress step = [&](qint64 done, qint64 total) {
        progress.setValue(int(done * steps / std::max<qint64>(1, total)));
        QCoreApplication::processEvents();
        return !progress.wasCanceled();
    };
    return RecordExport::write(path, RecordExport::formatOf(path), *document->database(), *columns, order, step);
}
