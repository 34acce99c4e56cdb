#include "timeline/timelineview.h"
#include "timeline/zoomstack.h"

#include <QAction>
#include <QActionGroup>
#include <QContextMenuEvent>
#include <QMenu>

// TimelineView's context menus and the row choice actions they share with the window.

namespace {
// Adds one checkable action per choice to `group`, each carrying its value in data().
template <typename Value> void addChoices(QActionGroup *group, std::initializer_list<std::pair<Value, QString>> choices)
{
    for (const auto &[value, text] : choices) {
        QAction *action = group->addAction(text);
        action->setCheckable(true);
        action->setData(int(value));
    }
}

void checkChoice(QActionGroup *group, int value)
{
    for (QAction *action : group->actions())
        action->setChecked(action->data().toInt() == value);
}

void addChoiceMenu(QMenu *menu, const QString &title, const QActionGroup *group)
{
    menu->addMenu(title)->addActions(group->actions());
}
} // namespace

// --- row choices ---------------------------------------------------------------------------

void TimelineView::createRowChoiceActions()
{
    addChoices<RowKey>(m_rowKeys,
        { { RowKey::VictimCountry, tr("Victim Countries") }, { RowKey::AttackerCountry, tr("Attacker Countries") },
            { RowKey::Actor, tr("Actors") }, { RowKey::Type, tr("Types") }, { RowKey::Sector, tr("Sectors") } });
    addChoices<RowSort>(m_rowSorts,
        { { RowSort::Count, tr("Number of Incidents") }, { RowSort::Name, tr("Name") },
            { RowSort::FirstIncident, tr("First Incident") }, { RowSort::Region, tr("Region") } });
    addChoices<RegionLevel>(m_regionLevels,
        { { RegionLevel::None, tr("By Country") }, { RegionLevel::SubRegion, tr("By Sub-region") },
            { RegionLevel::Region, tr("By Region") } });
    connect(m_rowKeys, &QActionGroup::triggered, this,
        [this](QAction *a) { regroupRows(RowKey(a->data().toInt()), m_options.collapse); });
    connect(m_rowSorts, &QActionGroup::triggered, this, [this](QAction *a) { sortRows(RowSort(a->data().toInt())); });
    connect(m_regionLevels, &QActionGroup::triggered, this,
        [this](QAction *a) { regroupRows(m_options.key, RegionLevel(a->data().toInt())); });
    updateRowChoiceActions();
}

void TimelineView::updateRowChoiceActions()
{
    checkChoice(m_rowKeys, int(m_options.key));
    checkChoice(m_rowSorts, int(m_options.sort));
    checkChoice(m_regionLevels, int(m_options.collapse));
    // Only country rows group into regions.
    m_regionLevels->setEnabled(m_options.key == RowKey::VictimCountry || m_options.key == RowKey::AttackerCountry);
}

void TimelineView::regroupRows(RowKey key, RegionLevel level)
{
    // Hidden and pinned rows are keys of the old grouping: every row shows again.
    RowOptions o = m_options;
    o.key = key;
    o.collapse = level;
    o.hidden.clear();
    o.pinned.clear();
    setRowOptions(o);
}

void TimelineView::sortRows(RowSort sort)
{
    RowOptions o = m_options;
    o.sort = sort;
    setRowOptions(o);
}

void TimelineView::addRowChoiceMenus(QMenu *menu) const
{
    addChoiceMenu(menu, tr("&Rows"), m_rowKeys);
    addChoiceMenu(menu, tr("&Sort Rows By"), m_rowSorts);
    addChoiceMenu(menu, tr("&Group Countries"), m_regionLevels);
}

// --- context menus -------------------------------------------------------------------------

void TimelineView::contextMenuEvent(QContextMenuEvent *event)
{
    // Mouse menus open on release (a right-drag zooms instead); this handles the menu key.
    if (event->reason() != QContextMenuEvent::Mouse && m_frame.currentIncident >= 0)
        showIncidentMenu(event->globalPos(), Index(m_frame.currentIncident));
    event->accept();
}

void TimelineView::showIncidentMenu(const QPoint &globalPos, Index incident)
{
    QMenu menu(this);
    fillIncidentMenu(&menu, incident);
    menu.exec(globalPos);
}

