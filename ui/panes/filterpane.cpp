#include "panes/filterpane.h"

#include "domain/countries.h"
#include "domain/partialdate.h"
#include "render/theme.h"

#include <QEvent>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPainter>
#include <QPushButton>
#include <QScrollArea>
#include <QVBoxLayout>

namespace {
constexpr int KeyRole = Qt::UserRole + 1; // the value's key (int or text)
constexpr int LabelRole = Qt::UserRole + 2; // the label without the count

// A red that reads on the palette's window: dark red on light, light red on dark.
QColor errorColour(const QPalette &palette)
{
    return palette.color(QPalette::Window).lightness() < 128 ? QColor(0xff, 0x8a, 0x80) : QColor(0xb0, 0x00, 0x20);
}

QIcon swatch(const QColor &colour)
{
    QPixmap pixmap(12, 12);
    pixmap.fill(Qt::transparent);
    QPainter p(&pixmap);
    p.setRenderHint(QPainter::Antialiasing);
    p.setBrush(colour);
    p.setPen(Qt::NoPen);
    p.drawRoundedRect(QRectF(1, 1, 10, 10), 2, 2);
    return QIcon(pixmap);
}
} // namespace

FilterPane::FilterPane(QWidget *parent)
    : QWidget(parent)
    , m_from(new QLineEdit(this))
    , m_to(new QLineEdit(this))
    , m_dateMessage(new QLabel(this))
    , m_countrySearch(new QLineEdit(this))
    , m_clear(new QPushButton(tr("Clear filters"), this))
{
    auto *content = new QWidget;
    auto *layout = new QVBoxLayout(content);
    layout->setContentsMargins(6, 6, 6, 6);

    auto *dates = new QFormLayout;
    m_from->setPlaceholderText(tr("2022, July 2022 or 17/07/2022"));
    m_to->setPlaceholderText(tr("2022, July 2022 or 17/07/2022"));
    m_from->setAccessibleName(tr("From date"));
    m_to->setAccessibleName(tr("To date"));
    dates->addRow(tr("From"), m_from);
    dates->addRow(tr("To"), m_to);
    m_dateMessage->setTextFormat(Qt::PlainText);
    m_dateMessage->setWordWrap(true);
    m_dateMessage->setAccessibleName(tr("Date message"));
    m_dateMessage->hide();
    dates->addRow(m_dateMessage);
    layout->addLayout(dates);
    for (QLineEdit *edit : { m_from, m_to })
        connect(edit, &QLineEdit::editingFinished, this, &FilterPane::collect);

    // One titled, checkable list per facet; `rows` is how many rows it shows at least.
    auto facet = [&](const QString &title, const QString &accessibleName, int rows, QWidget *above = nullptr) {
        auto *label = new QLabel(title, content);
        label->setTextFormat(Qt::PlainText);
        QFont f = label->font();
        f.setBold(true);
        label->setFont(f);
        layout->addWidget(label);
        if (above)
            layout->addWidget(above);
        QListWidget *list = addFacet(title, accessibleName);
        list->setMinimumHeight(list->fontMetrics().height() * rows + 8);
        layout->addWidget(list);
        return list;
    };
    m_countrySearch->setPlaceholderText(tr("Find a country"));
    m_countrySearch->setClearButtonEnabled(true);
    m_countrySearch->setAccessibleName(tr("Find a country"));
    m_types = facet(tr("Type"), tr("Incident types"), 10);
    m_attributions = facet(tr("Attribution"), tr("Attribution basis"), 5);
    m_sectors = facet(tr("Sector"), tr("Sectors"), 8);
    m_countries = facet(tr("Victim country"), tr("Victim countries"), 10, m_countrySearch);
    m_actors = facet(tr("Actor"), tr("Actors"), 8);
    m_datasets = facet(tr("Dataset"), tr("Datasets"), 3);
    layout->addWidget(m_clear);
    m_clear->setAccessibleName(tr("Clear filters"));
    connect(m_clear, &QPushButton::clicked, this, [this] {
        Filter cleared;
        cleared.search = m_filter.search;
        setFilter(cleared);
        emit filterChanged(m_filter);
    });
    connect(m_countrySearch, &QLineEdit::textChanged, this, [this](const QString &text) {
        for (int i = 0; i < m_countries->count(); ++i) {
            QListWidgetItem *item = m_countries->item(i);
            item->setHidden(!text.isEmpty() && !item->data(LabelRole).toString().contains(text, Qt::CaseInsensitive)
                && item->data(KeyRole).toString().compare(text, Qt::CaseInsensitive) != 0);
        }
    });

    auto *scroll = new QScrollArea(this);
    scroll->setWidget(content);
    scroll->setWidgetResizable(true);
    scroll->setFrameShape(QFrame::NoFrame);
    auto *outer = new QVBoxLayout(this);
    outer->setContentsMargins(0, 0, 0, 0);
    outer->addWidget(scroll);
    setMinimumWidth(220);
}

