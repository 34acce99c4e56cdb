// DraftDates: explicit and relative dates in sentences, resolved against a publication date.
#include "draft/draftdates.h"
#include "draft/draftrules.h"

#include <QTest>

namespace {
// The dates of `text` as "ISO[r]" ("r" marks a date that was reported, not one of the event).
QStringList datesIn(const QString &text, QDate publication)
{
    QStringList out;
    const DraftTokens tokens = DraftText::tokenize(text);
    for (const DraftDates::Found &f : DraftDates::all(tokens, text, DraftRules::instance(), publication))
        out.append(f.date.toString() + (f.reported ? QStringLiteral("r") : QString()));
    return out;
}
} // namespace

class TestDraftDates : public QObject
{
    Q_OBJECT
private slots:
    void dates_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QDate>("publication");
        QTest::addColumn<QStringList>("expected");
        const QDate monday(2022, 7, 18);
        const auto l = [](std::initializer_list<const char *> items) {
            QStringList list;
            for (const char *i : items)
                list.append(QString::fromLatin1(i));
            return list;
        };
        QTest::newRow("on Sunday before a Monday")
            << u"systems were closed on Sunday"_qs << monday << l({ "2022-07-17" });
        QTest::newRow("on Monday is the day itself") << u"it broke on Monday"_qs << monday << l({ "2022-07-18" });
        QTest::newRow("last Monday is a week before") << u"it broke last Monday"_qs << monday << l({ "2022-07-11" });
        QTest::newRow("last Friday") << u"hit last Friday night"_qs << monday << l({ "2022-07-15" });
        QTest::newRow("yesterday") << u"the attack yesterday"_qs << monday << l({ "2022-07-17" });
        QTest::newRow("overnight") << u"systems failed overnight"_qs << monday << l({ "2022-07-17" });
        QTest::newRow("last week is a month") << u"an attack last week"_qs << monday << l({ "2022-07" });
        QTest::newRow("last month") << u"an attack last month"_qs << monday << l({ "2022-06" });
        QTest::newRow("last year") << u"an attack last year"_qs << monday << l({ "2021" });
        QTest::newRow("month day year") << u"on July 15, 2022, hackers"_qs << monday << l({ "2022-07-15" });
        QTest::newRow("day month year") << u"on 15 July 2022 hackers"_qs << monday << l({ "2022-07-15" });
        QTest::newRow("abbreviated with full stop")
            << u"HELSINKI, Aug. 24 (Xinhua)"_qs << QDate(2022, 8, 24) << l({ "2022-08-24" });
        QTest::newRow("ordinal") << u"March 19th, 2024"_qs << QDate() << l({ "2024-03-19" });
        QTest::newRow("no year takes the publication's")
            << u"On March 19, attackers"_qs << QDate(2023, 3, 21) << l({ "2023-03-19" });
        QTest::newRow("no year after publication is last year")
            << u"since December 30 the site"_qs << QDate(2023, 1, 2) << l({ "2022-12-30" });
        QTest::newRow("month and year") << u"in March 2019 the group"_qs << monday << l({ "2019-03" });
        QTest::newRow("in a month") << u"the intrusion began in May"_qs << monday << l({ "2022-05" });
        QTest::newRow("a later month is last year") << u"detected in late August"_qs << monday << l({ "2021-08" });
        QTest::newRow("modal may is no month") << u"they may attack again"_qs << monday << l({});
        QTest::newRow("iso") << u"2022-08-24 21:30:12"_qs << QDate() << l({ "2022-08-24" });
        QTest::newRow("weekday opening a date") << u"Tuesday, March 19, 2019"_qs << monday << l({ "2019-03-19" });
        QTest::newRow("said on Tuesday is reported")
            << u"the company said on Tuesday"_qs << QDate(2019, 3, 20) << l({ "2019-03-19r" });
        QTest::newRow("time zone number is no day")
            << u"Published 4:21 PM GMT+2, September 7, 2022"_qs << QDate() << l({ "2022-09-07" });
        QTest::newRow("no publication, no relative") << u"closed on Sunday"_qs << QDate() << l({});
        QTest::newRow("lower-case weekday is no date") << u"a sunday roast"_qs << monday << l({});
    }

    void dates()
    {
        QFETCH(QString, text);
        QFETCH(QDate, publication);
        QFETCH(QStringList, expected);
        QCOMPARE(datesIn(text, publication), expected);
    }

    void isoDateTimeKeepsTheWrittenDay()
    {
        QCOMPARE(DraftDates::fromIsoDateTime(u"2022-07-18T03:00:00+05:30"), QDate(2022, 7, 18));
        QCOMPARE(DraftDates::fromIsoDateTime(u"2017-05-13T23:59:00-08:00"), QDate(2017, 5, 13));
        QVERIFY(!DraftDates::fromIsoDateTime(u"yesterday").isValid());
        QVERIFY(!DraftDates::fromIsoDateTime(u"0001-01-01").isValid());
    }
};

QTEST_GUILESS_MAIN(TestDraftDates)
#include "tst_draftdates.moc"
