#include "import/csvmappingdialog.h"

#include "import/recordvalidator.h"

#include <QColor>
#include <QComboBox>
#include <QCoreApplication>
#include <QDialogButtonBox>
#include <QDir>
#include <QFile>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QGridLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPushButton>
#include <QScrollArea>
#include <QSplitter>
#include <QTableWidget>
#include <QVBoxLayout>
#include <algorithm>

namespace {
enum ItemRole { ColumnsRole = Qt::UserRole + 1, KindRole };
enum Kind { Unused, Constant, Columns };

// The fields a mapping may fill, in the order of the form; notes are the user's own.
QStringList formFields()
{
    QStringList fields = RecordValidator::fieldNames();
    fields.removeAll(QStringLiteral("notes"));
    return fields;
}

bool isRequired(const QString &field)
{
    return field == u"title" || field == u"start" || field == u"victims" || field == u"type";
}

// "from=to; from=to" <-> the field's translation table.
QString valuesText(const CsvMapping::Field &field)
{
    QStringList parts;
    for (const auto &[from, to] : field.valueOrder)
        parts << from + u'=' + to;
    return parts.join(QStringLiteral("; "));
}

void setValues(CsvMapping::Field &field, const QString &text)
{
    for (const QString &part : text.split(u';', Qt::SkipEmptyParts)) {
        const qsizetype eq = part.indexOf(u'=');
        if (eq < 0)
            continue;
        const QString from = part.left(eq).trimmed();
        const QString to = part.mid(eq + 1).trimmed();
        if (from.isEmpty())
            continue;
        field.values.insert(from.toLower(), to);
        field.valueOrder.append({ from, to });
    }
}

const QList<std::pair<QString, QString>> &delimiters()
{
    static const QList<std::pair<QString, QString>> list { { QCoreApplication::translate("CsvMappingDialog", "Detect"),
                                                               QString() },
        { QStringLiteral(", (comma)"), QStringLiteral(",") }, { QStringLiteral("; (semicolon)"), QStringLiteral(";") },
        { QCoreApplication::translate("CsvMappingDialog", "Tab"), QStringLiteral("\t") },
        { QStringLiteral("| (bar)"), QStringLiteral("|") } };
    return list;
}

QString listText(const QStringList &list)
{
    return list.join(QStringLiteral(", "));
}
} // namespace

CsvMappingDialog::CsvMappingDialog(const QString &csvPath, QWidget *parent)
    : QDialog(parent)
    , m_path(csvPath)
{
    setWindowTitle(tr("Map the Columns of %1").arg(QFileInfo(csvPath).fileName()));
    m_previewTimer.setSingleShot(true);
    m_previewTimer.setInterval(200);
    connect(&m_previewTimer, &QTimer::timeout, this, &CsvMappingDialog::refreshPreview);

    m_fileInfo = new QLabel(this);
    m_fileInfo->setTextFormat(Qt::PlainText);
    m_fileInfo->setWordWrap(true);

    auto *intro = new QLabel(tr("This file is not in Faultline's format. Say which column holds each field of a "
                                "record, or give a value for every row; the preview shows what the first %1 rows "
                                "would import as.")
                                 .arg(s_previewRows),
        this);
    intro->setWordWrap(true);

    m_preview = new QTableWidget(this);
    m_preview->setAccessibleName(tr("Preview of the records"));
    m_preview->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_preview->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_preview->verticalHeader()->setVisible(false);
    m_preview->horizontalHeader()->setStretchLastSection(true);
    m_diagnostics = new QListWidget(this);
    m_diagnostics->setAccessibleName(tr("Problems the preview found"));
    m_diagnostics->setWordWrap(true);
    m_status = new QLabel(this);
    m_status->setTextFormat(Qt::PlainText);
    m_status->setWordWrap(true);

    auto *previewSide = new QSplitter(Qt::Vertical, this);
    auto *recordsBox = new QGroupBox(tr("Records"), this);
    auto *recordsLayout = new QVBoxLayout(recordsBox);
    recordsLayout->addWidget(m_preview);
    recordsLayout->addWidget(m_status);
    auto *problemsBox = new QGroupBox(tr("Problems"), this);
    auto *problemsLayout = new QVBoxLayout(problemsBox);
    problemsLayout->addWidget(m_diagnostics);
    previewSide->addWidget(recordsBox);
    previewSide->addWidget(problemsBox);
    previewSide->setStretchFactor(0, 3);
    previewSide->setStretchFactor(1, 1);

    auto *formSide = new QWidget(this);
    auto *formLayout = new QVBoxLayout(formSide);
    formLayout->setContentsMargins(0, 0, 0, 0);
    formLayout->addWidget(buildFieldForm(), 1);
    formLayout->addWidget(buildOptions());

    auto *split = new QSplitter(Qt::Horizontal, this);
    split->addWidget(formSide);
    split->addWidget(previewSide);
    split->setStretchFactor(0, 2);
    split->setStretchFactor(1, 3);

    auto *buttons = new QDialogButtonBox(this);
    m_import = buttons->addButton(tr("Import"), QDialogButtonBox::AcceptRole);
    buttons->addButton(QDialogButtonBox::Cancel);
    auto *load = buttons->addButton(tr("Load Mapping…"), QDialogButtonBox::ActionRole);
    auto *save = buttons->addButton(tr("Save Mapping…"), QDialogButtonBox::ActionRole);
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(load, &QPushButton::clicked, this, &CsvMappingDialog::chooseLoad);
    connect(save, &QPushButton::clicked, this, &CsvMappingDialog::chooseSave);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(intro);
    layout->addWidget(m_fileInfo);
    layout->addWidget(split, 1);
    layout->addWidget(buttons);

    readSample();
    setMapping(CsvMapping::guess(m_sample.header));
    refreshPreview();
    resize(1180, 680);
}

