// The CSV mapping dialog offscreen: columns guessed from the header, a live preview of the
// records and diagnostics the first rows give, Import enabled only for a complete mapping,
// and mapping files saved and loaded.
#include "import/csvmappingdialog.h"

#include <QComboBox>
#include <QCoreApplication>
#include <QLineEdit>
#include <QListWidget>
#include <QPushButton>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QTest>

namespace {
QStringList columnsOf(const QComboBox *box)
{
    return box->currentData(Qt::UserRole + 1).toStringList();
}

QStringList texts(const QListWidget *list)
{
    QStringList lines;
    for (int i = 0; i < list->count(); ++i)
        lines << list->item(i)->text();
    return lines;
}

int okRows(const QTableWidget *table)
{
    int ok = 0;
    for (int r = 0; r < table->rowCount(); ++r)
        ok += table->item(r, 0)->text() == u"ok";
    return ok;
}

int previewColumn(const QTableWidget *table, const QString &name)
{
    for (int c = 0; c < table->columnCount(); ++c) {
        if (table->horizontalHeaderItem(c)->text() == name)
            return c;
    }
    return -1;
}
} // namespace

class TestCsvMappingDialog : public QObject
{
    Q_OBJECT
private:
    QTemporaryDir m_dir;
    QString tracker() const { return QFINDTESTDATA("../data/mapped/tracker.csv"); }

private slots:
    void guessesColumnsFromTheHeader()
    {
        CsvMappingDialog dialog(tracker());
        QCOMPARE(columnsOf(dialog.columnBox(QStringLiteral("title"))), QStringList { QStringLiteral("Title") });
        QCOMPARE(columnsOf(dialog.columnBox(QStringLiteral("start"))), QStringList { QStringLiteral("Date") });
        QCOMPARE(columnsOf(dialog.columnBox(QStringLiteral("victims"))), QStringList { QStringLiteral("Victims") });
        QCOMPARE(columnsOf(dialog.columnBox(QStringLiteral("attackers"))), QStringList { QStringLiteral("Sponsor") });
        QCOMPARE(columnsOf(dialog.columnBox(QStringLiteral("type"))), QStringList { QStringLiteral("Type") });
        QCOMPARE(columnsOf(dialog.columnBox(QStringLiteral("sectors"))), QStringList { QStringLiteral("Category") });
        QCOMPARE(columnsOf(dialog.columnBox(QStringLiteral("summary"))), QStringList { QStringLiteral("Description") });
        QCOMPARE(columnsOf(dialog.columnBox(QStringLiteral("sources"))), QStringList { QStringLiteral("Sources") });
        QVERIFY(columnsOf(dialog.columnBox(QStringLiteral("id"))).isEmpty());
    }

    void previewFollowsTheMapping()
    {
        CsvMappingDialog dialog(tracker());
        dialog.show();
        QVERIFY(QTest::qWaitForWindowExposed(&dialog));
        // As guessed, some of the tracker's type names are not Faultline's and no attribution
        // is given: every record is shown rejected, and the problems name line and field.
        dialog.refreshPreview();
        QCOMPARE(dialog.previewTable()->rowCount(), 5);
        QCOMPARE(okRows(dialog.previewTable()), 0);
        QStringList problems = texts(dialog.diagnosticsList());
        QVERIFY2(
            problems.contains(QStringLiteral("tracker.csv:4: type: unknown type \"Denial of service\"; expected one of "
                                             "espionage, data-theft, ransomware, destructive, ddos, defacement, "
                                             "sabotage, influence, financial, other (translate it in the "
                                             "mapping's \"values\")")),
            qPrintable(problems.join(u'\n')));

        // Translating the values and naming the attribution: records appear, a change at a time.
        const int before = dialog.previewCount();
        dialog.valuesEdit(QStringLiteral("type"))
            ->setText(QStringLiteral("Espionage=espionage; Denial of service=ddos; Data destruction=destructive"));
        dialog.valuesEdit(QStringLiteral("sectors"))->setText(QStringLiteral("Government=government; Private sector="));
        QComboBox *attribution = dialog.columnBox(QStringLiteral("attribution"));
        attribution->setCurrentIndex(1); // the same value for every row
        QVERIFY(dialog.constantEdit(QStringLiteral("attribution"))->isEnabled());
        dialog.constantEdit(QStringLiteral("attribution"))->setText(QStringLiteral("suspected"));
        QTRY_VERIFY(dialog.previewCount() > before); // the preview follows after a short delay
        QTRY_COMPARE(okRows(dialog.previewTable()), 4);
        const QTableWidget *table = dialog.previewTable();
        QCOMPARE(table->rowCount(), 5);
        const int victims = previewColumn(table, QStringLiteral("victims"));
        const int start = previewColumn(table, QStringLiteral("start"));
        QCOMPARE(table->item(0, start)->text(), QStringLiteral("2021-03-14"));
        QCOMPARE(table->item(1, victims)->text(), QStringLiteral("UA, PL")); // two rows, one record
        QCOMPARE(table->item(3, 0)->text(), QStringLiteral("rejected")); // shown in place, its problem as tip
        QVERIFY2(table->item(3, 0)->toolTip().contains(QStringLiteral("unknown country \"Atlantis\"")),
            qPrintable(table->item(3, 0)->toolTip()));
        QCOMPARE(table->item(4, victims)->text(), QStringLiteral("GB"));
        problems = texts(dialog.diagnosticsList());
        QVERIFY2(problems.contains(QStringLiteral("tracker.csv:7: victims: unknown country \"Atlantis\"; expected an "
                                                  "ISO 3166-1 code or a country name (translate it in the mapping's "
                                                  "\"values\")")),
            qPrintable(problems.join(u'\n')));
        QVERIFY(dialog.importButton()->isEnabled());

        // A required field left out: Import is refused and the reason named.
        dialog.columnBox(QStringLiteral("type"))->setCurrentIndex(0);
        dialog.refreshPreview();
        QVERIFY(!dialog.importButton()->isEnabled());
        QString why;
        QVERIFY(!dialog.isComplete(&why));
        QVERIFY2(why.startsWith(QStringLiteral("type: missing")), qPrintable(why));
    }

