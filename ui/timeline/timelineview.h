#pragma once

#include "domain/incidentcolumns.h"
#include "render/flagcache.h"
#include "render/timelineframe.h"
#include "render/timelinelayout.h"
#include "render/timelinerows.h"

#include <QItemSelectionModel>
#include <QList>
#include <QPointer>
#include <QWidget>
#include <memory>
#include <vector>

class IncidentTableModel;
class QAction;
class QActionGroup;
class QItemSelection;
class QMenu;

class QScrollBar;
class QTimer;
class ZoomStack;

// The timeline on screen: one row per victim country (or attacker country, actor, type,
// sector; countries can be grouped into regions), incidents drawn by the core
// TimelineRenderer through a cached TimelineLayout, which also does the picking. The view
// owns interaction state only: the visible range, the row scroll, hover, the drag, the
// selection when it shares none, the zoom history (ZoomStack) and the row options.
//
// Input (timelineinput.cpp): wheel zooms at the cursor (Shift+wheel or the wheel over the
// row headers scrolls rows, a horizontal wheel pans); drag pans and scrolls; Shift+drag or
// right-drag zooms to the dragged range; + and - zoom, Ctrl+arrows pan and scroll, Page
// Up/Down scroll, F or Home fits, S zooms to the selection, Backspace goes back in the zoom
// history, Escape cancels a drag or clears the selection. Click selects (Ctrl toggles, Shift
// adds), double-click or Enter activates, arrows move between incidents (left/right in a
// row, up/down between rows); clicking a cluster or density zooms into it; clicking a row
// header asks to filter to that row (filterToRowRequested), as its menu's "Filter to This Row".
//
// Menus (timelinemenus.cpp): a right click (on release) or the menu key opens the menu of
// an incident or of a row. The row grouping, sort and region choices are checkable actions
// the view owns (rowKeyActions() and the rest): the row menu and the window's View menu show
// the same actions, so a choice made in one is checked in the other.
//
// Selection: setSelectionModel() shares the table's QItemSelectionModel over an
// IncidentTableModel (rows map to incidents through its indices); without one the view keeps
// its own selection. Either way selectedIncidents()/currentIncident() and the signals below
// speak IncidentColumns indices.
class TimelineView : public QWidget
{
    Q_OBJECT
public:
    using Index = IncidentColumns::Index;

    explicit TimelineView(QWidget *parent = nullptr);
    ~TimelineView() override;

    // The incidents to show (e.g. a FilterEngine result, any order); rebuilds the rows with
    // the current options. The first non-empty call zooms to fit; later calls keep the range.
    void setIncidents(std::shared_ptr<const IncidentColumns> columns, std::vector<Index> indices);
    std::shared_ptr<const TimelineRows> rows() const { return m_frame.rows; }

    void setRowOptions(const RowOptions &options);
    const RowOptions &rowOptions() const { return m_options; }

    // The row choices as exclusive groups of checkable actions, each action's data() the
    // enum value as an int. Choosing another grouping or region level shows all rows again
    // (hidden and pinned rows are keys of the old grouping); another sort keeps them.
    QActionGroup *rowKeyActions() const { return m_rowKeys; }
    QActionGroup *rowSortActions() const { return m_rowSorts; }
    QActionGroup *regionLevelActions() const { return m_regionLevels; }
    // Adds the submenus "Rows", "Sort Rows By" and "Group Countries" over those actions.
    void addRowChoiceMenus(QMenu *menu) const;
    // Fills `menu` as the context menu of `row` (a row index of rows(), or -1 for no row):
    // pin, hide, show hidden rows, the row choices, "Add View to Story" and the zoom actions.
    void fillRowMenu(QMenu *menu, int row);
    // Fills `menu` as the context menu of an incident: sources, citation, note, "Add to
    // Story", select and zoom.
    void fillIncidentMenu(QMenu *menu, Index incident);

    // Shares a selection with a table; `model` must be over an IncidentTableModel. Not owned.
    void setSelectionModel(QItemSelectionModel *model);
    QItemSelectionModel *selectionModel() const { return m_selectionModel; }
    std::vector<Index> selectedIncidents() const { return m_frame.selected; } // ascending
    qint64 currentIncident() const { return m_frame.currentIncident; } // -1 when none
    // Selects these incidents (replacing the selection) and makes the first current.
    void selectIncidents(const std::vector<Index> &indices);
    // Pans and scrolls (no zoom) so the incident's first row (or `row`) is in view.
    void revealIncident(Index incident, int row = -1);

    // Visible range [firstDay, endDay) in fractional Julian days, at least s_minDays long and
    // inside rangeLimits(): with a document, its incidents' dates and a margin (rangeMargin()),
    // so zooming out stops a little beyond the data; without, years 1..9999.
    double firstDay() const { return m_frame.firstDay; }
    double endDay() const { return m_frame.endDay; }
    void setVisibleRange(double firstDay, double endDay);
    std::pair<double, double> rangeLimits() const { return { m_limitFirst, m_limitEnd }; }
    // The margin kept around a document's dates: a tenth of their span, at least a month.
    static double rangeMargin(double span) { return std::max(31.0, span * 0.1); }
    double scrollY() const { return m_frame.scrollY; }
    void setScrollY(double y);

    // An explicit theme; by default the view follows the palette (light or dark).
    void setTheme(const Theme &theme);
    void setFollowPalette(bool follow);

    ZoomStack *zoomStack() const { return m_zoomStack; }
    QAction *zoomInAction() const { return m_zoomIn; }
    QAction *zoomOutAction() const { return m_zoomOut; }
    QAction *zoomToFitAction() const { return m_zoomFit; }
    QAction *zoomToSelectionAction() const { return m_zoomSelection; }

