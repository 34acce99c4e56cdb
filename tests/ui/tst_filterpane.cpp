// The filter pane's dates: what people type is read, what cannot be read is marked and
// explained beside the field and never changes the results.
#include "panes/filterpane.h"
#include "render/theme.h"

#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QSignalSpy>
#include <QTest>

class TestFilterPane : public QObject
{
    Q_OBJECT
private:
    static void type(QLineEdit *edit, const QString &text)
    {
        edit->setFocus();
        edit->selectAll();
        edit->clear();
        QTest::keyClicks(edit, text);
        QTest::keyClick(edit, Qt::Key_Return); // editingFinished
    }

    static qint64 day(int y, int m, int d) { return QDate(y, m, d).toJulianDay(); }

private slots:
    void readsTypedDates_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QDate>("from");
        QTest::newRow("iso") << "2022-07-17" << QDate(2022, 7, 17);
        QTest::newRow("slashes") << "17/07/2022" << QDate(2022, 7, 17);
        QTest::newRow("month-name") << "17 July 2022" << QDate(2022, 7, 17);
        QTest::newRow("month") << "July 2022" << QDate(2022, 7, 1);
    }

    void readsTypedDates()
    {
        QFETCH(QString, text);
        QFETCH(QDate, from);
        FilterPane pane;
        pane.show();
        type(pane.fromEdit(), text);
        QVERIFY(pane.filter().fromDay);
        QCOMPARE(QDate::fromJulianDay(*pane.filter().fromDay), from);
        QVERIFY(!pane.hasDateError());
    }

    void invalidDateKeepsResultsAndSaysWhy()
    {
        FilterPane pane;
        pane.show();
        type(pane.fromEdit(), QStringLiteral("2022-01"));
        QCOMPARE(pane.filter().fromDay, std::optional<qint64>(day(2022, 1, 1)));
        const QColor normalBase = pane.fromEdit()->palette().color(QPalette::Base);

        QSignalSpy changed(&pane, &FilterPane::filterChanged);
        for (const QString &bad : { QStringLiteral("2022-13-45"), QStringLiteral("07/17/2022") }) {
            type(pane.fromEdit(), bad);
            // The results do not change: the previous From stays applied.
            QCOMPARE(pane.filter().fromDay, std::optional<qint64>(day(2022, 1, 1)));
            QCOMPARE(changed.count(), 0);
            // The field is marked, and a visible message beside it says why.
            QVERIFY(pane.hasDateError());
            QVERIFY(pane.dateMessage()->isVisible());
            QVERIFY2(
                pane.dateMessage()->text().contains(QStringLiteral("From")), qPrintable(pane.dateMessage()->text()));
            QVERIFY(pane.dateMessage()->text().contains(QStringLiteral("not applied")));
            QVERIFY(pane.fromEdit()->palette().color(QPalette::Base) != normalBase);
            QVERIFY(!pane.fromEdit()->accessibleDescription().isEmpty());
        }

        // Correcting it clears the mark and applies the date.
        type(pane.fromEdit(), QStringLiteral("2022-03"));
        QCOMPARE(pane.filter().fromDay, std::optional<qint64>(day(2022, 3, 1)));
        QVERIFY(!pane.hasDateError());
        QVERIFY(!pane.dateMessage()->isVisible());
        QCOMPARE(pane.fromEdit()->palette().color(QPalette::Base), normalBase);
    }

    void fromAfterToIsAnError()
    {
        FilterPane pane;
        pane.show();
        type(pane.fromEdit(), QStringLiteral("2021"));
        type(pane.toEdit(), QStringLiteral("2021-06"));
        const Filter before = pane.filter();
        QCOMPARE(before.toDay, std::optional<qint64>(day(2021, 6, 30)));
        type(pane.fromEdit(), QStringLiteral("2022"));
        QVERIFY(pane.hasDateError());
        QVERIFY(pane.dateMessage()->isVisible());
        QVERIFY(pane.dateMessage()->text().contains(QStringLiteral("after")));
        QCOMPARE(pane.filter(), before);
        QVERIFY(!pane.toEdit()->accessibleDescription().isEmpty());
    }

    void swatchesFollowADarkPalette()
    {
        FilterPane pane;
        QPalette dark = pane.palette();
        dark.setColor(QPalette::Window, QColor(0x2b, 0x2d, 0x30));
        dark.setColor(QPalette::Base, QColor(0x1e, 0x1f, 0x22));
        pane.setPalette(dark);
        const QColor expected = Theme::darkTheme().typeColor(IncidentType::Destructive);
        QListWidgetItem *destructive = nullptr;
        for (int i = 0; i < pane.typeList()->count(); ++i) {
            if (pane.typeList()->item(i)->text().startsWith(Vocabulary::typeLabel(IncidentType::Destructive)))
                destructive = pane.typeList()->item(i);
        }
        QVERIFY(destructive);
        const QImage swatch = destructive->icon().pixmap(12, 12).toImage();
        QCOMPARE(swatch.pixelColor(6, 6).rgb(), expected.rgb());
    }

    void showingAFilterClearsTheMark()
    {
        FilterPane pane;
        pane.show();
        type(pane.fromEdit(), QStringLiteral("nonsense"));
        QVERIFY(pane.hasDateError());
        pane.setFilter(Filter {});
        QVERIFY(!pane.hasDateError());
        QVERIFY(!pane.dateMessage()->isVisible());
        QVERIFY(pane.fromEdit()->text().isEmpty());
    }
};

QTEST_MAIN(TestFilterPane)
#include "tst_filterpane.moc"
