#include "panes/filterpane.h"

#include "domain/actornames.h"
#include "domain/countries.h"
#include "domain/partialdate.h"
#include "domain/regions.h"
#include "render/theme.h"

#include <QEvent>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPainter>
#include <QPushButton>
#include <QScrollArea>
#include <QStyle>
#include <QVBoxLayout>

namespace {
constexpr int KeyRole = Qt::UserRole + 1; // the value's key (int or text)
constexpr int LabelRole = Qt::UserRole + 2; // the label without the count

// A red that reads on the palette's window: dark red on light, light red on dark.
QColor errorColour(const QPalette &palette)
{
    return palette.color(QPalette::Window).lightness() < 128 ? QColor(0xff, 0x8a, 0x80) : QColor(0xb0, 0x00, 0x20);
}

int yearOf(qint64 julianDay)
{
    return QDate::fromJulianDay(julianDay).year();
}

// The first and last year wholly inside the filter's date range (the years shown checked),
// or nothing when no year is.
std::optional<std::pair<int, int>> wholeYears(const Filter &f, int firstListed, int lastListed)
{
    if (!f.fromDay && !f.toDay)
        return std::nullopt;
    int first = f.fromDay ? yearOf(*f.fromDay) : firstListed;
    if (f.fromDay && QDate(first, 1, 1).toJulianDay() < *f.fromDay)
        ++first;
    int last = f.toDay ? yearOf(*f.toDay) : lastListed;
    if (f.toDay && QDate(last, 12, 31).toJulianDay() > *f.toDay)
        --last;
    first = std::max(first, firstListed);
    last = std::min(last, lastListed);
    if (first > last)
        return std::nullopt;
    return std::make_pair(first, last);
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
    m_years = facet(tr("Year"), tr("Years"), 4);
    // Years flow in rows, newest first, so two decades fit in a few lines.
    m_years->setFlow(QListView::LeftToRight);
    m_years->setWrapping(true);
    m_years->setResizeMode(QListView::Adjust);
    // Uniform sizes would draw every year in the newest year's width, cutting longer counts.
    m_years->setUniformItemSizes(false);
    m_types = facet(tr("Type"), tr("Incident types"), 10);
    m_attributions = facet(tr("Attribution"), tr("Attribution basis"), 5);
    m_sectors = facet(tr("Sector"), tr("Sectors"), 8);
    m_regions = facet(tr("Victim region"), tr("Victim regions"), 5);
    m_countries = facet(tr("Victim country"), tr("Victim countries"), 10, m_countrySearch);
    m_attackers = facet(tr("Attributed to"), tr("Countries the incidents are attributed to"), 6);
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
    return { m_from, m_to, m_years, m_types, m_attributions, m_sectors, m_regions, m_countrySearch, m_countries,
        m_attackers, m_actors, m_datasets, m_clear };
}

QListWidget *FilterPane::addFacet(const QString &title, const QString &accessibleName)
{
    auto *list = new QListWidget(this);
    list->setObjectName(title);
    list->setAccessibleName(accessibleName);
    list->setUniformItemSizes(true);
    list->setSelectionMode(QAbstractItemView::NoSelection);
    connect(list, &QListWidget::itemChanged, this, [this, list](QListWidgetItem *item) {
        if (m_updating)
            return;
        if (list == m_years)
            yearToggled(item);
        else
            collect();
    });
    toggleOnClick(list);
    return list;
}

void FilterPane::toggleOnClick(QListWidget *list)
{
    // A click on the box toggles the value by itself; a click on the label toggles it here.
    connect(list, &QListWidget::itemPressed, this, [this](QListWidgetItem *item) {
        m_pressedItem = item;
        m_pressedState = item->checkState();
    });
    connect(list, &QListWidget::itemClicked, this, [this](QListWidgetItem *item) {
        if (item == m_pressedItem && item->checkState() == m_pressedState)
            item->setCheckState(m_pressedState == Qt::Checked ? Qt::Unchecked : Qt::Checked);
        m_pressedItem = nullptr;
    });
}

QListWidgetItem *FilterPane::itemFor(QListWidget *list, const QVariant &key)
{
    for (int i = 0; i < list->count(); ++i) {
        if (list->item(i)->data(KeyRole) == key)
            return list->item(i);
    }
    return nullptr;
}

void FilterPane::setColumns(std::shared_ptr<const IncidentColumns> columns)
{
    m_columns = std::move(columns);
    m_hasCounts = false; // the counts index the old columns' tables
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
    for (QListWidget *list :
        { m_years, m_types, m_attributions, m_sectors, m_regions, m_countries, m_attackers, m_actors, m_datasets })
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
        for (qsizetype a = 1; a < m_columns->actors.size(); ++a) {
            const QString &actor = m_columns->actors.at(a);
            add(m_actors, actor, actor);
            const QStringList aliases = ActorNames::instance().allNames(actor).mid(1);
            if (!aliases.isEmpty())
                m_actors->item(m_actors->count() - 1)->setToolTip(tr("Also known as %1").arg(aliases.join(u", ")));
        }
        m_actors->sortItems();
        for (const QString &d : m_columns->datasets)
            add(m_datasets, d.isEmpty() ? tr("(none)") : d, d);
        addYears();
        addPlaceLists();
    }
    m_updating = false;
    setFilter(m_filter);
    if (m_hasCounts)
        setCounts(m_counts);
}