QWidget *CsvMappingDialog::buildFieldForm()
{
    auto *inner = new QWidget(this);
    auto *grid = new QGridLayout(inner);
    grid->addWidget(new QLabel(tr("Field"), inner), 0, 0);
    grid->addWidget(new QLabel(tr("Column"), inner), 0, 1);
    grid->addWidget(new QLabel(tr("Value for every row"), inner), 0, 2);
    grid->addWidget(new QLabel(tr("Translate values"), inner), 0, 3);
    int row = 1;
    for (const QString &field : formFields()) {
        auto *label = new QLabel(isRequired(field) ? QString(field + QStringLiteral(" *")) : field, inner);
        FieldRow r;
        r.column = new QComboBox(inner);
        r.column->setAccessibleName(tr("Column for %1").arg(field));
        r.column->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
        r.column->setMinimumContentsLength(14);
        r.constant = new QLineEdit(inner);
        r.constant->setAccessibleName(tr("Value of %1 for every row").arg(field));
        r.constant->setEnabled(false);
        r.values = new QLineEdit(inner);
        r.values->setAccessibleName(tr("Translations of %1").arg(field));
        r.values->setToolTip(tr("value in the file=value in Faultline, separated by semicolons; a value "
                                "translated to nothing is left out"));
        if (field == u"type")
            r.values->setPlaceholderText(QStringLiteral("Hacking=data-theft; DDoS=ddos"));
        else if (field == u"victims" || field == u"attackers")
            r.values->setPlaceholderText(QStringLiteral("Unknown=XX"));
        else if (field == u"attribution")
            r.values->setPlaceholderText(QStringLiteral("State-sponsored=suspected"));
        label->setBuddy(r.column);
        grid->addWidget(label, row, 0);
        grid->addWidget(r.column, row, 1);
        grid->addWidget(r.constant, row, 2);
        grid->addWidget(r.values, row, 3);
        ++row;
        connect(r.column, &QComboBox::currentIndexChanged, this, [this, r] {
            r.constant->setEnabled(r.column->currentData(KindRole).toInt() == Constant);
            schedulePreview();
        });
        connect(r.constant, &QLineEdit::textChanged, this, &CsvMappingDialog::schedulePreview);
        connect(r.values, &QLineEdit::textChanged, this, &CsvMappingDialog::schedulePreview);
        m_rows.insert(field, r);
    }
    grid->setColumnStretch(1, 2);
    grid->setColumnStretch(2, 1);
    grid->setColumnStretch(3, 2);
    grid->setRowStretch(row, 1);
    auto *scroll = new QScrollArea(this);
    scroll->setWidget(inner);
    scroll->setWidgetResizable(true);
    scroll->setFrameShape(QFrame::NoFrame);
    return scroll;
}

