#include "draft/htmltext.h"

#include <QHash>
#include <QStringList>

namespace {
const QStringList s_dropped
    = { QStringLiteral("script"), QStringLiteral("style"), QStringLiteral("noscript"), QStringLiteral("template"),
          QStringLiteral("svg"), QStringLiteral("iframe"), QStringLiteral("nav"), QStringLiteral("aside"),
          QStringLiteral("footer"), QStringLiteral("form"), QStringLiteral("button"), QStringLiteral("select") };
const QStringList s_rawText = { QStringLiteral("script"), QStringLiteral("style"), QStringLiteral("textarea") };
const QStringList s_blocks
    = { QStringLiteral("p"), QStringLiteral("div"), QStringLiteral("br"), QStringLiteral("li"), QStringLiteral("ul"),
          QStringLiteral("ol"), QStringLiteral("h1"), QStringLiteral("h2"), QStringLiteral("h3"), QStringLiteral("h4"),
          QStringLiteral("h5"), QStringLiteral("h6"), QStringLiteral("tr"), QStringLiteral("td"), QStringLiteral("th"),
          QStringLiteral("table"), QStringLiteral("section"), QStringLiteral("article"), QStringLiteral("header"),
          QStringLiteral("main"), QStringLiteral("blockquote"), QStringLiteral("figure"), QStringLiteral("figcaption"),
          QStringLiteral("hr"), QStringLiteral("pre"), QStringLiteral("dd"), QStringLiteral("dt"), QStringLiteral("dl"),
          QStringLiteral("address"), QStringLiteral("title"), QStringLiteral("time"), QStringLiteral("body") };
constexpr int s_maxDroppedDepth = 256;
constexpr qsizetype s_maxAttributeText = 4096;

const QHash<QString, QString> &namedEntities()
{
    static const QHash<QString, QString> s_entities = {
        { QStringLiteral("amp"), QStringLiteral("&") },
        { QStringLiteral("lt"), QStringLiteral("<") },
        { QStringLiteral("gt"), QStringLiteral(">") },
        { QStringLiteral("quot"), QStringLiteral("\"") },
        { QStringLiteral("apos"), QStringLiteral("'") },
        { QStringLiteral("nbsp"), QStringLiteral(" ") },
        { QStringLiteral("ndash"), QString(QChar(0x2013)) },
        { QStringLiteral("mdash"), QString(QChar(0x2014)) },
        { QStringLiteral("lsquo"), QString(QChar(0x2018)) },
        { QStringLiteral("rsquo"), QString(QChar(0x2019)) },
        { QStringLiteral("ldquo"), QString(QChar(0x201C)) },
        { QStringLiteral("rdquo"), QString(QChar(0x201D)) },
        { QStringLiteral("hellip"), QString(QChar(0x2026)) },
        { QStringLiteral("middot"), QString(QChar(0x00B7)) },
        { QStringLiteral("bull"), QString(QChar(0x2022)) },
        { QStringLiteral("copy"), QString(QChar(0x00A9)) },
        { QStringLiteral("eacute"), QString(QChar(0x00E9)) },
        { QStringLiteral("euml"), QString(QChar(0x00EB)) },
        { QStringLiteral("uuml"), QString(QChar(0x00FC)) },
        { QStringLiteral("ouml"), QString(QChar(0x00F6)) },
        { QStringLiteral("auml"), QString(QChar(0x00E4)) },
        { QStringLiteral("ccedil"), QString(QChar(0x00E7)) },
    };
    return s_entities;
}

// The character a reference stands for, or an empty string; `length` is the reference's size.
QString entityAt(QStringView text, qsizetype at, qsizetype &length)
{
    const qsizetype semicolon = text.mid(at, 12).indexOf(u';');
    if (semicolon < 2)
        return {};
    const QStringView name = text.mid(at + 1, semicolon - 1);
    length = semicolon + 1;
    if (name.startsWith(u'#')) {
        bool ok = false;
        const bool hex = name.size() > 1 && (name[1] == u'x' || name[1] == u'X');
        const uint code = name.mid(hex ? 2 : 1).toUInt(&ok, hex ? 16 : 10);
        if (!ok || code == 0 || code > 0x10FFFF || (code >= 0xD800 && code <= 0xDFFF))
            return {};
        const char32_t c = code;
        return QString::fromUcs4(&c, 1);
    }
    return namedEntities().value(name.toString().toLower());
}

struct Tag
{
    QString name; // lower case
    bool closing = false;
    bool selfClosing = false;
    QStringView attributes;
};

// Parses the tag that starts at `at` ('<'); returns the index after its '>', -1 when the '<'
// does not open a tag, and -2 when no '>' follows anywhere (so nothing after it is a tag).
qsizetype readTag(QStringView html, qsizetype at, Tag &tag)
{
    qsizetype i = at + 1;
    tag.closing = i < html.size() && html[i] == u'/';
    if (tag.closing)
        ++i;
    const qsizetype nameStart = i;
    while (i < html.size() && (html[i].isLetterOrNumber() || html[i] == u'-' || html[i] == u':'))
        ++i;
    if (i == nameStart)
        return -1;
    tag.name = html.mid(nameStart, i - nameStart).toString().toLower();
    const qsizetype close = html.indexOf(u'>', i);
    if (close < 0)
        return -2;
    tag.attributes = html.mid(i, close - i);
    tag.selfClosing = tag.attributes.endsWith(u'/');
    return close + 1;
}

QString attribute(QStringView attributes, QStringView name)
{
    qsizetype from = 0;
    while (true) {
        const qsizetype at = attributes.indexOf(name, from, Qt::CaseInsensitive);
        if (at < 0)
            return {};
        from = at + name.size();
        const bool startsWord = at == 0 || attributes[at - 1].isSpace();
        qsizetype i = from;
        while (i < attributes.size() && attributes[i].isSpace())
            ++i;
        if (!startsWord || i >= attributes.size() || attributes[i] != u'=')
            continue;
        ++i;
        while (i < attributes.size() && attributes[i].isSpace())
            ++i;
        if (i >= attributes.size())
            return {};
        const QChar quote = attributes[i];
        qsizetype end;
        if (quote == u'"' || quote == u'\'') {
            ++i;
            end = attributes.indexOf(quote, i);
            if (end < 0)
                end = attributes.size();
        } else {
            end = i;
            while (end < attributes.size() && !attributes[end].isSpace())
                ++end;
        }
        return HtmlText::decodeEntities(attributes.mid(i, std::min(end - i, s_maxAttributeText))).trimmed();
    }
}

class Extractor
{
public:
    explicit Extractor(QStringView html)
        : m_html(html)
    { }
    HtmlText run();

private:
    void onTag(const Tag &tag, qsizetype &next);
    void onMeta(QStringView attributes);
    void appendText(QStringView text);

