#include "models/incidenttablemodel.h"
#include "timeline/overviewstrip.h"
#include "timeline/timelineview.h"
#include "timeline/zoomstack.h"
#include "timelinetestdata.h"
#include "uitestsupport.h"

#include <QActionGroup>
#include <QApplication>
#include <QItemSelectionModel>
#include <QSignalSpy>
#include <QTest>
#include <QToolTip>
#include <QWheelEvent>
#include <numeric>

// TimelineView offscreen: wheel, drag, rubber band, clicks and keys change the visible range
// and the selection (shared with an IncidentTableModel's selection model); the row menu and
// the row choice actions it shares with the window; the overview strip.
class TestTimelineView : public QObject
{
    Q_OBJECT

private:
    using Index = IncidentColumns::Index;

    std::shared_ptr<const IncidentColumns> m_columns;
    std::vector<Index> m_all;

    static void wheel(QWidget *w, QPointF pos, int deltaY, Qt::KeyboardModifiers modifiers = Qt::NoModifier)
    {
        QWheelEvent event(
            pos, w->mapToGlobal(pos), QPoint(), QPoint(0, deltaY), Qt::NoButton, modifiers, Qt::NoScrollPhase, false);
        QApplication::sendEvent(w, &event);
    }

    // A quarter of the fitted range around its middle, as the start of the zoom history.
    static void zoomInQuietly(TimelineView &view)
    {
        const double mid = (view.firstDay() + view.endDay()) / 2;
        const double span = view.endDay() - view.firstDay();
        view.setVisibleRange(mid - span / 8, mid + span / 8);
        view.zoomStack()->reset({ view.firstDay(), view.endDay() });
    }

    std::unique_ptr<TimelineView> makeView()
    {
        auto view = std::make_unique<TimelineView>();
        view->resize(1000, 500);
        view->setIncidents(m_columns, m_all);
        view->show();
        if (!QTest::qWaitForWindowExposed(view.get()))
            return nullptr;
        return view;
    }

    // The first single mark (not a cluster) in view, top row first, and its row; null if none.
    static const TimelineLayout::Mark *firstPointInView(TimelineView &view, int *row = nullptr)
    {
        for (const TimelineLayout::RowPlan &plan : view.timelineLayout().rowPlans()) {
            if (!plan.points.empty()) {
                if (row)
                    *row = plan.row;
                return &plan.points.front();
            }
        }
        return nullptr;
    }

    static QAction *choice(QActionGroup *group, int value)
    {
        for (QAction *action : group->actions()) {
            if (action->data().toInt() == value)
                return action;
        }
        return nullptr;
    }

private slots:
    void initTestCase()
    {
        m_columns = std::make_shared<const IncidentColumns>(TimelineTestData::newsroom(300));
        m_all.resize(m_columns->size());
        std::iota(m_all.begin(), m_all.end(), 0u);
    }

    void fitsOnFirstData()
    {
        auto view = makeView();
        QVERIFY(view);
        QVERIFY(view->rows());
        QVERIFY(view->firstDay() <= view->rows()->firstDay());
        QVERIFY(view->endDay() >= view->rows()->lastDay() + 1);
        QCOMPARE(view->zoomStack()->size(), 1);
    }

    // Clearing a filter reuses the rows of every incident instead of building them again,
    // but only for the same columns and row options.
    void clearingTheFilterReusesTheUnfilteredRows()
    {
        auto view = makeView();
        QVERIFY(view);
        const auto unfiltered = view->rows();
        const std::vector<Index> some(m_all.begin(), m_all.begin() + 10);
        view->setIncidents(m_columns, some);
        QVERIFY(view->rows() != unfiltered);
        view->setIncidents(m_columns, m_all);
        QCOMPARE(view->rows(), unfiltered);

        // Other row options: built again, and not taken for the first ones.
        RowOptions byType = view->rowOptions();
        byType.key = RowKey::Type;
        view->setRowOptions(byType);
        QVERIFY(view->rows() != unfiltered);
        QCOMPARE(view->rows()->options().key, RowKey::Type);
        view->setRowOptions(RowOptions());
        QVERIFY(view->rows() != unfiltered); // the type rows replaced the kept ones
        QCOMPARE(view->rows()->options(), RowOptions());

        // New columns (a reload, an edit): never the old rows.
        const auto kept = view->rows();
        const auto reloaded = std::make_shared<const IncidentColumns>(*m_columns);
        view->setIncidents(reloaded, m_all);
        QVERIFY(view->rows() != kept);
        QCOMPARE(&view->rows()->columns(), reloaded.get());
    }

