#include "generator.h"
#include "recordingdevice.h"
#include "render/flagcache.h"
#include "render/timelinerenderer.h"
#include "timelinetestdata.h"

#include <QBuffer>
#include <QCoreApplication>
#include <QElapsedTimer>
#include <QImage>
#include <QPainter>
#include <QSvgGenerator>
#include <QSvgRenderer>
#include <QTest>

// Renders frames into QImages and checks colours at positions the layout computed (no
// golden pixels). Every image is saved next to the binary for a human to look at.
class TestTimelineRenderer : public QObject
{
    Q_OBJECT

private:
    static QImage render(const TimelineFrame &frame, const TimelineLayout &layout, qreal dpr = 1)
    {
        QImage image((frame.size * dpr).toSize(), QImage::Format_ARGB32_Premultiplied);
        image.setDevicePixelRatio(dpr);
        image.fill(Qt::magenta);
        QPainter painter(&image);
        TimelineRenderer::paint(painter, frame, layout);
        return image;
    }

    // Layout and paint into one reused image, as a view repaints; median of 7 runs.
    static double medianFrameMs(const TimelineFrame &frame)
    {
        QImage image(frame.size.toSize(), QImage::Format_ARGB32_Premultiplied);
        std::vector<double> times;
        for (int run = 0; run < 7; ++run) {
            QElapsedTimer timer;
            timer.start();
            const TimelineLayout layout(frame, &image);
            QPainter painter(&image);
            TimelineRenderer::paint(painter, frame, layout);
            painter.end();
            times.push_back(double(timer.nsecsElapsed()) / 1e6);
        }
        std::sort(times.begin(), times.end());
        return times[times.size() / 2];
    }

    static void save(const QImage &image, const QString &name)
    {
        image.save(QCoreApplication::applicationDirPath() + u'/' + name + QStringLiteral(".png"));
    }

    static QColor at(const QImage &image, QPointF logical)
    {
        const QPoint p = (logical * image.devicePixelRatio()).toPoint();
        return image.pixelColor(p);
    }

    static bool near(const QColor &a, const QColor &b, int tolerance = 24)
    {
        return std::abs(a.red() - b.red()) <= tolerance && std::abs(a.green() - b.green()) <= tolerance
            && std::abs(a.blue() - b.blue()) <= tolerance;
    }

    static TimelineFrame frameFor(std::shared_ptr<const TimelineRows> rows, QDate from, QDate to, QSizeF size)
    {
        TimelineFrame frame;
        frame.rows = std::move(rows);
        frame.firstDay = double(from.toJulianDay());
        frame.endDay = double(to.toJulianDay());
        frame.size = size;
        FlagCache flags;
        for (const TimelineRow &row : frame.rows->rows()) {
            if (!row.flagCode.isEmpty())
                frame.flags.insert(row.flagCode, flags.flag(row.flagCode, QSize(40, 30)));
        }
        return frame;
    }

    static std::shared_ptr<const TimelineRows> rowsOf(IncidentColumns columns, RowOptions options = {})
    {
        return TimelineTestData::rowsOf(std::move(columns), options);
    }

    // One incident per shape in one row, far apart.
    static IncidentColumns shapes() { return TimelineTestData::shapes(); }

private slots:
    void shapesAndColours_data()
    {
        QTest::addColumn<bool>("dark");
        QTest::addColumn<qreal>("dpr");
        QTest::newRow("light") << false << qreal(1);
        QTest::newRow("dark") << true << qreal(1);
        QTest::newRow("light-hidpi") << false << qreal(2);
    }

