#include "models/incidenttablemodel.h"

#include "domain/countries.h"
#include "domain/displaytext.h"
#include "domain/partialdate.h"

#include <QCollator>
#include <algorithm>

IncidentTableModel::IncidentTableModel(QObject *parent)
    : QAbstractTableModel(parent)
{ }

void IncidentTableModel::setIncidents(
    std::shared_ptr<const IncidentColumns> columns, std::vector<IncidentColumns::Index> indices)
{
    beginResetModel();
    m_columns = std::move(columns);
    m_indices = std::move(indices);
    m_rowOfIndex.clear();
    applySort();
    endResetModel();
}

void IncidentTableModel::setIndices(std::vector<IncidentColumns::Index> indices)
{
    beginResetModel();
    m_indices = std::move(indices);
    m_rowOfIndex.clear();
    applySort();
    endResetModel();
}

int IncidentTableModel::rowOfIndex(IncidentColumns::Index index) const
{
    if (!m_columns)
        return -1;
    if (m_rowOfIndex.empty()) {
        m_rowOfIndex.assign(m_columns->size(), -1);
        for (std::size_t r = 0; r < m_indices.size(); ++r)
            m_rowOfIndex[m_indices[r]] = int(r);
    }
    return index < m_rowOfIndex.size() ? m_rowOfIndex[index] : -1;
}

int IncidentTableModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_indices.size());
}

int IncidentTableModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QString IncidentTableModel::countryNames(const IncidentColumns &c, const std::vector<std::uint32_t> &offsets,
    const std::vector<std::uint16_t> &codes, IncidentColumns::Index i)
{
    QStringList names;
    for (auto k = offsets[i]; k < offsets[i + 1]; ++k)
        names << Countries::instance().name(c.countries.at(codes[k]));
    return names.join(QStringLiteral(", "));
}

QString IncidentTableModel::victimsText(IncidentColumns::Index i) const
{
    return countryNames(*m_columns, m_columns->victimOffset, m_columns->victimCodes, i);
}

QString IncidentTableModel::attackersText(IncidentColumns::Index i) const
{
    return countryNames(*m_columns, m_columns->attackerOffset, m_columns->attackerCodes, i);
}

QVariant IncidentTableModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid) || !m_columns)
        return {};
    const IncidentColumns &c = *m_columns;
    const IncidentColumns::Index i = m_indices[std::size_t(index.row())];
    switch (role) {
    case Qt::DisplayRole:
    case Qt::ToolTipRole:
        switch (index.column()) {
        case DateColumn:
            return PartialDate::fromFirstDay(c.firstDay[i], c.precisionOf(i)).toString();
        case TitleColumn:
            return DisplayText::withVisibleControls(c.title(i)); // a title cannot read as another
        case VictimsColumn:
            return victimsText(i);
        case AttributedToColumn:
            return attackersText(i);
        case TypeColumn:
            return Vocabulary::typeLabel(c.typeOf(i));
        case ActorColumn:
            return DisplayText::withVisibleControls(c.actors.at(c.actor[i]));
        case AttributionColumn:
            return Vocabulary::attributionKey(Attribution(c.attribution[i]));
        }
        break;
    case IdRole:
        return c.id(i);
    case IndexRole:
        return i;
    case RowidRole:
        return c.rowid[i];
    case FirstDayRole:
        return qint64(c.firstDay[i]);
    case TypeRole:
        return int(c.type[i]);
    case SortRole:
        switch (index.column()) {
        case DateColumn:
            return qint64(c.firstDay[i]);
        case TitleColumn:
            return DisplayText::withVisibleControls(c.title(i)); // a title cannot read as another
        case VictimsColumn:
            return victimsText(i);
        case AttributedToColumn:
            return attackersText(i);
        case TypeColumn:
            return int(c.type[i]);
        case ActorColumn:
            return DisplayText::withVisibleControls(c.actors.at(c.actor[i]));
        case AttributionColumn:
            return int(c.attribution[i]);
        }
        break;
    case Qt::AccessibleTextRole:
        return QStringLiteral("%1, %2").arg(
            PartialDate::fromFirstDay(c.firstDay[i], c.precisionOf(i)).toDisplayString(), c.title(i));
    default:
        break;
    }
    return {};
}

QVariant IncidentTableModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case DateColumn:
        return tr("Date");
    case TitleColumn:
        return tr("Title");
    case VictimsColumn:
        return tr("Victims");
    case AttributedToColumn:
        return tr("Attributed to");
    case TypeColumn:
        return tr("Type");
    case ActorColumn:
        return tr("Actor");
    case AttributionColumn:
        return tr("Attribution");
    }
    return {};
}

void IncidentTableModel::sort(int column, Qt::SortOrder order)
{
    emit layoutAboutToBeChanged({}, QAbstractItemModel::VerticalSortHint);
    const QModelIndexList before = persistentIndexList();
    std::vector<IncidentColumns::Index> oldIndices;
    for (const QModelIndex &p : before)
        oldIndices.push_back(m_indices[std::size_t(p.row())]);
    m_sortColumn = column;
    m_sortOrder = order;
    applySort();
    m_rowOfIndex.clear();
    QModelIndexList after;
    for (qsizetype k = 0; k < before.size(); ++k)
        after << this->index(rowOfIndex(oldIndices[std::size_t(k)]), before.at(k).column());
    changePersistentIndexList(before, after);
    emit layoutChanged({}, QAbstractItemModel::VerticalSortHint);
}

void IncidentTableModel::applySort()
{
    if (!m_columns)
        return;
    const IncidentColumns &c = *m_columns;
    auto &v = m_indices;
    // Ties keep date order (stable sort over indices that start in store order).
    auto byDate
        = [&](auto a, auto b) { return c.firstDay[a] != c.firstDay[b] ? c.firstDay[a] < c.firstDay[b] : a < b; };
    // Filter results usually arrive in date order already (IncidentColumns::byDate).
    if (!std::is_sorted(v.begin(), v.end(), byDate))
        std::sort(v.begin(), v.end(), byDate);
    switch (m_sortColumn) {
    case TitleColumn: {
        QCollator collator;
        collator.setNumericMode(true);
        std::stable_sort(
            v.begin(), v.end(), [&](auto a, auto b) { return collator.compare(c.title(a), c.title(b)) < 0; });
        break;
    }
    case VictimsColumn:
        std::stable_sort(v.begin(), v.end(), [&](auto a, auto b) { return victimsText(a) < victimsText(b); });
        break;
    case AttributedToColumn:
        // Incidents attributed to no country sort last.
        std::stable_sort(v.begin(), v.end(), [&](auto a, auto b) {
            const QString x = attackersText(a), y = attackersText(b);
            return x.isEmpty() != y.isEmpty() ? y.isEmpty() : x < y;
        });
        break;
    case TypeColumn:
        std::stable_sort(v.begin(), v.end(), [&](auto a, auto b) { return c.type[a] < c.type[b]; });
        break;
    case ActorColumn:
        std::stable_sort(v.begin(), v.end(), [&](auto a, auto b) {
            return QString::compare(c.actors.at(c.actor[a]), c.actors.at(c.actor[b]), Qt::CaseInsensitive) < 0;
        });
        break;
    case AttributionColumn:
        std::stable_sort(v.begin(), v.end(), [&](auto a, auto b) { return c.attribution[a] > c.attribution[b]; });
        break;
    default:
        break;
    }
    if (m_sortOrder == Qt::DescendingOrder)
        std::reverse(v.begin(), v.end());
}
