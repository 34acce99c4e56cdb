// The detail pane's document (RecordHtml::toHtml) for an incident made of arbitrary strings, with
// arbitrary search terms. The document is loaded into a QTextDocument, as the pane loads it, and
// must show every data string as text, never as markup, with its bidi controls made visible;
// its only links are the sources' http(s) addresses that RecordHtml::isOpenable accepts.
//
// Input: an 8-byte header (missing bytes read as 0), then fields separated by the byte 0x1F:
//   header: flags (bit 0: fields are UTF-16LE, else UTF-8; bits 1-2: start precision; bit 3: an
//           end date; bit 4: a disclosure date; bit 5: an attribution date), type, attribution,
//           sectors (two bytes, little endian), year (1900 + byte), month, day
//   fields: title, summary, actor, tags (one a line), victims (comma-separated codes), attackers,
//           related ids, id, provenance file, provenance dataset, search terms (one a line), then
//           up to 16 sources as publisher, title, date, url.
#include "domain/countries.h"
#include "domain/displaytext.h"
#include "domain/recordhtml.h"
#include "fuzzsupport.h"

#include <QAbstractTextDocumentLayout>
#include <QSet>
#include <QTextBlock>
#include <QTextDocument>
#include <QTextFrame>
#include <QUrl>
#include <optional>