    void shapesAndColours()
    {
        QFETCH(bool, dark);
        QFETCH(qreal, dpr);
        TimelineFrame frame = frameFor(rowsOf(shapes()), QDate(2022, 1, 1), QDate(2023, 1, 1), QSizeF(1000, 300));
        frame.theme = Theme::forDarkMode(dark);
        const TimelineLayout layout(frame);
        const QImage image = render(frame, layout, dpr);
        save(image, QStringLiteral("tst_timelinerenderer-shapes-") + QLatin1StringView(QTest::currentDataTag()));
        const Theme &t = frame.theme;

        const QPointF empty(layout.plotRect().left() + 5, layout.plotRect().bottom() - 5);
        QVERIFY2(near(at(image, empty), t.background), qPrintable(at(image, empty).name()));
        const int row = frame.rows->rowOfKey(QStringLiteral("AL"));
        QVERIFY(row >= 0);
        const TimelineLayout::RowPlan *plan = layout.planOf(row);
        QVERIFY(plan);
        QCOMPARE(plan->aggregated, false);
        QCOMPARE(plan->points.size(), std::size_t(2));
        QCOMPARE(plan->bars.size(), std::size_t(1));
        QCOMPARE(plan->spans.size(), std::size_t(1));

        // The point is filled with its type colour at its centre.
        const QRectF point = layout.markRect(0, row);
        QVERIFY(near(at(image, point.center()), t.typeColor(IncidentType::Ransomware)));
        // The bar too, over its whole duration.
        const QRectF bar = layout.markRect(1, row);
        QCOMPARE(bar.left(), layout.dayToX(QDate(2022, 5, 1).toJulianDay()));
        QCOMPARE(bar.right(), layout.dayToX(QDate(2022, 7, 1).toJulianDay()));
        QVERIFY(near(
            at(image, { bar.left() + bar.width() * 0.3, bar.center().y() }), t.typeColor(IncidentType::Espionage)));
        // The month-precise incident is a faded span over the whole month: lighter than its colour.
        const QRectF span = layout.markRect(2, row);
        QCOMPARE(span.left(), layout.dayToX(QDate(2022, 9, 1).toJulianDay()));
        QCOMPARE(span.right(), layout.dayToX(QDate(2022, 10, 1).toJulianDay()));
        const QColor inside = at(image, { span.center().x(), span.top() + 3 });
        QVERIFY(!near(inside, t.typeColor(IncidentType::Influence), 12));
        QVERIFY(!near(inside, t.background, 2));
        // The legend has a swatch per type in its colour.
        for (const TimelineLayout::LegendItem &item : layout.legend()) {
            if (item.kind == TimelineLayout::LegendKind::Type)
                QVERIFY(near(at(image, item.swatch.center()), t.typeColor(IncidentType(item.type))));
        }
        // The flag of Albania is red at the left of its header.
        QVERIFY(at(image, { layout.headerRect().left() + 12, layout.rowToY(row) + frame.rowHeight / 2 }).red() > 150);
    }

    void selectionOnlyOnScreen_data()
    {
        QTest::addColumn<bool>("forExport");
        QTest::newRow("screen") << false;
        QTest::newRow("export") << true;
    }

    void selectionOnlyOnScreen()
    {
        QFETCH(bool, forExport);
        TimelineFrame frame = frameFor(rowsOf(shapes()), QDate(2022, 1, 1), QDate(2023, 1, 1), QSizeF(1000, 300));
        frame.forExport = forExport;
        frame.selected = { 3 };
        const TimelineLayout layout(frame);
        const QImage image = render(frame, layout);
        const auto rows = frame.rows->rowsOf(3);
        QCOMPARE(rows.size(), 2); // a multi-country incident is in two rows
        for (int r : rows) {
            const QRectF mark = layout.markRect(3, r);
            // The selection ring sits 4 px outside the diamond's left corner.
            const QColor ring = at(image, { mark.left() - 4, mark.center().y() });
            QCOMPARE(near(ring, frame.theme.selection, 40), !forExport);
        }
        if (!forExport) {
            // The link between the two rows passes between them.
            const QRectF a = layout.markRect(3, rows[0]);
            const QRectF b = layout.markRect(3, rows[1]);
            const double midY = (a.bottom() + b.top()) / 2;
            bool found = false;
            for (double y = midY - 3; y <= midY + 3 && !found; y += 1)
                found = near(at(image, { a.center().x(), y }), frame.theme.selection, 70);
            QVERIFY(found);
        }
    }

    void emptyAndSingle_data()
    {
        QTest::addColumn<int>("records");
        QTest::newRow("0 records") << 0;
        QTest::newRow("1 record") << 1;
    }

