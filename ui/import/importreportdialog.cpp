#include "import/importreportdialog.h"

#include "domain/displaytext.h"
#include "import/lineexcerpt.h"
#include "widgets/tablecolumnfit.h"
#include "window/screenfit.h"

#include <QApplication>
#include <QClipboard>
#include <QComboBox>
#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QFontDatabase>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QKeyEvent>
#include <QLabel>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSaveFile>
#include <QScreen>
#include <QSortFilterProxyModel>
#include <QSplitter>
#include <QStandardItemModel>
#include <QStyle>
#include <QTableView>
#include <QTextBlock>
#include <QTextCursor>
#include <QTextDocument>
#include <QTextEdit>
#include <QVBoxLayout>
#include <algorithm>
#include <numeric>

namespace {
enum Column { SeverityColumn, FileColumn, LineColumn, FieldColumn, MessageColumn, RecordColumn, ColumnCount };
constexpr int s_indexRole = Qt::UserRole + 1; // the diagnostic's position in the result
constexpr int s_severityRole = Qt::UserRole + 2; // "error" or "warning", for the filter

// A data string as a table cell or label shows it: bidi controls visible, cut when long.
QString cell(const QString &text, qsizetype max = ImportReportDialog::s_maxCellChars)
{
    return DisplayText::withVisibleControls(text.size() > max ? QString(text.left(max) + u'…') : text);
}

// A path for a label: the whole path when short, else its start and end around "…".
QString shortPath(const QString &path)
{
    const QString native = QDir::toNativeSeparators(path);
    return cell(native.size() <= 100 ? native : QString(native.left(30) + u'…' + native.right(69)), 200);
}

QLabel *plainLabel(const QString &text, QWidget *parent)
{
    auto *label = new QLabel(text, parent);
    label->setTextFormat(Qt::PlainText); // text from files is never rendered
    label->setWordWrap(true);
    label->setTextInteractionFlags(Qt::TextSelectableByMouse);
    return label;
}

// The rows of the unknown country values, merged across files (by value, any case) and most
// frequent first.
QList<std::pair<QString, std::pair<QString, int>>> mergedUnknown(const Importer::Result &result)
{
    QList<std::pair<QString, std::pair<QString, int>>> rows;
    QStringList fields = result.unknownCountries.keys();
    fields.sort();
    for (const QString &field : fields) {
        QList<std::pair<QString, int>> values;
        for (const auto &[value, count] : result.unknownCountries.value(field)) {
            auto same = std::find_if(values.begin(), values.end(),
                [&](const auto &v) { return v.first.compare(value, Qt::CaseInsensitive) == 0; });
            if (same == values.end())
                values.append({ value, count });
            else
                same->second += count;
        }
        std::stable_sort(
            values.begin(), values.end(), [](const auto &a, const auto &b) { return a.second > b.second; });
        for (const auto &value : values)
            rows.append({ field, value });
    }
    return rows;
}

// The table takes Enter as activation: QAbstractItemView passes the key on after emitting
// activated(), and the dialog would then press its default button.
class ReportTableView : public QTableView
{
public:
    using QTableView::QTableView;

protected:
    void keyPressEvent(QKeyEvent *event) override
    {
        QTableView::keyPressEvent(event);
        if (event->key() == Qt::Key_Return || event->key() == Qt::Key_Enter)
            event->accept();
    }
};
} // namespace

ImportReportDialog::ImportReportDialog(const Importer::Result &result, QWidget *parent)
    : QDialog(parent)
    , m_result(result)
    , m_unknown(mergedUnknown(result))
{
    setWindowTitle(result.failed ? tr("Nothing Imported") : tr("Import Report"));
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(buildHeader());
    m_splitter = new QSplitter(Qt::Vertical, this);
    m_splitter->setChildrenCollapsible(false);
    m_splitter->addWidget(buildDiagnostics());
    if (!m_unknown.isEmpty())
        m_splitter->addWidget(buildUnknownValues());
    m_splitter->addWidget(buildLineView());
    m_splitter->setStretchFactor(0, 3);
    layout->addWidget(m_splitter, 1);
    layout->addLayout(buildButtons());
    fillDiagnostics();
    showCurrent();

    const QRect available = parent && parent->screen() ? parent->screen()->availableGeometry()
                                                       : QApplication::primaryScreen()->availableGeometry();
    resize(ScreenFit::firstSize(QSize(1000, 640), available, 48));
    m_view->setFocus();
}

