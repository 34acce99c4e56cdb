#include "domain/sourcelist.h"

#include <QTest>
#include <random>

// The `sources` cell of faultline CSV: encoding, decoding, escapes, older URL-only cells,
// malformed sources, and a randomised round trip.
class TestSourceList : public QObject
{
    Q_OBJECT

private slots:
    void urlOnlySourcesAreBareUrls()
    {
        const QList<Source> sources = { { QStringLiteral("https://a.example/x"), {}, {}, {} },
            { QStringLiteral("https://b.example/y"), {}, {}, {} } };
        QCOMPARE(SourceList::encode(sources), QStringLiteral("https://a.example/x;https://b.example/y"));
        QCOMPARE(SourceList::decode(u"https://a.example/x;https://b.example/y"), sources);
    }

    void fullSourcesHaveFourFields()
    {
        const Source s { QStringLiteral("https://news.example/a"), QStringLiteral("Hospital hit"),
            QStringLiteral("Example Wire"), QStringLiteral("2022-09-07") };
        QCOMPARE(SourceList::encodeOne(s),
            QStringLiteral("Example Wire | Hospital hit | 2022-09-07 | https://news.example/a"));
        QCOMPARE(SourceList::decode(SourceList::encodeOne(s)), QList<Source> { s });
    }

    void sourcesWithoutUrlSurvive()
    {
        const QList<Source> sources = { { {}, QStringLiteral("Annual report"), QStringLiteral("CERT-XX"), {} },
            { {}, {}, QStringLiteral("Reuters"), QStringLiteral("2021") } };
        const QString cell = SourceList::encode(sources);
        QCOMPARE(cell, QStringLiteral("CERT-XX | Annual report |  | ;Reuters |  | 2021 | "));
        QCOMPARE(SourceList::decode(cell), sources);
    }

    void separatorsInsideFieldsAreEscaped()
    {
        const Source s { QStringLiteral("https://x.example/a;b|c\\d"), QStringLiteral("Title; with | bars \\ and more"),
            QStringLiteral("A|B;C"), QStringLiteral("2020") };
        const QString cell = SourceList::encodeOne(s);
        QCOMPARE(cell,
            QStringLiteral("A\\|B\\;C | Title\\; with \\| bars \\\\ and more | 2020 | "
                           "https://x.example/a\\;b\\|c\\\\d"));
        QCOMPARE(SourceList::decode(QString(cell + u';' + cell)), (QList<Source> { s, s }));
        // A URL-only source escapes its separators too.
        const Source bare { QStringLiteral("https://x.example/?a=1;b=2"), {}, {}, {} };
        QCOMPARE(SourceList::encodeOne(bare), QStringLiteral("https://x.example/?a=1\\;b=2"));
        QCOMPARE(SourceList::decode(SourceList::encodeOne(bare)), QList<Source> { bare });
    }

    void otherBackslashesAreKept()
    {
        // An older file's URL with a backslash before an ordinary character reads unchanged.
        QCOMPARE(SourceList::decode(u"https://x.example/a\\b"),
            (QList<Source> { { QStringLiteral("https://x.example/a\\b"), {}, {}, {} } }));
        QCOMPARE(SourceList::decode(u"trailing\\"), (QList<Source> { { QStringLiteral("trailing\\"), {}, {}, {} } }));
    }

    void fieldsAreTrimmedAndEmptySourcesSkipped()
    {
        QCOMPARE(SourceList::decode(u" ;; Example Wire |  Title  | 2022 |  https://x.example  ; ;"),
            (QList<Source> { { QStringLiteral("https://x.example"), QStringLiteral("Title"),
                QStringLiteral("Example Wire"), QStringLiteral("2022") } }));
        QCOMPARE(SourceList::decode(u" | | | ;"), QList<Source>());
        QVERIFY(SourceList::decode(u"").isEmpty());
        QCOMPARE(SourceList::encode({}), QString());
    }

    void malformedSourcesAreReportedAndSkipped()
    {
        QStringList errors;
        const QList<Source> sources = SourceList::decode(
            u"https://ok.example;Publisher | Title;a | b | c | d | e;https://ok2.example", &errors);
        QCOMPARE(sources.size(), 2);
        QCOMPARE(sources.at(0).url, QStringLiteral("https://ok.example"));
        QCOMPARE(sources.at(1).url, QStringLiteral("https://ok2.example"));
        QCOMPARE(errors.size(), 2);
        QVERIFY2(errors.at(0).startsWith(QStringLiteral("source 2 \"Publisher | Title\": 2 fields")),
            qPrintable(errors.at(0)));
        QVERIFY2(errors.at(0).contains(QStringLiteral("publisher | title | date | url")), qPrintable(errors.at(0)));
        QVERIFY2(errors.at(1).startsWith(QStringLiteral("source 3 \"a | b | c | d | e\": 5 fields")),
            qPrintable(errors.at(1)));
        // Without an error list the good sources still come back.
        QCOMPARE(SourceList::decode(u"x | y;https://ok.example").size(), 1);
    }

    void randomSourcesRoundTrip()
    {
        // Fields made of the characters that matter (separators, escapes, spaces, quotes,
        // non-ASCII), never starting or ending with a space (fields are trimmed on reading).
        const QString alphabet = QStringLiteral("ab;|\\ \"',=é漢\n");
        std::mt19937 rng(42);
        auto field = [&](bool allowEmpty) {
            const int length = int(rng() % 8) + (allowEmpty ? 0 : 1);
            QString s;
            for (int i = 0; i < length; ++i)
                s += alphabet.at(qsizetype(rng() % unsigned(alphabet.size())));
            s = s.trimmed();
            return s.isEmpty() && !allowEmpty ? QStringLiteral("x") : s;
        };
        for (int round = 0; round < 2000; ++round) {
            QList<Source> sources;
            const int n = int(rng() % 4) + 1;
            for (int k = 0; k < n; ++k) {
                Source s;
                s.url = field(false);
                if (rng() % 3 != 0) {
                    s.title = field(true);
                    s.publisher = field(true);
                    s.date = field(true);
                }
                sources << s;
            }
            const QString cell = SourceList::encode(sources);
            QStringList errors;
            QCOMPARE(SourceList::decode(cell, &errors), sources);
            QVERIFY(errors.isEmpty());
        }
    }
};

QTEST_APPLESS_MAIN(TestSourceList)
#include "tst_sourcelist.moc"