    void emptyAndSingle()
    {
        QFETCH(int, records);
        TestSupport::IncidentColumnsBuilder b;
        if (records == 1)
            b.add(TimelineTestData::make(QStringLiteral("one"), QStringLiteral("Only one"),
                PartialDate::day(2024, 2, 29), { QStringLiteral("FR") }, IncidentType::Espionage));
        TimelineFrame frame = frameFor(rowsOf(b.take()), QDate(2024, 2, 28), QDate(2024, 3, 2), QSizeF(800, 200));
        const TimelineLayout layout(frame);
        const QImage image = render(frame, layout);
        save(image, QStringLiteral("tst_timelinerenderer-") + QString::number(records));
        QCOMPARE(layout.rowCount(), records);
        QCOMPARE(int(layout.rowPlans().size()), records);
        if (records == 1) {
            const QRectF point = layout.markRect(0, 0);
            // 29 February of a leap year is the third visible day of four.
            QCOMPARE(point.center().x(), layout.dayToX(QDate(2024, 2, 29).toJulianDay() + 0.5));
            QVERIFY(near(at(image, point.center()), frame.theme.typeColor(IncidentType::Espionage)));
            QCOMPARE(layout.planOf(0)->labels.size(), std::size_t(1));
        }
    }

    void extremeDates()
    {
        using TimelineTestData::make;
        TestSupport::IncidentColumnsBuilder b;
        b.add(make(QStringLiteral("a"), QStringLiteral("Year one"), PartialDate::year(1), { QStringLiteral("IT") },
            IncidentType::Other));
        b.add(make(QStringLiteral("z"), QStringLiteral("Year 9999"), PartialDate::day(9999, 12, 31),
            { QStringLiteral("IT") }, IncidentType::Other));
        TimelineFrame frame = frameFor(rowsOf(b.take()), QDate(1, 1, 1), QDate(9999, 12, 31), QSizeF(900, 200));
        const TimelineLayout layout(frame);
        const QImage image = render(frame, layout);
        save(image, QStringLiteral("tst_timelinerenderer-extremes"));
        QVERIFY(!layout.ticks().minor.ticks.empty());
        const QRectF a = layout.markRect(0, 0);
        const QRectF z = layout.markRect(1, 0);
        QVERIFY(a.left() >= layout.plotRect().left() - 1);
        QVERIFY(z.center().x() <= layout.plotRect().right() + 1);
        QVERIFY(std::isfinite(a.width()) && std::isfinite(z.left()));
    }

    // 200k generated incidents (FAULTLINE_TIMELINE_N overrides, e.g. 1000000, the size the speed goals are set for):
    // full range aggregates every row into a density strip whose buckets add up to the
    // incidents in view; a month view draws individual marks again. Prints median frame times.
    void crowding()
    {
        const int n = qEnvironmentVariableIsSet("FAULTLINE_TIMELINE_N")
            ? qEnvironmentVariableIntValue("FAULTLINE_TIMELINE_N")
            : 200000;
        Generator generator(11);
        TestSupport::IncidentColumnsBuilder b;
        for (int i = 0; i < n; ++i)
            b.add(generator.next());
        auto rows = rowsOf(b.take());
        TimelineFrame frame = frameFor(rows, QDate(2000, 1, 1), QDate(2027, 1, 1), QSizeF(1920, 1080));
        qInfo("full range, %d incidents, 1920x1080: median %.2f ms", n, medianFrameMs(frame));
        const TimelineLayout layout(frame);
        const QImage image = render(frame, layout);
        save(image, QStringLiteral("tst_timelinerenderer-crowded"));

        QVERIFY(layout.rowPlans().size() >= 20);
        const TimelineLayout::RowPlan &top = layout.rowPlans().front();
        QVERIFY(top.aggregated);
        QVERIFY(top.points.empty() && top.spans.empty() && top.bars.empty());
        double total = 0;
        for (float v : top.buckets)
            total += v;
        // Every incident of the row lies in the range, so its weight is all there.
        QVERIFY2(std::abs(total - rows->row(top.row).count()) < 0.01 * rows->row(top.row).count(),
            qPrintable(QStringLiteral("%1 vs %2").arg(total).arg(rows->row(top.row).count())));
        // The fullest bucket is drawn in the density colour, not as a smear of type colours.
        const auto peak = std::max_element(top.buckets.begin(), top.buckets.end());
        const double x
            = layout.plotRect().left() + (double(peak - top.buckets.begin()) + 0.5) * TimelineLayout::s_bucketWidth;
        QVERIFY(near(at(image, { x, top.rect.bottom() - 5 }), frame.theme.density, 60));

        frame.firstDay = double(QDate(2010, 6, 1).toJulianDay());
        frame.endDay = double(QDate(2010, 7, 1).toJulianDay());
        qInfo("one month, %d incidents, 1920x1080: median %.2f ms", n, medianFrameMs(frame));
        const TimelineLayout month(frame);
        const QImage monthImage = render(frame, month);
        save(monthImage, QStringLiteral("tst_timelinerenderer-crowded-month"));
        // At 200k every row is sparse enough within a month; at 1M the busiest stay aggregated.
        QVERIFY(month.aggregatedRowCount() < int(month.rowPlans().size()));
        if (n <= 200000)
            QCOMPARE(month.aggregatedRowCount(), 0);
        const auto marks = std::find_if(month.rowPlans().begin(), month.rowPlans().end(),
            [](const TimelineLayout::RowPlan &p) { return !p.aggregated; });
        QVERIFY(!marks->points.empty());
    }