QList<QWidget *> FilterPane::focusOrder() const
{
    return { m_from, m_to, m_types, m_attributions, m_sectors, m_countrySearch, m_countries, m_actors, m_datasets,
        m_clear };
}

QListWidget *FilterPane::addFacet(const QString &title, const QString &accessibleName)
{
    auto *list = new QListWidget(this);
    list->setObjectName(title);
    list->setAccessibleName(accessibleName);
    list->setUniformItemSizes(true);
    list->setSelectionMode(QAbstractItemView::NoSelection);
    connect(list, &QListWidget::itemChanged, this, [this] {
        if (!m_updating)
            collect();
    });
    return list;
}

void FilterPane::setColumns(std::shared_ptr<const IncidentColumns> columns)
{
    m_columns = std::move(columns);
    rebuildLists();
}

void FilterPane::rebuildLists()
{
    m_updating = true;
    // The swatches are the timeline's type colours, which differ on a dark palette (the
    // light theme's near-black "Destructive" vanishes on a dark list).
    const Theme theme = Theme::forDarkMode(palette().color(QPalette::Base).lightness() < 128);
    auto add = [](QListWidget *list, const QString &label, const QVariant &key, const QIcon &icon = {}) {
        auto *item = new QListWidgetItem(icon, label, list);
        item->setFlags(Qt::ItemIsEnabled | Qt::ItemIsUserCheckable);
        item->setCheckState(Qt::Unchecked);
        item->setData(KeyRole, key);
        item->setData(LabelRole, label);
    };
    for (QListWidget *list : { m_types, m_attributions, m_sectors, m_countries, m_actors, m_datasets })
        list->clear();
    for (int t = 0; t < IncidentTypeCount; ++t)
        add(m_types, Vocabulary::typeLabel(IncidentType(t)), t, swatch(theme.typeColor(IncidentType(t))));
    for (int a = AttributionCount - 1; a >= 0; --a)
        add(m_attributions, Vocabulary::attributionLabel(Attribution(a)), a);
    for (int s = 0; s < SectorCount; ++s)
        add(m_sectors, Vocabulary::sectorLabel(Sector(s)), s);
    if (m_columns) {
        QList<QPair<QString, QString>> countries;
        for (const QString &code : m_columns->countries)
            countries.append({ Countries::instance().name(code), code });
        std::sort(countries.begin(), countries.end());
        for (const auto &[name, code] : countries)
            add(m_countries, name, code);
        for (qsizetype a = 1; a < m_columns->actors.size(); ++a)
            add(m_actors, m_columns->actors.at(a), m_columns->actors.at(a));
        m_actors->sortItems();
        for (const QString &d : m_columns->datasets)
            add(m_datasets, d.isEmpty() ? tr("(none)") : d, d);
    }
    m_updating = false;
    setFilter(m_filter);
}