void FilterPane::addYears()
{
    const IncidentColumns &c = *m_columns;
    if (c.isEmpty())
        return;
    const int first = yearOf(*std::min_element(c.firstDay.begin(), c.firstDay.end()));
    const int last = yearOf(std::max(*std::max_element(c.firstDay.begin(), c.firstDay.end()),
        *std::max_element(c.lastDay.begin(), c.lastDay.end())));
    for (int year = last; year >= first; --year) {
        auto *item = new QListWidgetItem(QString::number(year), m_years);
        item->setFlags(Qt::ItemIsEnabled | Qt::ItemIsUserCheckable);
        item->setCheckState(Qt::Unchecked);
        item->setData(KeyRole, year);
        item->setData(LabelRole, QString::number(year));
    }
}

// Victim regions (those of the victims in the document) and the countries incidents are
// attributed to.
void FilterPane::addPlaceLists()
{
    const IncidentColumns &c = *m_columns;
    auto add = [](QListWidget *list, const QString &label, const QString &key) {
        auto *item = new QListWidgetItem(label, list);
        item->setFlags(Qt::ItemIsEnabled | Qt::ItemIsUserCheckable);
        item->setCheckState(Qt::Unchecked);
        item->setData(KeyRole, key);
        item->setData(LabelRole, label);
    };
    std::vector<std::uint8_t> isVictim(std::size_t(c.countries.size()), 0);
    std::vector<std::uint8_t> isAttacker(std::size_t(c.countries.size()), 0);
    for (const auto k : c.victimCodes)
        isVictim[k] = 1;
    for (const auto k : c.attackerCodes)
        isAttacker[k] = 1;
    QStringList regions;
    QList<QPair<QString, QString>> attackers;
    for (qsizetype k = 0; k < c.countries.size(); ++k) {
        const QString region = Regions::instance().region(c.countries.at(k));
        if (isVictim[std::size_t(k)] && !region.isEmpty() && !regions.contains(region))
            regions << region;
        if (isAttacker[std::size_t(k)] && c.countries.at(k) != u"XX")
            attackers.append({ Countries::instance().name(c.countries.at(k)), c.countries.at(k) });
    }
    regions.sort();
    for (const QString &region : regions)
        add(m_regions, region, region);
    std::sort(attackers.begin(), attackers.end());
    for (const auto &[name, code] : attackers)
        add(m_attackers, name, code);
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
    m_counts = counts;
    m_hasCounts = true;
    if (!m_columns)
        return;
    m_updating = true;
    for (int i = 0; i < m_years->count(); ++i)
        updateCount(m_years->item(i), counts.yearCount(m_years->item(i)->data(KeyRole).toInt()));
    const QStringList &regionNames = Regions::instance().regionNames();
    for (int i = 0; i < m_regions->count(); ++i) {
        const qsizetype k = regionNames.indexOf(m_regions->item(i)->data(KeyRole).toString());
        updateCount(
            m_regions->item(i), k >= 0 && std::size_t(k) < counts.regions.size() ? counts.regions[std::size_t(k)] : 0);
    }
    for (int i = 0; i < m_attackers->count(); ++i) {
        const int k = m_columns->countryIndex(m_attackers->item(i)->data(KeyRole).toString());
        updateCount(m_attackers->item(i),
            k >= 0 && std::size_t(k) < counts.attackers.size() ? counts.attackers[std::size_t(k)] : 0);
    }
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
    fitYearCells();
    m_updating = false;
}

