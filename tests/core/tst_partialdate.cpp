#include "domain/partialdate.h"

#include <QTest>

class TestPartialDate : public QObject
{
    Q_OBJECT
private slots:
    void parse_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<bool>("valid");
        QTest::addColumn<int>("precision");
        QTest::addColumn<QDate>("first");
        QTest::addColumn<QDate>("last");

        QTest::newRow("year") << "2022" << true << int(Precision::Year) << QDate(2022, 1, 1) << QDate(2022, 12, 31);
        QTest::newRow("leap-year") << "2020" << true << int(Precision::Year) << QDate(2020, 1, 1)
                                   << QDate(2020, 12, 31);
        QTest::newRow("month") << "2022-07" << true << int(Precision::Month) << QDate(2022, 7, 1) << QDate(2022, 7, 31);
        QTest::newRow("february-leap") << "2024-02" << true << int(Precision::Month) << QDate(2024, 2, 1)
                                       << QDate(2024, 2, 29);
        QTest::newRow("february-common") << "2023-02" << true << int(Precision::Month) << QDate(2023, 2, 1)
                                         << QDate(2023, 2, 28);
        QTest::newRow("day") << "2022-07-17" << true << int(Precision::Day) << QDate(2022, 7, 17) << QDate(2022, 7, 17);
        QTest::newRow("leap-day") << "2020-02-29" << true << int(Precision::Day) << QDate(2020, 2, 29)
                                  << QDate(2020, 2, 29);
        QTest::newRow("leap-day-2000") << "2000-02-29" << true << int(Precision::Day) << QDate(2000, 2, 29)
                                       << QDate(2000, 2, 29);
        QTest::newRow("spaces-trimmed") << " 2019-03 " << true << int(Precision::Month) << QDate(2019, 3, 1)
                                        << QDate(2019, 3, 31);
        QTest::newRow("year-1") << "0001" << true << int(Precision::Year) << QDate(1, 1, 1) << QDate(1, 12, 31);
        QTest::newRow("year-9999") << "9999-12-31" << true << int(Precision::Day) << QDate(9999, 12, 31)
                                   << QDate(9999, 12, 31);

        QTest::newRow("no-leap-day-1900") << "1900-02-29" << false << 0 << QDate() << QDate();
        QTest::newRow("no-leap-day-2023") << "2023-02-29" << false << 0 << QDate() << QDate();
        QTest::newRow("feb-30") << "2020-02-30" << false << 0 << QDate() << QDate();
        QTest::newRow("month-13") << "2022-13" << false << 0 << QDate() << QDate();
        QTest::newRow("month-0") << "2022-00" << false << 0 << QDate() << QDate();
        QTest::newRow("day-0") << "2022-07-00" << false << 0 << QDate() << QDate();
        QTest::newRow("april-31") << "2022-04-31" << false << 0 << QDate() << QDate();
        QTest::newRow("year-0") << "0000" << false << 0 << QDate() << QDate();
        QTest::newRow("empty") << "" << false << 0 << QDate() << QDate();
        QTest::newRow("unknown") << "Unknown" << false << 0 << QDate() << QDate();
        QTest::newRow("slashes") << "17/07/2022" << false << 0 << QDate() << QDate();
        QTest::newRow("datetime") << "2022-07-17T10:00:00Z" << false << 0 << QDate() << QDate();
        QTest::newRow("short-month") << "2022-7" << false << 0 << QDate() << QDate();
        QTest::newRow("five-digit-year") << "20220" << false << 0 << QDate() << QDate();
        QTest::newRow("week-date") << "2022-W28" << false << 0 << QDate() << QDate();
    }

    void parse()
    {
        QFETCH(QString, text);
        QFETCH(bool, valid);
        QString error;
        const PartialDate d = PartialDate::parse(text, &error);
        QCOMPARE(d.isValid(), valid);
        if (!valid) {
            QVERIFY2(!error.isEmpty(), "an invalid date must say why");
            return;
        }
        QFETCH(int, precision);
        QFETCH(QDate, first);
        QFETCH(QDate, last);
        QCOMPARE(int(d.precision()), precision);
        QCOMPARE(d.firstDate(), first);
        QCOMPARE(d.lastDate(), last);
        // The text form round-trips at its own precision.
        QCOMPARE(PartialDate::parse(d.toString()), d);
        QCOMPARE(d.toString(), text.trimmed());
    }

    void errorNamesExpectedForm()
    {
        QString error;
        PartialDate::parse(u"17/07/2022", &error);
        QVERIFY(error.contains(QStringLiteral("YYYY-MM-DD")));
        PartialDate::parse(u"2022-13", &error);
        QVERIFY(error.contains(QStringLiteral("month")));
    }

    void parseTyped_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("iso"); // empty when the text must be refused
        QTest::newRow("iso-day") << "2022-07-17"
                                 << "2022-07-17";
        QTest::newRow("iso-year") << "2022"
                                  << "2022";
        QTest::newRow("slashes") << "17/07/2022"
                                 << "2022-07-17";
        QTest::newRow("slashes-short") << "5/7/2022"
                                       << "2022-07-05";
        QTest::newRow("dots") << "17.07.2022"
                              << "2022-07-17";
        QTest::newRow("dashes-day-first") << "17-07-2022"
                                          << "2022-07-17";
        QTest::newRow("month-name") << "17 July 2022"
                                    << "2022-07-17";
        QTest::newRow("month-name-any-case") << "17 JULY 2022"
                                             << "2022-07-17";
        QTest::newRow("month-abbrev") << "17 Jul 2022"
                                      << "2022-07-17";
        QTest::newRow("month-first") << "July 17, 2022"
                                     << "2022-07-17";
        QTest::newRow("month-year") << "July 2022"
                                    << "2022-07";
        QTest::newRow("numeric-month-year") << "07/2022"
                                            << "2022-07";
        QTest::newRow("iso-invalid") << "2022-13-45"
                                     << "";
        QTest::newRow("month-first-slashes") << "07/17/2022"
                                             << "";
        QTest::newRow("no-such-day") << "31/04/2022"
                                     << "";
        QTest::newRow("two-digit-year") << "17/07/22"
                                        << "";
        QTest::newRow("not-a-month") << "17 Jully 2022"
                                     << "";
        QTest::newRow("two-months") << "July August 2022"
                                    << "";
        QTest::newRow("markup") << "<b>2022</b>"
                                << "";
        QTest::newRow("words") << "yesterday"
                               << "";
    }

    void parseTyped()
    {
        QFETCH(QString, text);
        QFETCH(QString, iso);
        QString error;
        const PartialDate d = PartialDate::parseTyped(text, &error);
        QCOMPARE(d.toString(), iso);
        if (iso.isEmpty())
            QVERIFY2(!error.isEmpty(), "a refused date must say why");
    }

    void displayString()
    {
        QLocale::setDefault(QLocale(QLocale::English, QLocale::UnitedKingdom));
        QCOMPARE(PartialDate::parse(u"2022-07-17").toDisplayString(), QStringLiteral("17 July 2022"));
        QCOMPARE(PartialDate::parse(u"2022-07").toDisplayString(), QStringLiteral("July 2022"));
        QCOMPARE(PartialDate::parse(u"2022").toDisplayString(), QStringLiteral("2022"));
    }
};

QTEST_GUILESS_MAIN(TestPartialDate)
#include "tst_partialdate.moc"
