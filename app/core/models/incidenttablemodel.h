#pragma once

#include "domain/incidentcolumns.h"

#include <QAbstractTableModel>
#include <memory>
#include <vector>

// The filtered incidents as a table: one row per index of a FilterEngine result, read from
// shared IncidentColumns (so a million rows cost a vector of indices, not a million items).
// Sorting reorders that vector; filtering replaces it with a model reset.
class IncidentTableModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column {
        DateColumn,
        TitleColumn,
        VictimsColumn,
        AttributedToColumn, // the attacker countries
        TypeColumn,
        ActorColumn,
        AttributionColumn,
        ColumnCount
    };
    enum Role {
        IdRole = Qt::UserRole + 1, // QString incident id
        IndexRole, // quint32 index into IncidentColumns
        RowidRole, // qint64 store rowid
        FirstDayRole, // qint64 Julian day
        TypeRole, // int IncidentType
        SortRole, // raw sortable value of the column
    };

    explicit IncidentTableModel(QObject *parent = nullptr);

    void setIncidents(std::shared_ptr<const IncidentColumns> columns, std::vector<IncidentColumns::Index> indices);
    void setIndices(std::vector<IncidentColumns::Index> indices);
    const std::vector<IncidentColumns::Index> &indices() const { return m_indices; }
    std::shared_ptr<const IncidentColumns> columns() const { return m_columns; }

    // The table row showing an incident (by column index), or -1.
    int rowOfIndex(IncidentColumns::Index index) const;

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;
    void sort(int column, Qt::SortOrder order = Qt::AscendingOrder) override;

private:
    void applySort();
    QString victimsText(IncidentColumns::Index i) const;
    QString attackersText(IncidentColumns::Index i) const;
    static QString countryNames(const IncidentColumns &c, const std::vector<std::uint32_t> &offsets,
        const std::vector<std::uint16_t> &codes, IncidentColumns::Index i);
    std::shared_ptr<const IncidentColumns> m_columns;
    std::vector<IncidentColumns::Index> m_indices;
    mutable std::vector<int> m_rowOfIndex; // inverse of m_indices, built on demand
    int m_sortColumn = DateColumn;
    Qt::SortOrder m_sortOrder = Qt::AscendingOrder;
};