    // On raster devices points and cluster badges are blended from pre-rendered sprites and
    // rectangles are filled without antialiasing; vector devices get shapes and text. Both
    // show the same: a cluster in its type colour, the merged union of many overlapping
    // spans in one neutral tone, the label as text.
    void rasterSpritesAndVectorOutput_data()
    {
        QTest::addColumn<qreal>("dpr");
        QTest::newRow("1") << qreal(1);
        QTest::newRow("1.5") << qreal(1.5);
        QTest::newRow("2") << qreal(2);
    }

    void rasterSpritesAndVectorOutput()
    {
        QFETCH(qreal, dpr);
        using TimelineTestData::make;
        TestSupport::IncidentColumnsBuilder b;
        for (int k = 0; k < 5; ++k)
            b.add(make(QStringLiteral("c%1").arg(k), QStringLiteral("Same day"), PartialDate::day(2022, 2, 14),
                { QStringLiteral("AL") }, IncidentType::Ransomware, Attribution::Official));
        for (int k = 0; k < 5; ++k)
            b.add(make(QStringLiteral("s%1").arg(k), QStringLiteral("Month"), PartialDate::month(2022, 6),
                { QStringLiteral("AL") }, IncidentType(k), Attribution::Vendor));
        b.add(make(QStringLiteral("p"), QStringLiteral("Lonely point"), PartialDate::day(2022, 10, 3),
            { QStringLiteral("AL") }, IncidentType::Espionage, Attribution::Vendor));
        TimelineFrame frame = frameFor(rowsOf(b.take()), QDate(2022, 1, 1), QDate(2023, 1, 1), QSizeF(1000, 200));
        const TimelineLayout layout(frame);
        const QImage image = render(frame, layout, dpr);
        save(image, QStringLiteral("tst_timelinerenderer-sprites-") + QLatin1StringView(QTest::currentDataTag()));
        const Theme &t = frame.theme;
        const TimelineLayout::RowPlan *plan = layout.planOf(0);
        QVERIFY(plan && !plan->aggregated);
        QCOMPARE(plan->clusters.size(), std::size_t(1));
        QVERIFY(plan->spansMerged);
        QCOMPARE(plan->points.size(), std::size_t(1));

        const QRectF badge = plan->clusters.front().rect;
        QVERIFY(near(at(image, { badge.left() + 3, badge.center().y() }), t.typeColor(IncidentType::Ransomware)));
        const QRectF point = plan->points.front().rect;
        QVERIFY(near(at(image, point.center()), t.typeColor(IncidentType::Espionage)));
        QVERIFY(near(at(image, { point.center().x(), point.top() - 3 }), t.background));
        const QRectF span = plan->spans.front().rect;
        const QColor merged = at(image, { span.center().x(), span.top() + 3 });
        QVERIFY(!near(merged, t.background, 2));
        for (int type = 0; type < 5; ++type)
            QVERIFY(!near(merged, t.typeColor(IncidentType(type)), 12));

        frame.flags.clear();
        QBuffer svg;
        svg.open(QIODevice::WriteOnly);
        {
            QSvgGenerator generator;
            generator.setOutputDevice(&svg);
            generator.setSize(frame.size.toSize());
            generator.setViewBox(QRectF(QPointF(0, 0), frame.size));
            const TimelineLayout vectorLayout(frame, &generator);
            QPainter painter(&generator);
            TimelineRenderer::paint(painter, frame, vectorLayout);
        }
        QVERIFY(svg.data().contains("Lonely point"));
        QVERIFY(!svg.data().contains("<image")); // no raster sprites in vector output (and no flags now)
    }

