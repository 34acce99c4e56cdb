#include "domain/countries.h"
#include "import/importer.h"
#include "render/timelinerows.h"
#include "store/database.h"
#include "store/incidentstore.h"
#include "story/stagerows.h"
#include "story/storyhandout.h"
#include "story/storystore.h"

#include <QFile>
#include <QFontMetricsF>
#include <QPaintEngine>
#include <QPainter>
#include <QProcess>
#include <QRegularExpression>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

namespace {
// A paint device that keeps every text drawn on it, where it was drawn (in the painter's
// logical units) and how wide it is, and draws nothing.
class TextRecorder : public QPaintDevice
{
public:
    struct Text
    {
        QString text;
        QRectF rect; // the line's box: advance wide, ascent above and descent below the baseline
    };

    explicit TextRecorder(QSizeF size)
        : m_size(size.toSize())
    { }
    QPaintEngine *paintEngine() const override { return &m_engine; }
    QList<Text> texts() const { return m_engine.texts; }

protected:
    int metric(PaintDeviceMetric metric) const override
    {
        switch (metric) {
        case PdmWidth:
            return m_size.width();
        case PdmHeight:
            return m_size.height();
        case PdmDpiX:
        case PdmDpiY:
        case PdmPhysicalDpiX:
        case PdmPhysicalDpiY:
            return 96;
        case PdmDepth:
            return 32;
        case PdmDevicePixelRatio:
            return 1;
        case PdmDevicePixelRatioScaled:
            return int(devicePixelRatioFScale());
        default:
            return QPaintDevice::metric(metric);
        }
    }

private:
    class Engine : public QPaintEngine
    {
    public:
        QList<Text> texts;
        QTransform transform;
        bool begin(QPaintDevice *) override { return true; }
        bool end() override { return true; }
        void updateState(const QPaintEngineState &state) override
        {
            if (state.state() & DirtyTransform)
                transform = state.transform();
        }
        void drawPixmap(const QRectF &, const QPixmap &, const QRectF &) override { }
        void drawImage(const QRectF &, const QImage &, const QRectF &, Qt::ImageConversionFlags) override { }
        void drawPath(const QPainterPath &) override { }
        void drawPolygon(const QPointF *, int, PolygonDrawMode) override { }
        void drawRects(const QRectF *, int) override { }
        void drawLines(const QLineF *, int) override { }
        void drawTextItem(const QPointF &p, const QTextItem &item) override
        {
            const QFontMetricsF metrics(item.font());
            const QRectF local(p.x(), p.y() - metrics.ascent(), metrics.horizontalAdvance(item.text()),
                metrics.ascent() + metrics.descent());
            texts << Text { item.text(), transform.mapRect(local) };
        }
        Type type() const override { return User; }
    };
    QSize m_size;
    mutable Engine m_engine;
};
} // namespace

// The bundled story as a PDF handout: a cover and one page per step, the headings as text.
class TestStoryHandout : public QObject
{
    Q_OBJECT
private:
    QTemporaryDir m_dir;
    Database m_db;
    std::shared_ptr<const IncidentColumns> m_columns;
    Story m_story;

    StoryHandout handout()
    {
        auto lookup = [this](const QString &id) { return IncidentStore(m_db).incident(id); };
        return StoryHandout(m_story, m_columns, lookup);
    }

private slots:
    void initTestCase()
    {
        // To look at the handout (pdftoppm): FAULTLINE_KEEP_TEST_FILES=1 keeps the folder.
        if (qEnvironmentVariableIsSet("FAULTLINE_KEEP_TEST_FILES")) {
            m_dir.setAutoRemove(false);
            qInfo("handout folder: %s", qPrintable(m_dir.path()));
        }
        QVERIFY(m_db.open(m_dir.filePath(QStringLiteral("handout.faultline"))));
        QVERIFY(!Importer::importBundled(m_db).failed);
        m_columns = std::make_shared<const IncidentColumns>(IncidentStore(m_db).loadColumns());
        m_story = StoryStore(m_db).stories().value(0);
        QCOMPARE(m_story.steps.size(), 5);
    }

    void figuresShowTheStep()
    {
        StoryHandout h = handout();
        const StoryHandout::Figure july = h.figureFor(m_story.steps.at(0));
        const qint64 index = m_columns->indexOfId(m_story.steps.at(0).incidentId);
        QVERIFY(
            std::find(july.indices.begin(), july.indices.end(), IncidentColumns::Index(index)) != july.indices.end());
        QVERIFY(july.firstDay <= m_columns->firstDay[index] && july.endDay > m_columns->lastDay[index]);
        const StoryHandout::Figure region = h.figureFor(m_story.steps.at(4));
        QCOMPARE(region.firstDay, m_story.steps.at(4).view.value(QStringLiteral("firstDay")).toDouble());
        QVERIFY(!region.indices.empty());
        // The view step's rows are the ones its view names, as presenting shows them: hidden
        // rows left out (the Viasat attack's countries far from Albania), pinned ones first.
        QStringList regionKeys;
        for (int r = 0; r < region.rows->rowCount(); ++r)
            regionKeys << region.rows->row(r).key;
        const QStringList hidden = m_story.steps.at(4).view.value(QStringLiteral("rowHidden")).toStringList();
        QVERIFY(!hidden.isEmpty());
        for (const QString &key : hidden)
            QVERIFY2(!regionKeys.contains(key), qPrintable(regionKeys.join(u',')));
        QCOMPARE(regionKeys.value(0), QStringLiteral("AL"));
        QVERIFY2(regionKeys.contains(QStringLiteral("IT")) && regionKeys.contains(QStringLiteral("ME")),
            qPrintable(regionKeys.join(u',')));
    }