QWidget *ImportReportDialog::buildHeader()
{
    auto *box = new QWidget(this);
    auto *layout = new QVBoxLayout(box);
    layout->setContentsMargins(0, 0, 0, 0);
    if (m_result.failed) {
        auto *row = new QHBoxLayout;
        auto *icon = new QLabel(box);
        const int size = style()->pixelMetric(QStyle::PM_MessageBoxIconSize, nullptr, this);
        icon->setPixmap(style()->standardIcon(QStyle::SP_MessageBoxWarning, nullptr, this).pixmap(size, size));
        icon->setAlignment(Qt::AlignTop);
        row->addWidget(icon);
        const QString error = m_result.error.isEmpty() ? tr("Nothing was imported.") : m_result.error;
        auto *label = plainLabel(cell(error, 2000), box);
        label->setObjectName(QStringLiteral("importError"));
        QFont bold = label->font();
        bold.setBold(true);
        label->setFont(bold);
        row->addWidget(label, 1);
        layout->addLayout(row);
    }
    QStringList header = headerLines();
    header.removeAll(QString());
    m_counts = plainLabel(header.join(u'\n'), box);
    layout->addWidget(m_counts);
    QStringList paths;
    for (const QString &path : m_result.paths.mid(0, 3))
        paths << shortPath(path);
    if (m_result.paths.size() > 3)
        paths << tr("and %n more", nullptr, int(m_result.paths.size() - 3));
    if (!paths.isEmpty()) {
        auto *files = plainLabel(tr("From %1").arg(paths.join(QStringLiteral("; "))), box);
        files->setObjectName(QStringLiteral("importPaths"));
        layout->addWidget(files);
    }
    return box;
}

// "Imported 3, updated 1, unchanged 0, rejected 2; no victim country 1" and what the
// document holds, as the header shows them and the report starts.
QStringList ImportReportDialog::headerLines() const
{
    const Importer::Result &r = m_result;
    const QString nothing
        = r.rejected > 0 ? tr("Nothing imported (%n record(s) rejected)", nullptr, r.rejected) : tr("Nothing imported");
    QString counts = r.failed ? nothing
                              : tr("Imported %1, updated %2, unchanged %3, rejected %4")
                                    .arg(r.imported)
                                    .arg(r.updated)
                                    .arg(r.unchanged)
                                    .arg(r.rejected);
    if (!r.failed && r.unknownCountry > 0)
        counts += tr("; %n with no victim country", nullptr, r.unknownCountry);
    QString document = r.documentLine();
    if (!document.isEmpty())
        document[0] = document[0].toUpper();
    return { counts, document.isEmpty() ? QString() : QString(document + u'.') };
}

QWidget *ImportReportDialog::buildDiagnostics()
{
    auto *box = new QWidget(this);
    auto *layout = new QVBoxLayout(box);
    layout->setContentsMargins(0, 0, 0, 0);
    auto *top = new QHBoxLayout;
    auto *title = new QLabel(tr("&Diagnostics"), box);
    top->addWidget(title);
    top->addStretch(1);
    m_filter = new QComboBox(box);
    top->addWidget(m_filter);
    layout->addLayout(top);

    m_model = new QStandardItemModel(0, ColumnCount, this);
    m_model->setHorizontalHeaderLabels(
        { tr("Severity"), tr("File"), tr("Line"), tr("Field"), tr("Message"), tr("Record") });
    m_proxy = new QSortFilterProxyModel(this);
    m_proxy->setSourceModel(m_model);
    m_proxy->setFilterRole(s_severityRole);
    m_proxy->setFilterKeyColumn(SeverityColumn);
    m_view = new ReportTableView(box);
    m_view->setModel(m_proxy);
    m_view->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_view->setSelectionMode(QAbstractItemView::SingleSelection);
    m_view->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_view->setWordWrap(false);
    m_view->setTextElideMode(Qt::ElideRight);
    m_view->verticalHeader()->hide();
    m_view->verticalHeader()->setDefaultSectionSize(m_view->fontMetrics().height() + 8);
    m_view->setAlternatingRowColors(true);
    m_view->setAccessibleName(tr("Diagnostics"));
    title->setBuddy(m_view);
    const int ch = m_view->fontMetrics().averageCharWidth();
    new TableColumnFit(m_view, MessageColumn,
        { { SeverityColumn, ch * 12 }, { FileColumn, ch * 20 }, { LineColumn, ch * 8 }, { FieldColumn, ch * 18 },
            { RecordColumn, ch * 22 } },
        { SeverityColumn, LineColumn }, 0.35);
    layout->addWidget(m_view, 1);

    m_detail = plainLabel(QString(), box);
    m_detail->setObjectName(QStringLiteral("diagnosticText"));
    layout->addWidget(m_detail);
    m_omitted = plainLabel(m_result.diagnostics.omittedLine(), box);
    m_omitted->setVisible(m_result.diagnostics.omitted() > 0);
    layout->addWidget(m_omitted);
    m_status = plainLabel(QString(), box);
    m_status->setAccessibleName(tr("Status"));
    layout->addWidget(m_status);

    connect(
        m_view, &QAbstractItemView::activated, this, [this](const QModelIndex &index) { activateRow(index.row()); });
    connect(m_view->selectionModel(), &QItemSelectionModel::currentRowChanged, this, [this] {
        m_status->clear();
        showCurrent();
    });
    connect(m_filter, &QComboBox::currentIndexChanged, this, [this](int index) { setShown(Shown(index)); });
    return box;
}

