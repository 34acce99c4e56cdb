// The main window, offscreen: it opens a document, shows its rows, and the detail pane
// follows the selection with every field as plain text; its menus, saved views and warnings.
#include "document/documentcontroller.h"
#include "import/importer.h"
#include "import/importreportdialog.h"
#include "mainwindow.h"
#include "models/incidenttablemodel.h"
#include "panes/detailpane.h"
#include "panes/filterpane.h"
#include "panes/filtersummary.h"
#include "query/filterengine.h"
#include "store/database.h"
#include "testsupport.h"
#include "timeline/timelineview.h"
#include "uitestsupport.h"
#include "widgets/safetextbrowser.h"
#include "window/terminationsignals.h"

#include <QApplication>
#include <QFile>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QMenu>
#include <QMessageBox>
#include <QMimeData>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QScreen>
#include <QSettings>
#include <QSignalSpy>
#include <QSplitter>
#include <QStandardPaths>
#include <QStatusBar>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>
#include <QToolButton>
#include <csignal>

class TestMainWindow : public QObject
{
    Q_OBJECT
private:
    QTemporaryDir m_dir;
    QString m_path;

    static QString countText(MainWindow &window)
    {
        return window.statusBar()->findChildren<QLabel *>().constLast()->text();
    }

private slots:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        m_path = m_dir.filePath(QStringLiteral("window.faultline"));
        Database db;
        QVERIFY(db.open(m_path));
        QVERIFY(!Importer::importFile(db, QFINDTESTDATA("../data/good.json")).failed);
        // Hostile text: markup, a file image, a script link, a bidi override.
        const QString hostileFile = QFINDTESTDATA("../data/hostile.json");
        QVERIFY(!Importer::importFile(db, hostileFile).failed);
    }

    void showsRowsAndFillsDetailPane()
    {
        MainWindow window;
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        QVERIFY(window.openDocument(m_path));
        QCOMPARE(window.table()->model()->rowCount(), 4);
        QVERIFY(countText(window).contains(QStringLiteral("4 of 4 incidents")));
        QVERIFY(!window.detailPane()->incident());

        // Click the first row: the detail pane shows that record.
        const QRect cell
            = window.table()->visualRect(window.table()->model()->index(0, IncidentTableModel::TitleColumn));
        QTest::mouseClick(window.table()->viewport(), Qt::LeftButton, {}, cell.center());
        QVERIFY(window.detailPane()->incident());
        QCOMPARE(window.detailPane()->incident()->id, QStringLiteral("t-estonia"));
        QVERIFY(window.timeline()->accessibleDescription().contains(QStringLiteral("DDoS campaign against Estonian")));
        QVERIFY(window.timeline()->accessibleDescription().contains(QStringLiteral("Estonia")));
        const QString text = window.detailPane()->plainText();
        for (const char *expected : { "DDoS campaign against Estonian government and banks", "27 April 2007",
                 "18 May 2007", "Estonia", "Russia", "Suspected", "Example Wire", "Estonia under siege",
                 "https://example.org/estonia", "Soviet war memorial", "bronze-soldier" })
            QVERIFY2(text.contains(QString::fromUtf8(expected)), expected);

        // Keyboard: Down moves to the next incident, in date order.
        QTest::keyClick(window.table(), Qt::Key_Down);
        QCOMPARE(window.detailPane()->incident()->id, QStringLiteral("t-month"));
        QVERIFY(window.detailPane()->plainText().contains(QStringLiteral("month known, day not")));
        // The pane's own next button.
        emit window.detailPane()->nextRequested();
        QCOMPARE(window.detailPane()->incident()->id, QStringLiteral("t-year"));
    }

    void searchUsesFullText()
    {
        MainWindow window;
        window.show();
        QVERIFY(window.openDocument(m_path));
        QTest::keyClicks(window.searchField(), QStringLiteral("memorial"));
        QTRY_COMPARE(window.visibleCount(), 1);
        QCOMPARE(window.table()->model()->index(0, 0).data(IncidentTableModel::IdRole).toString(),
            QStringLiteral("t-estonia"));
        // The matches are marked in the detail pane.
        QVERIFY(window.selectIncident(QStringLiteral("t-estonia")));
        const QString html = DetailPane::toHtml(*window.detailPane()->incident(), { QStringLiteral("memorial") });
        QVERIFY(html.contains(QStringLiteral("<span style='background-color:#ffe680;color:#000'>memorial</span>")));
        QVERIFY(window.detailPane()->html().contains(QStringLiteral("#ffe680")));
        window.searchField()->clear();
        QTRY_COMPARE(window.visibleCount(), 4);
    }

    void facetsFilterAndCount()
    {
        MainWindow window;
        window.show();
        QVERIFY(window.openDocument(m_path));
        QListWidget *types = window.filterPane()->typeList();
        QListWidgetItem *ddos = nullptr;
        for (int i = 0; i < types->count(); ++i) {
            if (types->item(i)->text().startsWith(Vocabulary::typeLabel(IncidentType::Ddos)))
                ddos = types->item(i);
        }
        QVERIFY(ddos);
        QCOMPARE(ddos->text(), Vocabulary::typeLabel(IncidentType::Ddos) + QStringLiteral("  (1)"));
        ddos->setCheckState(Qt::Checked); // as a click on its box does
        QCOMPARE(window.visibleCount(), 1);
        QCOMPARE(window.filter().types, QList<IncidentType> { IncidentType::Ddos });
        QVERIFY(countText(window).contains(QStringLiteral("1 of 4 incidents")));
        // Country counts now apply the type filter: only Estonia has a DDoS.
        QListWidget *countries = window.filterPane()->countryList();
        for (int i = 0; i < countries->count(); ++i) {
            const QString text = countries->item(i)->text();
            if (text.startsWith(QStringLiteral("Estonia")))
                QCOMPARE(text, QStringLiteral("Estonia  (1)"));
            if (text.startsWith(QStringLiteral("Germany")))
                QCOMPARE(text, QStringLiteral("Germany  (0)"));
        }
        ddos->setCheckState(Qt::Unchecked);
        QCOMPARE(window.visibleCount(), 4);
    }

    void untrustedTextIsPlain()
    {
        MainWindow window;
        window.show();
        QVERIFY(window.openDocument(m_path));
        QVERIFY(window.selectIncident(QStringLiteral("h-1")));
        DetailPane *pane = window.detailPane();
        QVERIFY(pane->plainText().contains(QStringLiteral("<h1>BIG</h1><img src=\"file:///etc/passwd\">")));
        QVERIFY(pane->plainText().contains(QStringLiteral("<a href=\"javascript:alert(1)\">click</a>")));
        QVERIFY(pane->plainText().contains(QStringLiteral("<b>Pub</b>")));
        // Only the http(s) source became a link; nothing was loaded.
        const QString html = DetailPane::toHtml(*pane->incident());
        QCOMPARE(html.count(QStringLiteral("<a href")), 1);
        QVERIFY(html.contains(QStringLiteral("<a href=\"https://example.org/a?b=1\">")));
        QVERIFY(!html.contains(QStringLiteral("<img")));
        QCOMPARE(pane->browser()->resourceRequests(), 0);
        // Marking search matches keeps the text escaped.
        const QString marked
            = DetailPane::toHtml(*pane->incident(), { QStringLiteral("click"), QStringLiteral("href") });
        QCOMPARE(marked.count(QStringLiteral("<a href")), 1);
        QVERIFY(marked.contains(QStringLiteral("&lt;a <span style='background-color:#ffe680;color:#000'>href</span>")));
        // Every label that can show data is plain text.
        for (QLabel *label : pane->findChildren<QLabel *>())
            QCOMPARE(label->textFormat(), Qt::PlainText);
    }

    void onlyHttpLinksOpen_data()
    {
        QTest::addColumn<QString>("url");
        QTest::addColumn<bool>("opens");
        QTest::newRow("https") << "https://example.org/x" << true;
        QTest::newRow("http") << "http://example.org/x" << true;
        QTest::newRow("javascript") << "javascript:alert(1)" << false;
        QTest::newRow("file") << "file:///etc/passwd" << false;
        QTest::newRow("smb") << "smb://host/share" << false;
        QTest::newRow("data") << "data:text/html,hi" << false;
        QTest::newRow("ms-msdt") << "ms-msdt:foo" << false;
        QTest::newRow("relative") << "../../etc/passwd" << false;
        QTest::newRow("no-host") << "https:///path" << false;
    }

    void onlyHttpLinksOpen()
    {
        QFETCH(QString, url);
        QFETCH(bool, opens);
        SafeTextBrowser browser;
        QSignalSpy activated(&browser, &SafeTextBrowser::linkActivated);
        QSignalSpy refused(&browser, &SafeTextBrowser::linkRefused);
        emit browser.anchorClicked(QUrl(url));
        QCOMPARE(activated.count(), opens ? 1 : 0);
        QCOMPARE(refused.count(), opens ? 0 : 1);
        QVERIFY(browser.source().isEmpty());
    }

    void notesAreSavedToTheDocument()
    {
        {
            MainWindow window;
            window.show();
            QVERIFY(window.openDocument(m_path));
            QVERIFY(window.selectIncident(QStringLiteral("t-year")));
            QPlainTextEdit *notes = window.detailPane()->notesEdit();
            notes->setPlainText(QStringLiteral("Ask the election commission"));
            // Moving on saves pending notes.
            QVERIFY(window.selectIncident(QStringLiteral("t-month")));
        }
        MainWindow window;
        QVERIFY(window.openDocument(m_path));
        QVERIFY(window.selectIncident(QStringLiteral("t-year")));
        QCOMPARE(window.detailPane()->incident()->notes, QStringLiteral("Ask the election commission"));
        QCOMPARE(window.detailPane()->notesEdit()->toPlainText(), QStringLiteral("Ask the election commission"));
    }

    void viewsAreSavedAndRestored()
    {
        Filter filter;
        filter.types = { IncidentType::Ddos, IncidentType::DataTheft };
        double first = 0, end = 0;
        {
            MainWindow window;
            window.show();
            QVERIFY(window.openDocument(m_path));
            window.setFilter(filter);
            QCOMPARE(window.visibleCount(), 2);
            window.timeline()->setVisibleRange(QDate(2006, 1, 1).toJulianDay(), QDate(2017, 1, 1).toJulianDay());
            first = window.timeline()->firstDay();
            end = window.timeline()->endDay();
            window.saveNamedView(QStringLiteral("DDoS & leaks / 2006-2016"));
            QVERIFY(window.selectIncident(QStringLiteral("t-year")));
            window.close(); // saves the last view
        }
        {
            // The next start shows what the user left.
            MainWindow window;
            window.show();
            QVERIFY(window.openDocument(m_path));
            QCOMPARE(window.filter(), filter);
            QCOMPARE(window.visibleCount(), 2);
            QCOMPARE(window.timeline()->firstDay(), first);
            QCOMPARE(window.timeline()->endDay(), end);
            QCOMPARE(window.detailPane()->incident()->id, QStringLiteral("t-year"));

            // A named view comes back after the filter changed.
            window.setFilter(Filter());
            QCOMPARE(window.visibleCount(), 4);
            QVERIFY(window.namedViews().contains(QStringLiteral("DDoS & leaks / 2006-2016")));
            QVERIFY(window.openNamedView(QStringLiteral("DDoS & leaks / 2006-2016")));
            QCOMPARE(window.visibleCount(), 2);
            QVERIFY(!window.openNamedView(QStringLiteral("no such view")));
            window.setFilter(Filter());
            window.close();
        }
    }

    void dropsAcceptOnlyLocalFilesAndFolders()
    {
        QMimeData mime;
        mime.setUrls({ QUrl(QStringLiteral("https://example.org/data.csv")), QUrl::fromLocalFile(m_dir.path()),
            QUrl::fromLocalFile(QStringLiteral("/dev/zero")), QUrl::fromLocalFile(QFINDTESTDATA("../data/good.csv")) });
        const QStringList files = MainWindow::droppableFiles(&mime);
        QCOMPARE(files,
            (QStringList { QFileInfo(m_dir.path()).absoluteFilePath(),
                QFileInfo(QFINDTESTDATA("../data/good.csv")).absoluteFilePath() })); // folders are accepted
        QMimeData web;
        web.setUrls({ QUrl(QStringLiteral("http://example.org/x.json")) });
        QVERIFY(MainWindow::droppableFiles(&web).isEmpty());
    }

    void importRunsInTheBackground()
    {
        const QString path = m_dir.filePath(QStringLiteral("import.faultline"));
        MainWindow window;
        window.show();
        QVERIFY(window.openDocument(path));
        QCOMPARE(window.visibleCount(), 0);
        QSignalSpy finished(window.document(), &DocumentController::importFinished);
        window.importFiles({ QFINDTESTDATA("../data/good.csv") });
        QVERIFY(finished.wait(20000));
        QCOMPARE(window.visibleCount(), 2);
    }

    void importReportSelectsARecord()
    {
        const QString path = m_dir.filePath(QStringLiteral("import-report.faultline"));
        MainWindow window;
        window.show();
        QVERIFY(window.openDocument(path));
        QSignalSpy finished(window.document(), &DocumentController::importFinished);
        window.importFiles({ QFINDTESTDATA("../data/bad.csv") });
        QVERIFY(finished.wait(20000));
        // Rejected rows: the report opens beside the window, listing them.
        auto *report = window.findChild<ImportReportDialog *>();
        QVERIFY(report);
        QVERIFY(report->isVisible());
        QVERIFY(!report->isModal());
        QVERIFY(report->diagnosticsView()->model()->rowCount() >= 8);
        QTRY_COMPARE(window.visibleCount(), 2);
        emit report->incidentRequested(QStringLiteral("b-ok"));
        QVERIFY(window.detailPane()->incident());
        QCOMPARE(window.detailPane()->incident()->id, QStringLiteral("b-ok"));
        // A second import's report replaces the first.
        window.importFiles({ QFINDTESTDATA("../data/bad.csv") });
        QVERIFY(finished.wait(20000));
        QTRY_COMPARE(window.findChildren<ImportReportDialog *>().size(), 1);
    }

    void failedImportOpensTheReportWithItsError()
    {
        const QString path = m_dir.filePath(QStringLiteral("failed-import.faultline"));
        const QString truncated = m_dir.filePath(QStringLiteral("truncated.json"));
        QFile file(truncated);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(R"({"incidents": [ {"id": "x", "title": "T")");
        file.close();
        MainWindow window;
        window.show();
        QVERIFY(window.openDocument(path));
        QSignalSpy finished(window.document(), &DocumentController::importFinished);
        window.importFiles({ truncated });
        QVERIFY(finished.wait(20000));
        auto *report = window.findChild<ImportReportDialog *>();
        QVERIFY(report);
        QCOMPARE(report->windowTitle(), QStringLiteral("Nothing Imported"));
        auto *error = report->findChild<QLabel *>(QStringLiteral("importError"));
        QVERIFY(error);
        QVERIFY2(error->text().contains(QStringLiteral("truncated.json")), qPrintable(error->text()));
        QVERIFY(report->showLine(0)); // the JSON error names line 1
        QVERIFY(report->lineView()->toPlainText().contains(QStringLiteral("\"incidents\"")));
    }

    void menusHaveTheirActionsAndShortcuts_data()
    {
        QTest::addColumn<QString>("menu");
        QTest::addColumn<QString>("action");
        QTest::addColumn<QKeySequence>("shortcut");
        auto add = [](const char *menu, const char *action, const QKeySequence &shortcut) {
            QTest::addRow("%s > %s", menu, action) << QString::fromUtf8(menu) << QString::fromUtf8(action) << shortcut;
        };
        add("File", "Open Database…", QKeySequence::Open);
        add("File", "Import Records…", QKeySequence(Qt::CTRL | Qt::Key_I));
        add("File", "Import Folder…", QKeySequence());
        add("File", "Save a Copy As…", QKeySequence::SaveAs);
        add("File", "Quit", QKeySequence::Quit);
        add("Edit", "Find", QKeySequence::Find);
        add("Edit", "Previous Incident", QKeySequence(Qt::ALT | Qt::Key_Left));
        add("Edit", "Next Incident", QKeySequence(Qt::ALT | Qt::Key_Right));
        add("View", "Zoom In", QKeySequence(Qt::Key_Plus));
        add("View", "Zoom Out", QKeySequence(Qt::Key_Minus));
        add("View", "Zoom to Fit", QKeySequence(Qt::Key_F));
        add("View", "Zoom to Selection", QKeySequence(Qt::Key_S));
        add("View", "Zoom Back", QKeySequence());
        add("View", "Zoom Forward", QKeySequence());
        add("View", "Rows", QKeySequence());
        add("View", "Sort Rows By", QKeySequence());
        add("View", "Group Countries", QKeySequence());
        add("View", "Save View As…", QKeySequence(Qt::CTRL | Qt::Key_D));
        add("View", "Saved Views", QKeySequence());
        add("View", "Filters", QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_F));
        add("View", "Incident", QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_I));
        add("View", "Table", QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_T));
        add("View", "Full Screen", QKeySequence(Qt::Key_F11));
        add("View", "Dark Theme", QKeySequence());
        add("View", "Text Size", QKeySequence());
        add("File", "Add Bundled Dataset", QKeySequence());
    }

    void menusHaveTheirActionsAndShortcuts()
    {
        QFETCH(QString, menu);
        QFETCH(QString, action);
        QFETCH(QKeySequence, shortcut);
        MainWindow window;
        QMenu *m = UiTestSupport::findMenu(window.menuBar(), menu);
        QVERIFY(m);
        QAction *a = UiTestSupport::findAction(m, action);
        QVERIFY2(a, qPrintable(action));
        QCOMPARE(a->shortcut(), shortcut);
    }

    void viewMenuAndRowMenuShareTheSortChoice()
    {
        MainWindow window;
        window.show();
        QVERIFY(window.openDocument(m_path));
        QMenu *viewSort = UiTestSupport::findSubmenu(
            UiTestSupport::findMenu(window.menuBar(), QStringLiteral("View")), QStringLiteral("Sort Rows By"));
        QVERIFY(viewSort);
        QMenu rowMenu;
        window.timeline()->fillRowMenu(&rowMenu, 0);
        QMenu *rowSort = UiTestSupport::findSubmenu(&rowMenu, QStringLiteral("Sort Rows By"));
        QVERIFY(rowSort);

        // One action in both menus: checking it in one shows it checked in the other.
        QAction *byName = UiTestSupport::findAction(viewSort, QStringLiteral("Name"));
        QVERIFY(byName);
        QCOMPARE(UiTestSupport::findAction(rowSort, QStringLiteral("Name")), byName);
        byName->trigger();
        QVERIFY(UiTestSupport::findAction(rowSort, QStringLiteral("Name"))->isChecked());
        QCOMPARE(window.timeline()->rowOptions().sort, RowSort::Name);
        UiTestSupport::findAction(rowSort, QStringLiteral("First Incident"))->trigger();
        QVERIFY(UiTestSupport::findAction(viewSort, QStringLiteral("First Incident"))->isChecked());
        QVERIFY(!byName->isChecked());
        QCOMPARE(window.timeline()->rowOptions().sort, RowSort::FirstIncident);
        QCOMPARE(rowSort->actions(), viewSort->actions());
    }

    void namedViewBringsBackFilterAndRange()
    {
        const QString name = QStringLiteral("Data theft, 2010s");
        MainWindow window;
        window.show();
        QVERIFY(window.openDocument(m_path));
        Filter filter;
        filter.types = { IncidentType::DataTheft };
        window.setFilter(filter);
        window.timeline()->setVisibleRange(QDate(2010, 1, 1).toJulianDay(), QDate(2020, 1, 1).toJulianDay());
        const double first = window.timeline()->firstDay();
        const double end = window.timeline()->endDay();
        window.saveNamedView(name);

        window.setFilter(Filter());
        window.timeline()->setVisibleRange(QDate(2000, 1, 1).toJulianDay(), QDate(2001, 1, 1).toJulianDay());
        QCOMPARE(window.visibleCount(), 4);
        // Opened from the Saved Views menu, as a user would.
        QAction *open = UiTestSupport::findAction(window.savedViewsMenu(), name);
        QVERIFY(open);
        open->trigger();
        QCOMPARE(window.filter(), filter);
        QCOMPARE(window.visibleCount(), 1);
        QCOMPARE(window.timeline()->firstDay(), first);
        QCOMPARE(window.timeline()->endDay(), end);

        QMenu *remove = UiTestSupport::findSubmenu(window.savedViewsMenu(), QStringLiteral("Delete View"));
        QVERIFY(remove);
        QAction *removeThis = UiTestSupport::findAction(remove, name);
        QVERIFY(removeThis);
        removeThis->trigger();
        QVERIFY(!window.namedViews().contains(name));
        QVERIFY(!UiTestSupport::findAction(window.savedViewsMenu(), name));
        QVERIFY(!window.openNamedView(name));
        QVERIFY(!window.deleteNamedView(name));
    }

    void firstSizeFitsTheScreen()
    {
        QSettings().remove(QStringLiteral("window"));
        MainWindow window;
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        const QRect available = window.screen()->availableGeometry();
        QVERIFY2(available.contains(window.frameGeometry()),
            qPrintable(QStringLiteral("%1x%2 on %3x%4")
                           .arg(window.frameGeometry().width())
                           .arg(window.frameGeometry().height())
                           .arg(available.width())
                           .arg(available.height())));
    }

    void restoredGeometryIsClampedToTheScreen()
    {
        {
            // A geometry saved on a screen larger than this one.
            MainWindow big;
            big.setGeometry(QRect(300, 200, 3000, 2000));
            QSettings().setValue(QStringLiteral("window/geometry"), big.saveGeometry());
        }
        MainWindow window;
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        const QRect available = window.screen()->availableGeometry();
        QVERIFY2(available.contains(window.frameGeometry()),
            qPrintable(QStringLiteral("%1,%2 %3x%4")
                           .arg(window.frameGeometry().x())
                           .arg(window.frameGeometry().y())
                           .arg(window.frameGeometry().width())
                           .arg(window.frameGeometry().height())));
        QSettings().remove(QStringLiteral("window"));
    }

    void tabGoesRoundThePanesWithoutChangingTheIncident()
    {
        MainWindow window;
        window.show();
        QApplication::setActiveWindow(&window);
        QVERIFY(QTest::qWaitForWindowActive(&window));
        QVERIFY(window.openDocument(m_path));
        QVERIFY(window.selectIncident(QStringLiteral("t-month")));
        window.searchField()->setFocus();
        QTRY_VERIFY2(window.searchField()->hasFocus(),
            qPrintable(
                QStringLiteral("visible %1 %4 in %5, focus %2, active %3")
                    .arg(window.searchField()->isVisible())
                    .arg(QString::fromLatin1(
                        QApplication::focusWidget() ? QApplication::focusWidget()->metaObject()->className() : "none"))
                    .arg(window.isActiveWindow())
                    .arg(window.searchField()->parentWidget()->width())
                    .arg(window.width())));
        const QList<QWidget *> landmarks { window.filterPane()->fromEdit(), window.filterPane()->typeList(),
            window.timeline(), window.table(), window.detailPane()->notesEdit(), window.searchField() };
        qsizetype next = 0;
        for (int i = 0; i < 60 && next < landmarks.size(); ++i) {
            QTest::keyClick(QApplication::focusWidget(), Qt::Key_Tab);
            QWidget *focus = QApplication::focusWidget();
            QVERIFY(focus);
            if (focus == landmarks.at(next))
                ++next;
            QVERIFY2(!landmarks.mid(next).contains(focus) || focus == landmarks.at(next),
                qPrintable(QStringLiteral("%1 out of order").arg(focus->accessibleName())));
            // Tab never moves the current incident.
            QCOMPARE(window.detailPane()->incident()->id, QStringLiteral("t-month"));
        }
        QCOMPARE(next, landmarks.size());
        // Shift+Tab from the search goes back into the detail pane.
        QTest::keyClick(QApplication::focusWidget(), Qt::Key_Backtab);
        QVERIFY(window.detailPane()->isAncestorOf(QApplication::focusWidget()));
        QCOMPARE(window.table()->currentIndex().data(IncidentTableModel::IdRole).toString(), QStringLiteral("t-month"));
    }

    void incidentOutsideTheFilterIsMarked()
    {
        MainWindow window;
        window.show();
        QVERIFY(window.openDocument(m_path));
        QVERIFY(window.selectIncident(QStringLiteral("t-estonia")));
        QVERIFY(window.detailPane()->copyButton()->isEnabled());
        Filter espionage;
        espionage.types = { IncidentType::Espionage };
        window.setFilter(espionage);
        QCOMPARE(window.visibleCount(), 1);
        // Still shown, but never as if it were a result.
        QVERIFY(window.detailPane()->incident());
        QCOMPARE(window.detailPane()->incident()->id, QStringLiteral("t-estonia"));
        QVERIFY(window.detailPane()->isExcludedByFilter());
        QVERIFY(window.detailPane()->excludedNotice()->isVisible());
        QVERIFY(!window.detailPane()->copyButton()->isEnabled());

        // The notice's button clears the filter and the incident is a result again.
        emit window.detailPane()->clearFilterRequested();
        QCOMPARE(window.filter(), Filter());
        QCOMPARE(window.visibleCount(), 4);
        QVERIFY(!window.detailPane()->isExcludedByFilter());
        QCOMPARE(
            window.table()->currentIndex().data(IncidentTableModel::IdRole).toString(), QStringLiteral("t-estonia"));
        QVERIFY(window.detailPane()->copyButton()->isEnabled());
    }

    void collapsedTableComesBack()
    {
        MainWindow window;
        window.show();
        QVERIFY(window.openDocument(m_path));
        auto *splitter = window.table()->parentWidget();
        QVERIFY(splitter);
        QVERIFY(window.isTableShown());
        // Dragged shut, as a user does with the splitter handle.
        static_cast<QSplitter *>(splitter)->setSizes({ 500, 0 });
        emit static_cast<QSplitter *>(splitter)->splitterMoved(500, 1);
        QVERIFY(!window.isTableShown());
        QVERIFY(!window.tableAction()->isChecked());
        window.tableAction()->trigger();
        QVERIFY(window.isTableShown());
        QVERIFY(window.table()->height() > 0 || static_cast<QSplitter *>(splitter)->sizes().value(1) > 0);
        QVERIFY(window.tableAction()->isChecked());
    }

    void textSizeAppliesToPanesAndTable()
    {
        MainWindow window;
        window.setTextScale(1.0);
        const qreal normal = window.table()->font().pointSizeF();
        QMenu *text = UiTestSupport::findSubmenu(
            UiTestSupport::findMenu(window.menuBar(), QStringLiteral("View")), QStringLiteral("Text Size"));
        QVERIFY(text);
        QAction *larger = UiTestSupport::findAction(text, QStringLiteral("Larger"));
        QVERIFY(larger);
        QCOMPARE(larger->shortcut(), QKeySequence(QKeySequence::ZoomIn));
        larger->trigger();
        larger->trigger();
        QVERIFY(window.table()->font().pointSizeF() > normal * 1.15);
        QCOMPARE(window.detailPane()->font().pointSizeF(), window.table()->font().pointSizeF());
        QCOMPARE(window.filterPane()->font().pointSizeF(), window.table()->font().pointSizeF());
        window.setTextScale(1.0);
        QCOMPARE(window.table()->font().pointSizeF(), normal);
    }

    void summaryLineShowsAndClearsEachFilter()
    {
        MainWindow window;
        window.show();
        QVERIFY(window.openDocument(m_path));
        QVERIFY(!window.filterSummary()->isVisible());
        Filter f;
        f.types = { IncidentType::Ddos };
        f.countries = { QStringLiteral("EE") };
        window.setFilter(f);
        QVERIFY(window.filterSummary()->isVisible());
        QCOMPARE(window.filterSummary()->parts().size(), 2);
        window.filterSummary()->clearButton(QStringLiteral("Type:"))->click();
        QCOMPARE(window.filter().types, QList<IncidentType> {});
        QCOMPARE(window.filter().countries, QStringList { QStringLiteral("EE") });
        QCOMPARE(window.filterPane()->filter(), window.filter());
        window.filterSummary()->clearAllButton()->click();
        QCOMPARE(window.filter(), Filter());
        QCOMPARE(window.visibleCount(), 4);
        QVERIFY(!window.filterSummary()->isVisible());
    }

    void absurdSavedRangeIsNotRestored()
    {
        MainWindow window;
        window.show();
        QVERIFY(window.openDocument(m_path));
        ViewState view = window.viewState();
        view.firstDay = double(QDate(1, 1, 1).toJulianDay());
        view.endDay = double(QDate(9999, 12, 31).toJulianDay());
        window.applyViewState(view);
        // The fixture runs from 2007 to 2016 (and a hostile record); nothing near year 1 or 9999.
        QVERIFY(window.timeline()->firstDay() > double(QDate(1900, 1, 1).toJulianDay()));
        QVERIFY(window.timeline()->endDay() < double(QDate(2200, 1, 1).toJulianDay()));
        QCOMPARE(window.viewState().firstDay, window.timeline()->firstDay());
    }

    void filterToThisRowFromTheRowMenu()
    {
        MainWindow window;
        window.show();
        QVERIFY(window.openDocument(m_path));
        auto rowOf = [&window](const QString &key) {
            for (int r = 0; r < window.timeline()->rows()->rowCount(); ++r) {
                if (window.timeline()->rows()->row(r).key == key)
                    return r;
            }
            return -1;
        };
        const int estonia = rowOf(QStringLiteral("EE"));
        QVERIFY(estonia >= 0);
        QMenu menu;
        window.timeline()->fillRowMenu(&menu, estonia);
        QAction *filterTo = UiTestSupport::findAction(&menu, QStringLiteral("Filter to This Row"));
        QVERIFY(filterTo);
        filterTo->trigger();
        QCOMPARE(window.filter().countries, QStringList { QStringLiteral("EE") });
        QCOMPARE(window.visibleCount(), 1);
        QVERIFY(window.filterSummary()->parts().contains(QStringLiteral("Victim: Estonia")));

        // Rows by attacker country: "attributed to Russia" is one action away.
        window.setFilter(Filter());
        RowOptions options = window.timeline()->rowOptions();
        options.key = RowKey::AttackerCountry;
        window.timeline()->setRowOptions(options);
        const int russia = rowOf(QStringLiteral("RU"));
        QVERIFY(russia >= 0);
        QMenu attackerMenu;
        window.timeline()->fillRowMenu(&attackerMenu, russia);
        UiTestSupport::findAction(&attackerMenu, QStringLiteral("Filter to This Row"))->trigger();
        QCOMPARE(window.filter().attackerCountries, QStringList { QStringLiteral("RU") });
        QCOMPARE(window.visibleCount(), 1);
        window.setFilter(Filter());
        window.timeline()->setRowOptions(RowOptions());
    }

    void russiaAgainstEuropeIn2022InThreeClicks()
    {
        // "Incidents attributed to Russia against European countries in 2022", in the bundled
        // dataset, with three clicks on the filter pane's labels and nothing typed.
        const QString path = m_dir.filePath(QStringLiteral("bundled.faultline"));
        {
            Database db;
            QVERIFY(db.open(path));
            QVERIFY(!Importer::importBundled(db).failed);
        }
        MainWindow window;
        window.resize(1366, 768);
        window.show();
        QVERIFY(window.openDocument(path));
        FilterPane *pane = window.filterPane();
        int clicks = 0;
        auto click = [&clicks](QListWidget *list, const QVariant &key) {
            QListWidgetItem *item = FilterPane::itemFor(list, key);
            if (!item)
                return false;
            list->scrollToItem(item);
            QTest::mouseClick(list->viewport(), Qt::LeftButton, {}, list->visualItemRect(item).center());
            ++clicks;
            return true;
        };
        QVERIFY(click(pane->attackerList(), QStringLiteral("RU")));
        QVERIFY(click(pane->regionList(), QStringLiteral("Europe")));
        QVERIFY(click(pane->yearList(), 2022));
        QCOMPARE(clicks, 3);

        Filter expected;
        expected.attackerCountries = { QStringLiteral("RU") };
        expected.regions = { QStringLiteral("Europe") };
        expected.fromDay = QDate(2022, 1, 1).toJulianDay();
        expected.toDay = QDate(2022, 12, 31).toJulianDay();
        QCOMPARE(window.filter(), expected);
        const auto columns = window.tableModel()->columns();
        const FilterEngine::Result result = FilterEngine::apply(*columns, expected, nullptr);
        QVERIFY(result.indices.size() >= 5);
        QCOMPARE(window.visibleCount(), int(result.indices.size()));
        QCOMPARE(window.tableModel()->rowCount(), int(result.indices.size()));
        // Every row shown is one: attributed to Russia, a European victim, touching 2022.
        for (int row = 0; row < window.tableModel()->rowCount(); ++row) {
            const QModelIndex index = window.tableModel()->index(row, IncidentTableModel::AttributedToColumn);
            QVERIFY(index.data().toString().contains(QStringLiteral("Russia")));
            const auto i = index.data(IncidentTableModel::IndexRole).toUInt();
            QVERIFY(columns->lastDay[i] >= *expected.fromDay && columns->firstDay[i] <= *expected.toDay);
        }
        QVERIFY(window.filterSummary()->parts().contains(QStringLiteral("Victim region: Europe")));
        QVERIFY(window.filterSummary()->parts().contains(QStringLiteral("Attributed to: Russia")));
    }

    void clickingARowHeaderFiltersToIt()
    {
        MainWindow window;
        window.resize(1200, 800);
        window.show();
        QVERIFY(window.openDocument(m_path));
        TimelineView *timeline = window.timeline();
        auto clickHeader = [timeline](const QString &key) {
            const auto rows = timeline->rows();
            for (int r = 0; rows && r < rows->rowCount(); ++r) {
                if (rows->row(r).key != key)
                    continue;
                const TimelineLayout &layout = timeline->timelineLayout();
                const QPoint at(
                    int(layout.headerRect().center().x()), int(layout.rowToY(r) + timeline->frame().rowHeight / 2));
                QTest::mouseClick(timeline, Qt::LeftButton, {}, at);
                return true;
            }
            return false;
        };
        // Victim regions: the row of a region filters to the region.
        RowOptions options;
        options.collapse = RegionLevel::Region;
        timeline->setRowOptions(options);
        QVERIFY(clickHeader(QStringLiteral("Europe")));
        QCOMPARE(window.filter().regions, QStringList { QStringLiteral("Europe") });
        QCOMPARE(window.visibleCount(),
            int(FilterEngine::apply(*window.tableModel()->columns(), window.filter(), nullptr).indices.size()));
        // Attacker regions: the attacker countries of the document in that region.
        window.setFilter(Filter());
        options.key = RowKey::AttackerCountry;
        timeline->setRowOptions(options);
        QVERIFY(clickHeader(QStringLiteral("Europe")));
        QCOMPARE(window.filter().attackerCountries, QStringList { QStringLiteral("RU") });
        // Types, sectors and actors, each a click on its header.
        window.setFilter(Filter());
        options = RowOptions();
        options.key = RowKey::Type;
        timeline->setRowOptions(options);
        QVERIFY(clickHeader(QStringLiteral("ddos")));
        QCOMPARE(window.filter().types, QList<IncidentType> { IncidentType::Ddos });
        QCOMPARE(window.visibleCount(), 1);
        window.setFilter(Filter());
        options.key = RowKey::Sector;
        timeline->setRowOptions(options);
        QVERIFY(clickHeader(QStringLiteral("finance")));
        QCOMPARE(window.filter().sectors, sectorBit(Sector::Finance));
        window.setFilter(Filter());
        timeline->setRowOptions(RowOptions());
        QVERIFY(clickHeader(QStringLiteral("EE")));
        QCOMPARE(window.filter().countries, QStringList { QStringLiteral("EE") });
        window.setFilter(Filter());
    }

    void bothMenusClearHiddenAndPinnedRowsAlike()
    {
        MainWindow window;
        window.show();
        QVERIFY(window.openDocument(m_path));
        TimelineView *timeline = window.timeline();
        QMenu *viewRows = UiTestSupport::findSubmenu(
            UiTestSupport::findMenu(window.menuBar(), QStringLiteral("View")), QStringLiteral("Rows"));
        QVERIFY(viewRows);
        QMenu rowMenu;
        timeline->fillRowMenu(&rowMenu, 0);
        QMenu *contextRows = UiTestSupport::findSubmenu(&rowMenu, QStringLiteral("Rows"));
        QVERIFY(contextRows);
        QCOMPARE(contextRows->actions(), viewRows->actions());

        for (QMenu *menu : { viewRows, contextRows }) {
            RowOptions options;
            options.hidden = { timeline->rows()->row(1).key };
            options.pinned = { timeline->rows()->row(0).key };
            timeline->setRowOptions(options);
            QAction *actors = UiTestSupport::findAction(menu, QStringLiteral("Actors"));
            QVERIFY(actors);
            actors->trigger();
            // The same state whichever menu was used: checked in both, rows shown again.
            QVERIFY(UiTestSupport::findAction(viewRows, QStringLiteral("Actors"))->isChecked());
            QVERIFY(UiTestSupport::findAction(contextRows, QStringLiteral("Actors"))->isChecked());
            QVERIFY(!UiTestSupport::findAction(viewRows, QStringLiteral("Victim Countries"))->isChecked());
            QCOMPARE(timeline->rowOptions().key, RowKey::Actor);
            QVERIFY(timeline->rowOptions().hidden.isEmpty());
            QVERIFY(timeline->rowOptions().pinned.isEmpty());
            timeline->setRowOptions(RowOptions());
            QVERIFY(UiTestSupport::findAction(contextRows, QStringLiteral("Victim Countries"))->isChecked());
        }
    }

    void damagedDocumentShowsAWarning()
    {
        const QString path = m_dir.filePath(QStringLiteral("damaged.faultline"));
        QVERIFY(UiTestSupport::writeDamagedDocument(path));
        MainWindow window;
        window.show();
        QSignalSpy checked(window.document(), &DocumentController::documentChecked);
        QVERIFY(window.openDocument(path));
        QVERIFY(checked.wait(20000));
        QCOMPARE(checked.first().first().toBool(), false);
        QMessageBox *warning = nullptr;
        for (QMessageBox *box : window.findChildren<QMessageBox *>()) {
            if (box->windowTitle() == QStringLiteral("The document is damaged"))
                warning = box;
        }
        QVERIFY(warning);
        QVERIFY(warning->isVisible());
        QVERIFY2(warning->text().contains(QStringLiteral("damaged.faultline")), qPrintable(warning->text()));
        QVERIFY(warning->text().contains(QStringLiteral("Save what you need to a new document")));
    }

    // Issue 17: a termination signal (a logout, `kill`, Ctrl+C in the terminal) during an
    // import: the import is rolled back, the typed note is kept, the window closes and the
    // exit code says which signal it was. The signal is a real one, raised in this process.
    void terminationSignalRollsBackTheImportAndKeepsTheNotes()
    {
        const QString path = m_dir.filePath(QStringLiteral("signalled.faultline"));
        QVERIFY(QFile::copy(m_path, path));
        const QString big = m_dir.filePath(QStringLiteral("signal-big.csv"));
        QByteArray csv = "title,start,victims,type,summary\n";
        for (int i = 0; i < 50000; ++i)
            csv += QStringLiteral("Record %1,2021,FR,ddos,%2\n").arg(i).arg(QString(100, u'x')).toUtf8();
        QVERIFY(TestSupport::writeFile(big, csv));

        qint64 before = 0;
        {
            MainWindow window;
            window.show();
            QVERIFY(window.openDocument(path));
            before = qint64(window.document()->columns()->size());
            TerminationSignals watcher;
            QVERIFY(watcher.isActive());
            connect(&watcher, &TerminationSignals::received, &window, &MainWindow::closeForSignal);
            QSignalSpy closed(&window, &MainWindow::closedBySignal);
            QVERIFY(window.selectIncident(QStringLiteral("t-year")));
            window.detailPane()->notesEdit()->setPlainText(QStringLiteral("Typed before the logout"));

            window.importFiles({ big });
            QVERIFY(window.document()->isImporting());
            QVERIFY(std::raise(SIGTERM) == 0);
            QTRY_COMPARE_WITH_TIMEOUT(closed.count(), 1, 120000);
            QCOMPARE(closed.first().first().toInt(), 128 + SIGTERM);
            QVERIFY(!window.document()->isImporting());
            QVERIFY(!window.isVisible());
            // No import report was left open for nobody to read.
            for (QWidget *w : QApplication::topLevelWidgets())
                QVERIFY2(!w->isVisible(), w->metaObject()->className());
        }
        MainWindow window;
        QVERIFY(window.openDocument(path));
        QCOMPARE(qint64(window.document()->columns()->size()), before);
        QVERIFY(window.selectIncident(QStringLiteral("t-year")));
        QCOMPARE(window.detailPane()->incident()->notes, QStringLiteral("Typed before the logout"));
    }
};

QTEST_MAIN(TestMainWindow)
#include "tst_mainwindow.moc"
