#include "domain/countries.h"
#include "export/figureexporter.h"
#include "export/figurescope.h"
#include "import/importer.h"
#include "query/filterengine.h"
#include "render/timelinelayout.h"
#include "store/database.h"
#include "store/incidentstore.h"
#include "testsupport.h"
#include "timelinetestdata.h"

#include <QBuffer>
#include <QCoreApplication>
#include <QDir>
#include <QGuiApplication>
#include <QImage>
#include <QLocale>
#include <QPainter>
#include <QPdfWriter>
#include <QProcess>
#include <QRegularExpression>
#include <QSet>
#include <QStandardPaths>
#include <QSvgRenderer>
#include <QTemporaryDir>
#include <QTest>
#include <QXmlStreamReader>
#include <numeric>

// Figures: PNG pixels at positions the layout computed, text that scales with the dpi, SVG
// and PDF that keep their text, pages that repeat the axis and carry whole rows, atomic
// writes, and the proposed title and caption. Every figure is also saved next to the test
// binary for a human to look at.
class TestFigureExporter : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;

    static std::shared_ptr<const TimelineRows> rowsOf(IncidentColumns columns, RowOptions options = {})
    {
        return TimelineTestData::rowsOf(std::move(columns), options);
    }

    // One incident per shape, in Albania and Montenegro, far apart in 2022.
    static IncidentColumns shapes() { return TimelineTestData::shapes(); }

    // One incident in each of `n` countries, so there are n rows.
    static IncidentColumns manyCountries(int n)
    {
        TestSupport::IncidentColumnsBuilder b;
        const QStringList codes = Countries::instance().codes();
        for (int i = 0; i < n; ++i) {
            b.add(TimelineTestData::make(QStringLiteral("c%1").arg(i), QStringLiteral("Incident %1").arg(i),
                PartialDate::day(2022, 1 + i % 12, 1 + i % 28), { codes.at(i) }, IncidentType(i % IncidentTypeCount)));
        }
        return b.take();
    }

    static FigureOptions optionsFor(std::shared_ptr<const TimelineRows> rows)
    {
        FigureOptions o;
        o.rows = std::move(rows);
        o.firstDay = double(QDate(2022, 1, 1).toJulianDay());
        o.endDay = double(QDate(2023, 1, 1).toJulianDay());
        o.title = QStringLiteral("Cyber incidents against Albania, 2022");
        o.subtitle = QStringLiteral("By victim country; one mark per incident");
        o.caption = QStringLiteral("Filters: victim Albania or Montenegro; 1 Jan 2022 \u2013 31 Dec 2022; 4 incidents; "
                                   "datasets: test; Faultline, 4 December 2026");
        return o;
    }

    static QColor at(const QImage &image, QPointF logical)
    {
        return image.pixelColor((logical * image.devicePixelRatio()).toPoint());
    }

    static bool near(const QColor &a, const QColor &b, int tolerance = 24)
    {
        return std::abs(a.red() - b.red()) <= tolerance && std::abs(a.green() - b.green()) <= tolerance
            && std::abs(a.blue() - b.blue()) <= tolerance;
    }

    // Device pixel rows inside the logical `rect` holding a pixel far from `background`:
    // the height of the ink of the text there.
    static int inkHeight(const QImage &image, const QRectF &rect, const QColor &background)
    {
        const QRect r = QRectF(rect.topLeft() * image.devicePixelRatio(), rect.size() * image.devicePixelRatio())
                            .toAlignedRect()
                            .intersected(image.rect());
        int top = -1, bottom = -1;
        for (int y = r.top(); y <= r.bottom(); ++y) {
            for (int x = r.left(); x <= r.right(); ++x) {
                if (!near(image.pixelColor(x, y), background, 100)) {
                    top = top < 0 ? y : top;
                    bottom = y;
                    break;
                }
            }
        }
        return top < 0 ? 0 : bottom - top + 1;
    }

    static bool hasInk(const QImage &image, const QRectF &rect, const QColor &background)
    {
        return inkHeight(image, rect, background) > 0;
    }

    static QString outputPath(const QString &name) { return QCoreApplication::applicationDirPath() + u'/' + name; }

    static QString run(const QString &program, const QStringList &arguments)
    {
        const QString exe = QStandardPaths::findExecutable(program);
        if (exe.isEmpty())
            return {};
        QProcess p;
        p.start(exe, arguments);
        if (!p.waitForFinished(120000))
            return {};
        return QString::fromUtf8(p.readAllStandardOutput());
    }

    static QStringList filesIn(const QString &dir)
    {
        return QDir(dir).entryList(QDir::Files | QDir::Hidden | QDir::NoDotAndDotDot, QDir::Name);
    }

    static int pdfPages(const QByteArray &pdf)
    {
        return int(pdf.count("/Type /Page\n") + pdf.count("/Type /Page\r") + pdf.count("/Type /Page/")
            + pdf.count("/Type /Page "));
    }