void ImportReportDialog::fillDiagnostics()
{
    int errors = 0;
    QStyle *s = style();
    const QIcon errorIcon = s->standardIcon(QStyle::SP_MessageBoxCritical, nullptr, this);
    const QIcon warningIcon = s->standardIcon(QStyle::SP_MessageBoxWarning, nullptr, this);
    for (qsizetype i = 0; i < m_result.diagnostics.size(); ++i) {
        const Diagnostic &d = m_result.diagnostics.at(i);
        const bool error = d.severity == Diagnostic::Severity::Error;
        errors += error;
        QList<QStandardItem *> row;
        auto *severity = new QStandardItem(error ? errorIcon : warningIcon, error ? tr("error") : tr("warning"));
        severity->setData(error ? QStringLiteral("error") : QStringLiteral("warning"), s_severityRole);
        severity->setData(int(i), s_indexRole);
        row << severity;
        row << new QStandardItem(cell(QFileInfo(d.file).fileName().isEmpty() ? d.file : QFileInfo(d.file).fileName()));
        auto *line = new QStandardItem(d.line > 0 ? QString::number(d.line) : QString());
        line->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
        row << line;
        row << new QStandardItem(cell(d.field));
        row << new QStandardItem(cell(d.reason));
        row << new QStandardItem(cell(d.recordId, 200));
        m_model->appendRow(row);
    }
    const int all = int(m_result.diagnostics.size());
    m_filter->addItem(tr("All (%1)").arg(all));
    m_filter->addItem(tr("Errors (%1)").arg(errors));
    m_filter->addItem(tr("Warnings (%1)").arg(all - errors));
    m_filter->setEnabled(all > 0);
    if (all > 0)
        m_view->setCurrentIndex(m_proxy->index(0, 0));
}

QWidget *ImportReportDialog::buildUnknownValues()
{
    auto *box = new QGroupBox(tr("Country values no table knew"), this);
    auto *layout = new QVBoxLayout(box);
    layout->setSizeConstraint(QLayout::SetMaximumSize); // no taller than its table
    layout->addWidget(plainLabel(tr("Add each to the field's values in the mapping (\"Atlantis=XX\") or to "
                                    "data/country-aliases.tsv, then import again."),
        box));
    auto *model = new QStandardItemModel(0, 3, this);
    model->setHorizontalHeaderLabels({ tr("Field"), tr("Value"), tr("Rows") });
    for (const auto &[field, value] : m_unknown) {
        auto *rows = new QStandardItem(QString::number(value.second));
        rows->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
        model->appendRow({ new QStandardItem(field), new QStandardItem(cell(value.first, 200)), rows });
    }
    m_unknownView = new QTableView(box);
    m_unknownView->setModel(model);
    m_unknownView->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_unknownView->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_unknownView->verticalHeader()->hide();
    m_unknownView->setWordWrap(false);
    m_unknownView->setAccessibleName(tr("Unknown country values"));
    const int ch = m_unknownView->fontMetrics().averageCharWidth();
    new TableColumnFit(m_unknownView, 1, { { 0, ch * 14 }, { 2, ch * 10 } }, { 2 }, 0.4);
    // As tall as its rows, up to six: the diagnostics keep the room.
    const int rows = std::clamp(int(m_unknown.size()), 2, 6);
    m_unknownView->verticalHeader()->setDefaultSectionSize(m_unknownView->fontMetrics().height() + 8);
    const int height = m_unknownView->horizontalHeader()->sizeHint().height()
        + rows * m_unknownView->verticalHeader()->defaultSectionSize() + 2 * m_unknownView->frameWidth();
    m_unknownView->setMinimumHeight(std::min(height, m_unknownView->fontMetrics().height() * 5));
    m_unknownView->setMaximumHeight(height);
    layout->addWidget(m_unknownView, 1);
    return box;
}

