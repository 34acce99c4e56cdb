#include "render/layers/paintcontext.h"
#include "render/timelinerenderer.h"
#include "timelinetestdata.h"

#include <QBuffer>
#include <QCoreApplication>
#include <QImage>
#include <QPainter>
#include <QPicture>
#include <QSvgGenerator>
#include <QSvgRenderer>
#include <QTest>
#include <algorithm>
#include <numeric>

// The same frame painted onto a raster device (a QImage, pixel-snapped, marks from sprites)
// and onto vector devices (QPicture replayed onto an image, QSvgGenerator rendered back by
// QSvgRenderer) must show the same marks and rows at the same places: the renderer has one
// drawing path and the device policy only changes how each primitive reaches the device.
class TestRenderDevices : public QObject
{
    Q_OBJECT

private:
    static constexpr QSize s_size { 1000, 520 };

    static TimelineFrame frameOf(std::shared_ptr<const TimelineRows> rows, QDate from, QDate to)
    {
        TimelineFrame frame;
        frame.rows = std::move(rows);
        frame.firstDay = double(from.toJulianDay());
        frame.endDay = double(to.toJulianDay());
        frame.size = QSizeF(s_size);
        frame.showLegend = true;
        frame.forExport = true;
        frame.title = QStringLiteral("Devices");
        return frame;
    }

    static std::shared_ptr<const TimelineRows> rowsOf(IncidentColumns columns)
    {
        auto shared = std::make_shared<const IncidentColumns>(std::move(columns));
        std::vector<IncidentColumns::Index> all(shared->size());
        std::iota(all.begin(), all.end(), 0u);
        return TimelineRows::build(shared, all, RowOptions());
    }

    static QImage blank()
    {
        QImage image(s_size, QImage::Format_ARGB32_Premultiplied);
        image.fill(Qt::magenta);
        return image;
    }

    static QImage raster(const TimelineFrame &frame, const TimelineLayout &layout)
    {
        QImage image = blank();
        QPainter painter(&image);
        TimelineRenderer::paint(painter, frame, layout);
        return image;
    }

    static QImage viaPicture(const TimelineFrame &frame, const TimelineLayout &layout)
    {
        QPicture picture;
        {
            QPainter painter(&picture);
            TimelineRenderer::paint(painter, frame, layout);
        }
        QImage image = blank();
        QPainter painter(&image);
        painter.drawPicture(0, 0, picture);
        return image;
    }

    static QImage viaSvg(const TimelineFrame &frame, const TimelineLayout &layout)
    {
        QBuffer buffer;
        buffer.open(QIODevice::WriteOnly);
        {
            QSvgGenerator svg;
            svg.setOutputDevice(&buffer);
            svg.setSize(s_size);
            svg.setViewBox(QRectF(QPointF(0, 0), frame.size));
            svg.setResolution(96);
            QPainter painter(&svg);
            TimelineRenderer::paint(painter, frame, layout);
        }
        QSvgRenderer renderer(buffer.data());
        QImage image = blank();
        QPainter painter(&image);
        renderer.render(&painter, QRectF(QPointF(0, 0), frame.size));
        return image;
    }

    static bool near(const QColor &a, const QColor &b, int tolerance)
    {
        return std::abs(a.red() - b.red()) <= tolerance && std::abs(a.green() - b.green()) <= tolerance
            && std::abs(a.blue() - b.blue()) <= tolerance;
    }

    // Whether p is on or next to text (labels, badge counts): glyphs are rasterised differently
    // through each device, shapes are not.
    static bool nearText(const TimelineLayout::RowPlan &plan, QPointF p)
    {
        const auto close = [p](const QRectF &r) { return r.adjusted(-2, -2, 2, 2).contains(p); };
        return std::any_of(plan.clusters.begin(), plan.clusters.end(),
                   [&](const TimelineLayout::Cluster &cl) { return close(cl.rect); })
            || std::any_of(
                plan.labels.begin(), plan.labels.end(), [&](const TimelineLayout::Label &l) { return close(l.rect); });
    }

    // Points inside what each visible row shows where raster and vector must agree: mark and
    // badge interiors and the bottom of density steps, away from edges and text.
    static std::vector<QPointF> probes(const TimelineLayout &layout, int *marks, int *density)
    {
        std::vector<QPointF> points;
        for (const TimelineLayout::RowPlan &plan : layout.rowPlans()) {
            const auto add = [&](QPointF p) {
                if (!nearText(plan, p)) {
                    points.push_back(p);
                    ++*marks;
                }
            };
            for (const TimelineLayout::Mark &m : plan.points)
                add(m.rect.center());
            for (const TimelineLayout::Mark &m : plan.bars) {
                if (m.rect.width() >= 6 && m.rect.height() >= 4 && layout.plotRect().contains(m.rect.center()))
                    add(m.rect.center());
            }
            for (const TimelineLayout::Cluster &cl : plan.clusters)
                points.push_back(QPointF(cl.rect.left() + 3, cl.rect.center().y()));
            *marks += int(plan.clusters.size());
            for (std::size_t b = 0; plan.aggregated && b < plan.buckets.size(); b += 7) {
                if (plan.buckets[b] < 0.5f)
                    continue;
                const double x = layout.plotRect().left() + (double(b) + 0.5) * TimelineLayout::s_bucketWidth;
                points.emplace_back(x, plan.rect.bottom() - 4); // a unit above the strip's base
                ++*density;
            }
        }
        return points;
    }