    // Each step's figure has a row for every country the step is about (an incident step: its
    // victims and attackers, so Iran for the July attack), and its date labels lie whole
    // inside the figure's axis: none is cut at the plot's edges.
    void stepPagesShowTheirCountriesAndWholeLabels()
    {
        StoryHandout h = handout();
        const QSizeF page = StoryHandout::pageSize();
        QVERIFY(page.width() > 600 && page.height() > 900); // A4 inside 15 mm margins
        for (int k = 0; k < m_story.steps.size(); ++k) {
            const StoryStep &step = m_story.steps.at(k);
            const StoryHandout::Figure figure = h.figureFor(step);
            QStringList keys;
            for (int r = 0; r < figure.rows->rowCount(); ++r)
                keys << figure.rows->row(r).key;
            QStringList wanted;
            if (step.isIncident()) {
                const qint64 index = m_columns->indexOfId(step.incidentId);
                QVERIFY(index >= 0);
                wanted = StageRows::stepCountries(*m_columns, IncidentColumns::Index(index));
                QVERIFY(!wanted.isEmpty());
                QCOMPARE(keys, wanted);
            }
            if (k < 3) // July, September and TIMS: Albania attacked by Iran
                QCOMPARE(wanted, QStringList({ QStringLiteral("AL"), QStringLiteral("IR") }));

            TextRecorder recorder(page);
            QPainter painter(&recorder);
            const StoryHandout::StepPage drawn = h.paintStep(painter, page, k);
            painter.end();
            QVERIFY(drawn.axis.isValid() && drawn.plot.isValid());
            QVERIFY(drawn.figure.contains(drawn.axis) && drawn.figure.contains(drawn.plot));
            int axisLabels = 0;
            QStringList drawnTexts;
            for (const TextRecorder::Text &text : recorder.texts()) {
                drawnTexts << text.text;
                QVERIFY2(text.rect.left() >= -0.5 && text.rect.right() <= page.width() + 0.5,
                    qPrintable(text.text + QStringLiteral(" outside the page")));
                if (!drawn.axis.contains(text.rect.center()))
                    continue;
                ++axisLabels;
                QVERIFY2(text.rect.left() >= drawn.axis.left() - 0.01 && text.rect.right() <= drawn.axis.right() + 0.01,
                    qPrintable(QStringLiteral("step %1: \"%2\" at %3-%4, the axis %5-%6")
                                   .arg(k + 1)
                                   .arg(text.text)
                                   .arg(text.rect.left())
                                   .arg(text.rect.right())
                                   .arg(drawn.axis.left())
                                   .arg(drawn.axis.right())));
            }
            QVERIFY2(axisLabels >= 4, qPrintable(drawnTexts.join(u'|')));
            for (const QString &code : wanted)
                QVERIFY2(drawnTexts.contains(Countries::instance().name(code)),
                    qPrintable(code + QStringLiteral(" not drawn: ") + drawnTexts.join(u'|')));
        }
    }

    void pagesAndText()
    {
        StoryHandout h = handout();
        QList<int> pages;
        h.onPage = [&](int done, int total) {
            pages << done;
            QCOMPARE(total, 6);
        };
        const QString path = m_dir.filePath(QStringLiteral("handout.pdf"));
        const ExportResult result = h.write(path);
        QVERIFY2(result.ok, qPrintable(result.error));
        QCOMPARE(pages, QList<int>({ 1, 2, 3, 4, 5, 6 }));
        QFile pdf(path);
        QVERIFY(pdf.open(QIODevice::ReadOnly));
        const QByteArray bytes = pdf.readAll();
        QVERIFY(bytes.startsWith("%PDF"));
        // The page tree's count, as the file says it.
        const QRegularExpression count(
            QStringLiteral("/Type\\s*/Pages.*?/Count\\s+(\\d+)"), QRegularExpression::DotMatchesEverythingOption);
        const auto match = count.match(QString::fromLatin1(bytes));
        QVERIFY(match.hasMatch());
        QCOMPARE(match.captured(1).toInt(), m_story.steps.size() + 1);
        const QString pdftotext = QStandardPaths::findExecutable(QStringLiteral("pdftotext"));
        if (pdftotext.isEmpty())
            QSKIP("pdftotext is not installed; the page count was checked");
        QProcess process;
        process.start(pdftotext, { QStringLiteral("-layout"), path, QStringLiteral("-") });
        QVERIFY(process.waitForFinished(30000));
        // Compatibility normalisation turns ligatures (the "ffl" of "offline") back into letters.
        const QString text
            = QString::fromUtf8(process.readAllStandardOutput()).normalized(QString::NormalizationForm_KC).simplified();
        QVERIFY(text.contains(m_story.name.simplified()));
        for (const StoryStep &step : m_story.steps)
            QVERIFY2(
                text.contains(step.heading.simplified()), qPrintable(step.heading + QStringLiteral(" in: ") + text));
    }

    void failureLeavesNoFile()
    {
        const QString path = m_dir.filePath(QStringLiteral("missing-folder/handout.pdf"));
        const ExportResult result = handout().write(path);
        QVERIFY(!result.ok);
        QVERIFY(result.error.contains(QStringLiteral("handout.pdf")));
        QVERIFY(!QFile::exists(path));
    }
};

QTEST_MAIN(TestStoryHandout)
#include "tst_storyhandout.moc"