private slots:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        QLocale::setDefault(QLocale(QLocale::English, QLocale::UnitedKingdom));
    }

    void pngPixelsWhereTheLayoutSays()
    {
        FigureOptions o = optionsFor(rowsOf(shapes()));
        o.pixels = QSize(1200, 500);
        FigureExporter exporter(o);
        const QImage image = exporter.toImage();
        QCOMPARE(image.size(), QSize(1200, 500));
        QCOMPARE(image.devicePixelRatio(), 1.0);
        image.save(outputPath(QStringLiteral("tst_figureexporter-shapes.png")));

        const FigurePage page = exporter.page(exporter.logicalSize(), 0, &image);
        const TimelineLayout layout(page.frame, &image);
        const Theme t = Theme::light();
        QCOMPARE(page.frame.forExport, true);
        QCOMPARE(page.frame.showLegend, true);
        QVERIFY(page.frame.title.isEmpty() && page.frame.footer.isEmpty());
        QVERIFY(page.label.isEmpty()); // both rows fit
        QCOMPARE(page.pageCount, 1);
        QVERIFY(page.frame.flags.contains(QStringLiteral("AL")) || !QFile::exists(o.flagDirectory));

        // The ransomware point at its centre, in its type colour.
        const int row = page.frame.rows->rowOfKey(QStringLiteral("AL"));
        const QPointF point = page.frameOrigin + layout.markRect(0, row).center();
        QVERIFY2(near(at(image, point), t.typeColor(IncidentType::Ransomware)), qPrintable(at(image, point).name()));
        // The page background around, and the empty plot below the rows.
        QVERIFY(near(at(image, QPointF(3, 3)), t.background));
        const QPointF empty = page.frameOrigin + QPointF(layout.plotRect().left() + 5, layout.plotRect().bottom() - 5);
        QVERIFY2(near(at(image, empty), t.background), qPrintable(at(image, empty).name()));
        // Title, subtitle and caption are drawn where they were laid out, in order.
        QCOMPARE(page.titleLines, QStringList { o.title });
        QVERIFY(hasInk(image, page.titleRect, t.background));
        QVERIFY(hasInk(image, page.subtitleRect, t.background));
        QVERIFY(hasInk(image, page.captionRect, t.background));
        QVERIFY(page.titleRect.bottom() <= page.subtitleRect.top());
        QVERIFY(page.subtitleRect.bottom() <= page.frameOrigin.y() + layout.axisRect().top());
        QVERIFY(page.frameOrigin.y() + layout.legendRect().bottom() <= page.captionRect.top());
        QVERIFY(page.captionRect.bottom() <= 500);
        // The caption is muted text, the title is text.
        QVERIFY(inkHeight(image, page.titleRect, t.background) > inkHeight(image, page.captionRect, t.background));

        // The file holds the same picture, with its resolution.
        const QString file = m_dir.filePath(QStringLiteral("shapes.png"));
        const ExportResult result = exporter.write(file);
        QVERIFY2(result.ok, qPrintable(result.error));
        QImage back(file);
        QCOMPARE(back.size(), image.size());
        QCOMPARE(back.dotsPerMeterX(), 3780); // 96 dpi
        QVERIFY(near(back.pixelColor((point).toPoint()), t.typeColor(IncidentType::Ransomware)));
    }

    void printResolutionScalesText()
    {
        RowOptions byType;
        byType.key = RowKey::Type;
        FigureOptions o = optionsFor(rowsOf(shapes(), byType));
        o.pixels = QSize(640, 360);
        FigureExporter screen(o);
        o.millimetres = QSizeF(169.33, 95.25); // 640 x 360 logical units at 96 dpi
        o.dpi = 300;
        FigureExporter print(o);
        QCOMPARE(print.pixelSize(), QSize(2000, 1125));
        QVERIFY(std::abs(print.logicalSize().width() - 640) < 0.5);

        const QImage small = screen.toImage();
        const QImage large = print.toImage();
        QCOMPARE(large.size(), QSize(2000, 1125));
        QCOMPARE(large.devicePixelRatio(), 300.0 / 96.0);
        QCOMPARE(large.dotsPerMeterX(), 11811);
        large.save(outputPath(QStringLiteral("tst_figureexporter-300dpi.png")));

        // The name of the first row, in device pixels: 300/96 times as tall at 300 dpi.
        const Theme t = Theme::light();
        auto nameInk = [&](FigureExporter &exporter, const QImage &image) {
            const FigurePage page = exporter.page(exporter.logicalSize(), 0, &image);
            const TimelineLayout layout(page.frame, &image);
            const QRectF row = layout.rowRect(0);
            const QRectF name(layout.headerRect().left() + 8, row.top(), 80, row.height());
            return inkHeight(image, name.translated(page.frameOrigin), t.headerBackground);
        };
        const int at96 = nameInk(screen, small);
        const int at300 = nameInk(print, large);
        QVERIFY2(at96 >= 7, qPrintable(QString::number(at96)));
        QVERIFY2(
            std::abs(at300 - at96 * 300.0 / 96.0) <= 4, qPrintable(QStringLiteral("%1 vs %2").arg(at300).arg(at96)));
        QVERIFY(at300 >= 24); // a label an editor can print, not 8 pixels
    }

    void transparentAndDark()
    {
        FigureOptions o = optionsFor(rowsOf(shapes()));
        o.pixels = QSize(800, 400);
        o.transparent = true;
        const QImage clear = FigureExporter(o).toImage();
        QCOMPARE(clear.pixelColor(3, 3).alpha(), 0);
        FigureExporter again(o);
        const FigurePage page = again.page(again.logicalSize(), 0, &clear);
        const TimelineLayout layout(page.frame, &clear);
        QCOMPARE(at(clear, page.frameOrigin + layout.headerRect().center()).alpha(), 255); // the row header is drawn

        o.transparent = false;
        o.dark = true;
        const QImage dark = FigureExporter(o).toImage();
        dark.save(outputPath(QStringLiteral("tst_figureexporter-dark.png")));
        QVERIFY(near(dark.pixelColor(3, 3), Theme::darkTheme().background, 2));
        QCOMPARE(dark.pixelColor(3, 3).alpha(), 255);
    }

    void svgKeepsTextAsText()
    {
        FigureOptions o = optionsFor(rowsOf(shapes()));
        o.format = FigureFormat::Svg;
        o.pixels = QSize(1200, 500);
        const QString file = m_dir.filePath(QStringLiteral("shapes.svg"));
        FigureExporter exporter(o);
        const ExportResult result = exporter.write(file);
        QVERIFY2(result.ok, qPrintable(result.error));
        QFile::remove(outputPath(QStringLiteral("tst_figureexporter-shapes.svg")));
        QFile::copy(file, outputPath(QStringLiteral("tst_figureexporter-shapes.svg")));

        QFile f(file);
        QVERIFY(f.open(QIODevice::ReadOnly));
        QXmlStreamReader xml(&f);
        QStringList texts;
        QString title, description, width;
        while (!xml.atEnd()) {
            if (xml.readNext() != QXmlStreamReader::StartElement)
                continue;
            if (xml.name() == u"svg")
                width = xml.attributes().value(QStringLiteral("width")).toString();
            else if (xml.name() == u"title")
                title = xml.readElementText(QXmlStreamReader::IncludeChildElements);
            else if (xml.name() == u"desc")
                description = xml.readElementText(QXmlStreamReader::IncludeChildElements);
            else if (xml.name() == u"text")
                texts << xml.readElementText(QXmlStreamReader::IncludeChildElements).trimmed();
        }
        QVERIFY2(!xml.hasError(), qPrintable(xml.errorString()));
        QCOMPARE(title, o.title);
        QCOMPARE(description, o.caption);
        QVERIFY(!width.isEmpty());
        QVERIFY(texts.contains(o.title));
        QVERIFY(texts.contains(o.subtitle));
        QVERIFY(texts.contains(QStringLiteral("Albania")));
        QVERIFY(texts.contains(QStringLiteral("Montenegro")));
        const FigurePage page = exporter.page(exporter.logicalSize(), 0);
        QVERIFY(!page.captionLines.isEmpty());
        for (const QString &line : page.captionLines)
            QVERIFY2(texts.contains(line), qPrintable(line));
        QVERIFY(QSvgRenderer(file).isValid());
    }

    void pdfPageSizeAndText()
    {
        FigureOptions o = optionsFor(rowsOf(shapes()));
        o.format = FigureFormat::Pdf;
        o.pageSize = QPageSize(QPageSize::A4);
        o.orientation = QPageLayout::Landscape;
        const QString file = m_dir.filePath(QStringLiteral("shapes.pdf"));
        const ExportResult result = FigureExporter(o).write(file);
        QVERIFY2(result.ok, qPrintable(result.error));
        QFile::remove(outputPath(QStringLiteral("tst_figureexporter-shapes.pdf")));
        QFile::copy(file, outputPath(QStringLiteral("tst_figureexporter-shapes.pdf")));
        const QByteArray pdf = TestSupport::fileBytes(file);
        QVERIFY(pdf.startsWith("%PDF-"));
        QCOMPARE(pdfPages(pdf), 1);
        const QRegularExpressionMatch box
            = QRegularExpression(QStringLiteral("/MediaBox \\[\\s*0\\s+0\\s+([\\d.]+)\\s+([\\d.]+)\\s*\\]"))
                  .match(QString::fromLatin1(pdf));
        QVERIFY(box.hasMatch());
        QVERIFY2(
            std::abs(box.captured(1).toDouble() - 841.89) < 1.5, qPrintable(box.captured(0))); // A4 landscape, points
        QVERIFY2(std::abs(box.captured(2).toDouble() - 595.28) < 1.5, qPrintable(box.captured(0)));

        const QString text = run(QStringLiteral("pdftotext"), { QStringLiteral("-layout"), file, QStringLiteral("-") });
        if (text.isEmpty())
            QSKIP("pdftotext (poppler-utils) is not installed");
        QVERIFY2(text.contains(o.title), qPrintable(text));
        QVERIFY(text.contains(o.subtitle));
        QVERIFY(text.contains(QStringLiteral("Albania")));
        QVERIFY(text.contains(QStringLiteral("Montenegro")));
        QVERIFY(text.contains(QStringLiteral("datasets: test")));
    }

    void pagesCarryWholeRowsAndRepeatTheAxis()
    {
        FigureOptions o = optionsFor(rowsOf(manyCountries(70)));
        o.format = FigureFormat::Pdf;
        o.paginate = true;
        FigureExporter exporter(o);
        // A4 landscape less 6 mm margins, in logical units.
        const QSizeF page((297 - 12) / 25.4 * 96, (210 - 12) / 25.4 * 96);
        const int pages = exporter.pageCount(page);
        QVERIFY(pages >= 3);
        const FigurePage first = exporter.page(page, 0);
        const int perPage = first.rowCount;
        QCOMPARE(pages, (70 + perPage - 1) / perPage);
        int shown = 0;
        for (int k = 0; k < pages; ++k) {
            const FigurePage p = exporter.page(page, k);
            QCOMPARE(p.pageCount, pages);
            QCOMPARE(p.firstRow, k * perPage);
            QCOMPARE(p.label, QStringLiteral("page %1 of %2").arg(k + 1).arg(pages));
            QCOMPARE(p.frame.size, first.frame.size); // every page has the same geometry
            QCOMPARE(p.captionLines, first.captionLines);
            QCOMPARE(p.titleLines, first.titleLines);
            const TimelineLayout layout(p.frame);
            // The plot holds exactly the page's rows: none cut at the bottom.
            QCOMPARE(layout.plotRect().height(), perPage * o.rowHeight);
            QCOMPARE(layout.firstVisibleRow(), p.firstRow);
            QCOMPARE(layout.lastVisibleRow(), p.firstRow + p.rowCount - 1);
            QVERIFY(layout.axisRect().height() > 0); // the axis on every page
            QVERIFY(p.labelRect.left() > p.captionRect.right());
            QVERIFY(p.labelRect.right() <= page.width());
            shown += p.rowCount;
        }
        QCOMPARE(shown, 70);
        QVERIFY(exporter.page(page, pages - 1).rowCount <= perPage);

        const QString file = m_dir.filePath(QStringLiteral("pages.pdf"));
        QList<qint64> progress;
        const ExportResult result = exporter.write(file, [&](qint64 done, qint64) {
            progress << done;
            return true;
        });
        QVERIFY2(result.ok, qPrintable(result.error));
        QFile::remove(outputPath(QStringLiteral("tst_figureexporter-pages.pdf")));
        QFile::copy(file, outputPath(QStringLiteral("tst_figureexporter-pages.pdf")));
        QCOMPARE(pdfPages(TestSupport::fileBytes(file)), pages);
        QCOMPARE(progress.last(), qint64(pages));
        const QString text = run(QStringLiteral("pdftotext"), { file, QStringLiteral("-") });
        if (text.isEmpty())
            QSKIP("pdftotext (poppler-utils) is not installed");
        QVERIFY(text.contains(QStringLiteral("page %1 of %1").arg(pages)));
        const QString lastRow = o.rows->row(69).label;
        QVERIFY2(text.contains(lastRow), qPrintable(lastRow));
        QCOMPARE(text.count(o.title), pages); // the title on every page
    }

    void paintPagesOntoAPagedDevice()
    {
        // What printing does, with a PDF writer standing in for the printer.
        FigureOptions o = optionsFor(rowsOf(manyCountries(70)));
        o.paginate = true;
        FigureExporter exporter(o);
        QBuffer buffer;
        buffer.open(QIODevice::WriteOnly);
        QPdfWriter writer(&buffer);
        writer.setResolution(600);
        writer.setPageLayout(QPageLayout(QPageSize(QPageSize::A4), QPageLayout::Portrait, QMarginsF(10, 10, 10, 10)));
        const double scale = 600 / 96.0;
        const int expected = exporter.pageCount(QSizeF(writer.width() / scale, writer.height() / scale), &writer);
        QVERIFY(expected >= 2);
        int reported = 0;
        QVERIFY(exporter
                    .paintPages(writer,
                        [&](qint64 done, qint64 total) {
                            reported = int(done);
                            return total == expected;
                        })
                    .ok);
        QCOMPARE(reported, expected);
        QCOMPARE(pdfPages(buffer.data()), expected);

        QBuffer second;
        second.open(QIODevice::WriteOnly);
        QPdfWriter stopped(&second);
        stopped.setPageLayout(QPageLayout(QPageSize(QPageSize::A4), QPageLayout::Portrait, QMarginsF(10, 10, 10, 10)));
        QVERIFY(exporter.paintPages(stopped, [](qint64, qint64) { return false; }).cancelled);
        QCOMPARE(pdfPages(second.data()), 1); // stopped after the first page
    }

    void cutFiguresSayHowManyRowsTheyShow()
    {
        FigureOptions o = optionsFor(rowsOf(manyCountries(70)));
        o.pixels = QSize(1600, 900);
        FigureExporter exporter(o);
        const FigurePage page = exporter.page(exporter.logicalSize(), 0);
        QCOMPARE(page.pageCount, 1);
        QVERIFY(page.rowCount < 70);
        QCOMPARE(page.label, QStringLiteral("first %1 of 70 rows").arg(page.rowCount));
        const TimelineLayout layout(page.frame);
        QCOMPARE(layout.lastVisibleRow(), page.rowCount - 1);
        QCOMPARE(layout.plotRect().height(), page.rowCount * o.rowHeight);
        const QImage image = exporter.toImage();
        image.save(outputPath(QStringLiteral("tst_figureexporter-cut.png")));
        QVERIFY(hasInk(image, page.labelRect, Theme::light().background));
    }

    void heightFollowsTheRows_data()
    {
        QTest::addColumn<int>("rows");
        QTest::addColumn<int>("format");
        QTest::addColumn<double>("dpi");
        QTest::newRow("3 rows, PNG") << 3 << int(FigureFormat::Png) << 96.0;
        QTest::newRow("3 rows, SVG") << 3 << int(FigureFormat::Svg) << 96.0;
        QTest::newRow("5 rows, PNG at 192 dpi") << 5 << int(FigureFormat::Png) << 192.0;
        QTest::newRow("70 rows: the chosen height") << 70 << int(FigureFormat::Svg) << 96.0;
    }

    void heightFollowsTheRows()
    {
        // A figure whose height nobody chose is as tall as its rows need: every row shows, and
        // one row less of height would cut one. With more rows than fit, the height chosen
        // (the default) stays and the rows are cut as before.
        QFETCH(int, rows);
        QFETCH(int, format);
        QFETCH(double, dpi);
        FigureOptions o = optionsFor(rowsOf(manyCountries(rows)));
        o.format = FigureFormat(format);
        o.dpi = dpi;
        o.pixels = QSize(int(1600 * dpi / 96), int(900 * dpi / 96));
        o.fitHeight = true;
        FigureExporter exporter(o);
        const QSize fitted = exporter.pixelSize();
        QCOMPARE(fitted.width(), o.pixels.width());
        const FigurePage page = exporter.page(exporter.logicalSize(), 0);
        if (rows > 30) {
            QCOMPARE(fitted.height(), o.pixels.height());
            QVERIFY(page.rowCount < rows);
            return;
        }
        QVERIFY2(fitted.height() < o.pixels.height() / 2, qPrintable(QString::number(fitted.height())));
        QCOMPARE(page.rowCount, rows);
        QVERIFY(page.label.isEmpty());
        FigureOptions shorter = o;
        shorter.fitHeight = false;
        shorter.pixels.setHeight(fitted.height() - int(o.rowHeight * dpi / 96));
        FigureExporter cut(shorter);
        QCOMPARE(cut.page(cut.logicalSize(), 0).rowCount, rows - 1);
        // The SVG declares the fitted size; the PDF page is not affected.
        if (o.format == FigureFormat::Svg) {
            const QString file = outputPath(QStringLiteral("tst_figureexporter-fitted.svg"));
            QVERIFY(exporter.write(file).ok);
            QCOMPARE(QSvgRenderer(file).viewBoxF().height(), double(fitted.height()));
        }
        o.format = FigureFormat::Pdf;
        QCOMPARE(FigureExporter(o).pixelSize(), o.pixels);
    }

    void pagesListTheTypesOfTheirRows()
    {
        // 80 rows, the busiest first: rows 0-39 hold ransomware, rows 40-79 espionage.
        TestSupport::IncidentColumnsBuilder b;
        const QStringList codes = Countries::instance().codes();
        for (int r = 0; r < 80; ++r) {
            const IncidentType type = r < 40 ? IncidentType::Ransomware : IncidentType::Espionage;
            for (int k = 0; k < 81 - r; ++k) {
                b.add(TimelineTestData::make(QStringLiteral("r%1-%2").arg(r).arg(k), QStringLiteral("Incident"),
                    PartialDate::day(2022, 1 + k % 12, 1 + r % 28), { codes.at(r) }, type));
            }
        }
        FigureOptions o = optionsFor(rowsOf(b.take()));
        o.paginate = true;
        FigureExporter exporter(o);
        const QSizeF page((297 - 12) / 25.4 * 96, (210 - 12) / 25.4 * 96);
        const int pages = exporter.pageCount(page);
        QVERIFY(pages >= 3);
        const IncidentColumns &columns = o.rows->columns();
        QList<QSet<int>> listedOn;
        for (int k = 0; k < pages; ++k) {
            const FigurePage p = exporter.page(page, k);
            const TimelineLayout layout(p.frame);
            QSet<int> drawn;
            for (int r = p.firstRow; r < p.firstRow + p.rowCount; ++r) {
                for (const IncidentColumns::Index i : o.rows->row(r).incidents)
                    drawn << int(columns.type[i]);
            }
            QSet<int> listed;
            for (const TimelineLayout::LegendItem &item : layout.legend()) {
                if (item.kind == TimelineLayout::LegendKind::Type)
                    listed << item.type;
            }
            QCOMPARE(listed, drawn);
            listedOn << listed;
            // The page's rows and no part of the next page's.
            QCOMPARE(layout.lastVisibleRow(), p.firstRow + p.rowCount - 1);
            if (k < pages - 1)
                QCOMPARE(layout.plotRect().height(), p.rowCount * o.rowHeight);
        }
        QCOMPARE(listedOn.first(), QSet<int> { int(IncidentType::Ransomware) });
        QCOMPARE(listedOn.last(), QSet<int> { int(IncidentType::Espionage) });
    }

    void textWrapsToTheWidth()
    {
        FigureOptions o = optionsFor(rowsOf(shapes()));
        o.pixels = QSize(640, 360);
        FigureExporter exporter(o);
        const FigurePage page = exporter.page(exporter.logicalSize(), 0);
        // The caption breaks between its parts, and nothing is lost.
        QCOMPARE(page.captionLines.size(), 2);
        QVERIFY2(page.captionLines.first().endsWith(u';'), qPrintable(page.captionLines.first()));
        QCOMPARE(page.captionLines.join(u' '), o.caption);
        QCOMPARE(page.titleLines, QStringList { o.title });

        // A title too long for two lines is cut with an ellipsis; every line fits the width.
        o.title = QStringLiteral("Ransomware, data theft and destructive attacks against health, energy and water in "
                                 "Germany, France, Italy, Spain and the Netherlands from Russia, 2019\u20132024");
        FigureExporter narrow(o);
        const FigurePage cut = narrow.page(QSizeF(320, 600), 0);
        QCOMPARE(cut.titleLines.size(), 2);
        QVERIFY(cut.titleLines.last().endsWith(QChar(0x2026)));
        const QFontMetricsF title(Theme::light().titleFont);
        for (const QString &line : cut.titleLines)
            QVERIFY(title.horizontalAdvance(line) <= cut.titleRect.width() + 0.5);
        QVERIFY(cut.captionLines.size() <= 4);
    }

    void failedOrCancelledWritesLeaveNothing()
    {
        QTemporaryDir dir;
        FigureOptions o = optionsFor(rowsOf(shapes()));
        for (FigureFormat format : { FigureFormat::Png, FigureFormat::Svg, FigureFormat::Pdf }) {
            o.format = format;
            FigureExporter exporter(o);
            // Tests run as root: a missing folder, and a folder that is a file, stop the write.
            const QString missing = dir.filePath(QStringLiteral("missing/figure"));
            const ExportResult a = exporter.write(missing);
            QVERIFY(!a.ok && !a.cancelled);
            QVERIFY2(a.error.contains(QDir::toNativeSeparators(missing)), qPrintable(a.error));
            const QString blocker = dir.filePath(QStringLiteral("blocker"));
            QVERIFY(TestSupport::writeFile(blocker, "file"));
            QVERIFY(!exporter.write(blocker + QStringLiteral("/figure")).ok);
            QCOMPARE(TestSupport::fileBytes(blocker), QByteArray("file"));

            // A cancel keeps the old file.
            const QString old = dir.filePath(QStringLiteral("old"));
            QVERIFY(TestSupport::writeFile(old, "old figure"));
            const ExportResult c = exporter.write(old, [](qint64 done, qint64) { return done == 0; });
            if (format == FigureFormat::Pdf) // the PDF reports its pages, and stops after the first
                QVERIFY(c.cancelled);
            else
                QVERIFY(c.ok);
            if (c.cancelled)
                QCOMPARE(TestSupport::fileBytes(old), QByteArray("old figure"));
            QVERIFY(exporter.write(old, [](qint64, qint64) { return false; }).cancelled);
            QCOMPARE(filesIn(dir.path()), (QStringList { QStringLiteral("blocker"), QStringLiteral("old") }));
            QFile::remove(old);
        }
        // A figure too large to allocate is an error, not a crash.
        o.format = FigureFormat::Png;
        o.pixels = QSize(100000, 100000);
        const ExportResult huge = FigureExporter(o).write(dir.filePath(QStringLiteral("huge.png")));
        QVERIFY(!huge.ok);
        QVERIFY(!QFile::exists(dir.filePath(QStringLiteral("huge.png"))));
    }

    void proposedTitles()
    {
        const double from = double(QDate(2022, 1, 1).toJulianDay());
        const double to = double(QDate(2023, 1, 1).toJulianDay());
        QCOMPARE(FigureExporter::proposeTitle(Filter(), from, to), QStringLiteral("Cyber incidents, 2022"));

        Filter f;
        f.types = { IncidentType::Ransomware };
        f.sectors = sectorBit(Sector::Health);
        f.fromDay = QDate(2019, 1, 1).toJulianDay();
        f.toDay = QDate(2024, 12, 31).toJulianDay();
        QCOMPARE(
            FigureExporter::proposeTitle(f, from, to), QStringLiteral("Ransomware against health, 2019\u20132024"));

        Filter g;
        g.types = { IncidentType::Ddos, IncidentType::DataTheft };
        g.countries = { QStringLiteral("DE"), QStringLiteral("FR") };
        g.attackerCountries = { QStringLiteral("RU") };
        g.sectors = sectorBit(Sector::Finance) | sectorBit(Sector::CivilSociety);
        QCOMPARE(FigureExporter::proposeTitle(g, from, to),
            QStringLiteral(
                "DDoS and data theft against finance and civil society in Germany and France from Russia, 2022"));

        Filter h;
        h.countries = { QStringLiteral("DE"), QStringLiteral("FR"), QStringLiteral("IT"), QStringLiteral("ES") };
        h.actors = { QStringLiteral("Sandworm") };
        QCOMPARE(FigureExporter::proposeTitle(h, double(QDate(2014, 1, 1).toJulianDay()), to),
            QStringLiteral("Cyber incidents in 4 countries by Sandworm, 2014\u20132022"));
    }

    void captions()
    {
        FigureExporter::CaptionFacts facts;
        facts.filter.types = { IncidentType::Ransomware, IncidentType::Ddos };
        facts.filter.sectors = sectorBit(Sector::Health);
        facts.filter.countries = { QStringLiteral("DE") };
        facts.filter.search = QStringLiteral("wiper");
        facts.firstDay = double(QDate(2022, 1, 1).toJulianDay());
        facts.endDay = double(QDate(2023, 1, 1).toJulianDay());
        facts.incidents = 1234;
        facts.datasets = { QStringLiteral("faultline"), QStringLiteral("vcdb") };
        facts.made = QDate(2026, 12, 4);
        QCOMPARE(FigureExporter::caption(facts),
            QStringLiteral("Filters: type ransomware or DDoS, sector health, victim Germany, search \u201cwiper\u201d; "
                           "1 Jan 2022 \u2013 31 Dec 2022; 1,234 incidents; datasets: faultline, vcdb; "
                           "Faultline, 4 December 2026"));
        facts.filter = Filter();
        facts.incidents = 1;
        facts.datasets.clear();
        QCOMPARE(FigureExporter::caption(facts),
            QStringLiteral("Filters: none; 1 Jan 2022 \u2013 31 Dec 2022; 1 incident; Faultline, 4 December 2026"));
        facts.filter.fromDay = QDate(2022, 1, 1).toJulianDay(); // dates alone are said by the dates
        QCOMPARE(FigureExporter::caption(facts),
            QStringLiteral("1 Jan 2022 \u2013 31 Dec 2022; 1 incident; Faultline, 4 December 2026"));
    }

    // The bundled dataset's 2022 as an analyst would export it: PNG 1600 x 900, SVG, and
    // PDF on A4, saved next to the binary for a look.
    void bundledDataset2022()
    {
        Database db;
        QVERIFY(db.open(m_dir.filePath(QStringLiteral("bundled.faultline"))));
        QVERIFY(!Importer::importBundled(db).failed);
        auto columns = std::make_shared<const IncidentColumns>(IncidentStore(db).loadColumns());
        Filter filter;
        filter.fromDay = QDate(2022, 1, 1).toJulianDay();
        filter.toDay = QDate(2022, 12, 31).toJulianDay();
        const FilterEngine::Result result = FilterEngine::apply(*columns, filter, nullptr, false);
        QVERIFY(!result.indices.empty());

        FigureOptions o;
        o.rows = TimelineRows::build(columns, result.indices, RowOptions());
        o.firstDay = double(*filter.fromDay);
        o.endDay = double(*filter.toDay + 1);
        o.title = FigureExporter::proposeTitle(filter, o.firstDay, o.endDay);
        o.subtitle = QStringLiteral("By victim country, the most affected first");
        FigureExporter::CaptionFacts facts { filter, o.firstDay, o.endDay, qint64(result.indices.size()),
            { QStringLiteral("faultline") }, QDate(2026, 12, 4), {} };
        o.caption = FigureExporter::caption(facts);
        QCOMPARE(o.title, QStringLiteral("Cyber incidents, 2022"));

        const struct
        {
            FigureFormat format;
            const char *name;
        } outputs[] = { { FigureFormat::Png, "bundled-2022.png" }, { FigureFormat::Svg, "bundled-2022.svg" },
            { FigureFormat::Pdf, "bundled-2022-a4.pdf" }, { FigureFormat::Pdf, "bundled-2022-a4-portrait.pdf" } };
        for (const auto &out : outputs) {
            o.format = out.format;
            o.orientation = QLatin1StringView(out.name).contains(QLatin1StringView("portrait"))
                ? QPageLayout::Portrait
                : QPageLayout::Landscape;
            o.paginate = out.format == FigureFormat::Pdf;
            const QString file = outputPath(QStringLiteral("tst_figureexporter-") + QLatin1StringView(out.name));
            const ExportResult written = FigureExporter(o).write(file);
            QVERIFY2(written.ok, qPrintable(written.error));
            QVERIFY(QFileInfo(file).size() > 1000);
        }

        // Three hand-picked rows, in the rows' own order, named in the caption.
        o.rows = FigureScope::picked(o.rows, { QStringLiteral("UA"), QStringLiteral("AL"), QStringLiteral("US") });
        QCOMPARE(o.rows->rowCount(), 3);
        QStringList labels;
        for (int r = 0; r < o.rows->rowCount(); ++r)
            labels << o.rows->row(r).label;
        o.caption = FigureScope::caption(filter, o.rows.get(), o.firstDay, o.endDay, labels);
        QVERIFY2(o.caption.contains(QStringLiteral("rows: ")), qPrintable(o.caption));
        for (const FigureFormat format : { FigureFormat::Svg, FigureFormat::Pdf }) {
            o.format = format;
            o.paginate = format == FigureFormat::Pdf;
            const QString file
                = outputPath(format == FigureFormat::Svg ? QStringLiteral("tst_figureexporter-picked.svg")
                                                         : QStringLiteral("tst_figureexporter-picked.pdf"));
            const ExportResult written = FigureExporter(o).write(file);
            QVERIFY2(written.ok, qPrintable(written.error));
            if (format == FigureFormat::Svg) {
                const QByteArray svg = TestSupport::fileBytes(file);
                for (const QString &label : labels)
                    QVERIFY2(svg.contains(label.toUtf8()), qPrintable(label));
                QVERIFY(!svg.contains(">Germany<"));
            }
        }
    }
};

QTEST_MAIN(TestFigureExporter)
#include "tst_figureexporter.moc"