namespace {
QString decode(const QByteArray &bytes, bool utf16)
{
    if (!utf16)
        return QString::fromUtf8(bytes);
    QString out;
    out.reserve(bytes.size() / 2);
    for (qsizetype i = 0; i + 1 < bytes.size(); i += 2)
        out += QChar(char16_t(uchar(bytes.at(i)) | uchar(bytes.at(i + 1)) << 8));
    return out;
}

struct Input
{
    Incident incident;
    QStringList terms;
};

PartialDate date(int year, int month, int day, int precision)
{
    switch (precision % 3) {
    case 0:
        return PartialDate::day(year, month, day);
    case 1:
        return PartialDate::month(year, month);
    }
    return PartialDate::year(year);
}

Input parse(const QByteArray &data)
{
    QByteArray header = data.left(8);
    header.append(QByteArray(8 - header.size(), '\0'));
    const auto h = [&](int i) { return int(uchar(header.at(i))); };
    const int flags = h(0);
    const bool utf16 = flags & 1;
    const QList<QByteArray> raw = data.mid(8).split('\x1f');
    const auto field = [&](qsizetype i) { return i < raw.size() ? decode(raw.at(i), utf16) : QString(); };
    const auto list = [&](qsizetype i, QChar separator) {
        const QString value = field(i);
        return value.isEmpty() ? QStringList() : value.split(separator);
    };

    Input in;
    Incident &r = in.incident;
    const int year = 1900 + h(5), month = 1 + h(6) % 12, day = 1 + h(7) % 28;
    r.start = date(year, month, day, (flags >> 1) & 3);
    if (flags & 8)
        r.end = date(year + 1, month, day, h(7));
    if (flags & 16)
        r.disclosed = PartialDate::day(year + 2, month, day);
    if (flags & 32)
        r.attributedOn = PartialDate::month(year + 2, month);
    r.type = IncidentType(h(1) % IncidentTypeCount);
    r.attribution = Attribution(h(2) % AttributionCount);
    r.sectors = SectorMask(h(3) | h(4) << 8);
    r.title = field(0);
    r.summary = field(1);
    r.actor = field(2);
    r.tags = list(3, u'\n');
    r.victims = list(4, u',');
    r.attackers = list(5, u',');
    r.related = list(6, u',');
    r.id = field(7);
    r.provenance.file = field(8);
    r.provenance.dataset = field(9);
    in.terms = list(10, u'\n');
    for (qsizetype i = 11; i < raw.size() && r.sources.size() < 16; i += 4)
        r.sources.append({ field(i + 3), field(i + 1), field(i), field(i + 2) });
    return in;
}

// Text as compared: without whitespace and the characters QTextDocument turns into line breaks
// (table cells, paragraphs and <br> lay the document out in lines the data does not have).
QString comparable(const QString &text)
{
    QString out;
    out.reserve(text.size());
    for (const QChar c : text) {
        if (!c.isSpace() && c.unicode() != 0xFDD0 && c.unicode() != 0xFDD1)
            out += c;
    }
    return out;
}

// The address the document links to for `url`, or none when the source shows it as grey text.
std::optional<QString> linkFor(const QString &url)
{
    if (url.isEmpty())
        return std::nullopt;
    const QUrl parsed(url, QUrl::StrictMode);
    if (!RecordHtml::isOpenable(parsed))
        return std::nullopt;
    return QString::fromUtf8(parsed.toEncoded());
}

// Every string of the record the document shows, as the reader sees it.
QStringList shownStrings(const Input &in)
{
    const Incident &r = in.incident;
    QStringList shown;
    const auto isolated = [&](const QString &value) { shown << DisplayText::isolated(value); };
    if (!in.terms.isEmpty())
        isolated(r.title);
    isolated(r.summary);
    if (!r.actor.isEmpty())
        isolated(r.actor);
    if (!r.tags.isEmpty())
        isolated(r.tags.join(QStringLiteral(", ")));
    if (!r.related.isEmpty())
        isolated(r.related.join(QStringLiteral(", ")));
    for (const QString &code : r.victims + r.attackers)
        isolated(Countries::instance().name(code));
    isolated(r.id);
    isolated(r.provenance.file.isEmpty() ? r.provenance.dataset : r.provenance.file);
    for (const Source &s : r.sources) {
        isolated(s.publisher);
        isolated(s.title);
        if (!s.date.isEmpty())
            isolated(s.date);
        if (linkFor(s.url)) {
            const QUrl url(s.url, QUrl::StrictMode);
            shown << DisplayText::url(url.toDisplayString(QUrl::EncodeUnicode | QUrl::RemoveUserInfo));
        } else if (!s.url.isEmpty()) {
            shown << DisplayText::url(s.url);
        }
    }
    return shown;
}

void checkLinks(const QTextDocument &doc, const Input &in)
{
    QSet<QString> expected;
    for (const Source &s : in.incident.sources) {
        if (const auto link = linkFor(s.url))
            expected.insert(*link);
    }
    QSet<QString> found;
    for (QTextBlock block = doc.begin(); block.isValid(); block = block.next()) {
        for (auto it = block.begin(); !it.atEnd(); ++it) {
            const QTextCharFormat format = it.fragment().charFormat();
            if (format.isImageFormat())
                qFatal("fuzz: the document holds an image");
            if (!format.isAnchor())
                continue;
            const QString href = format.anchorHref();
            if (!format.anchorNames().isEmpty())
                qFatal("fuzz: the document holds a named anchor");
            if (href.isEmpty())
                continue;
            const QUrl url(href);
            const QString scheme = url.scheme().toLower();
            if (!RecordHtml::isOpenable(url) || (scheme != u"http" && scheme != u"https"))
                qFatal("fuzz: the document links to %s, which is not an openable http(s) address", qPrintable(href));
            if (!expected.contains(href))
                qFatal("fuzz: the document links to %s, which no source's address gives", qPrintable(href));
            found.insert(href);
        }
    }
    if (found != expected)
        qFatal("fuzz: %lld of %lld openable source addresses are links", qlonglong(found.size()),
            qlonglong(expected.size()));
}

void checkText(const QTextDocument &doc, const Input &in)
{
    const QString plain = doc.toPlainText();
    const QString text = comparable(plain);
    for (const QString &shown : shownStrings(in)) {
        if (!text.contains(comparable(shown)))
            qFatal("fuzz: the document does not show %s as text", qPrintable(shown.left(200)));
    }
    // The only bidi controls left are the isolates (FSI ... PDI) around data strings, nested
    // properly; the data's own embeddings, overrides and isolates show as [U+XXXX].
    int depth = 0;
    for (const QChar c : plain) {
        const char16_t u = c.unicode();
        if ((u >= 0x202A && u <= 0x202E) || u == 0x2066 || u == 0x2067)
            qFatal("fuzz: the bidi control U+%04X from the data reached the document", unsigned(u));
        if (u == 0x2068)
            ++depth;
        if (u == 0x2069 && --depth < 0)
            qFatal("fuzz: a pop directional isolate without its isolate");
    }
    if (depth != 0)
        qFatal("fuzz: %d directional isolates are not closed", depth);
}
} // namespace

// Fontconfig, which lays the document out through the offscreen platform, keeps what it reads
// for the life of the process; LeakSanitizer (libFuzzer's leak check, ./dev test --sanitize)
// would report it at exit as this harness's leak. Nothing of Faultline's own is suppressed (the
// same rule as tests/sanitizers/lsan.supp, which the fuzzers are not run with).
extern "C" const char *__lsan_default_suppressions()
{
    return "leak:libfontconfig.so\n";
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    FuzzSupport::ensureGuiApplication();
    const Input in = parse(FuzzSupport::bytes(data, size));
    const QString html = RecordHtml::toHtml(in.incident, in.terms);
    QTextDocument doc;
    doc.setHtml(html);
    // The data can add no table, frame or image of its own: the record's fields are one table.
    if (doc.rootFrame()->childFrames().size() != 1)
        qFatal(
            "fuzz: the document has %lld frames, not the one table", qlonglong(doc.rootFrame()->childFrames().size()));
    checkLinks(doc, in);
    checkText(doc, in);
    // Laid out as the pane lays it out, narrow enough to wrap.
    doc.setTextWidth(240);
    doc.documentLayout()->documentSize();
    return 0;
}
