#include "export/exportfiguredialog.h"

#include "export/figurescope.h"

#include <QCheckBox>
#include <QComboBox>
#include <QCoreApplication>
#include <QDateEdit>
#include <QDialogButtonBox>
#include <QDir>
#include <QDoubleSpinBox>
#include <QEvent>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPainter>
#include <QProgressDialog>
#include <QPushButton>
#include <QRegularExpression>
#include <QSet>
#include <QSettings>
#include <QSpinBox>
#include <QStandardPaths>
#include <QTimer>
#include <QVBoxLayout>
#include <cmath>

namespace {
enum Unit { Pixels, Millimetres, Inches };
const QSize s_previewBox(520, 380);
constexpr int s_previewDelayMs = 150;

QString settingsKey(const char *name)
{
    return QStringLiteral("exportFigure/") + QString::fromLatin1(name);
}

// Length in millimetres of `value` in `unit` at `dpi`.
double toMillimetres(double value, int unit, double dpi)
{
    return unit == Pixels ? value / dpi * 25.4 : unit == Inches ? value * 25.4 : value;
}

double fromMillimetres(double mm, int unit, double dpi)
{
    return unit == Pixels ? std::round(mm / 25.4 * dpi) : unit == Inches ? mm / 25.4 : mm;
}

// Pixels are whole numbers from 16; millimetres and inches have a decimal and start at 1.
void setLengthUnit(QDoubleSpinBox *spin, int unit)
{
    spin->setDecimals(unit == Pixels ? 0 : 1);
    spin->setRange(unit == Pixels ? 16 : 1, unit == Pixels ? 20000 : 5000);
}

QString extension(FigureFormat format)
{
    return format == FigureFormat::Png ? QStringLiteral(".png")
        : format == FigureFormat::Svg  ? QStringLiteral(".svg")
                                       : QStringLiteral(".pdf");
}

// A grey and white checkerboard, what a transparent figure is drawn over in the preview.
void fillChecker(QImage &image)
{
    QPainter p(&image);
    constexpr int cell = 8;
    for (int y = 0; y < image.height(); y += cell) {
        for (int x = 0; x < image.width(); x += cell)
            p.fillRect(x, y, cell, cell, ((x + y) / cell) % 2 ? QColor(204, 204, 204) : QColor(255, 255, 255));
    }
}
} // namespace

ExportFigureDialog::ExportFigureDialog(FigureViewState state, QWidget *parent)
    : QDialog(parent)
    , m_state(std::move(state))
    , m_previewTimer(new QTimer(this))
{
    setWindowTitle(tr("Export Figure"));
    m_previewTimer->setSingleShot(true);
    m_previewTimer->setInterval(s_previewDelayMs);
    connect(m_previewTimer, &QTimer::timeout, this, &ExportFigureDialog::updatePreviewNow);
    buildForm();
    loadSettings();
    connectChanges();
    updateEnabled();
    updatePreviewNow();
}

void ExportFigureDialog::buildForm()
{
    auto *form = new QVBoxLayout;
    m_format = new QComboBox;
    m_format->setObjectName(QStringLiteral("format"));
    m_format->addItem(tr("PNG image"), int(FigureFormat::Png));
    m_format->addItem(tr("SVG drawing"), int(FigureFormat::Svg));
    m_format->addItem(tr("PDF document"), int(FigureFormat::Pdf));
    auto *formatRow = new QFormLayout;
    formatRow->addRow(tr("&Format:"), m_format);
    form->addLayout(formatRow);
    form->addWidget(contentGroup());
    form->addWidget(sizeGroup());
    form->addWidget(lookGroup());
    form->addWidget(textGroup());
    form->addStretch();

    m_previewLabel = new QLabel;
    m_previewLabel->setObjectName(QStringLiteral("preview"));
    m_previewLabel->setMinimumSize(s_previewBox);
    // The label takes the room the layout gives it, whatever the size of the image it shows,
    // and the preview is drawn again to fit when that room changes (eventFilter): a preview
    // larger than the label would be cut at both sides.
    m_previewLabel->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Ignored);
    m_previewLabel->installEventFilter(this);
    m_previewLabel->setAlignment(Qt::AlignCenter);
    m_previewLabel->setFrameShape(QFrame::StyledPanel);
    m_status = new QLabel;
    m_status->setObjectName(QStringLiteral("status"));
    m_status->setWordWrap(true);
    m_status->setTextFormat(Qt::PlainText);

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Cancel);
    QPushButton *exportButton = buttons->addButton(tr("&Export…"), QDialogButtonBox::AcceptRole);
    exportButton->setDefault(true);
    connect(buttons, &QDialogButtonBox::accepted, this, &ExportFigureDialog::chooseFileAndExport);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);

    auto *right = new QVBoxLayout;
    right->addWidget(m_previewLabel, 1);
    right->addWidget(m_status);
    right->addWidget(buttons);
    auto *top = new QHBoxLayout(this);
    top->addLayout(form);
    top->addLayout(right, 1);
}