void TimelineView::fillIncidentMenu(QMenu *menu, Index incident)
{
    if (m_columns)
        menu->setTitle(m_columns->title(incident));
    menu->addAction(tr("Open Sources"), this, [this, incident] { emit openSourcesRequested(incident); });
    menu->addAction(tr("Copy Citation"), this, [this, incident] { emit copyCitationRequested(incident); });
    menu->addAction(tr("Edit Note…"), this, [this, incident] { emit editNoteRequested(incident); });
    menu->addAction(tr("Add to Story"), this, [this, incident] { emit addToStoryRequested(incident); })
        ->setObjectName(QStringLiteral("addIncidentToStory"));
    menu->addSeparator();
    menu->addAction(tr("Edit Incident…"), this, [this, incident] { emit editIncidentRequested(incident); })
        ->setObjectName(QStringLiteral("editIncident"));
    menu->addAction(tr("Duplicate Incident…"), this, [this, incident] { emit duplicateIncidentRequested(incident); })
        ->setObjectName(QStringLiteral("duplicateIncident"));
    menu->addAction(tr("Delete Incident…"), this, [this, incident] { emit deleteIncidentRequested(incident); })
        ->setObjectName(QStringLiteral("deleteIncident"));
    menu->addSeparator();
    menu->addAction(tr("Select"), this, [this, incident] { setCurrent(incident, true); });
    menu->addAction(tr("Zoom to Incident"), this, [this, incident] {
        setCurrent(incident, true);
        zoomToSelection();
    });
}

void TimelineView::showRowMenu(const QPoint &globalPos, int row)
{
    QMenu menu(this);
    fillRowMenu(&menu, row);
    menu.exec(globalPos);
}

void TimelineView::fillRowMenu(QMenu *menu, int row)
{
    addPinAndHideActions(menu, row);
    addHiddenRowsMenu(menu);
    addRowChoiceMenus(menu);
    menu->addAction(tr("Add View to Story"), this, &TimelineView::addViewToStoryRequested)
        ->setObjectName(QStringLiteral("addViewToStory"));
    menu->addSeparator();
    menu->addAction(m_zoomFit);
    menu->addAction(m_zoomSelection);
    menu->addAction(m_zoomStack->backAction());
    menu->addAction(m_zoomStack->forwardAction());
}

void TimelineView::addPinAndHideActions(QMenu *menu, int row)
{
    const auto &rows = m_frame.rows;
    if (!rows || row < 0 || row >= rows->rowCount())
        return;
    const TimelineRow &r = rows->row(row);
    const QString key = r.key;
    menu->addAction(r.label)->setEnabled(false);
    QAction *filterTo = menu->addAction(tr("Filter to This Row"), this, [this, row] { requestFilterToRow(row); });
    filterTo->setEnabled(!key.isEmpty());
    menu->addAction(r.pinned ? tr("Unpin Row") : tr("Pin Row to Top"), this, [this, key, pinned = r.pinned] {
        RowOptions o = m_options;
        if (pinned)
            o.pinned.removeAll(key);
        else
            o.pinned.append(key);
        setRowOptions(o);
    });
    menu->addAction(tr("Hide Row"), this, [this, key] {
        RowOptions o = m_options;
        o.pinned.removeAll(key);
        o.hidden.append(key);
        setRowOptions(o);
    });
    menu->addSeparator();
}

bool TimelineView::requestFilterToRow(int row)
{
    const auto &rows = m_frame.rows;
    if (!rows || row < 0 || row >= rows->rowCount() || rows->row(row).key.isEmpty())
        return false;
    // Region rows exist only for country keys; other keys ignore the level.
    const bool countries = m_options.key == RowKey::VictimCountry || m_options.key == RowKey::AttackerCountry;
    emit filterToRowRequested(m_options.key, countries ? m_options.collapse : RegionLevel::None, rows->row(row).key);
    return true;
}

void TimelineView::addHiddenRowsMenu(QMenu *menu)
{
    const auto &rows = m_frame.rows;
    if (!rows || rows->hiddenRows().empty())
        return;
    QMenu *hidden = menu->addMenu(tr("Show Hidden Rows"));
    hidden->addAction(tr("Show All"), this, [this] {
        RowOptions o = m_options;
        o.hidden.clear();
        setRowOptions(o);
    });
    hidden->addSeparator();
    for (const auto &[key, label] : rows->hiddenRows()) {
        hidden->addAction(label, this, [this, key = key] {
            RowOptions o = m_options;
            o.hidden.removeAll(key);
            setRowOptions(o);
        });
    }
}
