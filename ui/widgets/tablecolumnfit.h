#pragma once

#include <QHash>
#include <QObject>
#include <QSet>

class QTableView;

// Keeps one stretching column of a table readable when the table is narrow. The other
// columns have preferred widths; when the table is too narrow for those plus a readable
// stretching column (at least `stretchShare` of the width), they give up width in proportion,
// down to a floor, instead of leaving the stretching column a few characters wide.
class TableColumnFit : public QObject
{
    Q_OBJECT
public:
    // Columns in `keep` (short fixed-form values such as dates) never give up width.
    TableColumnFit(QTableView *table, int stretchColumn, QHash<int, int> preferredWidths, QSet<int> keep = {},
        double stretchShare = 0.4);

    void fit();

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    QTableView *m_table;
    // The table's viewport, compared by address only: events still reach the filter while the
    // table is being destroyed, when its own methods must not be called.
    QObject *m_viewport;
    int m_stretchColumn;
    QHash<int, int> m_preferred;
    QSet<int> m_keep;
    double m_share;
};