    // A duration that starts before the visible range must not reach into the row names on
    // a device that does not clip (QSvgGenerator in Qt 6.4 writes no clip path).
    void vectorOutputKeepsRowNamesClear()
    {
        using TimelineTestData::make;
        TestSupport::IncidentColumnsBuilder b;
        // Overlapping (three lanes), with dashed (vendor) and solid (government) outlines.
        for (int k = 0; k < 3; ++k)
            b.add(make(QStringLiteral("long%1").arg(k), QStringLiteral("Years-long campaign"),
                PartialDate::day(2015 + k, 3, 1), { QStringLiteral("AL") }, IncidentType::Destructive,
                k % 2 ? Attribution::Vendor : Attribution::Official, PartialDate::day(2023, 6, 1)));
        TimelineFrame frame = frameFor(rowsOf(b.take()), QDate(2022, 1, 1), QDate(2023, 1, 1), QSizeF(1000, 200));
        frame.flags.clear();
        QBuffer svg;
        svg.open(QIODevice::WriteOnly);
        {
            QSvgGenerator generator;
            generator.setOutputDevice(&svg);
            generator.setSize(frame.size.toSize());
            generator.setViewBox(QRectF(QPointF(0, 0), frame.size));
            const TimelineLayout vectorLayout(frame, &generator);
            QPainter painter(&generator);
            TimelineRenderer::paint(painter, frame, vectorLayout);
        }
        QSvgRenderer renderer(svg.data());
        QVERIFY(renderer.isValid());
        QImage image(frame.size.toSize(), QImage::Format_ARGB32_Premultiplied);
        image.fill(Qt::magenta);
        {
            QPainter painter(&image);
            renderer.render(&painter, QRectF(QPointF(0, 0), frame.size));
        }
        save(image, QStringLiteral("tst_timelinerenderer-svg-header"));
        const TimelineLayout layout(frame);
        const TimelineLayout::RowPlan *plan = layout.planOf(0);
        QVERIFY(plan && !plan->bars.empty());
        // The bar is drawn in the plot...
        const QRectF bar = plan->bars.front().rect;
        QVERIFY(near(at(image, { layout.plotRect().left() + 20, bar.center().y() }),
            frame.theme.typeColor(IncidentType::Destructive), 60));
        // ...and nothing of it over the header column, left of the plot, on the bars' lines
        // (between the count and the plot edge, where only the header colour belongs).
        const QColor expected = at(image, { layout.headerRect().right() - 6, layout.rowRect(0).top() + 2 });
        for (const auto &m : plan->bars) {
            for (double x = layout.headerRect().right() - 8; x < layout.plotRect().left() - 1.5; x += 1) {
                const QColor c = at(image, { x, m.rect.center().y() });
                QVERIFY2(near(c, expected, 8), qPrintable(QStringLiteral("%1 at x %2").arg(c.name()).arg(x)));
            }
        }
    }

    // Overlapping durations: two share the row in two lanes, each in its type colour; eight
    // overlapping at once become one hatched neutral band with their count, on raster devices
    // (texture hatching) and vector ones (line hatching, the count as text).
    void overlappingBars_data()
    {
        QTest::addColumn<qreal>("dpr");
        QTest::addColumn<bool>("dark");
        QTest::newRow("1") << qreal(1) << false;
        QTest::newRow("2") << qreal(2) << false;
        QTest::newRow("dark") << qreal(1) << true;
    }