QWidget *ImportReportDialog::buildLineView()
{
    m_linePanel = new QWidget(this);
    auto *layout = new QVBoxLayout(m_linePanel);
    layout->setContentsMargins(0, 0, 0, 0);
    m_lineTitle = plainLabel(QString(), m_linePanel);
    layout->addWidget(m_lineTitle);
    m_lineView = new QPlainTextEdit(m_linePanel);
    m_lineView->setReadOnly(true);
    m_lineView->setTabChangesFocus(true);
    m_lineView->setLineWrapMode(QPlainTextEdit::NoWrap);
    m_lineView->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_lineView->setAccessibleName(tr("Lines of the file"));
    m_lineView->setMinimumHeight(m_lineView->fontMetrics().height() * (2 * s_contextLines + 3));
    layout->addWidget(m_lineView, 1);
    m_linePanel->hide();
    return m_linePanel;
}

QLayout *ImportReportDialog::buildButtons()
{
    auto *row = new QHBoxLayout;
    auto button = [&](const QString &text) {
        auto *b = new QPushButton(text, this);
        b->setAutoDefault(false); // Enter activates the diagnostic, it presses no button
        row->addWidget(b);
        return b;
    };
    m_showRecord = button(tr("Show &Record"));
    m_showLine = button(tr("Show &Line"));
    row->addStretch(1);
    QPushButton *copy = button(tr("&Copy Report"));
    QPushButton *save = button(tr("&Save Report…"));
    QPushButton *close = button(tr("Close"));
    connect(m_showRecord, &QPushButton::clicked, this, [this] {
        if (const Diagnostic *d = diagnosticAt(m_view->currentIndex().row()); d && inDocument(d->recordId))
            emit incidentRequested(d->recordId);
    });
    connect(m_showLine, &QPushButton::clicked, this, [this] { showLine(m_view->currentIndex().row()); });
    connect(copy, &QPushButton::clicked, this, [this] {
        copyReport();
        m_status->setText(tr("The report is on the clipboard."));
    });
    connect(save, &QPushButton::clicked, this, &ImportReportDialog::chooseSave);
    connect(close, &QPushButton::clicked, this, &QDialog::reject);
    return row;
}

void ImportReportDialog::setRecordLookup(std::function<bool(const QString &)> inDocument)
{
    m_inDocument = std::move(inDocument);
    showCurrent();
}

void ImportReportDialog::setShown(Shown shown)
{
    if (m_filter->currentIndex() != int(shown))
        m_filter->setCurrentIndex(int(shown)); // comes back here through the signal
    const QString pattern = shown == Shown::Errors ? QStringLiteral("^error$")
        : shown == Shown::Warnings                 ? QStringLiteral("^warning$")
                                                   : QString();
    m_proxy->setFilterRegularExpression(pattern);
    if (!m_view->currentIndex().isValid() && m_proxy->rowCount() > 0)
        m_view->setCurrentIndex(m_proxy->index(0, 0));
    showCurrent();
}

const Diagnostic *ImportReportDialog::diagnosticAt(int row) const
{
    if (row < 0 || row >= m_proxy->rowCount())
        return nullptr;
    const int i = m_proxy->index(row, SeverityColumn).data(s_indexRole).toInt();
    return i >= 0 && i < m_result.diagnostics.size() ? &m_result.diagnostics.at(i) : nullptr;
}

bool ImportReportDialog::inDocument(const QString &id) const
{
    return !id.isEmpty() && (!m_inDocument || m_inDocument(id));
}

bool ImportReportDialog::hasLine(const Diagnostic &d) const
{
    return !d.file.isEmpty() && d.line > 0;
}

void ImportReportDialog::showCurrent()
{
    const Diagnostic *d = diagnosticAt(m_view->currentIndex().row());
    // The whole diagnostic, which the table may cut, with its record when the line does not name it.
    QString detail = d ? d->toString() : QString();
    if (d && !d->recordId.isEmpty() && !detail.contains(d->recordId))
        detail += tr(" (record \"%1\")").arg(d->recordId.left(200));
    m_detail->setText(cell(detail, 2000));
    m_showRecord->setEnabled(d && inDocument(d->recordId));
    m_showLine->setEnabled(d && hasLine(*d));
}