QWidget *ExportFigureDialog::contentGroup()
{
    auto *box = new QGroupBox(tr("Content"));
    auto *form = new QFormLayout(box);
    m_range = new QComboBox;
    m_range->setObjectName(QStringLiteral("range"));
    m_range->addItems({ tr("Visible range"), tr("Dates") });
    m_from = new QDateEdit(QDate::fromJulianDay(qint64(std::floor(m_state.firstDay))));
    m_to = new QDateEdit(QDate::fromJulianDay(qint64(std::ceil(m_state.endDay)) - 1));
    for (QDateEdit *edit : { m_from, m_to }) {
        edit->setDisplayFormat(QStringLiteral("yyyy-MM-dd"));
        edit->setCalendarPopup(true);
    }
    m_from->setObjectName(QStringLiteral("from"));
    m_to->setObjectName(QStringLiteral("to"));
    auto *dates = new QHBoxLayout;
    dates->addWidget(m_from);
    dates->addWidget(new QLabel(tr("to")));
    dates->addWidget(m_to);
    m_rows = new QComboBox;
    m_rows->setObjectName(QStringLiteral("rows"));
    m_rows->addItem(tr("Rows on screen"), int(Rows::OnScreen));
    m_rows->addItem(tr("All rows"), int(Rows::All));
    m_rows->addItem(tr("Busiest rows"), int(Rows::Top));
    m_rows->addItem(tr("Chosen rows"), int(Rows::Picked));
    m_top = new QSpinBox;
    m_top->setObjectName(QStringLiteral("top"));
    m_top->setRange(1, 10000);
    m_top->setValue(20);
    auto *rows = new QHBoxLayout;
    rows->addWidget(m_rows, 1);
    rows->addWidget(m_top);
    form->addRow(tr("&Range:"), m_range);
    form->addRow(QString(), dates);
    form->addRow(tr("Ro&ws:"), rows);
    form->addRow(QString(), pickList());
    return box;
}

QWidget *ExportFigureDialog::pickList()
{
    auto *box = new QWidget;
    auto *layout = new QVBoxLayout(box);
    layout->setContentsMargins(0, 0, 0, 0);
    m_pickSearch = new QLineEdit;
    m_pickSearch->setObjectName(QStringLiteral("pickSearch"));
    m_pickSearch->setPlaceholderText(tr("Find a row"));
    m_pickSearch->setClearButtonEnabled(true);
    m_pickList = new QListWidget;
    m_pickList->setObjectName(QStringLiteral("pickedRows"));
    m_pickList->setMaximumHeight(150);
    m_pickList->setUniformItemSizes(true);
    const int rows = m_state.rows ? m_state.rows->rowCount() : 0;
    for (int r = 0; r < rows; ++r) {
        const TimelineRow &row = m_state.rows->row(r);
        auto *item = new QListWidgetItem(tr("%1 (%2)").arg(row.label).arg(row.count()), m_pickList);
        item->setData(Qt::UserRole, row.key);
        item->setData(Qt::UserRole + 1, row.label);
        item->setFlags(Qt::ItemIsUserCheckable | Qt::ItemIsEnabled | Qt::ItemIsSelectable);
        item->setCheckState(Qt::Unchecked);
    }
    layout->addWidget(m_pickSearch);
    layout->addWidget(m_pickList);
    connect(m_pickSearch, &QLineEdit::textChanged, this, &ExportFigureDialog::filterPickList);
    return box;
}

void ExportFigureDialog::filterPickList(const QString &text)
{
    const QString wanted = text.trimmed();
    for (int i = 0; i < m_pickList->count(); ++i) {
        QListWidgetItem *item = m_pickList->item(i);
        item->setHidden(!wanted.isEmpty() && !item->text().contains(wanted, Qt::CaseInsensitive)
            && !item->data(Qt::UserRole).toString().contains(wanted, Qt::CaseInsensitive));
    }
}

