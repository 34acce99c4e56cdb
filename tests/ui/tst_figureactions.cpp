// The window's figure commands offscreen: Copy Figure puts the view on the clipboard, printing
// paginates as FigureExporter lays the pages out (a QPrinter writing a PDF), Export Data writes
// the records, and the window offers all of them with their shortcuts.
#include "document/documentcontroller.h"
#include "domain/countries.h"
#include "export/figureactions.h"
#include "export/figureexporter.h"
#include "import/importer.h"
#include "incidentcolumnsbuilder.h"
#include "mainwindow.h"
#include "store/database.h"
#include "timelinetestdata.h"
#include "uitestsupport.h"

#include <QAction>
#include <QApplication>
#include <QClipboard>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QMainWindow>
#include <QPrinter>
#include <QProcess>
#include <QRegularExpression>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <QToolBar>
#include <numeric>

// One incident in each of `n` countries (so n rows), spread over 2022.
inline std::shared_ptr<const TimelineRows> manyCountryRows(int n)
{
    TestSupport::IncidentColumnsBuilder b;
    const QStringList codes = Countries::instance().codes();
    for (int i = 0; i < n; ++i) {
        b.add(TimelineTestData::make(QStringLiteral("c%1").arg(i), QStringLiteral("Incident %1").arg(i),
            PartialDate::day(2022, 1 + i % 12, 1 + i % 28), { codes.at(i) }, IncidentType(i % IncidentTypeCount)));
    }
    auto columns = std::make_shared<const IncidentColumns>(b.take());
    std::vector<IncidentColumns::Index> all(columns->size());
    std::iota(all.begin(), all.end(), 0u);
    return TimelineRows::build(columns, all, RowOptions());
}

class TestFigureActions : public QObject
{
    Q_OBJECT
private:
    QTemporaryDir m_dir;
    FigureViewState m_state;

    static int pdfPages(const QByteArray &pdf)
    {
        return int(pdf.count("/Type /Page\n") + pdf.count("/Type /Page\r") + pdf.count("/Type /Page>")
            + pdf.count("/Type /Page/"));
    }

private slots:
    void initTestCase()
    {
        QCoreApplication::setOrganizationName(QStringLiteral("FaultlineTests"));
        QCoreApplication::setApplicationName(QStringLiteral("tst_figureactions"));
        m_state.rows = manyCountryRows(80);
        m_state.firstDay = m_state.rows->firstDay();
        m_state.endDay = m_state.rows->lastDay() + 1.0;
        m_state.viewSize = QSizeF(900, 500);
    }

    void copyFigurePutsTheViewOnTheClipboard()
    {
        QWidget window;
        FigureActions actions(
            &window, nullptr, [this] { return m_state; }, [] { return QList<qint64>(); });
        QGuiApplication::clipboard()->clear();
        const QImage copied = actions.copyFigure();
        QCOMPARE(copied.size(), QSize(900, 500));
        const QImage onClipboard = QGuiApplication::clipboard()->image();
        QCOMPARE(onClipboard.size(), QSize(900, 500));
        QVERIFY(qGray(onClipboard.pixel(2, 2)) > 200); // the light theme's background

        FigureViewState empty = m_state;
        empty.rows.reset();
        FigureActions nothing(
            &window, nullptr, [empty] { return empty; }, [] { return QList<qint64>(); });
        QVERIFY(nothing.copyFigure().isNull());
    }

