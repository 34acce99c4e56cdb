#include "widgets/tablecolumnfit.h"

#include <QEvent>
#include <QHeaderView>
#include <QProxyStyle>
#include <QStyleOptionHeader>
#include <QTableView>
#include <algorithm>

namespace {

class ElidingHeaderStyle : public QProxyStyle
{
public:
    void drawControl(
        ControlElement element, const QStyleOption *option, QPainter *painter, const QWidget *widget) const override
    {
        const auto *header = qstyleoption_cast<const QStyleOptionHeader *>(option);
        if (element != CE_HeaderLabel || !header || header->text.isEmpty()) {
            QProxyStyle::drawControl(element, option, painter, widget);
            return;
        }
        QStyleOptionHeader elided(*header);
        int room = header->rect.width() - 4;
        if (!header->icon.isNull())
            room -= pixelMetric(PM_SmallIconSize, option, widget) + 4;
        elided.text = header->fontMetrics.elidedText(header->text, Qt::ElideRight, std::max(0, room));
        QProxyStyle::drawControl(element, &elided, painter, widget);
    }
};

} // namespace

TableColumnFit::TableColumnFit(
    QTableView *table, int stretchColumn, QHash<int, int> preferredWidths, QSet<int> keep, double share)
    : QObject(table)
    , m_table(table)
    , m_viewport(table->viewport())
    , m_stretchColumn(stretchColumn)
    , m_preferred(std::move(preferredWidths))
    , m_keep(std::move(keep))
    , m_share(share)
{
    m_table->horizontalHeader()->setSectionResizeMode(stretchColumn, QHeaderView::Stretch);
    // A column given up to the title keeps a readable header: "Attribut…", not a cut "tributi".
    m_table->horizontalHeader()->setTextElideMode(Qt::ElideRight);
    // Qt 6.4's header draws a label wider than its section centred and cut at both ends
    // ("tributed t"); this style draws it elided to the label's own rectangle instead. The
    // headers of a selection are not made bold: the bold text would be wider than measured.
    m_table->horizontalHeader()->setHighlightSections(false);
    auto *style = new ElidingHeaderStyle;
    style->setParent(m_table->horizontalHeader());
    m_table->horizontalHeader()->setStyle(style);
    m_viewport->installEventFilter(this);
    fit();
}

bool TableColumnFit::eventFilter(QObject *watched, QEvent *event)
{
    if (watched == m_viewport && event->type() == QEvent::Resize)
        fit();
    return QObject::eventFilter(watched, event);
}

void TableColumnFit::fit()
{
    const int available = m_table->viewport()->width();
    int preferredSum = 0;
    int kept = 0;
    for (auto it = m_preferred.cbegin(); it != m_preferred.cend(); ++it)
        (m_keep.contains(it.key()) ? kept : preferredSum) += it.value();
    const int stretchMin = int(available * m_share) + kept;
    // Scale the others down only as far as the stretching column needs.
    const double scale = preferredSum <= 0 || available - preferredSum >= stretchMin
        ? 1.0
        : std::max(0.0, double(available - stretchMin)) / preferredSum;
    const int floor = m_table->fontMetrics().averageCharWidth() * 6;
    for (auto it = m_preferred.cbegin(); it != m_preferred.cend(); ++it) {
        const int width
            = m_keep.contains(it.key()) ? it.value() : std::max(std::min(floor, it.value()), int(it.value() * scale));
        if (m_table->columnWidth(it.key()) != width)
            m_table->setColumnWidth(it.key(), width);
    }
}