void FilterPane::fitYearCells()
{
    // The years flow in columns of equal cells; a cell as wide as the widest label (box,
    // year and count) keeps every count whole whichever year's is longest. It only grows,
    // so the columns do not jump as the counts change.
    const QFontMetrics metrics = m_years->fontMetrics();
    int widest = 0;
    for (int i = 0; i < m_years->count(); ++i)
        widest = std::max(widest, metrics.horizontalAdvance(m_years->item(i)->text()));
    const int box = m_years->style()->pixelMetric(QStyle::PM_IndicatorWidth, nullptr, m_years);
    const QSize cell(widest + box + 16, metrics.height() + 4);
    if (cell.width() > m_years->gridSize().width() || cell.height() != m_years->gridSize().height())
        m_years->setGridSize(cell.expandedTo(QSize(m_years->gridSize().width(), 0)));
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
    check(m_attackers, [&](const QVariant &k) { return filter.attackerCountries.contains(k.toString()); });
    check(m_regions, [&](const QVariant &k) { return filter.regions.contains(k.toString()); });
    check(m_actors, [&](const QVariant &k) { return filter.actors.contains(k.toString()); });
    check(m_datasets, [&](const QVariant &k) { return filter.datasets.contains(k.toString()); });
    m_updating = false;
    checkYears();
}

void FilterPane::checkYears()
{
    if (m_years->count() == 0)
        return;
    const int lastListed = m_years->item(0)->data(KeyRole).toInt();
    const int firstListed = m_years->item(m_years->count() - 1)->data(KeyRole).toInt();
    const auto years = wholeYears(m_filter, firstListed, lastListed);
    m_updating = true;
    for (int i = 0; i < m_years->count(); ++i) {
        const int year = m_years->item(i)->data(KeyRole).toInt();
        m_years->item(i)->setCheckState(
            years && year >= years->first && year <= years->second ? Qt::Checked : Qt::Unchecked);
    }
    m_updating = false;
}

void FilterPane::yearToggled(QListWidgetItem *item)
{
    const int year = item->data(KeyRole).toInt();
    const int lastListed = m_years->item(0)->data(KeyRole).toInt();
    const int firstListed = m_years->item(m_years->count() - 1)->data(KeyRole).toInt();
    const auto before = wholeYears(m_filter, firstListed, lastListed);
    std::optional<std::pair<int, int>> after;
    if (item->checkState() == Qt::Checked)
        after = before ? std::make_pair(std::min(before->first, year), std::max(before->second, year))
                       : std::make_pair(year, year);
    else if (before && before->first < before->second)
        after = year == before->first ? std::make_pair(year + 1, before->second)
                                      : std::make_pair(before->first, year - 1);
    m_from->setText(after ? QString::number(after->first) : QString());
    m_to->setText(after ? QString::number(after->second) : QString());
    collect();
    checkYears();
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
        messages << tr("The typed dates are not applied; the results keep the last valid ones.");
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
    // Values no list shows (a sub-region chosen from a timeline row) stay until cleared.
    for (const QString &code : m_filter.attackerCountries) {
        if (!itemFor(m_attackers, code))
            f.attackerCountries << code;
    }
    for (const QString &region : m_filter.regions) {
        if (!itemFor(m_regions, region))
            f.regions << region;
    }
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
    for (const QVariant &k : checked(m_attackers))
        f.attackerCountries << k.toString();
    for (const QVariant &k : checked(m_regions))
        f.regions << k.toString();
    for (const QVariant &k : checked(m_actors))
        f.actors << k.toString();
    for (const QVariant &k : checked(m_datasets))
        f.datasets << k.toString();
    if (f != m_filter) {
        m_filter = f;
        emit filterChanged(m_filter);
    }
    checkYears();
}