    void printPaginatesAsTheLayout()
    {
        const FigureOptions options = FigureState::allRows(m_state);
        QVERIFY(options.paginate);
        QPrinter printer(QPrinter::HighResolution);
        printer.setOutputFormat(QPrinter::PdfFormat);
        const QString file = m_dir.filePath(QStringLiteral("printed.pdf"));
        printer.setOutputFileName(file);
        printer.setPageLayout(QPageLayout(
            QPageSize(QPageSize::A4), QPageLayout::Portrait, QMarginsF(10, 10, 10, 10), QPageLayout::Millimeter));
        const double scale = printer.logicalDpiX() / 96.0;
        const QSizeF page(printer.width() / scale, printer.height() / scale);
        const int expected = FigureExporter(options).pageCount(page, &printer);
        const int perPage = FigureExporter(options).page(page, 0, &printer).rowCount;
        QVERIFY2(expected > 1, "the rows do not fit one page");
        QCOMPARE(expected, (m_state.rows->rowCount() + perPage - 1) / perPage);
        QVERIFY(FigureActions::paintPages(printer, options).ok);
        QFile pdf(file);
        QVERIFY(pdf.open(QIODevice::ReadOnly));
        QCOMPARE(pdfPages(pdf.readAll()), expected);

        const QString pdftotext = QStandardPaths::findExecutable(QStringLiteral("pdftotext"));
        if (pdftotext.isEmpty())
            QSKIP("pdftotext is not installed: the page labels are not checked");
        QProcess text;
        text.start(pdftotext, { file, QStringLiteral("-") });
        QVERIFY(text.waitForFinished(30000));
        const QString extracted = QString::fromUtf8(text.readAllStandardOutput());
        const QStringList pages = extracted.split(u'\f', Qt::SkipEmptyParts);
        for (int k = 0; k < expected; ++k) {
            QVERIFY2(pages.value(k).contains(QStringLiteral("page %1 of %2").arg(k + 1).arg(expected)),
                qPrintable(pages.value(k)));
            // The axis is repeated: every page names a year of the range.
            QVERIFY(pages.value(k).contains(QRegularExpression(QStringLiteral("\\b(19|20)\\d\\d\\b"))));
        }
        // The rows continue in order: page 1 starts with the first row, page 2 with the row after page 1's last.
        QVERIFY(pages.value(1).contains(m_state.rows->row(perPage).label));
        QVERIFY(pages.value(0).contains(m_state.rows->row(0).label));
    }

    void exportDataWritesTheRecords()
    {
        const QString path = m_dir.filePath(QStringLiteral("doc.faultline"));
        {
            Database db;
            QVERIFY(db.open(path));
            QVERIFY(!Importer::importFile(db, QFINDTESTDATA("../data/good.json")).failed);
        }
        DocumentController document;
        QVERIFY(document.open(path, false, nullptr));
        const auto columns = document.columns();
        QList<qint64> rowids(columns->rowid.begin(), columns->rowid.end());
        const QString json = m_dir.filePath(QStringLiteral("records.json"));
        QVERIFY(FigureActions::writeRecords(nullptr, &document, rowids, json).ok);
        QFile jsonFile(json);
        QVERIFY(jsonFile.open(QIODevice::ReadOnly));
        QCOMPARE(QJsonDocument::fromJson(jsonFile.readAll()).object().value(u"incidents").toArray().size(), 3);

        const QString csv = m_dir.filePath(QStringLiteral("records.csv"));
        QVERIFY(FigureActions::writeRecords(nullptr, &document, rowids.mid(0, 1), csv).ok);
        QFile csvFile(csv);
        QVERIFY(csvFile.open(QIODevice::ReadOnly));
        const QByteArray csvBytes = csvFile.readAll();
        QVERIFY(csvBytes.startsWith("id,title,"));
        QCOMPARE(csvBytes.count("\r\n"), 2);

        const QString stix = m_dir.filePath(QStringLiteral("records.stix.json"));
        QVERIFY(FigureActions::writeRecords(nullptr, &document, rowids, stix).ok);
        QFile stixFile(stix);
        QVERIFY(stixFile.open(QIODevice::ReadOnly));
        QCOMPARE(
            QJsonDocument::fromJson(stixFile.readAll()).object().value(u"type").toString(), QStringLiteral("bundle"));
    }

    void theWindowOffersThemWithShortcuts()
    {
        MainWindow window;
        FigureActions *figures = window.figureActions();
        QVERIFY(figures);
        QCOMPARE(figures->exportFigureAction()->shortcut(), QKeySequence(Qt::CTRL | Qt::Key_E));
        QCOMPARE(figures->printAction()->shortcut(), QKeySequence(QKeySequence::Print));
        QCOMPARE(figures->copyFigureAction()->shortcut(), QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_C));
        QMenu *file = UiTestSupport::findMenu(window.menuBar(), QStringLiteral("File"));
        QMenu *edit = UiTestSupport::findMenu(window.menuBar(), QStringLiteral("Edit"));
        QVERIFY(file && edit);
        QVERIFY(file->actions().contains(figures->exportFigureAction()));
        QVERIFY(file->actions().contains(figures->exportDataAction()));
        QVERIFY(file->actions().contains(figures->printAction()));
        QVERIFY(edit->actions().contains(figures->copyFigureAction()));
        auto *bar = window.findChild<QToolBar *>(QStringLiteral("mainToolBar"));
        QVERIFY(bar && bar->actions().contains(figures->exportFigureAction()));
    }
};

QTEST_MAIN(TestFigureActions)
#include "tst_figureactions.moc"
