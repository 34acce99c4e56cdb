#include "domain/countries.h"

#include <QFile>
#include <QTest>

class TestCountries : public QObject
{
    Q_OBJECT
private slots:
    void resourcesAreEmbedded()
    {
        // A resource-linking slip must fail loudly, not fall back to files on disk.
        QVERIFY(QFile::exists(QStringLiteral(":/data/iso_3166-1.json")));
        QVERIFY(QFile::exists(QStringLiteral(":/data/country-aliases.tsv")));
        QVERIFY(QFile::exists(QStringLiteral(":/data/schema/001-initial.sql")));
        QVERIFY(Countries::instance().codes().size() >= 249);
    }

    void resolve_data()
    {
        QTest::addColumn<QString>("input");
        QTest::addColumn<QString>("expected"); // empty: unknown

        QTest::newRow("alpha2") << "AL"
                                << "AL";
        QTest::newRow("alpha2-lower") << "al"
                                      << "AL";
        QTest::newRow("alpha3") << "ALB"
                                << "AL";
        QTest::newRow("name") << "Albania"
                              << "AL";
        QTest::newRow("demonym") << "Albanian"
                                 << "AL";
        QTest::newRow("iso-official-name") << "Iran, Islamic Republic of"
                                           << "IR";
        QTest::newRow("alias-iran") << "Iran"
                                    << "IR";
        QTest::newRow("alias-usa") << "USA"
                                   << "US";
        QTest::newRow("alias-us-dots") << "U.S."
                                       << "US";
        QTest::newRow("iso-us-name") << "United States"
                                     << "US";
        QTest::newRow("alias-uk") << "UK"
                                  << "GB";
        QTest::newRow("alias-russia") << "Russia"
                                      << "RU";
        QTest::newRow("iso-russia") << "Russian Federation"
                                    << "RU";
        QTest::newRow("alias-south-korea") << "South Korea"
                                           << "KR";
        QTest::newRow("alias-north-korea") << "North Korea"
                                           << "KP";
        QTest::newRow("turkiye-accent") << "Türkiye"
                                        << "TR";
        QTest::newRow("turkiye-plain") << "Turkiye"
                                       << "TR";
        QTest::newRow("kosovo") << "Kosovo"
                                << "XK";
        QTest::newRow("kosovo-code") << "XK"
                                     << "XK";
        QTest::newRow("taiwan") << "Taiwan"
                                << "TW";
        QTest::newRow("cote-divoire-accent") << "Côte d'Ivoire"
                                             << "CI";
        QTest::newRow("whitespace-case") << "  united   KINGDOM "
                                         << "GB";
        QTest::newRow("unknown-xx") << "Unknown"
                                    << "XX";
        QTest::newRow("atlantis") << "Atlantis"
                                  << "";
        QTest::newRow("empty") << ""
                               << "";
        QTest::newRow("punctuation-only") << "--"
                                          << "";
        QTest::newRow("eu-is-not-a-country") << "EU"
                                             << "";
        QTest::newRow("numeric-code-not-guessed") << "008"
                                                  << "";
    }

    void resolve()
    {
        QFETCH(QString, input);
        QFETCH(QString, expected);
        const auto code = Countries::instance().resolve(input);
        if (expected.isEmpty())
            QVERIFY2(!code, qPrintable(QStringLiteral("resolved to %1").arg(code.value_or(QString()))));
        else
            QCOMPARE(code.value_or(QStringLiteral("<none>")), expected);
    }

    void names()
    {
        const Countries &c = Countries::instance();
        QCOMPARE(c.name(u"AL"), QStringLiteral("Albania"));
        QCOMPARE(c.name(u"RU"), QStringLiteral("Russia"));
        QCOMPARE(c.name(u"IR"), QStringLiteral("Iran"));
        QCOMPARE(c.name(u"XK"), QStringLiteral("Kosovo"));
        QCOMPARE(c.alpha3(u"AL"), QStringLiteral("ALB"));
        QVERIFY(c.isKnownCode(u"XK"));
        QVERIFY(!c.isKnownCode(u"QQ"));
    }
};

QTEST_GUILESS_MAIN(TestCountries)
#include "tst_countries.moc"
