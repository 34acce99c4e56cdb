#pragma once

#include "domain/incidentcolumns.h"
#include "query/filter.h"
#include "query/filterengine.h"

#include <QWidget>
#include <memory>

class QLineEdit;
class QListWidget;
class QListWidgetItem;
class QPushButton;

// Facets with counts (type, attribution, sector, country, actor, dataset) and a date range.
// Each facet lists its values with the number of incidents that match every *other*
// criterion (FilterEngine::Counts); checking values narrows the view. Emits filterChanged()
// with the whole Filter; the search text is owned by the window and passed through.
class FilterPane : public QWidget
{
    Q_OBJECT
public:
    explicit FilterPane(QWidget *parent = nullptr);

    void setColumns(std::shared_ptr<const IncidentColumns> columns);
    void setCounts(const FilterEngine::Counts &counts);
    // Shows `filter` without emitting filterChanged().
    void setFilter(const Filter &filter);
    Filter filter() const { return m_filter; }

    QListWidget *typeList() const { return m_types; }
    QListWidget *countryList() const { return m_countries; }

signals:
    void filterChanged(const Filter &filter);

private:
    QListWidget *addFacet(const QString &title, const QString &accessibleName);
    void rebuildLists();
    void collect();
    void updateCount(QListWidgetItem *item, int count);

    std::shared_ptr<const IncidentColumns> m_columns;
    Filter m_filter;
    bool m_updating = false;
    QLineEdit *m_from;
    QLineEdit *m_to;
    QLineEdit *m_countrySearch;
    QListWidget *m_types;
    QListWidget *m_attributions;
    QListWidget *m_sectors;
    QListWidget *m_countries;
    QListWidget *m_actors;
    QListWidget *m_datasets;
    QPushButton *m_clear;
};