    void wheelZoomsAtCursor_data()
    {
        QTest::addColumn<int>("delta");
        QTest::addColumn<bool>("zoomsIn");
        QTest::newRow("in") << 120 << true;
        QTest::newRow("out") << -120 << false;
    }

    void wheelZoomsAtCursor()
    {
        QFETCH(int, delta);
        QFETCH(bool, zoomsIn);
        auto view = makeView();
        QVERIFY(view);
        // Zoomed in first, so zooming out is not stopped by the limits near the data.
        zoomInQuietly(*view);
        const TimelineLayout &l = view->timelineLayout();
        const QPointF pos(l.plotRect().left() + l.plotRect().width() * 0.3, l.plotRect().center().y());
        const double dayBefore = l.xToDay(pos.x());
        const double spanBefore = view->endDay() - view->firstDay();
        QSignalSpy spy(view.get(), &TimelineView::visibleRangeChanged);
        wheel(view.get(), pos, delta);
        QCOMPARE(spy.count(), 1);
        const double spanAfter = view->endDay() - view->firstDay();
        QCOMPARE(spanAfter < spanBefore, zoomsIn);
        // The day under the cursor stays under the cursor.
        QVERIFY(std::abs(view->timelineLayout().xToDay(pos.x()) - dayBefore) < 1e-6 * spanBefore);
        // The wheel settles into one history entry.
        QTRY_COMPARE(view->zoomStack()->size(), 2);
        view->zoomStack()->back();
        QVERIFY(std::abs((view->endDay() - view->firstDay()) - spanBefore) < 1e-9);
    }

    void dragPans()
    {
        auto view = makeView();
        QVERIFY(view);
        zoomInQuietly(*view);
        const QRectF plot = view->timelineLayout().plotRect();
        const double ppd = view->timelineLayout().pixelsPerDay();
        const double first = view->firstDay();
        const QPoint a = plot.center().toPoint();
        const QPoint b = a + QPoint(200, 0);
        QTest::mousePress(view.get(), Qt::LeftButton, Qt::NoModifier, a);
        QTest::mouseMove(view.get(), a + QPoint(10, 0));
        QTest::mouseMove(view.get(), b);
        QTest::mouseRelease(view.get(), Qt::LeftButton, Qt::NoModifier, b);
        QVERIFY(std::abs(view->firstDay() - (first - 200 / ppd)) < 0.01);
    }

    void rubberBandZooms_data()
    {
        QTest::addColumn<int>("button");
        QTest::addColumn<int>("modifiers");
        QTest::newRow("shift-drag") << int(Qt::LeftButton) << int(Qt::ShiftModifier);
        QTest::newRow("right-drag") << int(Qt::RightButton) << int(Qt::NoModifier);
    }

    void rubberBandZooms()
    {
        QFETCH(int, button);
        QFETCH(int, modifiers);
        auto view = makeView();
        QVERIFY(view);
        const TimelineLayout &l = view->timelineLayout();
        const QRectF plot = l.plotRect();
        const QPoint a(int(plot.left() + 100), int(plot.center().y()));
        const QPoint b(int(plot.left() + 300), int(plot.center().y()) + 20);
        const double dayA = l.xToDay(a.x());
        const double dayB = l.xToDay(b.x());
        const auto btn = Qt::MouseButton(button);
        const auto mods = Qt::KeyboardModifiers(modifiers);
        QTest::mousePress(view.get(), btn, mods, a);
        QTest::mouseMove(view.get(), a + QPoint(10, 0));
        QTest::mouseMove(view.get(), b);
        QTest::mouseRelease(view.get(), btn, mods, b);
        QVERIFY(std::abs(view->firstDay() - dayA) < 0.5);
        QVERIFY(std::abs(view->endDay() - dayB) < 0.5);
        QVERIFY(view->frame().rubberBand.isNull());
    }

    void keyboardZoomPanFit()
    {
        auto view = makeView();
        QVERIFY(view);
        view->setFocus();
        const double span = view->endDay() - view->firstDay();
        const double mid = (view->firstDay() + view->endDay()) / 2;
        QTest::keyClick(view.get(), Qt::Key_Plus);
        QVERIFY(std::abs((view->endDay() - view->firstDay()) - span / 1.5) < 1e-6);
        QVERIFY(std::abs((view->firstDay() + view->endDay()) / 2 - mid) < 1e-6);
        const double first = view->firstDay();
        QTest::keyClick(view.get(), Qt::Key_Right, Qt::ControlModifier);
        QVERIFY(view->firstDay() > first);
        QTest::keyClick(view.get(), Qt::Key_F);
        QVERIFY(std::abs((view->endDay() - view->firstDay()) - span) < 1e-6);
        QTest::keyClick(view.get(), Qt::Key_Backspace);
        QVERIFY(view->firstDay() > first);
    }

