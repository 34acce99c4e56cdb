#include "domain/recordhtml.h"

#include "domain/countries.h"
#include "domain/displaytext.h"

#include <QCoreApplication>
#include <QRegularExpression>
#include <QUrl>

namespace {
QString tr(const char *text)
{
    return QCoreApplication::translate("DetailPane", text);
}

// Data strings are isolated (FSI ... PDI) with their bidi controls made visible, so they can
// reorder neither the labels around them nor themselves (DisplayText), and escaped so they
// are text, never markup.
QString text(const QString &value)
{
    return DisplayText::isolated(value).toHtmlEscaped();
}

// `value` with every unpaired surrogate replaced by U+FFFD, same length. PCRE refuses ill-formed
// UTF-16: a pattern holding one does not compile, a subject holding one matches nothing.
QString wellFormed(const QString &value)
{
    QString out = value;
    for (qsizetype i = 0; i < out.size(); ++i) {
        const QChar c = out.at(i);
        if (c.isHighSurrogate() && i + 1 < out.size() && out.at(i + 1).isLowSurrogate())
            ++i;
        else if (c.isSurrogate())
            out[i] = QChar::ReplacementCharacter;
    }
    return out;
}

// Escapes `value` and marks every place where one of `terms` starts a word (what the search
// matched: words, and the last one as a prefix), case-insensitively. Data and terms that are not
// well-formed UTF-16 are matched as if each unpaired surrogate were U+FFFD and shown unchanged.
QString highlighted(const QString &data, const QStringList &terms)
{
    const QString value = DisplayText::withVisibleControls(data);
    if (terms.isEmpty())
        return text(value);
    QString pattern;
    for (const QString &t : terms) {
        if (!t.isEmpty())
            pattern
                += (pattern.isEmpty() ? QString() : QStringLiteral("|")) + QRegularExpression::escape(wellFormed(t));
    }
    if (pattern.isEmpty())
        return text(value);
    const QRegularExpression re(QStringLiteral("\\b(") + pattern + QStringLiteral(")"),
        QRegularExpression::CaseInsensitiveOption | QRegularExpression::UseUnicodePropertiesOption);
    QString html;
    qsizetype at = 0;
    const QString subject = wellFormed(value);
    auto it = re.globalMatch(subject);
    while (it.hasNext()) {
        const QRegularExpressionMatch m = it.next();
        html += value.mid(at, m.capturedStart() - at).toHtmlEscaped();
        html += QStringLiteral("<span style='background-color:#ffe680;color:#000'>")
            + value.mid(m.capturedStart(), m.capturedLength()).toHtmlEscaped() + QStringLiteral("</span>");
        at = m.capturedEnd();
    }
    html += value.mid(at).toHtmlEscaped();
    return QChar(0x2068) + html + QChar(0x2069);
}

// How precisely the dates are known, for both ends when they differ ("18 March 2013 – March
// 2013" is known to the day at its start and to the month at its end).
QString precisionNote(const PartialDate &start, const PartialDate &end)
{
    auto unit = [](Precision p) {
        return p == Precision::Day ? tr("day") : p == Precision::Month ? tr("month") : tr("year");
    };
    if (end.isValid() && end.precision() != start.precision())
        return tr("start known to the %1, end to the %2").arg(unit(start.precision()), unit(end.precision()));
    switch (start.precision()) {
    case Precision::Day:
        return tr("day");
    case Precision::Month:
        return tr("month known, day not");
    case Precision::Year:
        break;
    }
    return tr("year known, month not");
}

// Country names with their codes. A code that is not ISO 3166 (in a document edited by hand) has
// its bidi controls made visible, as every other data string has.
QString countryList(const QStringList &codes)
{
    QStringList names;
    for (const QString &code : codes)
        names << text(Countries::instance().name(code))
                + QStringLiteral(" <span style='color:gray'>(%1)</span>")
                      .arg(DisplayText::withVisibleControls(code).toHtmlEscaped());
    return names.join(QStringLiteral(", "));
}
} // namespace