    // What is painted: the range, rows, selection, hover and theme. timelineLayout() lays the
    // frame out for the current size (cached until something changes) and is what paints and
    // picks.
    const TimelineFrame &frame() const { return m_frame; }
    const TimelineLayout &timelineLayout();

    static constexpr double s_minDays = 1;

public slots:
    void zoomIn();
    void zoomOut();
    void zoomToFit();
    void zoomToSelection();
    void zoomBy(double factor, double anchorDay); // factor > 1 zooms in, anchorDay stays put
    void panBy(double days);

signals:
    void visibleRangeChanged(double firstDay, double endDay);
    void selectedIncidentsChanged();
    void currentIncidentChanged(qint64 index);
    void incidentActivated(quint32 index); // double-click or Enter
    void openSourcesRequested(quint32 index);
    void copyCitationRequested(quint32 index);
    void editNoteRequested(quint32 index);
    void rowOptionsChanged(const RowOptions &options);
    // "Filter to This Row" in a row's menu, or a click on its header: the grouping, the region
    // level of country rows and the row's key (alpha-2, region or sub-region name, actor, type
    // or sector key). Not offered for the row of unknown values.
    void filterToRowRequested(RowKey grouping, RegionLevel level, const QString &rowKey);
    // "Add to Story" in an incident's menu, "Add View to Story" in a row's menu.
    void addToStoryRequested(quint32 index);
    // The incident menu's Edit, Duplicate and Delete (RecordActions does them).
    void editIncidentRequested(quint32 index);
    void duplicateIncidentRequested(quint32 index);
    void deleteIncidentRequested(quint32 index);
    void addViewToStoryRequested();

protected:
    void paintEvent(QPaintEvent *event) override;
    void resizeEvent(QResizeEvent *event) override;
    void wheelEvent(QWheelEvent *event) override;
    void mousePressEvent(QMouseEvent *event) override;
    void mouseMoveEvent(QMouseEvent *event) override;
    void mouseReleaseEvent(QMouseEvent *event) override;
    void mouseDoubleClickEvent(QMouseEvent *event) override;
    void keyPressEvent(QKeyEvent *event) override;
    void contextMenuEvent(QContextMenuEvent *event) override;
    void leaveEvent(QEvent *event) override;
    bool event(QEvent *event) override;
    void changeEvent(QEvent *event) override;

private:
    enum class Drag { None, Pending, Pan, RubberBand };

    void rebuildRows();
    void updateRangeLimits();
    void invalidateLayout();
    void ensureFlags();
    void setHover(qint64 incident);
    void updateScrollBar();
    void commitHistory();
    void showToolTip(const QPoint &pos, const TimelineLayout::Hit &hit);
    void clickAt(const QPointF &pos, Qt::KeyboardModifiers modifiers);
    void moveCurrent(int dx, int dy);
    void setCurrent(Index i, bool select);
    void applySelection(const std::vector<Index> &indices, qint64 current, bool notifyModel);
    void showSelection(std::vector<Index> selected, qint64 current); // sorted, unique
    void syncFromSelectionModel();
    void updateThemeFromPalette();
    void createRowChoiceActions();
    void updateRowChoiceActions();
    void regroupRows(RowKey key, RegionLevel level);
    void sortRows(RowSort sort);
    void addPinAndHideActions(QMenu *menu, int row);
    void addHiddenRowsMenu(QMenu *menu);
    void showRowMenu(const QPoint &globalPos, int row);
    // Emits filterToRowRequested for `row` when it stands for one value (not "Not attributed").
    bool requestFilterToRow(int row);
    void showIncidentMenu(const QPoint &globalPos, Index incident);
    QString toolTipFor(const TimelineLayout::Hit &hit) const;

    std::shared_ptr<const IncidentColumns> m_columns;
    std::vector<Index> m_indices;
    RowOptions m_options;
    // The rows of every incident (no filter), kept while a filter shows fewer: clearing the
    // filter, the costliest change (a pass over every incident), then reuses them. They hold
    // their columns, so a new set of columns never compares equal to a freed one.
    std::shared_ptr<const TimelineRows> m_unfilteredRows;
    TimelineFrame m_frame;
    std::unique_ptr<TimelineLayout> m_layout; // refers to m_frame
    FlagCache m_flags;
    qreal m_flagsDpr = 0;
    bool m_followPalette = true;
    bool m_fitted = false;
    double m_limitFirst; // the range limits (see setVisibleRange())
    double m_limitEnd;

    QPointer<QItemSelectionModel> m_selectionModel;
    IncidentTableModel *m_tableModel = nullptr;
    bool m_syncing = false;
    int m_currentRow = -1; // the row keyboard navigation is in (an incident can be in several)

    Drag m_drag = Drag::None;
    Qt::MouseButton m_dragButton = Qt::NoButton;
    bool m_rubberRequested = false;
    QPointF m_dragOrigin;
    double m_dragFirstDay = 0;
    double m_dragEndDay = 0;
    double m_dragScrollY = 0;
    double m_dragPxPerDay = 1;

    ZoomStack *m_zoomStack;
    QScrollBar *m_scrollBar;
    QTimer *m_historyTimer; // settles wheel zooms into one history entry
    QAction *m_zoomIn;
    QAction *m_zoomOut;
    QAction *m_zoomFit;
    QAction *m_zoomSelection;
    QActionGroup *m_rowKeys;
    QActionGroup *m_rowSorts;
    QActionGroup *m_regionLevels;
};
