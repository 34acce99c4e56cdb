#include "timeline/zoomstack.h"

#include <QAction>

ZoomStack::ZoomStack(QObject *parent)
    : QObject(parent)
    , m_back(new QAction(tr("Zoom Back"), this))
    , m_forward(new QAction(tr("Zoom Forward"), this))
{
    m_back->setIcon(QIcon::fromTheme(QStringLiteral("go-previous")));
    m_back->setToolTip(tr("Back to the previous time range"));
    m_forward->setIcon(QIcon::fromTheme(QStringLiteral("go-next")));
    m_forward->setToolTip(tr("Forward to the next time range"));
    connect(m_back, &QAction::triggered, this, &ZoomStack::back);
    connect(m_forward, &QAction::triggered, this, &ZoomStack::forward);
    updateActions();
}

void ZoomStack::push(Range range)
{
    if (!isEmpty() && current() == range)
        return;
    m_ranges.resize(std::size_t(m_index + 1));
    m_ranges.push_back(range);
    if (int(m_ranges.size()) > s_maxSize)
        m_ranges.erase(m_ranges.begin());
    m_index = int(m_ranges.size()) - 1;
    updateActions();
}

void ZoomStack::reset(Range range)
{
    m_ranges = { range };
    m_index = 0;
    updateActions();
}

ZoomStack::Range ZoomStack::current() const
{
    return isEmpty() ? Range {} : m_ranges[std::size_t(m_index)];
}

void ZoomStack::back()
{
    if (!canGoBack())
        return;
    --m_index;
    updateActions();
    emit currentChanged(current());
}

void ZoomStack::forward()
{
    if (!canGoForward())
        return;
    ++m_index;
    updateActions();
    emit currentChanged(current());
}

void ZoomStack::updateActions()
{
    m_back->setEnabled(canGoBack());
    m_forward->setEnabled(canGoForward());
    emit historyChanged();
}
