#include "import/importer.h"
#include "store/database.h"
#include "store/incidentstore.h"
#include "story/storyhandout.h"
#include "story/storystore.h"

#include <QFile>
#include <QProcess>
#include <QRegularExpression>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

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
