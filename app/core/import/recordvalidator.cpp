#include "import/recordvalidator.h"

#include "domain/countries.h"

#include <QCoreApplication>
#include <QCryptographicHash>
#include <QFileInfo>

namespace {
QString tr(const char *text)
{
    return QCoreApplication::translate("RecordValidator", text);
}
} // namespace

RecordValidator::RecordValidator(const QString &fileName, const QString &dataset)
    : m_file(fileName)
    , m_dataset(dataset)
{ }

QStringList RecordValidator::fieldNames()
{
    return { QStringLiteral("id"), QStringLiteral("title"), QStringLiteral("start"), QStringLiteral("end"),
        QStringLiteral("victims"), QStringLiteral("attackers"), QStringLiteral("attribution"), QStringLiteral("actor"),
        QStringLiteral("type"), QStringLiteral("sectors"), QStringLiteral("disclosed"), QStringLiteral("attributed_on"),
        QStringLiteral("summary"), QStringLiteral("sources"), QStringLiteral("tags"), QStringLiteral("related"),
        QStringLiteral("notes") };
}

QString RecordValidator::derivedId(const QString &title, const QString &start, const QStringList &victims)
{
    const QByteArray key = (title.trimmed() + u'\x1f' + start.trimmed() + u'\x1f' + victims.join(u',')).toUtf8();
    return QStringLiteral("h-")
        + QString::fromLatin1(QCryptographicHash::hash(key, QCryptographicHash::Sha1).toHex().left(16));
}

namespace {
// The validation of one record: each step reads some fields into `r` and reports problems.
class RecordCheck
{
public:
    RecordCheck(const RawRecord &raw, const QString &file, Diagnostics &diagnostics)
        : m_raw(raw)
        , m_file(file)
        , m_diagnostics(diagnostics)
    { }

    bool ok() const { return m_ok; }
    QString text(const char *field) const { return m_raw.text.value(QString::fromLatin1(field)).trimmed(); }

    void limits()
    {
        for (auto it = m_raw.text.cbegin(); it != m_raw.text.cend(); ++it) {
            if (it->size() > RecordValidator::s_maxFieldLength)
                error(it.key(),
                    tr("%1 characters; expected at most %2").arg(it->size()).arg(RecordValidator::s_maxFieldLength));
            if (it->contains(QChar(u'\0')))
                error(it.key(), tr("contains a NUL character"));
        }
    }

    void titleAndDates(Incident &r)
    {
        r.title = text("title");
        if (r.title.isEmpty())
            error(QStringLiteral("title"), tr("missing; expected a one-line title"));
        r.title.replace(u'\n', u' ');
        QString why;
        const QString startText = text("start");
        r.start = PartialDate::parse(startText, &why);
        if (!r.start.isValid())
            error(QStringLiteral("start"),
                startText.isEmpty() ? tr("missing; expected YYYY, YYYY-MM or YYYY-MM-DD") : why);
        optionalDate("end", r.end);
        optionalDate("disclosed", r.disclosed);
        optionalDate("attributed_on", r.attributedOn);
        if (r.start.isValid() && r.end.isValid() && r.end.lastDay() < r.start.firstDay())
            error(QStringLiteral("end"), tr("%1 is before start %2").arg(r.end.toString(), r.start.toString()));
    }

    // Codes or names resolved to alpha-2 codes, each once, in the order given.
    void countries(const char *field, QStringList &target, bool required)
    {
        for (const QString &value : m_raw.lists.value(QString::fromLatin1(field))) {
            if (value.trimmed().isEmpty())
                continue;
            const auto code = Countries::instance().resolve(value);
            if (!code) {
                error(QString::fromLatin1(field),
                    tr("unknown country \"%1\"; expected an ISO 3166-1 code or country name").arg(value.trimmed()));
                continue;
            }
            if (!target.contains(*code))
                target.append(*code);
        }
        if (required && target.isEmpty() && m_ok)
            error(QString::fromLatin1(field), tr("missing; expected at least one country (XX when unknown)"));
    }

    void type(Incident &r)
    {
        const QString typeText = text("type");
        if (const auto type = Vocabulary::typeFromKey(typeText); type && !typeText.isEmpty()) {
            r.type = *type;
            return;
        }
        const QString expected = Vocabulary::allTypeKeys().join(QStringLiteral(", ")); // for the message
        if (typeText.isEmpty())
            error(QStringLiteral("type"), tr("missing; expected one of %1").arg(expected));
        else if (const auto type = Vocabulary::typeFromKey(typeText))
            r.type = *type;
        else
            error(QStringLiteral("type"), tr("unknown type \"%1\"; expected one of %2").arg(typeText, expected));
    }