// Checks the rows of `keys`; when none of them is a row here, the rows on screen.
void ExportFigureDialog::checkPicked(const QStringList &keys)
{
    const QSet<QString> wanted(keys.begin(), keys.end());
    bool any = false;
    for (int i = 0; i < m_pickList->count(); ++i) {
        QListWidgetItem *item = m_pickList->item(i);
        const bool on = wanted.contains(item->data(Qt::UserRole).toString());
        item->setCheckState(on ? Qt::Checked : Qt::Unchecked);
        any = any || on;
    }
    if (any)
        return;
    const auto [first, count] = FigureState::visibleRows(m_state);
    for (int r = first; r < first + count && r < m_pickList->count(); ++r)
        m_pickList->item(r)->setCheckState(Qt::Checked);
}

QStringList ExportFigureDialog::pickedKeys() const
{
    QStringList keys;
    for (int i = 0; i < m_pickList->count(); ++i) {
        if (m_pickList->item(i)->checkState() == Qt::Checked)
            keys << m_pickList->item(i)->data(Qt::UserRole).toString();
    }
    return keys;
}

QStringList ExportFigureDialog::pickedLabels() const
{
    QStringList labels;
    for (int i = 0; i < m_pickList->count(); ++i) {
        if (m_pickList->item(i)->checkState() == Qt::Checked)
            labels << m_pickList->item(i)->data(Qt::UserRole + 1).toString();
    }
    return labels;
}

bool ExportFigureDialog::picking() const
{
    return Rows(m_rows->currentData().toInt()) == Rows::Picked;
}

QWidget *ExportFigureDialog::sizeGroup()
{
    auto *box = new QGroupBox(tr("Size"));
    auto *form = new QFormLayout(box);
    m_unit = new QComboBox;
    m_unit->setObjectName(QStringLiteral("unit"));
    m_unit->addItems({ tr("pixels"), tr("millimetres"), tr("inches") });
    m_width = new QDoubleSpinBox;
    m_height = new QDoubleSpinBox;
    m_width->setObjectName(QStringLiteral("width"));
    m_height->setObjectName(QStringLiteral("height"));
    m_dpi = new QSpinBox;
    m_dpi->setObjectName(QStringLiteral("dpi"));
    m_dpi->setRange(24, 1200);
    m_dpi->setValue(96);
    m_dpi->setSuffix(tr(" dpi"));
    auto *size = new QHBoxLayout;
    size->addWidget(m_width);
    size->addWidget(new QLabel(QStringLiteral("×")));
    size->addWidget(m_height);
    size->addWidget(m_unit);
    m_pageSize = new QComboBox;
    m_pageSize->setObjectName(QStringLiteral("pageSize"));
    for (const QPageSize::PageSizeId id :
        { QPageSize::A4, QPageSize::A3, QPageSize::A5, QPageSize::Letter, QPageSize::Legal, QPageSize::Tabloid })
        m_pageSize->addItem(QPageSize::name(id), int(id));
    m_orientation = new QComboBox;
    m_orientation->setObjectName(QStringLiteral("orientation"));
    m_orientation->addItem(tr("Landscape"), int(QPageLayout::Landscape));
    m_orientation->addItem(tr("Portrait"), int(QPageLayout::Portrait));
    m_fitHeight = new QCheckBox(tr("S&hrink the height to the rows"));
    m_fitHeight->setObjectName(QStringLiteral("fitHeight"));
    m_fitHeight->setToolTip(tr("With few rows, the figure is only as tall as they need (at most the height above)"));
    m_fitHeight->setChecked(true);
    form->addRow(tr("Si&ze:"), size);
    form->addRow(QString(), m_fitHeight);
    form->addRow(tr("Resolution:"), m_dpi);
    form->addRow(tr("&Page (PDF):"), m_pageSize);
    form->addRow(tr("&Orientation:"), m_orientation);
    m_lastUnit = Pixels;
    for (QDoubleSpinBox *spin : { m_width, m_height })
        setLengthUnit(spin, Pixels);
    m_width->setValue(1600);
    m_height->setValue(900);
    return box;
}

QWidget *ExportFigureDialog::lookGroup()
{
    auto *box = new QGroupBox(tr("Look"));
    auto *form = new QFormLayout(box);
    m_theme = new QComboBox;
    m_theme->setObjectName(QStringLiteral("theme"));
    m_theme->addItems({ tr("Light"), tr("Dark") });
    m_theme->setCurrentIndex(m_state.dark ? 1 : 0);
    m_transparent = new QCheckBox(tr("&Transparent background"));
    m_transparent->setObjectName(QStringLiteral("transparent"));
    form->addRow(tr("T&heme:"), m_theme);
    form->addRow(QString(), m_transparent);
    return box;
}