    void overlappingBars()
    {
        QFETCH(qreal, dpr);
        QFETCH(bool, dark);
        using TimelineTestData::make;
        TestSupport::IncidentColumnsBuilder b;
        b.add(make(QStringLiteral("a"), QStringLiteral("Lane A"), PartialDate::day(2022, 2, 1),
            { QStringLiteral("AL") }, IncidentType::Espionage, Attribution::None, PartialDate::day(2022, 3, 31)));
        b.add(make(QStringLiteral("b"), QStringLiteral("Lane B"), PartialDate::day(2022, 3, 1),
            { QStringLiteral("AL") }, IncidentType::Ransomware, Attribution::None, PartialDate::day(2022, 4, 30)));
        for (int k = 0; k < 8; ++k)
            b.add(make(QStringLiteral("m%1").arg(k), QStringLiteral("Merged"), PartialDate::day(2022, 9, 1 + k),
                { QStringLiteral("AL") }, IncidentType(k), Attribution::Official, PartialDate::day(2022, 10, 20 + k)));
        TimelineFrame frame = frameFor(rowsOf(b.take()), QDate(2022, 1, 1), QDate(2023, 1, 1), QSizeF(1000, 200));
        frame.theme = Theme::forDarkMode(dark);
        const TimelineLayout layout(frame);
        const QImage image = render(frame, layout, dpr);
        save(image, QStringLiteral("tst_timelinerenderer-bars-") + QLatin1StringView(QTest::currentDataTag()));
        const Theme &t = frame.theme;
        const TimelineLayout::RowPlan *plan = layout.planOf(0);
        QVERIFY(plan && !plan->aggregated);
        QCOMPARE(plan->barLanes, 3);
        QCOMPARE(plan->mergedBars.size(), std::size_t(1));
        QCOMPARE(plan->mergedBars.front().count, 8);

        // Where A and B overlap (March), both show, one above the other.
        const QRectF a = layout.markRect(0, 0);
        const QRectF b2 = layout.markRect(1, 0);
        QVERIFY(a.bottom() <= b2.top() || b2.bottom() <= a.top());
        const double march = layout.dayToX(QDate(2022, 3, 15).toJulianDay());
        QVERIFY(near(at(image, { march, a.center().y() }), t.typeColor(IncidentType::Espionage)));
        QVERIFY(near(at(image, { march, b2.center().y() }), t.typeColor(IncidentType::Ransomware)));

        // The band: a hatched neutral tone (two tones along a line), unlike any type colour or
        // the background, with the count in a plain box.
        const TimelineLayout::MergedBars &mb = plan->mergedBars.front();
        QVERIFY(!mb.countRect.isEmpty());
        QVERIFY(mb.rect.contains(mb.countRect));
        QList<QRgb> tones;
        for (int k = 0; k < 8; ++k) {
            const QColor c = at(image, { mb.countRect.right() + 2 + k * 0.5, mb.rect.top() + 4 });
            QVERIFY2(!near(c, t.background, 40), qPrintable(c.name()));
            for (int type = 0; type < IncidentTypeCount; ++type)
                QVERIFY2(!near(c, t.typeColor(IncidentType(type)), 12), qPrintable(c.name()));
            if (!tones.contains(c.rgb()))
                tones << c.rgb();
        }
        QVERIFY(tones.size() >= 2);
        QCOMPARE(layout.hitTest(mb.countRect.center()).count, 8);

        QBuffer svg;
        svg.open(QIODevice::WriteOnly);
        {
            QSvgGenerator generator;
            generator.setOutputDevice(&svg);
            generator.setSize(frame.size.toSize());
            generator.setViewBox(QRectF(QPointF(0, 0), frame.size));
            frame.flags.clear();
            const TimelineLayout vectorLayout(frame, &generator);
            QCOMPARE(vectorLayout.planOf(0)->mergedBars.size(), std::size_t(1));
            QPainter painter(&generator);
            TimelineRenderer::paint(painter, frame, vectorLayout);
        }
        QVERIFY(svg.data().contains(">8<"));
        QVERIFY(!svg.data().contains("<image"));
    }

    // No grid line runs through a label: with the text made invisible, every label's rectangle
    // shows only the row's own background, also where a tick line passes under it.
    void gridLinesStopAtLabels_data()
    {
        QTest::addColumn<bool>("dark");
        QTest::addColumn<qreal>("dpr");
        QTest::newRow("light") << false << qreal(1);
        QTest::newRow("dark, dpr 2") << true << qreal(2);
    }