QWidget *CsvMappingDialog::buildOptions()
{
    auto *box = new QGroupBox(tr("File"), this);
    auto *form = new QFormLayout(box);
    m_dateFormat = new QLineEdit(box);
    m_dateFormat->setPlaceholderText(tr("ISO, 17/07/2022, 17 July 2022 and Excel numbers are read anyway"));
    m_dateFormat->setToolTip(tr("A Qt date format such as MM/dd/yyyy, tried first; month-first dates are read "
                                "only when this says so"));
    m_separator = new QLineEdit(QStringLiteral(";"), box);
    m_separator->setToolTip(tr("Between the values of a cell that holds several (countries, sectors, sources)"));
    m_delimiter = new QComboBox(box);
    for (const auto &[label, value] : delimiters())
        m_delimiter->addItem(label, value);
    m_encoding = new QComboBox(box);
    for (const CsvReader::Encoding e :
        { CsvReader::Encoding::Detect, CsvReader::Encoding::Utf8, CsvReader::Encoding::Utf16LE,
            CsvReader::Encoding::Utf16BE, CsvReader::Encoding::Windows1252, CsvReader::Encoding::Latin1 })
        m_encoding->addItem(e == CsvReader::Encoding::Detect ? tr("Detect") : CsvReader::encodingName(e), int(e));
    form->addRow(tr("&Date format:"), m_dateFormat);
    form->addRow(tr("&Separator in cells:"), m_separator);
    form->addRow(tr("De&limiter:"), m_delimiter);
    form->addRow(tr("&Encoding:"), m_encoding);
    connect(m_dateFormat, &QLineEdit::textChanged, this, &CsvMappingDialog::schedulePreview);
    connect(m_separator, &QLineEdit::textChanged, this, &CsvMappingDialog::schedulePreview);
    auto reread = [this] {
        if (m_settingMapping)
            return;
        const CsvMapping kept = mapping();
        readSample();
        setMapping(kept);
    };
    connect(m_delimiter, &QComboBox::currentIndexChanged, this, reread);
    connect(m_encoding, &QComboBox::currentIndexChanged, this, reread);
    return box;
}

void CsvMappingDialog::readSample()
{
    QFile file(m_path);
    CsvMapping options;
    if (m_delimiter && !m_delimiter->currentData().toString().isEmpty())
        options.delimiter = m_delimiter->currentData().toString().at(0);
    if (m_encoding)
        options.encoding = CsvReader::Encoding(m_encoding->currentData().toInt());
    if (!file.open(QIODevice::ReadOnly)) {
        m_sample = {};
        m_sample.error = file.errorString();
    } else {
        m_sample = MappedCsvReader::sample(&file, options, 3);
    }
    const QString delimiter
        = m_sample.delimiter == u'\t' ? tr("tab") : QStringLiteral("\"%1\"").arg(QString(m_sample.delimiter));
    m_fileInfo->setText(m_sample.error.isEmpty()
            ? tr("%1: %2, delimiter %3, %4 columns")
                  .arg(QDir::toNativeSeparators(m_path), CsvReader::encodingName(m_sample.encoding), delimiter)
                  .arg(m_sample.header.size())
            : tr("%1: %2").arg(QDir::toNativeSeparators(m_path), m_sample.error));
}

void CsvMappingDialog::fillColumnBox(QComboBox *box) const
{
    const QSignalBlocker blocker(box);
    box->clear();
    box->addItem(tr("(not used)"));
    box->setItemData(0, Unused, KindRole);
    box->addItem(tr("(the same value for every row)"));
    box->setItemData(1, Constant, KindRole);
    for (int c = 0; c < m_sample.header.size(); ++c) {
        const QString name = m_sample.header.at(c);
        // The first non-empty value shows what the column holds.
        QString example;
        for (const QStringList &row : m_sample.rows) {
            if (c < row.size() && !row.at(c).trimmed().isEmpty()) {
                example = row.at(c).simplified().left(24);
                break;
            }
        }
        box->addItem(example.isEmpty() ? name : tr("%1  (%2)").arg(name, example));
        box->setItemData(box->count() - 1, QStringList { name }, ColumnsRole);
        box->setItemData(box->count() - 1, Columns, KindRole);
    }
}

