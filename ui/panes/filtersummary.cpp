#include "panes/filtersummary.h"

#include "domain/countries.h"

#include <QDate>
#include <QHBoxLayout>
#include <QLabel>
#include <QToolButton>

namespace {
QString dayText(qint64 julianDay)
{
    return QDate::fromJulianDay(julianDay).toString(Qt::ISODate);
}

QString countryNames(const QStringList &codes)
{
    QStringList names;
    for (const QString &code : codes)
        names << Countries::instance().name(code);
    return names.join(QStringLiteral(", "));
}
} // namespace

FilterSummary::FilterSummary(QWidget *parent)
    : QWidget(parent)
    , m_parts(new QHBoxLayout)
    , m_title(new QLabel(tr("Showing only:"), this))
    , m_clearAll(new QToolButton(this))
{
    m_title->setTextFormat(Qt::PlainText);
    m_clearAll->setText(tr("Clear all"));
    m_clearAll->setAccessibleName(tr("Clear all filters"));
    m_clearAll->setAutoRaise(true);
    auto *row = new QHBoxLayout(this);
    row->setContentsMargins(6, 2, 6, 2);
    row->setSpacing(4);
    row->addWidget(m_title);
    row->addLayout(m_parts);
    row->addStretch(1);
    row->addWidget(m_clearAll);
    setAccessibleName(tr("Active filters"));
    connect(m_clearAll, &QToolButton::clicked, this, [this] { emit filterChanged(Filter {}); });
    setFilter(Filter {});
}

void FilterSummary::addPart(const QString &text, const std::function<void(Filter &)> &clear)
{
    auto *button = new QToolButton(this);
    // The label is data (actor names, search words): a tool button shows it as plain text.
    button->setText(text.size() > 60 ? text.left(59) + QChar(0x2026) : text);
    button->setToolTip(tr("%1 (click to remove this filter)").arg(text));
    button->setAccessibleName(tr("Remove filter %1").arg(text));
    button->setIcon(QIcon::fromTheme(QStringLiteral("edit-clear")));
    button->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    button->setProperty("partText", text);
    connect(button, &QToolButton::clicked, this, [this, clear] {
        Filter f = m_filter;
        clear(f);
        emit filterChanged(f);
    });
    m_parts->addWidget(button);
    m_buttons << button;
}

void FilterSummary::setFilter(const Filter &f)
{
    m_filter = f;
    qDeleteAll(m_buttons);
    m_buttons.clear();
    auto join = [](const QStringList &labels) { return labels.join(QStringLiteral(", ")); };
    if (!f.search.isEmpty())
        addPart(tr("Search: %1").arg(f.search), [](Filter &x) { x.search.clear(); });
    if (f.fromDay)
        addPart(tr("From %1").arg(dayText(*f.fromDay)), [](Filter &x) { x.fromDay.reset(); });
    if (f.toDay)
        addPart(tr("To %1").arg(dayText(*f.toDay)), [](Filter &x) { x.toDay.reset(); });
    QStringList labels;
    for (IncidentType t : f.types)
        labels << Vocabulary::typeLabel(t);
    if (!labels.isEmpty())
        addPart(tr("Type: %1").arg(join(labels)), [](Filter &x) { x.types.clear(); });
    labels.clear();
    for (Attribution a : f.attributions)
        labels << Vocabulary::attributionLabel(a);
    if (!labels.isEmpty())
        addPart(tr("Attribution: %1").arg(join(labels)), [](Filter &x) { x.attributions.clear(); });
    labels.clear();
    for (const QString &key : Vocabulary::sectorKeys(f.sectors))
        labels << Vocabulary::sectorLabel(*Vocabulary::sectorFromKey(key));
    if (!labels.isEmpty())
        addPart(tr("Sector: %1").arg(join(labels)), [](Filter &x) { x.sectors = 0; });
    if (!f.countries.isEmpty())
        addPart(tr("Victim: %1").arg(countryNames(f.countries)), [](Filter &x) { x.countries.clear(); });
    if (!f.attackerCountries.isEmpty())
        addPart(tr("Attributed to: %1").arg(countryNames(f.attackerCountries)),
            [](Filter &x) { x.attackerCountries.clear(); });
    if (!f.regions.isEmpty())
        addPart(tr("Victim region: %1").arg(join(f.regions)), [](Filter &x) { x.regions.clear(); });
    if (!f.actors.isEmpty())
        addPart(tr("Actor: %1").arg(join(f.actors)), [](Filter &x) { x.actors.clear(); });
    if (!f.datasets.isEmpty())
        addPart(tr("Dataset: %1").arg(join(f.datasets)), [](Filter &x) { x.datasets.clear(); });
    setVisible(!m_buttons.isEmpty());
    setAccessibleDescription(parts().join(QStringLiteral("; ")));
}

QStringList FilterSummary::parts() const
{
    QStringList texts;
    for (const QToolButton *b : m_buttons)
        texts << b->property("partText").toString();
    return texts;
}

QToolButton *FilterSummary::clearButton(const QString &label) const
{
    for (QToolButton *b : m_buttons) {
        if (b->property("partText").toString().startsWith(label))
            return b;
    }
    return nullptr;
}