QWidget *ExportFigureDialog::textGroup()
{
    auto *box = new QGroupBox(tr("Text"));
    auto *form = new QFormLayout(box);
    m_title = new QLineEdit(FigureExporter::proposeTitle(m_state.filter, m_state.firstDay, m_state.endDay));
    m_title->setObjectName(QStringLiteral("title"));
    m_subtitle = new QLineEdit;
    m_subtitle->setObjectName(QStringLiteral("subtitle"));
    m_subtitle->setPlaceholderText(tr("optional"));
    form->addRow(tr("T&itle:"), m_title);
    form->addRow(tr("&Subtitle:"), m_subtitle);
    return box;
}

void ExportFigureDialog::connectChanges()
{
    for (QComboBox *box : { m_format, m_range, m_rows, m_pageSize, m_orientation, m_theme })
        connect(box, &QComboBox::currentIndexChanged, this, &ExportFigureDialog::schedulePreview);
    connect(m_unit, &QComboBox::currentIndexChanged, this, [this] {
        convertUnit(m_lastUnit);
        m_lastUnit = m_unit->currentIndex();
        schedulePreview();
    });
    for (QDateEdit *edit : { m_from, m_to })
        connect(edit, &QDateEdit::dateChanged, this, &ExportFigureDialog::schedulePreview);
    for (QDoubleSpinBox *spin : { m_width, m_height })
        connect(spin, &QDoubleSpinBox::valueChanged, this, &ExportFigureDialog::schedulePreview);
    for (QSpinBox *spin : { m_top, m_dpi })
        connect(spin, &QSpinBox::valueChanged, this, &ExportFigureDialog::schedulePreview);
    for (QCheckBox *box : { m_transparent, m_fitHeight })
        connect(box, &QCheckBox::toggled, this, &ExportFigureDialog::schedulePreview);
    connect(m_pickList, &QListWidget::itemChanged, this, &ExportFigureDialog::schedulePreview);
    for (QLineEdit *edit : { m_title, m_subtitle })
        connect(edit, &QLineEdit::textChanged, this, &ExportFigureDialog::schedulePreview);
}

void ExportFigureDialog::loadSettings()
{
    const QSettings s;
    auto select = [](QComboBox *box, const QVariant &data) {
        const int i = box->findData(data);
        if (i >= 0)
            box->setCurrentIndex(i);
    };
    select(m_format, s.value(settingsKey("format"), int(FigureFormat::Png)));
    m_range->setCurrentIndex(std::clamp(s.value(settingsKey("range"), 0).toInt(), 0, 1));
    select(m_rows, s.value(settingsKey("rows"), int(Rows::All)));
    m_top->setValue(s.value(settingsKey("top"), 20).toInt());
    checkPicked(s.value(settingsKey("pickedRows")).toStringList());
    m_unit->setCurrentIndex(std::clamp(s.value(settingsKey("unit"), 0).toInt(), 0, 2));
    m_lastUnit = m_unit->currentIndex();
    m_dpi->setValue(s.value(settingsKey("dpi"), 96).toInt());
    setLengthUnit(m_width, m_lastUnit);
    setLengthUnit(m_height, m_lastUnit);
    m_width->setValue(s.value(settingsKey("width"), 1600).toDouble());
    m_height->setValue(s.value(settingsKey("height"), 900).toDouble());
    select(m_pageSize, s.value(settingsKey("pageSize"), int(QPageSize::A4)));
    select(m_orientation, s.value(settingsKey("orientation"), int(QPageLayout::Landscape)));
    if (s.contains(settingsKey("dark")))
        m_theme->setCurrentIndex(s.value(settingsKey("dark")).toBool() ? 1 : 0);
    m_transparent->setChecked(s.value(settingsKey("transparent"), false).toBool());
    m_fitHeight->setChecked(s.value(settingsKey("fitHeight"), true).toBool());
}