CsvMapping CsvMappingDialog::mapping() const
{
    CsvMapping m;
    for (auto it = m_rows.cbegin(); it != m_rows.cend(); ++it) {
        const FieldRow &r = it.value();
        CsvMapping::Field field;
        const int kind = r.column->currentData(KindRole).toInt();
        if (kind == Constant)
            field.constant = r.constant->text();
        else if (kind == Columns)
            field.columns = r.column->currentData(ColumnsRole).toStringList();
        if (!field.isSet())
            continue;
        setValues(field, r.values->text());
        m.fields.insert(it.key(), field);
    }
    m.dateFormat = m_dateFormat->text().trimmed();
    if (!m_separator->text().isEmpty())
        m.separator = m_separator->text();
    if (!m_delimiter->currentData().toString().isEmpty())
        m.delimiter = m_delimiter->currentData().toString().at(0);
    m.encoding = CsvReader::Encoding(m_encoding->currentData().toInt());
    return m;
}

bool CsvMappingDialog::isComplete(QString *why) const
{
    QString error;
    const bool ok = CsvMapping::fromJson(mapping().toJson(), &error).has_value();
    if (why)
        *why = error;
    return ok;
}

void CsvMappingDialog::setMapping(const CsvMapping &m)
{
    m_settingMapping = true;
    if (const int d = m_delimiter->findData(m.delimiter ? QString(*m.delimiter) : QString()); d >= 0)
        m_delimiter->setCurrentIndex(d);
    m_encoding->setCurrentIndex(std::max(0, m_encoding->findData(int(m.encoding))));
    m_settingMapping = false;
    readSample();
    for (auto it = m_rows.begin(); it != m_rows.end(); ++it) {
        FieldRow &r = it.value();
        fillColumnBox(r.column);
        const CsvMapping::Field field = m.fields.value(it.key());
        int index = 0;
        if (field.constant) {
            index = 1;
        } else if (!field.columns.isEmpty()) {
            index = r.column->findData(field.columns, ColumnsRole);
            if (index < 0) {
                // Several columns, or one this file does not have: kept, and said so.
                const bool present = std::all_of(field.columns.cbegin(), field.columns.cend(),
                    [&](const QString &c) { return m_sample.header.contains(c); });
                r.column->addItem(
                    present ? listText(field.columns) : tr("%1 (not in this file)").arg(listText(field.columns)),
                    field.columns);
                index = r.column->count() - 1;
                r.column->setItemData(index, field.columns, ColumnsRole);
                r.column->setItemData(index, Columns, KindRole);
            }
        }
        r.column->setCurrentIndex(index);
        r.constant->setEnabled(index == 1);
        r.constant->setText(field.constant.value_or(QString()));
        r.values->setText(valuesText(field));
    }
    m_dateFormat->setText(m.dateFormat);
    m_separator->setText(m.separator);
    schedulePreview();
}

bool CsvMappingDialog::loadMapping(const QString &path, QString *error)
{
    const std::optional<CsvMapping> m = CsvMapping::load(path, error);
    if (!m)
        return false;
    setMapping(*m);
    refreshPreview();
    return true;
}

bool CsvMappingDialog::saveMapping(const QString &path, QString *error) const
{
    return mapping().save(path, error);
}

void CsvMappingDialog::schedulePreview()
{
    if (!m_settingMapping)
        m_previewTimer.start();
}

namespace {
// Accepted and rejected records in the order the reader hands them over (first rows first).
struct PreviewRow
{
    QStringList cells;
    QString id;
    bool rejected = false;
};

// One table row per record; a record's problems are the tooltip of each of its cells.
void fillPreview(
    QTableWidget *table, const QStringList &columns, const QList<PreviewRow> &rows, const Diagnostics &diagnostics)
{
    table->setColumnCount(int(columns.size()));
    table->setHorizontalHeaderLabels(columns);
    table->setRowCount(int(rows.size()));
    for (int i = 0; i < rows.size(); ++i) {
        const PreviewRow &row = rows.at(i);
        QStringList problems;
        for (const Diagnostic &d : std::as_const(diagnostics)) {
            if (d.recordId == row.id)
                problems << d.toString();
        }
        for (int c = 0; c < row.cells.size(); ++c) {
            auto *item = new QTableWidgetItem(row.cells.at(c));
            item->setToolTip(problems.isEmpty() ? row.cells.at(c) : problems.join(u'\n'));
            if (row.rejected && c == 0)
                item->setForeground(QColor(0xB0, 0x00, 0x20));
            table->setItem(i, c, item);
        }
    }
}
} // namespace