    void savesAndLoadsMappingFiles()
    {
        CsvMappingDialog dialog(tracker());
        QString error;
        QVERIFY2(dialog.loadMapping(QFINDTESTDATA("../data/mapped/tracker.map.json"), &error), qPrintable(error));
        QCOMPARE(dialog.constantEdit(QStringLiteral("attribution"))->text(), QStringLiteral("suspected"));
        QCOMPARE(columnsOf(dialog.columnBox(QStringLiteral("actor"))), QStringList { QStringLiteral("Affiliations") });
        QCOMPARE(okRows(dialog.previewTable()), 4);
        QVERIFY(dialog.importButton()->isEnabled());
        // A picture next to the test binary, to look at.
        dialog.resize(1340, 700);
        dialog.show();
        QVERIFY(QTest::qWaitForWindowExposed(&dialog));
        QVERIFY(dialog.grab().save(QCoreApplication::applicationDirPath() + QStringLiteral("/csvmappingdialog.png")));

        const QString saved = m_dir.filePath(QStringLiteral("saved.map.json"));
        QVERIFY2(dialog.saveMapping(saved, &error), qPrintable(error));
        const std::optional<CsvMapping> original
            = CsvMapping::load(QFINDTESTDATA("../data/mapped/tracker.map.json"), &error);
        const std::optional<CsvMapping> back = CsvMapping::load(saved, &error);
        QVERIFY2(original && back, qPrintable(error));
        QCOMPARE(back->toJson(), original->toJson());

        // A mapping naming a column this file lacks keeps it, says so, and the preview names it.
        const QString other = m_dir.filePath(QStringLiteral("other.map.json"));
        QFile file(other);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(R"({"title": "Name", "start": "Date", "victims": "Victims", "type": {"const": "other"}})");
        file.close();
        QVERIFY(dialog.loadMapping(other, &error));
        QVERIFY(dialog.columnBox(QStringLiteral("title"))->currentText().contains(QStringLiteral("not in this file")));
        QVERIFY(!dialog.importButton()->isEnabled());
        QVERIFY2(texts(dialog.diagnosticsList()).join(u'\n').contains(QStringLiteral("no column \"Name\"")),
            qPrintable(texts(dialog.diagnosticsList()).join(u'\n')));
        // A broken mapping file is refused with the key named, and the dialog keeps its state.
        file.open(QIODevice::WriteOnly);
        file.write(R"({"title": "Title", "colour": "red"})");
        file.close();
        QVERIFY(!dialog.loadMapping(other, &error));
        QVERIFY2(error.contains(QStringLiteral("colour: unknown key")), qPrintable(error));
    }
};

QTEST_MAIN(TestCsvMappingDialog)
#include "tst_csvmappingdialog.moc"
