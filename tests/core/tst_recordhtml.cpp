// The detail pane's document, built in the core: which addresses become links, country codes
// that are not codes, and search highlighting over strings that are not well-formed UTF-16
// (cases tests/fuzz/fuzz_detail_text.cpp found; the harness checks the whole document).
#include "domain/recordhtml.h"

#include <QRegularExpression>
#include <QTest>
#include <QUrl>

namespace {
const QString s_mark = QStringLiteral("<span style='background-color:#ffe680;color:#000'>");
}

class TestRecordHtml : public QObject
{
    Q_OBJECT
private slots:
    void openableLinks_data()
    {
        QTest::addColumn<QString>("url");
        QTest::addColumn<bool>("openable");
        QTest::newRow("https") << QStringLiteral("https://example.org/a?b=1") << true;
        QTest::newRow("http with port") << QStringLiteral("http://example.org:8080/") << true;
        QTest::newRow("upper-case scheme") << QStringLiteral("HTTPS://Example.org/") << true;
        QTest::newRow("no host") << QStringLiteral("http:///etc/passwd") << false;
        QTest::newRow("javascript") << QStringLiteral("javascript:alert(1)") << false;
        QTest::newRow("file") << QStringLiteral("file:///etc/passwd") << false;
        QTest::newRow("data") << QStringLiteral("data:text/html,<b>x</b>") << false;
        QTest::newRow("relative") << QStringLiteral("//example.org/x") << false;
        QTest::newRow("empty") << QString() << false;
    }

    void openableLinks()
    {
        QFETCH(QString, url);
        QFETCH(bool, openable);
        QCOMPARE(RecordHtml::isOpenable(QUrl(url)), openable);
        Incident r;
        r.sources = { { url, QStringLiteral("T"), QStringLiteral("P"), {} } };
        QCOMPARE(RecordHtml::toHtml(r).contains(QStringLiteral("<a href=")), openable && !url.isEmpty());
    }

    // A code in a hand-edited document is no ISO code: its override shows, as in any other field.
    void countryCodeShowsItsBidiControls()
    {
        Incident r;
        r.victims = { QStringLiteral("AL"), QStringLiteral("\u202EX") };
        const QString html = RecordHtml::toHtml(r);
        QVERIFY(!html.contains(QChar(0x202E)));
        QVERIFY(html.contains(QStringLiteral("(AL)")));
        QVERIFY(html.contains(QStringLiteral("([U+202E]X)")));
    }

    void highlightingSurvivesUnpairedSurrogates_data()
    {
        const QChar high(0xD800);
        QTest::addColumn<QString>("summary");
        QTest::addColumn<QStringList>("terms");
        QTest::newRow("well-formed") << QStringLiteral("A memorial attacked")
                                     << QStringList { QStringLiteral("memorial") };
        QTest::newRow("in the data") << QStringLiteral("A ") + high + QStringLiteral(" memorial attacked")
                                     << QStringList { QStringLiteral("memorial") };
        QTest::newRow("in a term") << QStringLiteral("A memorial attacked")
                                   << QStringList { QString(high) + u'x', QStringLiteral("memorial") };
        QTest::newRow("in both") << QStringLiteral("A x") + high + QStringLiteral(" memorial")
                                 << QStringList { QStringLiteral("x") + high, QStringLiteral("memorial") };
    }

    void highlightingSurvivesUnpairedSurrogates()
    {
        QFETCH(QString, summary);
        QFETCH(QStringList, terms);
        // An invalid pattern would warn on every match.
        QTest::failOnWarning(QRegularExpression(QStringLiteral(".*")));
        Incident r;
        r.summary = summary;
        const QString html = RecordHtml::toHtml(r, terms);
        QVERIFY2(html.contains(s_mark + QStringLiteral("memorial</span>")), qPrintable(html));
        // The data is shown as it is, surrogate included.
        for (const QChar c : summary)
            QVERIFY(html.contains(c));
    }
};

QTEST_GUILESS_MAIN(TestRecordHtml)
#include "tst_recordhtml.moc"
