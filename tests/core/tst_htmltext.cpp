// HtmlText: the text and the story's metadata of a saved HTML page, without rendering or loading.
#include "draft/htmltext.h"

#include <QTest>

class TestHtmlText : public QObject
{
    Q_OBJECT
private slots:
    void detectsHtml()
    {
        QVERIFY(HtmlText::looksLikeHtml(u"<!DOCTYPE html><html><body>x</body></html>"));
        QVERIFY(HtmlText::looksLikeHtml(u"  <div class=a>story</div>"));
        QVERIFY(!HtmlText::looksLikeHtml(u"By ANI | Updated: July 18, 2022 03:00 IST\nText < 5 and > 3"));
    }

    void dropsScriptsStylesAndNavigation()
    {
        const HtmlText h
            = HtmlText::extract(u"<html><head><title>T | Site</title><style>p{color:red}</style>"
                                u"<script>if (a < b) { document.write('<p>Russia</p>'); }</script></head>"
                                u"<body><nav><a href=x>France</a><nav>Brazil</nav>Chile</nav><p>Story one.</p>"
                                u"<aside>Spain</aside><footer>Peru</footer><p>Story two.</p></body></html>");
        QCOMPARE(h.title, QStringLiteral("T | Site"));
        for (const char *hidden : { "Russia", "France", "Brazil", "Chile", "Spain", "Peru", "color" })
            QVERIFY2(!h.text.contains(QLatin1StringView(hidden)), hidden);
        QVERIFY(h.text.contains(QStringLiteral("Story one.\nStory two.")));
    }

    void readsMetadata()
    {
        const HtmlText h = HtmlText::extract(
            u"<meta property=\"og:site_name\" content=\"The &amp; Times\">"
            u"<meta property='og:title' content='A &lsquo;title&rsquo;'>"
            u"<meta name=date content=2020-10-13>"
            u"<link rel=\"canonical\" href=\"https://example.org/a\">"
            u"<h1>Head<b>line</b></h1><h1>Second</h1><p>Body &#8212; &#x41;&nbsp;&bogus; &#0; &#xD800;</p>");
        QCOMPARE(h.siteName, QStringLiteral("The & Times"));
        QCOMPARE(h.ogTitle, QStringLiteral("A \u2018title\u2019"));
        QCOMPARE(h.published, QStringLiteral("2020-10-13"));
        QCOMPARE(h.url, QStringLiteral("https://example.org/a"));
        QCOMPARE(h.headline, QStringLiteral("Headline"));
        QVERIFY(h.text.contains(QStringLiteral("Body \u2014 A &bogus; &#0; &#xD800;")));
    }

    void brokenMarkupEndsCleanly()
    {
        QCOMPARE(
            HtmlText::extract(u"<p>text <unclosed attr='x").text.trimmed(), QStringLiteral("text <unclosed attr='x"));
        QCOMPARE(HtmlText::extract(u"<p>a <!-- never closed").text.trimmed(), QStringLiteral("a"));
        QCOMPARE(HtmlText::extract(u"<p>a < b</p>").text.trimmed(), QStringLiteral("a < b"));
        QCOMPARE(HtmlText::extract(u"<script>never closed <p>x</p>").text.trimmed(), QString());
    }

    void deepNestingIsLinear()
    {
        QString html;
        for (int i = 0; i < 20000; ++i)
            html += QStringLiteral("<nav><div>");
        html += QStringLiteral("hidden");
        for (int i = 0; i < 20000; ++i)
            html += QStringLiteral("</div></nav>");
        html += QStringLiteral("<p>shown</p>");
        const HtmlText h = HtmlText::extract(html);
        QVERIFY(!h.text.contains(QStringLiteral("hidden")));
        QVERIFY(h.text.contains(QStringLiteral("shown")));
    }
};

QTEST_GUILESS_MAIN(TestHtmlText)
#include "tst_htmltext.moc"
