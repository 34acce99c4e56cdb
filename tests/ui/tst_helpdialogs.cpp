// The Help menu: Keyboard Shortcuts is read from the window's actions (so it lists what the keys
// do, and a new action appears without editing the dialog), and About names the program's and
// the bundled dataset's versions and the licences.
#include "help/aboutdialog.h"
#include "help/shortcutsdialog.h"
#include "import/bundleddataset.h"
#include "mainwindow.h"
#include "uitestsupport.h"

#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QMenuBar>
#include <QSet>
#include <QStandardPaths>
#include <QTableWidget>
#include <QTest>

class TestHelpDialogs : public QObject
{
    Q_OBJECT
private:
    static const ShortcutsDialog::Entry *find(const QList<ShortcutsDialog::Entry> &entries, const QString &command)
    {
        for (const ShortcutsDialog::Entry &entry : entries)
            if (entry.command == command)
                return &entry;
        return nullptr;
    }

private slots:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QCoreApplication::setApplicationVersion(QStringLiteral("9.8.7"));
    }

    void helpMenuHoldsBothCommands()
    {
        MainWindow window;
        const QMenu *help = UiTestSupport::findMenu(window.menuBar(), QStringLiteral("Help"));
        QVERIFY(help);
        QVERIFY(UiTestSupport::findAction(help, QStringLiteral("Keyboard Shortcuts")));
        QVERIFY(UiTestSupport::findAction(help, QStringLiteral("About Faultline")));
    }

    void shortcutsComeFromTheMenus()
    {
        MainWindow window;
        const QList<ShortcutsDialog::Entry> entries = ShortcutsDialog::collect(window);
        const ShortcutsDialog::Entry *open = find(entries, QStringLiteral("Open Database"));
        QVERIFY(open);
        QCOMPARE(open->where, QStringLiteral("File"));
        QCOMPARE(open->keys.split(QStringLiteral(", ")).first(),
            QKeySequence(QKeySequence::Open).toString(QKeySequence::NativeText));
        const ShortcutsDialog::Entry *self = find(entries, QStringLiteral("Keyboard Shortcuts"));
        QVERIFY(self);
        QCOMPARE(self->where, QStringLiteral("Help"));
        QCOMPARE(self->keys, QKeySequence(Qt::CTRL | Qt::Key_Slash).toString(QKeySequence::NativeText));

        // Every entry has keys and each command is listed once per place.
        QSet<QString> seen;
        for (const ShortcutsDialog::Entry &entry : entries) {
            QVERIFY2(!entry.keys.isEmpty(), qPrintable(entry.command));
            QVERIFY2(!entry.command.contains(u'&'), qPrintable(entry.command));
            const QString key = entry.where + u'/' + entry.command;
            QVERIFY2(!seen.contains(key), qPrintable(key));
            seen.insert(key);
        }
    }

    void aNewActionIsListedWithoutEditingTheDialog()
    {
        MainWindow window;
        QMenu *help = UiTestSupport::findMenu(window.menuBar(), QStringLiteral("Help"));
        QVERIFY(help);
        QVERIFY(!find(ShortcutsDialog::collect(window), QStringLiteral("Brand New Command")));
        QAction *action = help->addAction(QStringLiteral("Brand &New Command…"));
        action->setShortcut(QKeySequence(Qt::CTRL | Qt::ALT | Qt::Key_N));
        const QList<ShortcutsDialog::Entry> entries = ShortcutsDialog::collect(window);
        const ShortcutsDialog::Entry *added = find(entries, QStringLiteral("Brand New Command"));
        QVERIFY(added);
        QCOMPARE(added->keys, QKeySequence(Qt::CTRL | Qt::ALT | Qt::Key_N).toString(QKeySequence::NativeText));
    }

    void filterHidesOtherRows()
    {
        MainWindow window;
        ShortcutsDialog dialog(window);
        auto *table = dialog.findChild<QTableWidget *>(QStringLiteral("shortcutTable"));
        auto *filter = dialog.findChild<QLineEdit *>(QStringLiteral("shortcutFilter"));
        QVERIFY(table && filter);
        QVERIFY(table->rowCount() > 5);
        filter->setText(QStringLiteral("open database"));
        int visible = 0;
        for (int row = 0; row < table->rowCount(); ++row) {
            if (!table->isRowHidden(row)) {
                ++visible;
                QCOMPARE(table->item(row, 1)->text(), QStringLiteral("Open Database"));
            }
        }
        QCOMPARE(visible, 1);
        filter->clear();
        for (int row = 0; row < table->rowCount(); ++row)
            QVERIFY(!table->isRowHidden(row));
    }

    void aboutNamesVersionsAndLicences()
    {
        const BundledDataset::Release release = BundledDataset::release();
        QVERIFY(!release.version.isEmpty());
        QVERIFY(release.released.isValid());
        QVERIFY(!release.coversTo.isEmpty());
        const QString text = AboutDialog::text();
        QVERIFY(text.contains(QStringLiteral("Faultline 9.8.7")));
        QVERIFY(text.contains(release.version));
        const QDate coversTo = QDate::fromString(release.coversTo, QStringLiteral("yyyy-MM"));
        QVERIFY(coversTo.isValid());
        QVERIFY(text.contains(QLocale().toString(coversTo, QStringLiteral("MMMM yyyy"))));
        QVERIFY(text.contains(QStringLiteral("CC BY 4.0")));
        QVERIFY(text.contains(QStringLiteral("LGPL")));
        AboutDialog dialog;
        auto *label = dialog.findChild<QLabel *>(QStringLiteral("aboutText"));
        QVERIFY(label);
        QCOMPARE(label->textFormat(), Qt::PlainText);
        QCOMPARE(label->text(), text);
    }
};

QTEST_MAIN(TestHelpDialogs)
#include "tst_helpdialogs.moc"