    void gridLinesStopAtLabels()
    {
        QFETCH(bool, dark);
        QFETCH(qreal, dpr);
        TimelineFrame frame
            = frameFor(rowsOf(TimelineTestData::newsroom()), QDate(2022, 1, 1), QDate(2023, 1, 1), QSizeF(1400, 900));
        frame.theme = Theme::forDarkMode(dark);
        frame.theme.text = Qt::transparent;
        frame.theme.mutedText = Qt::transparent;
        frame.showLegend = false;
        const TimelineLayout layout(frame);
        const QImage image = render(frame, layout, dpr);
        save(image, QStringLiteral("tst_timelinerenderer-gridlabels"));
        std::vector<double> ticks;
        for (const auto *tier : { &layout.ticks().minor, &layout.ticks().major }) {
            for (const DateTicks::Tick &tick : tier->ticks)
                ticks.push_back(layout.dayToX(double(tick.day)));
        }
        int crossed = 0;
        for (const TimelineLayout::RowPlan &plan : layout.rowPlans()) {
            for (const TimelineLayout::Label &label : plan.labels) {
                const QRectF inner = label.rect.adjusted(1, 1, -1, -1);
                for (double x : ticks) {
                    if (x <= inner.left() || x >= inner.right())
                        continue;
                    ++crossed;
                    const QColor row = at(image, { x - 2, inner.center().y() });
                    for (double y = inner.top(); y < inner.bottom(); y += 1 / dpr) {
                        const QColor c = at(image, { x, y });
                        QVERIFY2(c == row,
                            qPrintable(QStringLiteral("under \"%1\" at %2,%3: %4 instead of %5")
                                           .arg(label.text)
                                           .arg(x)
                                           .arg(y)
                                           .arg(c.name(), row.name())));
                    }
                }
            }
        }
        QVERIFY(crossed > 10);
    }

    void axisLabelsStayInsideThePlot_data()
    {
        QTest::addColumn<QDate>("from");
        QTest::addColumn<QDate>("to");
        QTest::addColumn<double>("width");
        // Weeks: the first week (from 27 Dec) starts left of the plot, and its "27" used to be
        // drawn over the row headers.
        QTest::newRow("a year in weeks") << QDate(2022, 1, 1) << QDate(2023, 1, 1) << 1600.0;
        QTest::newRow("two months in days") << QDate(2022, 3, 17) << QDate(2022, 5, 9) << 1400.0;
        QTest::newRow("ten years") << QDate(2013, 7, 1) << QDate(2023, 7, 1) << 900.0;
        QTest::newRow("a narrow year") << QDate(2022, 1, 1) << QDate(2023, 1, 1) << 520.0;
    }

    void axisLabelsStayInsideThePlot()
    {
        // Drawn on a device that records what it is given and clips nothing (an SVG viewer
        // may not clip either): every text in the axis band lies within the plot's width.
        QFETCH(QDate, from);
        QFETCH(QDate, to);
        QFETCH(double, width);
        TimelineFrame frame = frameFor(rowsOf(TimelineTestData::newsroom()), from, to, QSizeF(width, 500));
        frame.forExport = true;
        TestSupport::RecordingDevice device(frame.size.toSize());
        const TimelineLayout layout(frame, &device);
        {
            QPainter painter(&device);
            TimelineRenderer::paint(painter, frame, layout);
        }
        const QRectF axis = layout.axisRect();
        int inAxis = 0;
        for (const TestSupport::RecordingDevice::Text &t : device.texts) {
            if (t.rect.center().y() < axis.top() || t.rect.center().y() > axis.bottom())
                continue;
            ++inAxis;
            QVERIFY2(t.rect.left() >= axis.left() - 0.01 && t.rect.right() <= axis.right() + 0.01,
                qPrintable(QStringLiteral("\"%1\" at %2..%3, plot %4..%5")
                               .arg(t.text)
                               .arg(t.rect.left())
                               .arg(t.rect.right())
                               .arg(axis.left())
                               .arg(axis.right())));
        }
        QVERIFY(inAxis >= 2);
    }

