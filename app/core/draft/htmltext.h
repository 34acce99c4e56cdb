#pragma once

#include <QString>
#include <QStringView>

// The text of an HTML page as saved from a browser, read without rendering it: nothing is
// fetched, loaded or run. One linear pass over the markup: the contents of script, style,
// noscript, template, svg, iframe, nav, aside, footer, form, button and select are dropped; block
// elements and <br> end lines; character references are decoded (the named ones news pages use,
// and numeric ones); every other tag is removed. The page's own description of the story is
// kept from its <title>, first <h1>, first <time datetime>, and the <meta> tags og:site_name,
// og:title, og:url, article:published_time (and name="date", "pubdate", "publish-date").
struct HtmlText
{
    QString text; // lines separated by '\n'
    QString title; // <title>
    QString headline; // first <h1>
    QString ogTitle;
    QString siteName;
    QString published; // as written: usually ISO 8601
    QString url; // og:url or <link rel="canonical">

    static bool looksLikeHtml(QStringView input);
    static HtmlText extract(QStringView html);
    // Decodes character references in plain text ("&amp;" -> "&"); unknown ones stay as written.
    static QString decodeEntities(QStringView text);
};
