#include "document/documentcontroller.h"
#include "domain/countries.h"
#include "editor/articledialog.h"
#include "editor/recordactions.h"
#include "editor/recordeditor.h"
#include "import/importer.h"
#include "mainwindow.h"
#include "models/incidenttablemodel.h"
#include "panes/detailpane.h"
#include "panes/filterpane.h"
#include "store/database.h"
#include "store/incidentstore.h"
#include "testsupport.h"
#include "uitestsupport.h"

#include <QApplication>
#include <QComboBox>
#include <QDragEnterEvent>
#include <QDropEvent>
#include <QFileInfo>
#include <QLabel>
#include <QLineEdit>
#include <QMimeData>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTableView>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QTest>
#include <QUndoStack>
#include <QUrl>

namespace {
QByteArray oneImported(const QString &title)
{
    // (No raw string here: moc 6.4 loses the class after one that spans lines.)
    return QStringLiteral("{\"faultline\": 1, \"incidents\": [{\"id\": \"imp-1\", \"title\": \"%1\","
                          " \"start\": \"2019-03-19\", \"victims\": [\"NO\"], \"type\": \"ransomware\","
                          " \"sectors\": [\"manufacturing\"], \"sources\": [{\"publisher\": \"NRK\","
                          " \"title\": \"Hydro attacked\", \"url\": \"https://example.org/h\"}]}]}")
        .arg(title)
        .toUtf8();
}

QLineEdit *edit(RecordEditor *editor, const char *field)
{
    return qobject_cast<QLineEdit *>(editor->fieldWidget(QString::fromLatin1(field)));
}

// Types `text` into a line edit as a user would, key by key after clearing it.
void type(QLineEdit *line, const QString &text)
{
    line->setFocus();
    line->selectAll();
    QTest::keyClick(line, Qt::Key_Backspace);
    QTest::keyClicks(line, text);
}
} // namespace