    void noTickAtThePlotEdge_data()
    {
        QTest::addColumn<double>("offset");
        // The range starts on a tick's day, exactly or a hair before it (as a zoom to fit or a
        // rounding leaves it): either way that tick is the plot's edge and is not drawn.
        QTest::newRow("on the tick") << 0.0;
        QTest::newRow("a hair inside") << 1e-7;
    }

    void noTickAtThePlotEdge()
    {
        QFETCH(double, offset);
        for (const QDate &from : { QDate(2022, 1, 1), QDate(2022, 3, 1), QDate(2020, 1, 1) }) {
            TimelineFrame frame
                = frameFor(rowsOf(TimelineTestData::newsroom()), from, from.addYears(1), QSizeF(1400, 500));
            frame.firstDay -= offset;
            frame.forExport = true;
            TestSupport::RecordingDevice device(frame.size.toSize());
            const TimelineLayout layout(frame, &device);
            {
                QPainter painter(&device);
                TimelineRenderer::paint(painter, frame, layout);
            }
            const double edge = layout.plotRect().left();
            QVERIFY(std::abs(layout.dayToX(double(from.toJulianDay())) - edge) < 0.01);
            const auto atEdge = [&](double x) { return std::abs(x - edge) < 0.5; };
            int ticks = 0;
            for (const TestSupport::RecordingDevice::Line &line : device.lines) {
                // A tick is vertical and within the axis band (the row headers' edge, which
                // runs on down beside the rows, is no tick).
                const QRectF axis = layout.axisRect();
                const double top = std::min(line.from.y(), line.to.y());
                const double bottom = std::max(line.from.y(), line.to.y());
                if (line.from.x() != line.to.x() || top < axis.top() - 0.01 || bottom > axis.bottom() + 0.01)
                    continue;
                ++ticks;
                QVERIFY2(!atEdge(line.from.x()),
                    qPrintable(QStringLiteral("a tick at x %1, the plot starts at %2").arg(line.from.x()).arg(edge)));
            }
            QVERIFY(ticks > 3); // the other ticks are drawn
            for (const QRectF &r : device.shapes) {
                // Grid lines are one unit wide rectangles over the plot.
                if (std::abs(r.width() - 1) < 0.01 && r.top() >= layout.plotRect().top() - 0.5)
                    QVERIFY2(
                        !atEdge(r.center().x()), qPrintable(QStringLiteral("a grid line at x %1").arg(r.center().x())));
            }
        }
    }

    void newsroomPicture_data()
    {
        QTest::addColumn<bool>("dark");
        QTest::addColumn<int>("fromYear");
        QTest::addColumn<int>("toYear");
        QTest::newRow("light-decade") << false << 2014 << 2025;
        QTest::newRow("light-2022") << false << 2022 << 2023;
        QTest::newRow("dark-2022") << true << 2022 << 2023;
    }

    void newsroomPicture()
    {
        QFETCH(bool, dark);
        QFETCH(int, fromYear);
        QFETCH(int, toYear);
        TimelineFrame frame = frameFor(
            rowsOf(TimelineTestData::newsroom()), QDate(fromYear, 1, 1), QDate(toYear, 1, 1), QSizeF(1400, 620));
        frame.theme = Theme::forDarkMode(dark);
        frame.forExport = true;
        frame.title = QStringLiteral("Cyber incidents by victim country");
        frame.footer = QStringLiteral("Source: Faultline test data (synthetic). Generated for the renderer test.");
        const TimelineLayout layout(frame);
        const QImage image = render(frame, layout, 1.5);
        save(image, QStringLiteral("tst_timelinerenderer-newsroom-") + QLatin1StringView(QTest::currentDataTag()));
        QVERIFY(layout.titleRect().height() > 0);
        QVERIFY(layout.footerRect().bottom() <= frame.size.height());
        QVERIFY(layout.legendRect().bottom() <= layout.footerRect().top() + 0.01);
        QVERIFY(at(image, layout.frameRect().center()) != QColor(Qt::magenta));
    }
};

QTEST_MAIN(TestTimelineRenderer)
#include "tst_timelinerenderer.moc"