    // Whether `colour` is in `image` within one pixel of p: sprites on a raster device are
    // aligned to whole device pixels, vector marks are not.
    static bool nearby(const QImage &image, QPoint p, const QColor &colour)
    {
        for (int dy = -1; dy <= 1; ++dy) {
            for (int dx = -1; dx <= 1; ++dx) {
                if (image.rect().contains(p + QPoint(dx, dy)) && near(image.pixelColor(p + QPoint(dx, dy)), colour, 40))
                    return true;
            }
        }
        return false;
    }

    // Where both images agree: every probe's colour within a pixel, and few pixels anywhere far
    // apart (glyphs and the phase of dashed outlines differ between the devices).
    static void compare(const QImage &a, const QImage &b, const std::vector<QPointF> &points, const QString &name)
    {
        int misses = 0;
        for (const QPointF &p : points) {
            const QColor ca = a.pixelColor(p.toPoint());
            if (!nearby(b, p.toPoint(), ca)) {
                ++misses;
                qWarning() << name << "differs at" << p << ca << b.pixelColor(p.toPoint());
            }
        }
        QCOMPARE(misses, 0);
        qint64 far = 0;
        for (int y = 0; y < a.height(); ++y) {
            for (int x = 0; x < a.width(); ++x) {
                if (!near(a.pixelColor(x, y), b.pixelColor(x, y), 96))
                    ++far;
            }
        }
        const double share = double(far) / double(a.width() * a.height());
        QVERIFY2(share < 0.05, qPrintable(QStringLiteral("%1: %2 % of pixels differ").arg(name).arg(share * 100)));
    }

private slots:
    void policyFollowsTheDevice()
    {
        using RenderLayers::DevicePolicy;
        QImage image = blank();
        {
            QPainter painter(&image);
            const DevicePolicy policy = DevicePolicy::forPainter(painter);
            QVERIFY(policy.raster);
            QVERIFY(policy.pixelSnapped);
            QCOMPARE(policy.scale, 1.0);
            painter.rotate(10);
            QVERIFY(!DevicePolicy::forPainter(painter).pixelSnapped);
        }
        image.setDevicePixelRatio(2);
        {
            QPainter painter(&image);
            QCOMPARE(DevicePolicy::forPainter(painter).scale, 2.0);
        }
        QPicture picture;
        QPainter pictureP(&picture);
        QVERIFY(!DevicePolicy::forPainter(pictureP).raster);
        QVERIFY(!DevicePolicy::forPainter(pictureP).pixelSnapped);
        pictureP.end();
        QBuffer buffer;
        buffer.open(QIODevice::WriteOnly);
        QSvgGenerator svg;
        svg.setOutputDevice(&buffer);
        QPainter svgP(&svg);
        QVERIFY(!DevicePolicy::forPainter(svgP).pixelSnapped);
        QCOMPARE(DevicePolicy::forPainter(svgP).scale, 1.0);
    }

    void rasterAndVectorAgree_data()
    {
        QTest::addColumn<int>("incidents");
        QTest::addColumn<QDate>("from");
        QTest::addColumn<QDate>("to");
        QTest::newRow("marks, one year") << 420 << QDate(2022, 1, 1) << QDate(2023, 1, 1);
        QTest::newRow("density and marks, ten years") << 3000 << QDate(2014, 1, 1) << QDate(2025, 1, 1);
        QTest::newRow("clusters and lanes, one quarter") << 3000 << QDate(2022, 2, 1) << QDate(2022, 5, 1);
    }

    void rasterAndVectorAgree()
    {
        QFETCH(int, incidents);
        QFETCH(QDate, from);
        QFETCH(QDate, to);
        const TimelineFrame frame = frameOf(rowsOf(TimelineTestData::newsroom(incidents)), from, to);
        const TimelineLayout layout(frame);
        int marks = 0;
        int density = 0;
        const std::vector<QPointF> points = probes(layout, &marks, &density);
        QVERIFY(marks > 0);
        if (incidents > 1000 && from.year() == 2014)
            QVERIFY(density > 0);

        const QImage reference = raster(frame, layout);
        const QImage picture = viaPicture(frame, layout);
        const QImage svg = viaSvg(frame, layout);
        const QString dir = QCoreApplication::applicationDirPath() + QStringLiteral("/renderdevices-");
        const QString tag = QString::fromLatin1(QTest::currentDataTag()).replace(u' ', u'-').remove(u',');
        reference.save(dir + tag + QStringLiteral("-raster.png"));
        picture.save(dir + tag + QStringLiteral("-picture.png"));
        svg.save(dir + tag + QStringLiteral("-svg.png"));
        compare(reference, picture, points, QStringLiteral("QPicture"));
        compare(reference, svg, points, QStringLiteral("SVG"));
    }

    // A changed mark shows in the comparison: the check can fail.
    void comparisonSeesADifference()
    {
        const TimelineFrame frame
            = frameOf(rowsOf(TimelineTestData::newsroom(420)), QDate(2022, 1, 1), QDate(2023, 1, 1));
        const TimelineLayout layout(frame);
        const QImage reference = raster(frame, layout);
        TimelineFrame dark = frame;
        dark.theme = Theme::darkTheme();
        const TimelineLayout darkLayout(dark);
        const QImage other = viaPicture(dark, darkLayout);
        int differing = 0;
        for (const TimelineLayout::RowPlan &plan : layout.rowPlans()) {
            const QPoint p = plan.rect.topLeft().toPoint() + QPoint(1, 1);
            differing += near(reference.pixelColor(p), other.pixelColor(p), 40) ? 0 : 1;
        }
        QVERIFY(differing > 0);
    }
};

QTEST_MAIN(TestRenderDevices)
#include "tst_renderdevices.moc"