    void rangeLimits_data()
    {
        QTest::addColumn<double>("first");
        QTest::addColumn<double>("end");
        QTest::newRow("less than a day") << 2459000.2 << 2459000.4;
        QTest::newRow("before year 1") << -5000.0 << 100.0;
        QTest::newRow("beyond 9999") << 5373000.0 << 6000000.0;
    }

    void rangeLimits()
    {
        QFETCH(double, first);
        QFETCH(double, end);
        TimelineView view;
        view.resize(600, 300);
        view.setVisibleRange(first, end);
        QVERIFY(view.endDay() - view.firstDay() >= TimelineView::s_minDays - 1e-9);
        QVERIFY(view.firstDay() >= double(QDate(1, 1, 1).toJulianDay()));
        QVERIFY(view.endDay() <= double(QDate(9999, 12, 31).toJulianDay() + 1));
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));
        const double shownFirst = view.firstDay();
        const double shownEnd = view.endDay();
        // Paints with no rows: an empty plot, and the range stays as it was set.
        const QImage image = view.grab().toImage();
        QVERIFY(view.timelineLayout().rowPlans().empty());
        QCOMPARE(view.firstDay(), shownFirst);
        QCOMPARE(view.endDay(), shownEnd);
        const QRect plot = view.timelineLayout().plotRect().toRect();
        const int y = plot.bottom() - 4;
        int background = 0;
        for (int x = plot.left(); x < plot.right(); ++x)
            background += image.pixelColor(x, y) == view.frame().theme.background ? 1 : 0;
        QVERIFY2(background > plot.width() * 8 / 10, "the plot is painted in the background colour");
    }

    void zoomStopsNearTheData()
    {
        auto view = makeView();
        QVERIFY(view);
        double first = std::numeric_limits<double>::max();
        double end = std::numeric_limits<double>::lowest();
        for (Index i : m_all) {
            first = std::min(first, double(m_columns->firstDay[i]));
            end = std::max(end, double(m_columns->lastDay[i]) + 1);
        }
        const double margin = TimelineView::rangeMargin(end - first);
        // Zooming out stops a little beyond the document's dates.
        for (int i = 0; i < 60; ++i)
            view->zoomOut();
        QVERIFY(view->firstDay() >= first - margin - 1e-6);
        QVERIFY(view->endDay() <= end + margin + 1e-6);
        QVERIFY(view->endDay() - view->firstDay() >= end - first);
        // An absurd range (a saved view from years 1 to 9999) is brought inside the same limits.
        view->setVisibleRange(double(QDate(1, 1, 1).toJulianDay()), double(QDate(9999, 12, 31).toJulianDay()));
        QVERIFY(view->firstDay() >= first - margin - 1e-6);
        QVERIFY(view->endDay() <= end + margin + 1e-6);
        // Zooming in stops at about one day filling the view.
        for (int i = 0; i < 80; ++i)
            view->zoomIn();
        QVERIFY(view->endDay() - view->firstDay() >= TimelineView::s_minDays - 1e-9);
        QVERIFY(view->endDay() - view->firstDay() <= 2);
    }

    void clusterToolTipSaysWhatItCounts()
    {
        auto view = makeView();
        QVERIFY(view);
        for (int i = 0; i < 3; ++i)
            view->zoomOut();
        const TimelineLayout::Cluster *cluster = nullptr;
        int row = -1;
        for (const TimelineLayout::RowPlan &plan : view->timelineLayout().rowPlans()) {
            if (!plan.clusters.empty()) {
                cluster = &plan.clusters.front();
                row = plan.row;
                break;
            }
        }
        if (!cluster)
            QSKIP("no cluster at this zoom");
        const QPoint at = cluster->rect.center().toPoint();
        QHelpEvent help(QEvent::ToolTip, at, view->mapToGlobal(at));
        QApplication::sendEvent(view.get(), &help);
        const QString tip = QToolTip::text();
        QVERIFY2(tip.contains(QStringLiteral("%1 incident").arg(cluster->count)), qPrintable(tip));
        QVERIFY2(tip.contains(QStringLiteral("of this row")), qPrintable(tip));
        QVERIFY2(tip.contains(QStringLiteral("The row has %1 incident").arg(view->rows()->row(row).count())),
            qPrintable(tip));
    }

    void clickSelectsSharedWithTable()
    {
        auto view = makeView();
        QVERIFY(view);
        IncidentTableModel model;
        model.setIncidents(m_columns, m_all);
        QItemSelectionModel selection(&model);
        view->setSelectionModel(&selection);

        // Zoom to 2022 so marks are individual, then click the first point in view.
        view->setVisibleRange(QDate(2022, 3, 1).toJulianDay(), QDate(2022, 4, 1).toJulianDay());
        int row = -1;
        const TimelineLayout::Mark *mark = firstPointInView(*view, &row);
        QVERIFY(mark);
        const Index incident = mark->incident;
        QSignalSpy spy(view.get(), &TimelineView::currentIncidentChanged);
        QTest::mouseClick(view.get(), Qt::LeftButton, Qt::NoModifier, mark->rect.center().toPoint());
        QCOMPARE(view->selectedIncidents(), std::vector<Index> { incident });
        QCOMPARE(view->currentIncident(), qint64(incident));
        QCOMPARE(spy.count(), 1);
        QCOMPARE(selection.selectedRows().size(), 1);
        QCOMPARE(selection.selectedRows().first().data(IncidentTableModel::IndexRole).toUInt(), incident);

        // The table selects another one: the view follows.
        const QModelIndex other = model.index(model.rowOfIndex(0), 0);
        selection.setCurrentIndex(other, QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
        QCOMPARE(view->selectedIncidents(), std::vector<Index> { 0 });
        QCOMPARE(view->currentIncident(), qint64(0));

        // Ctrl+click adds; a plain click on empty plot clears.
        view->selectIncidents({ incident });
        const QRectF again = view->timelineLayout().markRect(incident, row);
        QTest::mouseClick(view.get(), Qt::LeftButton, Qt::ControlModifier, again.center().toPoint());
        QVERIFY(view->selectedIncidents().empty());
        QTest::mouseClick(view.get(), Qt::LeftButton, Qt::ControlModifier, again.center().toPoint());
        QCOMPARE(view->selectedIncidents(), std::vector<Index> { incident });
        const QRectF plot = view->timelineLayout().plotRect();
        QTest::mouseClick(
            view.get(), Qt::LeftButton, Qt::NoModifier, QPoint(int(plot.right()) - 3, int(plot.bottom()) - 3));
        QVERIFY(view->selectedIncidents().empty());
        QVERIFY(selection.selectedRows().isEmpty());
    }

    void arrowsMoveBetweenIncidents()
    {
        auto view = makeView();
        QVERIFY(view);
        view->setFocus();
        QTest::keyClick(view.get(), Qt::Key_Right);
        const qint64 first = view->currentIncident();
        QVERIFY(first >= 0);
        const auto rows = view->rows();
        QTest::keyClick(view.get(), Qt::Key_Right);
        const qint64 second = view->currentIncident();
        QVERIFY(second >= 0);
        // Left/right stay in the row and follow the day order.
        QVERIFY(m_columns->firstDay[Index(second)] >= m_columns->firstDay[Index(first)]);
        QTest::keyClick(view.get(), Qt::Key_Left);
        QCOMPARE(view->currentIncident(), first);
        // Down moves to the next row.
        const auto before = rows->rowsOf(Index(first));
        QTest::keyClick(view.get(), Qt::Key_Down);
        const auto after = rows->rowsOf(Index(view->currentIncident()));
        QVERIFY(!after.isEmpty());
        QVERIFY(after.contains(before.front() + 1));
        QCOMPARE(view->selectedIncidents().size(), std::size_t(1));
        QSignalSpy activated(view.get(), &TimelineView::incidentActivated);
        QTest::keyClick(view.get(), Qt::Key_Return);
        QCOMPARE(activated.count(), 1);
    }

    void hoverSetsFrameState()
    {
        auto view = makeView();
        QVERIFY(view);
        view->setVisibleRange(QDate(2022, 3, 1).toJulianDay(), QDate(2022, 4, 1).toJulianDay());
        const TimelineLayout::Mark *mark = firstPointInView(*view);
        QVERIFY(mark);
        const Index incident = mark->incident;
        QTest::mouseMove(view.get(), mark->rect.center().toPoint());
        QCOMPARE(view->frame().hoveredIncident, qint64(incident));
    }

    void rowMenuUsesTheViewsChoiceActions()
    {
        auto view = makeView();
        QVERIFY(view);
        QMenu menu;
        view->fillRowMenu(&menu, 0);
        QCOMPARE(
            UiTestSupport::findSubmenu(&menu, QStringLiteral("Rows"))->actions(), view->rowKeyActions()->actions());
        QCOMPARE(UiTestSupport::findSubmenu(&menu, QStringLiteral("Sort Rows By"))->actions(),
            view->rowSortActions()->actions());
        QCOMPARE(UiTestSupport::findSubmenu(&menu, QStringLiteral("Group Countries"))->actions(),
            view->regionLevelActions()->actions());
        // The row itself can be pinned or hidden from its menu.
        QVERIFY(UiTestSupport::findAction(&menu, QStringLiteral("Hide Row")));
        QVERIFY(UiTestSupport::findAction(&menu, QStringLiteral("Pin Row to Top")));
    }

    void rowChoicesFollowAndSetTheOptions()
    {
        auto view = makeView();
        QVERIFY(view);
        const QString firstRow = view->rows()->row(0).key;
        RowOptions options;
        options.hidden = { view->rows()->row(1).key };
        options.pinned = { firstRow };
        view->setRowOptions(options);
        QVERIFY(choice(view->rowSortActions(), int(RowSort::Count))->isChecked());

        // Another sort keeps the hidden and pinned rows.
        QSignalSpy changed(view.get(), &TimelineView::rowOptionsChanged);
        choice(view->rowSortActions(), int(RowSort::Name))->trigger();
        QCOMPARE(changed.count(), 1);
        QCOMPARE(view->rowOptions().sort, RowSort::Name);
        QCOMPARE(view->rowOptions().hidden, options.hidden);
        QCOMPARE(view->rowOptions().pinned, options.pinned);
        QVERIFY(!choice(view->rowSortActions(), int(RowSort::Count))->isChecked());

        // Another grouping shows every row again: the old keys mean nothing in it.
        choice(view->rowKeyActions(), int(RowKey::Actor))->trigger();
        QCOMPARE(view->rowOptions().key, RowKey::Actor);
        QVERIFY(view->rowOptions().hidden.isEmpty());
        QVERIFY(view->rowOptions().pinned.isEmpty());
        QCOMPARE(view->rowOptions().sort, RowSort::Name);
        // Actors do not group into regions.
        QVERIFY(!choice(view->regionLevelActions(), int(RegionLevel::Region))->isEnabled());

        // Options set from outside (a saved view) check the matching actions.
        options.key = RowKey::VictimCountry;
        options.collapse = RegionLevel::SubRegion;
        view->setRowOptions(options);
        QVERIFY(choice(view->rowKeyActions(), int(RowKey::VictimCountry))->isChecked());
        QVERIFY(choice(view->regionLevelActions(), int(RegionLevel::SubRegion))->isChecked());
        QVERIFY(choice(view->regionLevelActions(), int(RegionLevel::Region))->isEnabled());
        QVERIFY(choice(view->rowSortActions(), int(RowSort::Count))->isChecked());
    }

    void overviewStrip()
    {
        OverviewStrip strip;
        strip.resize(800, 56);
        strip.setIncidents(m_columns, m_all);
        strip.show();
        QVERIFY(QTest::qWaitForWindowExposed(&strip));
        QVERIFY(!strip.monthCounts().empty());
        QCOMPARE(std::accumulate(strip.monthCounts().begin(), strip.monthCounts().end(), 0), int(m_all.size()));
        const double first = QDate(2018, 1, 1).toJulianDay();
        const double end = QDate(2019, 1, 1).toJulianDay();
        strip.setVisibleRange(first, end);
        QSignalSpy spy(&strip, &OverviewStrip::rangeRequested);
        // Drag the window by 100 px: the range moves by as many days as 100 px stand for.
        const int x = int((strip.dayToX(first) + strip.dayToX(end)) / 2);
        QTest::mousePress(&strip, Qt::LeftButton, Qt::NoModifier, QPoint(x, 20));
        QTest::mouseMove(&strip, QPoint(x + 100, 20));
        QTest::mouseRelease(&strip, Qt::LeftButton, Qt::NoModifier, QPoint(x + 100, 20));
        QVERIFY(spy.count() >= 1);
        const double moved = spy.last().at(0).toDouble() - first;
        QVERIFY(std::abs(moved - (strip.xToDay(x + 100) - strip.xToDay(x))) < 0.5);
        QVERIFY(std::abs((spy.last().at(1).toDouble() - spy.last().at(0).toDouble()) - (end - first)) < 1e-6);
    }
};

QTEST_MAIN(TestTimelineView)
#include "tst_timelineview.moc"