    QStringView m_html;
    HtmlText m_out;
    int m_dropped = 0; // depth inside dropped elements
    bool m_inTitle = false, m_inH1 = false, m_haveH1 = false;
};

HtmlText Extractor::run()
{
    qsizetype i = 0;
    const qsizetype n = m_html.size();
    while (i < n) {
        const qsizetype lt = m_html.indexOf(u'<', i);
        const qsizetype textEnd = lt < 0 ? n : lt;
        if (textEnd > i)
            appendText(m_html.mid(i, textEnd - i));
        if (lt < 0)
            break;
        if (m_html.mid(lt, 4) == u"<!--") {
            const qsizetype end = m_html.indexOf(u"-->", lt + 4);
            i = end < 0 ? n : end + 3;
            continue;
        }
        if (m_html.mid(lt, 2) == u"<!" || m_html.mid(lt, 2) == u"<?") {
            const qsizetype end = m_html.indexOf(u'>', lt);
            i = end < 0 ? n : end + 1;
            continue;
        }
        Tag tag;
        qsizetype next = readTag(m_html, lt, tag);
        if (next == -2) {
            appendText(m_html.mid(lt));
            break;
        }
        if (next < 0) {
            appendText(m_html.mid(lt, 1));
            i = lt + 1;
            continue;
        }
        onTag(tag, next);
        i = next;
    }
    m_out.title = m_out.title.simplified();
    m_out.headline = m_out.headline.simplified();
    return m_out;
}

void Extractor::onTag(const Tag &tag, qsizetype &next)
{
    if (!tag.closing && s_rawText.contains(tag.name)) {
        // Raw text: nothing inside is markup; skip to the closing tag.
        const qsizetype end = m_html.indexOf(QString(u"</" + tag.name), next, Qt::CaseInsensitive);
        next = end < 0 ? m_html.size() : end;
        return;
    }
    if (s_dropped.contains(tag.name) && !tag.selfClosing) {
        m_dropped = tag.closing ? std::max(0, m_dropped - 1) : std::min(s_maxDroppedDepth, m_dropped + 1);
        return;
    }
    if (tag.name == u"meta")
        onMeta(tag.attributes);
    else if (tag.name == u"link" && attribute(tag.attributes, u"rel").toLower() == u"canonical" && m_out.url.isEmpty())
        m_out.url = attribute(tag.attributes, u"href");
    else if (tag.name == u"time" && !tag.closing && m_out.published.isEmpty())
        m_out.published = attribute(tag.attributes, u"datetime");
    else if (tag.name == u"title")
        m_inTitle = !tag.closing;
    else if (tag.name == u"h1") {
        if (tag.closing && m_inH1)
            m_haveH1 = true;
        m_inH1 = !tag.closing && !m_haveH1 && m_dropped == 0;
    }
    if (s_blocks.contains(tag.name) && !m_out.text.endsWith(u'\n'))
        m_out.text.append(u'\n');
}

void Extractor::onMeta(QStringView attributes)
{
    QString key = attribute(attributes, u"property").toLower();
    if (key.isEmpty())
        key = attribute(attributes, u"name").toLower();
    if (key.isEmpty())
        key = attribute(attributes, u"itemprop").toLower();
    const QString content = attribute(attributes, u"content");
    if (content.isEmpty())
        return;
    auto setOnce = [&](QString &field) {
        if (field.isEmpty())
            field = content;
    };
    if (key == u"og:site_name")
        setOnce(m_out.siteName);
    else if (key == u"og:title")
        setOnce(m_out.ogTitle);
    else if (key == u"og:url")
        setOnce(m_out.url);
    else if (key == u"article:published_time" || key == u"datepublished" || key == u"date" || key == u"pubdate"
        || key == u"publish-date")
        setOnce(m_out.published);
}

void Extractor::appendText(QStringView raw)
{
    if (m_dropped > 0)
        return;
    const QString text = HtmlText::decodeEntities(raw);
    if (m_inTitle) {
        m_out.title += text;
        return;
    }
    if (m_inH1)
        m_out.headline += text;
    // Runs of white space inside a line are one space; line breaks come from the markup.
    QString flat = text;
    flat.replace(u'\n', u' ').replace(u'\r', u' ').replace(u'\t', u' ');
    m_out.text += flat;
}
} // namespace

bool HtmlText::looksLikeHtml(QStringView input)
{
    const QStringView head = input.left(4096);
    for (const char *marker :
        { "<!doctype html", "<html", "<head", "<body", "<p>", "<p ", "<div", "<article", "<meta" }) {
        if (head.contains(QLatin1StringView(marker), Qt::CaseInsensitive))
            return true;
    }
    return false;
}

QString HtmlText::decodeEntities(QStringView text)
{
    QString out;
    out.reserve(text.size());
    qsizetype i = 0;
    while (i < text.size()) {
        const qsizetype amp = text.indexOf(u'&', i);
        if (amp < 0) {
            out += text.mid(i);
            break;
        }
        out += text.mid(i, amp - i);
        qsizetype length = 0;
        const QString decoded = entityAt(text, amp, length);
        if (decoded.isEmpty()) {
            out += u'&';
            i = amp + 1;
        } else {
            out += decoded;
            i = amp + length;
        }
    }
    return out;
}

HtmlText HtmlText::extract(QStringView html)
{
    return Extractor(html).run();
}