void ImportReportDialog::activateRow(int row)
{
    const Diagnostic *d = diagnosticAt(row);
    if (!d)
        return;
    if (inDocument(d->recordId)) {
        m_status->setText(tr("Selected record \"%1\" in the window.").arg(cell(d->recordId, 200)));
        emit incidentRequested(d->recordId);
    } else if (hasLine(*d)) {
        showLine(row);
    } else if (!d->recordId.isEmpty()) {
        m_status->setText(tr("Record \"%1\" is not in the document.").arg(cell(d->recordId, 200)));
    } else {
        m_status->setText(tr("This diagnostic names no record and no line."));
    }
}

bool ImportReportDialog::showLine(int row)
{
    const Diagnostic *d = diagnosticAt(row);
    if (!d || !hasLine(*d))
        return false;
    QString error;
    const auto excerpt = LineExcerpt::read(d->file, d->line, s_contextLines, &error);
    if (m_linePanel->isHidden()) {
        // The lines take the room they need; the diagnostics keep the rest.
        m_linePanel->show();
        QList<int> sizes = m_splitter->sizes();
        const int total = std::accumulate(sizes.cbegin(), sizes.cend(), 0);
        sizes.last() = std::min(total / 2, m_linePanel->minimumSizeHint().height());
        sizes.first() = total - std::accumulate(sizes.cbegin() + 1, sizes.cend(), 0);
        m_splitter->setSizes(sizes);
    }
    if (!excerpt) {
        m_lineTitle->setText(tr("Cannot show the line: %1").arg(cell(error, 1000)));
        m_lineView->clear();
        return false;
    }
    m_lineTitle->setText(tr("%1, line %2").arg(shortPath(d->file), QString::number(d->line)));
    m_lineView->setPlainText(excerpt->toText());
    // The line itself at the top of the view's attention: its block selected.
    QTextEdit::ExtraSelection marked;
    marked.cursor = QTextCursor(m_lineView->document()->findBlockByNumber(d->line - excerpt->firstLine));
    marked.format.setBackground(palette().color(QPalette::Highlight));
    marked.format.setForeground(palette().color(QPalette::HighlightedText));
    marked.format.setProperty(QTextFormat::FullWidthSelection, true);
    m_lineView->setExtraSelections({ marked });
    m_lineView->setTextCursor(marked.cursor);
    m_lineView->ensureCursorVisible();
    return true;
}

QString ImportReportDialog::reportText() const
{
    QStringList lines { tr("Faultline import report") };
    for (const QString &path : m_result.paths)
        lines << tr("From: %1").arg(DisplayText::withVisibleControls(QDir::toNativeSeparators(path)));
    if (m_result.failed)
        lines << tr("Error: %1").arg(DisplayText::withVisibleControls(m_result.error));
    for (const QString &line : headerLines()) {
        if (!line.isEmpty())
            lines << line;
    }
    if (!m_result.diagnostics.isEmpty()) {
        lines << QString() << tr("Diagnostics (%1):").arg(m_result.diagnostics.size());
        for (const Diagnostic &d : m_result.diagnostics)
            lines << DisplayText::withVisibleControls(d.toString());
        if (m_result.diagnostics.omitted() > 0)
            lines << m_result.diagnostics.omittedLine();
    }
    if (!m_unknown.isEmpty()) {
        lines << QString() << tr("Country values no table knew (field, value, rows):");
        for (const auto &[field, value] : m_unknown)
            lines << QStringLiteral("%1\t%2\t%3")
                         .arg(field, DisplayText::withVisibleControls(value.first), QString::number(value.second));
    }
    return lines.join(u'\n') + u'\n';
}

void ImportReportDialog::copyReport() const
{
    QApplication::clipboard()->setText(reportText());
}

bool ImportReportDialog::saveReport(const QString &path, QString *error) const
{
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly | QIODevice::Text) || file.write(reportText().toUtf8()) < 0 || !file.commit()) {
        if (error)
            *error = QStringLiteral("%1: %2").arg(QDir::toNativeSeparators(path), file.errorString());
        return false;
    }
    return true;
}

void ImportReportDialog::chooseSave()
{
    const QString base = m_result.paths.isEmpty() ? QStringLiteral("import")
                                                  : QFileInfo(m_result.paths.constFirst()).completeBaseName();
    const QString path = QFileDialog::getSaveFileName(this, tr("Save Report"),
        QDir::home().filePath(base + QStringLiteral("-import-report.txt")), tr("Text files (*.txt);;All files (*)"));
    if (path.isEmpty())
        return;
    QString error;
    m_status->setText(saveReport(path, &error) ? tr("Report saved as %1").arg(shortPath(path))
                                               : tr("Report not saved: %1").arg(cell(error, 1000)));
}