void FilterPane::changeEvent(QEvent *event)
{
    QWidget::changeEvent(event);
    if (event->type() == QEvent::PaletteChange && !m_updating)
        rebuildLists();
}

void FilterPane::updateCount(QListWidgetItem *item, int count)
{
    const QString text = QStringLiteral("%1  (%L2)").arg(item->data(LabelRole).toString()).arg(count);
    if (item->text() != text)
        item->setText(text);
    item->setForeground(count == 0 && item->checkState() != Qt::Checked ? QBrush(Qt::gray) : QBrush());
}

void FilterPane::setCounts(const FilterEngine::Counts &counts)
{
    if (!m_columns)
        return;
    m_updating = true;
    for (int i = 0; i < m_types->count(); ++i)
        updateCount(m_types->item(i), counts.types[std::size_t(m_types->item(i)->data(KeyRole).toInt())]);
    for (int i = 0; i < m_attributions->count(); ++i)
        updateCount(
            m_attributions->item(i), counts.attributions[std::size_t(m_attributions->item(i)->data(KeyRole).toInt())]);
    for (int i = 0; i < m_sectors->count(); ++i)
        updateCount(m_sectors->item(i), counts.sectors[std::size_t(m_sectors->item(i)->data(KeyRole).toInt())]);
    for (int i = 0; i < m_countries->count(); ++i) {
        const int k = m_columns->countryIndex(m_countries->item(i)->data(KeyRole).toString());
        updateCount(m_countries->item(i),
            k >= 0 && std::size_t(k) < counts.countries.size() ? counts.countries[std::size_t(k)] : 0);
    }
    for (int i = 0; i < m_actors->count(); ++i) {
        const qsizetype k = m_columns->actors.indexOf(m_actors->item(i)->data(KeyRole).toString());
        updateCount(
            m_actors->item(i), k >= 0 && std::size_t(k) < counts.actors.size() ? counts.actors[std::size_t(k)] : 0);
    }
    for (int i = 0; i < m_datasets->count(); ++i) {
        const qsizetype k = m_columns->datasets.indexOf(m_datasets->item(i)->data(KeyRole).toString());
        updateCount(m_datasets->item(i),
            k >= 0 && std::size_t(k) < counts.datasets.size() ? counts.datasets[std::size_t(k)] : 0);
    }
    m_updating = false;
}

void FilterPane::setFilter(const Filter &filter)
{
    m_filter = filter;
    m_updating = true;
    m_from->setText(filter.fromDay ? QDate::fromJulianDay(*filter.fromDay).toString(Qt::ISODate) : QString());
    m_to->setText(filter.toDay ? QDate::fromJulianDay(*filter.toDay).toString(Qt::ISODate) : QString());
    m_dateError = false;
    showDateState(m_from, false);
    showDateState(m_to, false);
    m_dateMessage->clear();
    m_dateMessage->hide();
    auto check = [](QListWidget *list, auto &&isChecked) {
        for (int i = 0; i < list->count(); ++i)
            list->item(i)->setCheckState(isChecked(list->item(i)->data(KeyRole)) ? Qt::Checked : Qt::Unchecked);
    };
    check(m_types, [&](const QVariant &k) { return filter.types.contains(IncidentType(k.toInt())); });
    check(m_attributions, [&](const QVariant &k) { return filter.attributions.contains(Attribution(k.toInt())); });
    check(m_sectors, [&](const QVariant &k) { return (filter.sectors & sectorBit(Sector(k.toInt()))) != 0; });
    check(m_countries, [&](const QVariant &k) { return filter.countries.contains(k.toString()); });
    check(m_actors, [&](const QVariant &k) { return filter.actors.contains(k.toString()); });
    check(m_datasets, [&](const QVariant &k) { return filter.datasets.contains(k.toString()); });
    m_updating = false;
}