void ExportFigureDialog::saveSettings(const QString &path) const
{
    QSettings s;
    s.setValue(settingsKey("format"), m_format->currentData());
    s.setValue(settingsKey("range"), m_range->currentIndex());
    s.setValue(settingsKey("rows"), m_rows->currentData());
    s.setValue(settingsKey("top"), m_top->value());
    s.setValue(settingsKey("pickedRows"), pickedKeys());
    s.setValue(settingsKey("unit"), m_unit->currentIndex());
    s.setValue(settingsKey("width"), m_width->value());
    s.setValue(settingsKey("height"), m_height->value());
    s.setValue(settingsKey("dpi"), m_dpi->value());
    s.setValue(settingsKey("pageSize"), m_pageSize->currentData());
    s.setValue(settingsKey("orientation"), m_orientation->currentData());
    s.setValue(settingsKey("dark"), m_theme->currentIndex() == 1);
    s.setValue(settingsKey("transparent"), m_transparent->isChecked());
    s.setValue(settingsKey("fitHeight"), m_fitHeight->isChecked());
    s.setValue(settingsKey("folder"), QFileInfo(path).absolutePath());
}

void ExportFigureDialog::convertUnit(int previousUnit)
{
    const int unit = m_unit->currentIndex();
    const double dpi = m_dpi->value();
    for (QDoubleSpinBox *spin : { m_width, m_height }) {
        const double mm = toMillimetres(spin->value(), previousUnit, dpi);
        QSignalBlocker block(spin);
        setLengthUnit(spin, unit);
        spin->setValue(fromMillimetres(mm, unit, dpi));
    }
}

void ExportFigureDialog::updateEnabled()
{
    const auto format = FigureFormat(m_format->currentData().toInt());
    const bool pdf = format == FigureFormat::Pdf;
    for (QWidget *w : std::initializer_list<QWidget *> { m_width, m_height, m_unit, m_fitHeight })
        w->setEnabled(!pdf);
    m_pageSize->setEnabled(pdf);
    m_orientation->setEnabled(pdf);
    m_transparent->setEnabled(!pdf);
    m_from->setEnabled(m_range->currentIndex() == 1);
    m_to->setEnabled(m_range->currentIndex() == 1);
    m_top->setEnabled(Rows(m_rows->currentData().toInt()) == Rows::Top);
    m_pickSearch->setEnabled(picking());
    m_pickList->setEnabled(picking());
}

void ExportFigureDialog::schedulePreview()
{
    updateEnabled();
    m_status->clear();
    m_previewTimer->start();
}

std::shared_ptr<const TimelineRows> ExportFigureDialog::chosenRows() const
{
    switch (Rows(m_rows->currentData().toInt())) {
    case Rows::OnScreen: {
        const auto [first, count] = FigureState::visibleRows(m_state);
        return FigureScope::slice(m_state.rows, first, count);
    }
    case Rows::All:
        return m_state.rows;
    case Rows::Picked: {
        const QStringList keys = pickedKeys();
        if (!m_pickedRows.second || m_pickedRows.first != keys)
            m_pickedRows = { keys, FigureScope::picked(m_state.rows, keys) };
        return m_pickedRows.second;
    }
    case Rows::Top:
        break;
    }
    const int n = m_top->value();
    if (!m_topRows.contains(n)) {
        m_topRows.clear(); // rows are large; keep the latest choice only
        m_topRows.insert(n, FigureScope::top(m_state.rows, n));
    }
    return m_topRows.value(n);
}

std::pair<double, double> ExportFigureDialog::chosenRange() const
{
    if (m_range->currentIndex() == 0)
        return { m_state.firstDay, m_state.endDay };
    const double first = double(m_from->date().toJulianDay());
    return { first, std::max(first + 1, double(m_to->date().toJulianDay()) + 1) };
}

void ExportFigureDialog::applySize(FigureOptions &o) const
{
    o.dpi = m_dpi->value();
    o.fitHeight = m_fitHeight->isChecked();
    o.pageSize = QPageSize(QPageSize::PageSizeId(m_pageSize->currentData().toInt()));
    o.orientation = QPageLayout::Orientation(m_orientation->currentData().toInt());
    const int unit = m_unit->currentIndex();
    if (unit == Pixels) {
        o.pixels = QSize(int(m_width->value()), int(m_height->value()));
        o.millimetres = QSizeF();
    } else {
        o.millimetres
            = QSizeF(toMillimetres(m_width->value(), unit, o.dpi), toMillimetres(m_height->value(), unit, o.dpi));
    }
}