namespace RecordHtml {
bool isOpenable(const QUrl &url)
{
    const QString scheme = url.scheme().toLower();
    return url.isValid() && (scheme == u"http" || scheme == u"https") && !url.host().isEmpty();
}

QString toHtml(const Incident &r, const QStringList &terms)
{
    QString when = r.start.toDisplayString();
    if (r.end.isValid())
        when += QStringLiteral(" – ") + r.end.toDisplayString();
    QString html = QStringLiteral("<table cellspacing='0' cellpadding='3'>");
    auto row = [&](const QString &label, const QString &valueHtml) {
        if (!valueHtml.isEmpty())
            html += QStringLiteral("<tr><td style='color:gray' valign='top'>%1</td><td>%2</td></tr>")
                        .arg(label.toHtmlEscaped(), valueHtml);
    };
    row(tr("When"),
        text(when) + QStringLiteral(" <span style='color:gray'>(%1)</span>").arg(precisionNote(r.start, r.end)));
    row(tr("Victims"), countryList(r.victims));
    row(tr("Type"), text(Vocabulary::typeLabel(r.type)));
    QStringList sectors;
    for (const QString &key : Vocabulary::sectorKeys(r.sectors))
        sectors << Vocabulary::sectorLabel(*Vocabulary::sectorFromKey(key));
    row(tr("Sectors"), text(sectors.join(QStringLiteral(", "))));
    row(tr("Actor"), r.actor.isEmpty() ? QString() : highlighted(r.actor, terms));
    row(tr("Attributed to"), r.attackers.isEmpty() ? QString() : countryList(r.attackers));
    QString attribution = text(Vocabulary::attributionLabel(r.attribution));
    if (r.attributedOn.isValid())
        attribution += QStringLiteral(", ") + text(r.attributedOn.toDisplayString());
    row(tr("Attribution"), attribution);
    row(tr("Made public"), r.disclosed.isValid() ? text(r.disclosed.toDisplayString()) : QString());
    row(tr("Tags"), highlighted(r.tags.join(QStringLiteral(", ")), terms));
    row(tr("Related"), text(r.related.join(QStringLiteral(", "))));
    html += QStringLiteral("</table>");
    if (!terms.isEmpty())
        html += QStringLiteral("<p><b>%1</b></p>").arg(highlighted(r.title, terms));
    html += QStringLiteral("<p>%1</p>").arg(highlighted(r.summary, terms).replace(u'\n', QStringLiteral("<br>")));
    html += QStringLiteral("<h4>%1</h4><ol>").arg(tr("Sources"));
    for (const Source &s : r.sources) {
        QString item = QStringLiteral("%1, <i>%2</i>").arg(text(s.publisher), text(s.title));
        if (!s.date.isEmpty())
            item += QStringLiteral(", ") + text(s.date);
        if (!s.url.isEmpty()) {
            const QUrl url(s.url, QUrl::StrictMode);
            if (isOpenable(url)) {
                // The link text shows the whole address, punycoded, so a look-alike host shows.
                const QString shown = url.toDisplayString(QUrl::EncodeUnicode | QUrl::RemoveUserInfo);
                // Control and invisible characters in it are shown as [U+XXXX].
                item += QStringLiteral("<br><a href=\"%1\">%2</a>")
                            .arg(QString::fromUtf8(url.toEncoded()).toHtmlEscaped(),
                                DisplayText::url(shown).toHtmlEscaped());
            } else {
                item += QStringLiteral("<br><span style='color:gray'>%1</span>")
                            .arg(DisplayText::url(s.url).toHtmlEscaped());
            }
        }
        html += QStringLiteral("<li>%1</li>").arg(item);
    }
    html += QStringLiteral("</ol>");
    const QString from = r.provenance.file.isEmpty() ? r.provenance.dataset : r.provenance.file;
    html += QStringLiteral("<p style='color:gray'>%1</p>").arg(tr("Record %1 from %2").arg(text(r.id), text(from)));
    return html;
}
} // namespace RecordHtml
