#pragma once

#include <QObject>
#include <vector>

class QAction;

// The history of visible day ranges of a timeline, for Back and Forward (like a browser):
// push() records a settled range and drops anything forward of it. Ranges are [firstDay,
// endDay) in fractional Julian days. The actions belong to the stack and are enabled when
// there is somewhere to go; the owner applies currentChanged() to its view.
class ZoomStack : public QObject
{
    Q_OBJECT
public:
    struct Range
    {
        double firstDay = 0;
        double endDay = 0;
        friend bool operator==(const Range &, const Range &) = default;
    };

    explicit ZoomStack(QObject *parent = nullptr);

    void push(Range range); // ignored when equal to the current range
    void reset(Range range); // forget everything, start from `range`
    Range current() const;
    bool isEmpty() const { return m_ranges.empty(); }
    bool canGoBack() const { return m_index > 0; }
    bool canGoForward() const { return m_index + 1 < int(m_ranges.size()); }
    int size() const { return int(m_ranges.size()); }

    QAction *backAction() const { return m_back; }
    QAction *forwardAction() const { return m_forward; }

    void back();
    void forward();

signals:
    void currentChanged(ZoomStack::Range range); // by back() or forward() only
    void historyChanged();

private:
    void updateActions();

    std::vector<Range> m_ranges;
    int m_index = -1;
    QAction *m_back;
    QAction *m_forward;
    static constexpr int s_maxSize = 100;
};