class TestRecordEditor : public QObject
{
    Q_OBJECT
    QTemporaryDir m_dir;
    QString m_path;
    QString m_file;

private slots:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        m_path = m_dir.filePath(QStringLiteral("editor.faultline"));
        m_file = m_dir.filePath(QStringLiteral("one.json"));
        QVERIFY(TestSupport::writeFile(m_file, oneImported(QStringLiteral("Norsk Hydro ransomware"))));
        Database db;
        QVERIFY(db.open(m_path));
        QVERIFY(!Importer::importFile(db, m_file).failed);
    }

    void invalidDateDisablesSaveWithTheImportersMessage()
    {
        RecordForm form;
        form.type = QStringLiteral("other");
        RecordEditor editor(form, nullptr);
        editor.show();
        QVERIFY(!editor.saveButton()->isEnabled()); // empty: title, start and victims missing
        type(edit(&editor, "title"), QStringLiteral("Albania closes government systems"));
        type(edit(&editor, "victims"), QStringLiteral("Albanian"));
        type(edit(&editor, "start"), QStringLiteral("2022-07-17"));
        QVERIFY2(editor.saveButton()->isEnabled(), qPrintable(editor.errorText(QStringLiteral("start"))));
        QCOMPARE(
            editor.findChild<QLabel *>(QStringLiteral("startPrecision"))->text(), QStringLiteral("day: 17 July 2022"));
        QVERIFY(editor.findChild<QLabel *>(QStringLiteral("country-AL")));

        type(edit(&editor, "start"), QStringLiteral("2022-13"));
        QVERIFY(!editor.saveButton()->isEnabled());
        // The message beside the field is the one an import of the same value gives.
        Database db;
        QVERIFY(db.open(m_dir.filePath(QStringLiteral("messages.faultline"))));
        const Importer::Result result = Importer::importBytes(db,
            R"({"faultline": 1, "incidents": [{"title": "x", "start": "2022-13", "victims": ["AL"], "type": "other"}]})",
            QStringLiteral("x.json"));
        QCOMPARE(result.diagnostics.size(), 1);
        auto *message = editor.findChild<QLabel *>(QStringLiteral("startError"));
        QVERIFY(message->isVisible());
        QCOMPARE(message->text(), result.diagnostics.first().reason);

        type(edit(&editor, "start"), QStringLiteral("2022-07"));
        QVERIFY(editor.saveButton()->isEnabled());
        QVERIFY(!message->isVisible());
        QCOMPARE(
            editor.findChild<QLabel *>(QStringLiteral("startPrecision"))->text(), QStringLiteral("month: July 2022"));
        type(edit(&editor, "victims"), QStringLiteral("Albania, Atlantis"));
        QVERIFY(!editor.saveButton()->isEnabled());
        QVERIFY(editor.errorText(QStringLiteral("victims")).contains(QStringLiteral("Atlantis")));
    }

    void createEditUndoRedoDelete()
    {
        MainWindow window;
        window.resize(1366, 768);
        window.show();
        QVERIFY(window.openDocument(m_path));
        QCOMPARE(window.visibleCount(), 1);
        RecordActions *records = window.recordActions();

        // New Incident: typed, saved, on the timeline and in the table at once.
        RecordEditor *editor = records->newIncident();
        QVERIFY(editor);
        type(edit(editor, "title"), QStringLiteral("Albania closes government systems"));
        type(edit(editor, "start"), QStringLiteral("2022-07-17"));
        type(edit(editor, "victims"), QStringLiteral("Albania"));
        auto *typeBox = qobject_cast<QComboBox *>(editor->fieldWidget(QStringLiteral("type")));
        typeBox->setCurrentIndex(typeBox->findData(QStringLiteral("destructive")));
        type(edit(editor, "actor"), QStringLiteral("HomeLand Justice"));
        QVERIFY(editor->saveButton()->isEnabled());
        QTest::mouseClick(editor->saveButton(), Qt::LeftButton);
        QCOMPARE(window.visibleCount(), 2);
        const QString id = window.detailPane()->incident()->id;
        QVERIFY(id.startsWith(u"user-"));
        QCOMPARE(window.detailPane()->incident()->title, QStringLiteral("Albania closes government systems"));
        QVERIFY(window.detailPane()->editedNotice()->isVisible()); // "Your own record"
        const auto columns = window.document()->columns();
        QVERIFY(columns->datasets.contains(QStringLiteral("My records")));
        QVERIFY(columns->actors.contains(QStringLiteral("HomeLand Justice")));
        // The search index follows.
        window.searchField()->setText(QStringLiteral("government"));
        QTRY_COMPARE(window.visibleCount(), 1);
        window.searchField()->clear();
        QTRY_COMPARE(window.visibleCount(), 2);

        // Undo removes it; redo brings it back with the same id.
        records->undoAction()->trigger();
        QCOMPARE(window.visibleCount(), 1);
        QCOMPARE(window.document()->columns()->indexOfId(id), -1);
        records->redoAction()->trigger();
        QCOMPARE(window.visibleCount(), 2);
        QVERIFY(window.document()->columns()->indexOfId(id) >= 0);

        // Edit the imported record: a local override, marked in the detail pane.
        QVERIFY(window.selectIncident(QStringLiteral("imp-1")));
        editor = records->editIncident(QStringLiteral("imp-1"));
        QVERIFY(editor);
        QCOMPARE(edit(editor, "title")->text(), QStringLiteral("Norsk Hydro ransomware"));
        QCOMPARE(edit(editor, "victims")->text(), QStringLiteral("Norway"));
        type(edit(editor, "title"), QStringLiteral("Norsk Hydro hit by LockerGoga"));
        QTest::mouseClick(editor->saveButton(), Qt::LeftButton);
        QCOMPARE(window.detailPane()->incident()->title, QStringLiteral("Norsk Hydro hit by LockerGoga"));
        QVERIFY(window.detailPane()->editedNotice()->isVisible());
        QVERIFY(window.detailPane()->plainText().contains(QStringLiteral("LockerGoga")));
        const qint64 row = window.document()->columns()->indexOfId(QStringLiteral("imp-1"));
        QCOMPARE(window.document()->columns()->title(IncidentColumns::Index(row)),
            QStringLiteral("Norsk Hydro hit by LockerGoga"));
        records->undoAction()->trigger();
        QCOMPARE(
            window.document()->columns()->title(IncidentColumns::Index(row)), QStringLiteral("Norsk Hydro ransomware"));
        records->redoAction()->trigger();

        // Delete, confirmed; undo brings it back.
        QVERIFY(records->deleteIncident(id, true));
        QCOMPARE(window.visibleCount(), 1);
        records->undoAction()->trigger();
        QCOMPARE(window.visibleCount(), 2);
        QVERIFY(window.document()->columns()->indexOfId(id) >= 0);
    }

    void draftFromArticleOpensTheEditorWithEvidence()
    {
        MainWindow window;
        window.show();
        QVERIFY(window.openDocument(m_dir.filePath(QStringLiteral("article.faultline"))));
        const QString article = QStringLiteral("Estonian banks hit by cyber attacks\n"
                                               "By Example Staff | Published: 28 April 2007\n"
                                               "Estonian government and bank websites were flooded with traffic on "
                                               "Friday, officials in Estonia said.\n"
                                               "Officials blamed Russia for the attacks, which Moscow denied.\n");
        RecordEditor *editor = window.recordActions()->newIncidentFromArticle(article.toUtf8());
        QVERIFY(editor);
        QCOMPARE(editor->windowTitle(), QStringLiteral("New Incident"));
        QCOMPARE(edit(editor, "start")->text(), QStringLiteral("2007-04-27"));
        QCOMPARE(edit(editor, "victims")->text(), QStringLiteral("Estonia"));
        QCOMPARE(edit(editor, "attackers")->text(), Countries::instance().name(u"RU"));
        QVERIFY(editor->evidenceFor(QStringLiteral("start")).contains(QStringLiteral("on Friday")));
        QVERIFY(edit(editor, "start")->toolTip().contains(QStringLiteral("on Friday")));
        QVERIFY(editor->findChild<QLabel *>(QStringLiteral("evidenceNote"))->isVisible());
        QVERIFY(editor->saveButton()->isEnabled());
        QTest::mouseClick(editor->saveButton(), Qt::LeftButton);
        QCOMPARE(window.visibleCount(), 1);
        QVERIFY(window.detailPane()->incident()->id.startsWith(u"user-"));
        QCOMPARE(window.detailPane()->incident()->provenance.dataset, QStringLiteral("My records"));
    }

    // A saved article dropped with Alt opens New Incident from Article holding the file, as its
    // Open File… button would, and Draft Record opens the editor on its draft; nothing is
    // imported. Without Alt the same window imports what is dropped.
    void tabLeavesEveryTextField()
    {
        // The window with its panes, the article dialog and the editor: Tab moves on from every
        // multi-line field, and in the article text it does not type into the article.
        MainWindow window;
        QVERIFY(window.openDocument(m_dir.filePath(QStringLiteral("tab.faultline"))));
        QCOMPARE(UiTestSupport::textFieldsThatTrapTab(&window).join(u", "), QString());
        ArticleDialog article;
        QCOMPARE(UiTestSupport::textFieldsThatTrapTab(&article), QStringList());
        article.show();
        QApplication::setActiveWindow(&article);
        QVERIFY(QTest::qWaitForWindowActive(&article));
        article.textEdit()->setFocus();
        QTRY_VERIFY(article.textEdit()->hasFocus());
        QTest::keyClicks(article.textEdit(), QStringLiteral("Oslo"));
        QTest::keyClick(article.textEdit(), Qt::Key_Tab);
        QCOMPARE(article.textEdit()->toPlainText(), QStringLiteral("Oslo"));
        QVERIFY(!article.textEdit()->hasFocus());
        RecordEditor editor(RecordForm(), nullptr);
        QCOMPARE(UiTestSupport::textFieldsThatTrapTab(&editor), QStringList());
        // The sources table: Tab leaves it (the arrows walk its cells).
        auto *sources = editor.findChild<QTableWidget *>(QStringLiteral("sources"));
        QVERIFY(sources);
        QVERIFY(!sources->tabKeyNavigation());
    }

    void articleIsDraftedWithCtrlReturn()
    {
        ArticleDialog article;
        article.show();
        QApplication::setActiveWindow(&article);
        QVERIFY(QTest::qWaitForWindowActive(&article));
        article.textEdit()->setPlainText(QStringLiteral("OSLO, March 19 (Reuters) - Hackers hit Norsk Hydro."));
        article.textEdit()->setFocus();
        QTest::keyClick(article.textEdit(), Qt::Key_Return, Qt::ControlModifier);
        QCOMPARE(article.result(), int(QDialog::Accepted));
    }

    void altDropOfAnArticleOpensTheArticleDialog()
    {
        MainWindow window;
        window.show();
        QVERIFY(window.openDocument(m_dir.filePath(QStringLiteral("drop.faultline"))));
        const QString article = QFINDTESTDATA("../data/articles/xinhua-dateline-ddos.txt");
        QMimeData mime;
        mime.setUrls({ QUrl::fromLocalFile(article) });
        QCOMPARE(MainWindow::droppedArticle(&mime), QFileInfo(article).absoluteFilePath());

        QDragEnterEvent enter(QPoint(20, 20), Qt::CopyAction, &mime, Qt::LeftButton, Qt::AltModifier);
        QApplication::sendEvent(&window, &enter);
        QVERIFY(enter.isAccepted()); // a .txt file is not importable, but with Alt it is welcome
        QDropEvent drop(QPointF(20, 20), Qt::CopyAction, &mime, Qt::LeftButton, Qt::AltModifier);
        QApplication::sendEvent(&window, &drop);
        QVERIFY(drop.isAccepted());
        auto *dialog = window.findChild<ArticleDialog *>();
        QVERIFY(dialog);
        QVERIFY(dialog->isVisible());
        QCOMPARE(dialog->textEdit()->toPlainText(), QString::fromUtf8(TestSupport::fileBytes(article)));
        QCOMPARE(dialog->articleBytes(), TestSupport::fileBytes(article));
        QVERIFY(!window.document()->isImporting());

        dialog->accept(); // Draft Record
        auto *editor = window.findChild<RecordEditor *>();
        QVERIFY(editor);
        QCOMPARE(edit(editor, "start")->text(), QStringLiteral("2022-08-23"));
        QCOMPARE(edit(editor, "victims")->text(), Countries::instance().name(u"FI"));
        editor->reject();
        QCOMPARE(window.visibleCount(), 0);

        // Alt with more than one file, or with a file that is no article, imports as usual.
        QMimeData two;
        two.setUrls({ QUrl::fromLocalFile(article), QUrl::fromLocalFile(QFINDTESTDATA("../data/good.csv")) });
        QVERIFY(MainWindow::droppedArticle(&two).isEmpty());

        QMimeData csv;
        csv.setUrls({ QUrl::fromLocalFile(QFINDTESTDATA("../data/good.csv")) });
        QVERIFY(MainWindow::droppedArticle(&csv).isEmpty());
        QSignalSpy finished(window.document(), &DocumentController::importFinished);
        QDragEnterEvent enterPlain(QPoint(20, 20), Qt::CopyAction, &csv, Qt::LeftButton, Qt::NoModifier);
        QApplication::sendEvent(&window, &enterPlain); // a drop follows an accepted drag
        QVERIFY(enterPlain.isAccepted());
        QDropEvent plain(QPointF(20, 20), Qt::CopyAction, &csv, Qt::LeftButton, Qt::NoModifier);
        QApplication::sendEvent(&window, &plain);
        QVERIFY(plain.isAccepted());
        QVERIFY(finished.wait(20000));
        QCOMPARE(window.visibleCount(), 2);
    }

    void reimportLeavesUserRecordsAndOverridesAlone()
    {
        // The document of the test before: a user record and an edited import.
        {
            Database db;
            QVERIFY(db.open(m_path));
            QVERIFY(!Importer::importFile(db, m_file).failed);
            QCOMPARE(IncidentStore(db).count(), 2);
            QCOMPARE(IncidentStore(db).incident(QStringLiteral("imp-1"))->title,
                QStringLiteral("Norsk Hydro hit by LockerGoga"));
        }
        MainWindow window;
        window.show();
        QVERIFY(window.openDocument(m_path));
        QCOMPARE(window.visibleCount(), 2);
        QVERIFY(window.selectIncident(QStringLiteral("imp-1")));
        QVERIFY(window.detailPane()->editedNotice()->isVisible());
        auto *revert = window.detailPane()->editedNotice()->findChild<QPushButton *>(QStringLiteral("revertButton"));
        QVERIFY(revert && revert->isVisible());
        QTest::mouseClick(revert, Qt::LeftButton);
        QCOMPARE(window.detailPane()->incident()->title, QStringLiteral("Norsk Hydro ransomware"));
        QVERIFY(!window.detailPane()->editedNotice()->isVisible());
    }
};

QTEST_MAIN(TestRecordEditor)
#include "tst_recordeditor.moc"