void CsvMappingDialog::refreshPreview()
{
    m_previewTimer.stop();
    ++m_previewCount;
    m_preview->clear();
    m_preview->setRowCount(0);
    m_diagnostics->clear();
    QString why;
    if (!isComplete(&why)) {
        m_status->setText(tr("Not ready to import: %1").arg(why));
        m_import->setEnabled(false);
        return;
    }
    const CsvMapping m = mapping();
    QFile file(m_path);
    if (!file.open(QIODevice::ReadOnly)) {
        m_status->setText(file.errorString());
        m_import->setEnabled(false);
        return;
    }
    QList<PreviewRow> rows;
    Diagnostics diagnostics;
    MappedCsvReader::Counts counts;
    auto sourcesText = [](const QList<Source> &sources) {
        QStringList texts;
        for (const Source &s : sources)
            texts << (s.url.isEmpty() ? s.title : s.url);
        return texts.join(QStringLiteral("; "));
    };
    const bool readable = MappedCsvReader::read(
        &file, m, QFileInfo(m_path).fileName(), QFileInfo(m_path).completeBaseName(),
        [&](Incident &&r) {
            rows.append({ { tr("ok"), r.id, r.title, r.start.toString(), r.end.isValid() ? r.end.toString() : QString(),
                              listText(r.victims), listText(r.attackers), Vocabulary::attributionKey(r.attribution),
                              r.actor, Vocabulary::typeKey(r.type), listText(Vocabulary::sectorKeys(r.sectors)),
                              sourcesText(r.sources) },
                r.id, false });
            return true;
        },
        diagnostics, &counts, {}, s_previewRows,
        [&](const RawRecord &raw) {
            auto text = [&](const char *field) { return raw.text.value(QString::fromLatin1(field)); };
            auto list = [&](const char *field) { return listText(raw.lists.value(QString::fromLatin1(field))); };
            rows.append({ { tr("rejected"), text("id"), text("title"), text("start"), text("end"), list("victims"),
                              list("attackers"), text("attribution"), text("actor"), text("type"), list("sectors"),
                              sourcesText(raw.sources) },
                text("id"), true });
        });

    const QStringList columns { tr("status"), tr("id"), tr("title"), tr("start"), tr("end"), tr("victims"),
        tr("attackers"), tr("attribution"), tr("actor"), tr("type"), tr("sectors"), tr("sources") };
    fillPreview(m_preview, columns, rows, diagnostics);
    m_preview->resizeColumnsToContents();
    for (int c = 0; c < m_preview->columnCount(); ++c)
        m_preview->setColumnWidth(c, std::min(m_preview->columnWidth(c), 220));
    for (const Diagnostic &d : std::as_const(diagnostics)) {
        auto *item = new QListWidgetItem(d.toString(), m_diagnostics);
        if (d.severity == Diagnostic::Severity::Warning)
            item->setForeground(palette().color(QPalette::PlaceholderText));
    }
    m_status->setText(readable
            ? tr("The first %1 rows give %2 records; %3 rejected.")
                  .arg(counts.rows)
                  .arg(std::count_if(rows.cbegin(), rows.cend(), [](const PreviewRow &r) { return !r.rejected; }))
                  .arg(counts.rejected)
            : tr("The file cannot be read this way; see the problems below."));
    m_import->setEnabled(readable);
}

void CsvMappingDialog::chooseLoad()
{
    const QString path = QFileDialog::getOpenFileName(
        this, tr("Load Mapping"), QFileInfo(m_path).absolutePath(), tr("Mapping files (*.json);;All files (*)"));
    if (path.isEmpty())
        return;
    QString error;
    if (!loadMapping(path, &error))
        m_status->setText(tr("Mapping not loaded: %1").arg(error));
}

void CsvMappingDialog::chooseSave()
{
    const QString proposed
        = QFileInfo(m_path).absolutePath() + u'/' + QFileInfo(m_path).completeBaseName() + QStringLiteral(".map.json");
    const QString path = QFileDialog::getSaveFileName(this, tr("Save Mapping"), proposed, tr("Mapping files (*.json)"));
    if (path.isEmpty())
        return;
    QString error;
    if (!saveMapping(path, &error))
        m_status->setText(tr("Mapping not saved: %1").arg(error));
}

QComboBox *CsvMappingDialog::columnBox(const QString &field) const
{
    return m_rows.value(field).column;
}

QLineEdit *CsvMappingDialog::constantEdit(const QString &field) const
{
    return m_rows.value(field).constant;
}

QLineEdit *CsvMappingDialog::valuesEdit(const QString &field) const
{
    return m_rows.value(field).values;
}
