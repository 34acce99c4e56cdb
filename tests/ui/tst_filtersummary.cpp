// The line above the timeline that says what is filtered, with a clear button per part.
#include "panes/filtersummary.h"

#include <QSignalSpy>
#include <QTest>
#include <QToolButton>

class TestFilterSummary : public QObject
{
    Q_OBJECT
private slots:
    void hiddenWhenNothingIsFiltered()
    {
        QWidget window;
        auto *summary = new FilterSummary(&window);
        window.show();
        summary->setFilter(Filter {});
        QVERIFY(!summary->isVisible());
        QVERIFY(summary->parts().isEmpty());
    }

    void onePartPerCriterionEachClearable()
    {
        QWidget window;
        auto *summary = new FilterSummary(&window);
        window.show();
        Filter f;
        f.types = { IncidentType::Ddos, IncidentType::Espionage };
        f.fromDay = QDate(2022, 1, 1).toJulianDay();
        f.countries = { QStringLiteral("EE") };
        f.attackerCountries = { QStringLiteral("RU") };
        f.search = QStringLiteral("wiper");
        summary->setFilter(f);
        QVERIFY(summary->isVisible());
        const QStringList parts = summary->parts();
        QCOMPARE(parts.size(), 5);
        QVERIFY(parts.contains(QStringLiteral("From 2022-01-01")));
        QVERIFY(parts.contains(QStringLiteral("Search: wiper")));
        QVERIFY(parts.contains(QStringLiteral("Victim: Estonia")));
        QVERIFY(parts.contains(QStringLiteral("Attributed to: Russia"))
            || parts.join(u'|').contains(QStringLiteral("Attributed to: Russia")));

        QSignalSpy changed(summary, &FilterSummary::filterChanged);
        QToolButton *type = summary->clearButton(QStringLiteral("Type:"));
        QVERIFY(type);
        type->click();
        QCOMPARE(changed.count(), 1);
        Filter expected = f;
        expected.types.clear();
        QCOMPARE(changed.last().first().value<Filter>(), expected);

        summary->clearAllButton()->click();
        QCOMPARE(changed.last().first().value<Filter>(), Filter {});
    }
};

QTEST_MAIN(TestFilterSummary)
#include "tst_filtersummary.moc"
