#pragma once

#include "domain/incidentcolumns.h"
#include "query/filter.h"
#include "query/filterengine.h"

#include <QWidget>
#include <memory>

class QLabel;
class QLineEdit;
class QListWidget;
class QListWidgetItem;
class QPushButton;

// Facets with counts (year, type, attribution, sector, victim region, victim country, the
// country an incident is attributed to, actor, dataset) and a date range
// (typed dates are read by PartialDate::parseTyped; a date that cannot be read is marked and
// explained beside the field and leaves the results as they were).
// Each facet lists its values with the number of incidents that match every *other*
// criterion (FilterEngine::Counts); checking values narrows the view (a click anywhere on a
// value toggles it, not only on its box). Years set the date range: checking a year extends
// the range to it, unchecking the first or last year shortens it and unchecking a year inside
// ends the range before it. Emits filterChanged()
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

    QLineEdit *fromEdit() const { return m_from; }
    QLineEdit *toEdit() const { return m_to; }
    // The message beside the dates: why a date was not applied, or how a typed date was read.
    QLabel *dateMessage() const { return m_dateMessage; }
    // True while From or To holds text that is not applied (unreadable, or From after To).
    bool hasDateError() const { return m_dateError; }

    // The controls in the order Tab visits them.
    QList<QWidget *> focusOrder() const;

    QListWidget *typeList() const { return m_types; }
    QListWidget *countryList() const { return m_countries; }
    QListWidget *yearList() const { return m_years; }
    QListWidget *regionList() const { return m_regions; }
    QListWidget *attackerList() const { return m_attackers; }
    QListWidget *actorList() const { return m_actors; }
    // The item of `list` whose value is `key` (a country code, region, actor, year…), or null.
    static QListWidgetItem *itemFor(QListWidget *list, const QVariant &key);

signals:
    void filterChanged(const Filter &filter);

protected:
    void changeEvent(QEvent *event) override;

private:
    QListWidget *addFacet(const QString &title, const QString &accessibleName);
    void rebuildLists();
    void collect();
    // Reads From and To into `f`. Unreadable dates, or a From after the To, keep the dates of
    // the current filter (results do not change), mark the field and say why beside it.
    void readDates(Filter &f);
    void showDateState(QLineEdit *edit, bool invalid);
    void updateCount(QListWidgetItem *item, int count);
    void addPlaceLists();
    void addYears();
    void fitYearCells();
    void yearToggled(QListWidgetItem *item);
    void checkYears();
    void toggleOnClick(QListWidget *list);

    std::shared_ptr<const IncidentColumns> m_columns;
    Filter m_filter;
    bool m_updating = false;
    QLineEdit *m_from;
    QLineEdit *m_to;
    QLabel *m_dateMessage;
    bool m_dateError = false;
    QLineEdit *m_countrySearch;
    QListWidget *m_years = nullptr;
    QListWidget *m_regions = nullptr;
    QListWidget *m_attackers = nullptr;
    QListWidget *m_types;
    QListWidget *m_attributions;
    QListWidget *m_sectors;
    QListWidget *m_countries;
    QListWidget *m_actors;
    QListWidget *m_datasets;
    QPushButton *m_clear;
    FilterEngine::Counts m_counts; // the last counts, shown again when the lists are rebuilt
    bool m_hasCounts = false;
    QListWidgetItem *m_pressedItem = nullptr;
    Qt::CheckState m_pressedState = Qt::Unchecked;
};
