#pragma once

#include "query/filter.h"

#include <QWidget>

class QHBoxLayout;
class QLabel;
class QToolButton;

// One line above the timeline saying what the filter keeps ("Type: DDoS", "From 2022-01-01",
// "Search: wiper"), each part with its own button that clears just that part, and a button
// that clears them all. Hidden while nothing is filtered, so the whole data set is shown.
class FilterSummary : public QWidget
{
    Q_OBJECT
public:
    explicit FilterSummary(QWidget *parent = nullptr);

    void setFilter(const Filter &filter);
    // The parts shown, as their texts (tests, accessibility).
    QStringList parts() const;
    // The button that clears the part whose text starts with `label`; null when none.
    QToolButton *clearButton(const QString &label) const;
    QToolButton *clearAllButton() const { return m_clearAll; }

signals:
    // The filter with one part (or every part) cleared.
    void filterChanged(const Filter &filter);

private:
    void addPart(const QString &text, const std::function<void(Filter &)> &clear);

    Filter m_filter;
    QHBoxLayout *m_parts;
    QLabel *m_title;
    QToolButton *m_clearAll;
    QList<QToolButton *> m_buttons;
};