void FilterPane::readDates(Filter &f)
{
    QString fromWhy;
    QString toWhy;
    const QString fromText = m_from->text().trimmed();
    const QString toText = m_to->text().trimmed();
    const PartialDate from = fromText.isEmpty() ? PartialDate() : PartialDate::parseTyped(fromText, &fromWhy);
    const PartialDate to = toText.isEmpty() ? PartialDate() : PartialDate::parseTyped(toText, &toWhy);
    const bool fromBad = !fromText.isEmpty() && !from.isValid();
    const bool toBad = !toText.isEmpty() && !to.isValid();
    const bool reversed = from.isValid() && to.isValid() && from.firstDay() > to.lastDay();
    QStringList messages;
    if (fromBad)
        messages << tr("From: %1").arg(fromWhy);
    if (toBad)
        messages << tr("To: %1").arg(toWhy);
    if (reversed)
        messages << tr("From (%1) is after To (%2).").arg(from.toDisplayString(), to.toDisplayString());
    m_dateError = !messages.isEmpty();
    showDateState(m_from, fromBad || reversed);
    showDateState(m_to, toBad || reversed);
    if (m_dateError) {
        // Nothing changes until the dates can be read: the results stay as they were.
        f.fromDay = m_filter.fromDay;
        f.toDay = m_filter.toDay;
        messages << tr("The dates are not applied.");
    } else {
        if (from.isValid())
            f.fromDay = from.firstDay();
        if (to.isValid())
            f.toDay = to.lastDay();
        // A date typed in another form says how it was read ("17/07/2022" is 17 July 2022).
        if (from.isValid() && from.toString() != fromText)
            messages << tr("From %1").arg(from.toDisplayString());
        if (to.isValid() && to.toString() != toText)
            messages << tr("To %1").arg(to.toDisplayString());
    }
    m_dateMessage->setText(messages.join(u'\n'));
    m_dateMessage->setVisible(!messages.isEmpty());
    QPalette palette = m_dateMessage->palette();
    palette.setColor(
        QPalette::WindowText, m_dateError ? errorColour(this->palette()) : this->palette().color(QPalette::WindowText));
    m_dateMessage->setPalette(palette);
}

void FilterPane::showDateState(QLineEdit *edit, bool invalid)
{
    // The field is tinted and its accessible description carries the state, so the mark is
    // not colour alone: the message beside it says what is wrong.
    QPalette p = this->palette();
    if (invalid) {
        const QColor base = p.color(QPalette::Base);
        const QColor red = errorColour(p);
        p.setColor(QPalette::Base,
            QColor::fromRgbF(base.redF() * 0.75 + red.redF() * 0.25, base.greenF() * 0.75 + red.greenF() * 0.25,
                base.blueF() * 0.75 + red.blueF() * 0.25));
    }
    edit->setPalette(p);
    edit->setProperty("invalid", invalid);
    edit->setAccessibleDescription(invalid ? tr("Invalid date, not applied") : QString());
}

void FilterPane::collect()
{
    Filter f;
    f.search = m_filter.search;
    f.attackerCountries = m_filter.attackerCountries;
    readDates(f);
    auto checked = [](QListWidget *list) {
        QVariantList keys;
        for (int i = 0; i < list->count(); ++i) {
            if (list->item(i)->checkState() == Qt::Checked)
                keys << list->item(i)->data(KeyRole);
        }
        return keys;
    };
    for (const QVariant &k : checked(m_types))
        f.types << IncidentType(k.toInt());
    for (const QVariant &k : checked(m_attributions))
        f.attributions << Attribution(k.toInt());
    for (const QVariant &k : checked(m_sectors))
        f.sectors |= sectorBit(Sector(k.toInt()));
    for (const QVariant &k : checked(m_countries))
        f.countries << k.toString();
    for (const QVariant &k : checked(m_actors))
        f.actors << k.toString();
    for (const QVariant &k : checked(m_datasets))
        f.datasets << k.toString();
    if (f == m_filter)
        return;
    m_filter = f;
    emit filterChanged(m_filter);
}