    // Named attackers need an attribution that says who named them.
    void attribution(Incident &r)
    {
        const QString attributionText = text("attribution");
        if (!attributionText.isEmpty()) {
            if (const auto a = Vocabulary::attributionFromKey(attributionText))
                r.attribution = *a;
            else
                error(QStringLiteral("attribution"),
                    tr("unknown value \"%1\"; expected one of %2")
                        .arg(attributionText, Vocabulary::allAttributionKeys().join(QStringLiteral(", "))));
        }
        if (!r.attackers.isEmpty() && r.attribution == Attribution::None && !attributionText.isEmpty()
            && Vocabulary::attributionFromKey(attributionText))
            error(QStringLiteral("attribution"),
                tr("attackers are named but attribution is none; expected official, vendor, claimed or suspected"));
        if (!r.attackers.isEmpty() && attributionText.isEmpty())
            error(QStringLiteral("attribution"),
                tr("missing while attackers are named; expected official, vendor, claimed or suspected"));
    }

    void sectors(Incident &r)
    {
        for (const QString &value : m_raw.lists.value(QStringLiteral("sectors"))) {
            if (value.trimmed().isEmpty())
                continue;
            if (const auto s = Vocabulary::sectorFromKey(value.trimmed()))
                r.sectors |= sectorBit(*s);
            else
                error(QStringLiteral("sectors"),
                    tr("unknown sector \"%1\"; expected some of %2")
                        .arg(value.trimmed(), Vocabulary::allSectorKeys().join(QStringLiteral(", "))));
        }
    }

    // Free text, tags, related ids and sources; empty values and repeats are dropped.
    void rest(Incident &r)
    {
        r.actor = text("actor");
        r.summary = m_raw.text.value(QStringLiteral("summary")).trimmed();
        r.notes = m_raw.text.value(QStringLiteral("notes"));
        for (const QString &list : { QStringLiteral("tags"), QStringLiteral("related") }) {
            QStringList &target = list == u"tags" ? r.tags : r.related;
            for (const QString &value : m_raw.lists.value(list)) {
                const QString v = value.trimmed();
                if (v.contains(u';'))
                    error(list, tr("\"%1\" contains \";\", which separates values").arg(v));
                else if (!v.isEmpty() && !target.contains(v))
                    target.append(v);
            }
        }
        for (const Source &s : m_raw.sources) {
            if (s.url.trimmed().isEmpty() && s.title.trimmed().isEmpty() && s.publisher.trimmed().isEmpty())
                continue;
            r.sources.append({ s.url.trimmed(), s.title.trimmed(), s.publisher.trimmed(), s.date.trimmed() });
        }
    }

    // The record's id, or one derived from its content when the file gives none.
    void id(Incident &r)
    {
        r.id = text("id");
        if (r.id.isEmpty() && m_ok)
            r.id = RecordValidator::derivedId(r.title, r.start.toString(), r.victims);
        if (r.id.contains(u';') || r.id.contains(u'\n'))
            error(QStringLiteral("id"), tr("\"%1\" contains a separator or a line break").arg(r.id));
    }

private:
    void error(const QString &field, const QString &reason)
    {
        m_diagnostics.append({ m_file, m_raw.line, field, reason, Diagnostic::Severity::Error, {} });
        m_ok = false;
    }
    void optionalDate(const char *field, PartialDate &target)
    {
        const QString value = text(field);
        if (value.isEmpty())
            return;
        QString why;
        target = PartialDate::parse(value, &why);
        if (!target.isValid())
            error(QString::fromLatin1(field), why);
    }

    const RawRecord &m_raw;
    const QString &m_file;
    Diagnostics &m_diagnostics;
    bool m_ok = true;
};
} // namespace

std::optional<Incident> RecordValidator::read(const RawRecord &raw, Diagnostics &diagnostics) const
{
    const qsizetype before = diagnostics.size();
    RecordCheck check(raw, m_file, diagnostics);
    Incident r;
    check.limits();
    check.titleAndDates(r);
    check.countries("victims", r.victims, true);
    check.countries("attackers", r.attackers, false);
    check.type(r);
    check.attribution(r);
    check.sectors(r);
    check.rest(r);
    check.id(r);
    r.provenance = { m_dataset, QFileInfo(m_file).fileName(), check.text("id") };
    for (qsizetype i = before; i < diagnostics.size(); ++i)
        diagnostics[i].recordId = r.id;
    if (!check.ok())
        return std::nullopt;
    return r;
}