FigureOptions ExportFigureDialog::options() const
{
    FigureOptions o;
    o.format = FigureFormat(m_format->currentData().toInt());
    o.rows = chosenRows();
    std::tie(o.firstDay, o.endDay) = chosenRange();
    o.rowHeight = m_state.rowHeight;
    applySize(o);
    o.dark = m_theme->currentIndex() == 1;
    o.transparent = m_transparent->isChecked() && o.format != FigureFormat::Pdf;
    o.title = m_title->text().trimmed();
    o.subtitle = m_subtitle->text().trimmed();
    o.caption = FigureState::captionFor(
        m_state, o.rows.get(), o.firstDay, o.endDay, picking() ? pickedLabels() : QStringList());
    return o;
}

QSizeF ExportFigureDialog::previewLogicalSize(const FigureOptions &o, const FigureExporter &exporter) const
{
    if (o.format != FigureFormat::Pdf)
        return exporter.logicalSize();
    const QPageLayout layout(o.pageSize, o.orientation, o.pageMargins, QPageLayout::Millimeter);
    return layout.paintRect(QPageLayout::Millimeter).size() / 25.4 * 96;
}

void ExportFigureDialog::updatePreviewNow()
{
    m_previewTimer->stop();
    const FigureOptions o = options();
    FigureExporter exporter(o);
    const QSizeF logical = previewLogicalSize(o, exporter);
    const int frame = 2 * m_previewLabel->frameWidth();
    const QSize box = m_previewLabel->testAttribute(Qt::WA_Resized) || m_previewLabel->isVisible()
        ? m_previewLabel->contentsRect().size()
        : s_previewBox - QSize(frame, frame); // not laid out yet: its minimum size
    if (logical.isEmpty() || box.isEmpty())
        return;
    m_previewBox = box;
    const double scale = std::min(box.width() / logical.width(), box.height() / logical.height());
    // Rounded down, so the image is never a pixel wider or taller than the box.
    const QSize pixels(std::max(1, int(logical.width() * scale)), std::max(1, int(logical.height() * scale)));
    QImage image(pixels, QImage::Format_ARGB32_Premultiplied);
    if (o.transparent)
        fillChecker(image);
    else
        image.fill(Qt::white);
    {
        QPainter painter(&image);
        painter.scale(scale, scale);
        exporter.paintPage(painter, logical, 0);
    }
    m_preview = image;
    ++m_previewCount;
    m_previewLabel->setPixmap(QPixmap::fromImage(image));
}

bool ExportFigureDialog::eventFilter(QObject *watched, QEvent *event)
{
    if (watched == m_previewLabel && event->type() == QEvent::Resize
        && m_previewLabel->contentsRect().size() != m_previewBox)
        schedulePreview();
    return QDialog::eventFilter(watched, event);
}

QString ExportFigureDialog::suggestedPath() const
{
    const QSettings s;
    const QString folder
        = s.value(settingsKey("folder"), QStandardPaths::writableLocation(QStandardPaths::PicturesLocation)).toString();
    QString name = m_title->text().trimmed().toLower();
    name.replace(QRegularExpression(QStringLiteral("[^\\w]+")), QStringLiteral("-"));
    name = name.left(60).remove(QRegularExpression(QStringLiteral("^-+|-+$")));
    if (name.isEmpty())
        name = QStringLiteral("timeline");
    return QDir(folder).filePath(name + extension(FigureFormat(m_format->currentData().toInt())));
}

void ExportFigureDialog::chooseFileAndExport()
{
    const auto format = FigureFormat(m_format->currentData().toInt());
    const QString filter = format == FigureFormat::Png ? tr("PNG images (*.png)")
        : format == FigureFormat::Svg                  ? tr("SVG drawings (*.svg)")
                                                       : tr("PDF documents (*.pdf)");
    QString path = QFileDialog::getSaveFileName(this, tr("Export Figure"), suggestedPath(), filter);
    if (path.isEmpty())
        return;
    if (!path.endsWith(extension(format), Qt::CaseInsensitive))
        path += extension(format);
    exportTo(path);
}

ExportResult ExportFigureDialog::exportTo(const QString &path)
{
    QProgressDialog progress(tr("Exporting the figure…"), tr("Cancel"), 0, 1, this);
    progress.setWindowModality(Qt::WindowModal);
    progress.setMinimumDuration(400);
    FigureExporter exporter(options());
    const ExportResult result = exporter.write(path, [&](qint64 done, qint64 total) {
        progress.setMaximum(int(total));
        progress.setValue(int(done));
        QCoreApplication::processEvents();
        return !progress.wasCanceled();
    });
    progress.reset();
    if (result.ok) {
        saveSettings(path);
        accept();
    } else {
        m_status->setText(result.cancelled ? tr("Export cancelled; nothing was written.") : result.error);
    }
    return result;
}
