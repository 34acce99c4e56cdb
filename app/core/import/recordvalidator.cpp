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

std::optional<Incident> RecordValidator::read(const RawRecord &raw, Diagnostics &diagnostics) const
{
    Incident r;
    bool ok = true;
    const qsizetype before = diagnostics.size();
    auto error = [&](const QString &field, const QString &reason) {
        diagnostics.append({ m_file, raw.line, field, reason, Diagnostic::Severity::Error, {} });
        ok = false;
    };
    auto text = [&](const char *field) { return raw.text.value(QString::fromLatin1(field)).trimmed(); };

    for (auto it = raw.text.cbegin(); it != raw.text.cend(); ++it) {
        if (it->size() > s_maxFieldLength)
            error(it.key(), tr("%1 characters; expected at most %2").arg(it->size()).arg(s_maxFieldLength));
        if (it->contains(QChar(u'\0')))
            error(it.key(), tr("contains a NUL character"));
    }

    r.title = text("title");
    if (r.title.isEmpty())
        error(QStringLiteral("title"), tr("missing; expected a one-line title"));
    r.title.replace(u'\n', u' ');

    QString why;
    const QString startText = text("start");
    r.start = PartialDate::parse(startText, &why);
    if (!r.start.isValid())
        error(QStringLiteral("start"), startText.isEmpty() ? tr("missing; expected YYYY, YYYY-MM or YYYY-MM-DD") : why);
    const auto optionalDate = [&](const char *field, PartialDate &target) {
        const QString value = text(field);
        if (value.isEmpty())
            return;
        target = PartialDate::parse(value, &why);
        if (!target.isValid())
            error(QString::fromLatin1(field), why);
    };
    optionalDate("end", r.end);
    optionalDate("disclosed", r.disclosed);
    optionalDate("attributed_on", r.attributedOn);
    if (r.start.isValid() && r.end.isValid() && r.end.lastDay() < r.start.firstDay())
        error(QStringLiteral("end"), tr("%1 is before start %2").arg(r.end.toString(), r.start.toString()));

    const auto countries = [&](const char *field, QStringList &target, bool required) {
        const QStringList values = raw.lists.value(QString::fromLatin1(field));
        for (const QString &value : values) {
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
        if (required && target.isEmpty() && ok)
            error(QString::fromLatin1(field), tr("missing; expected at least one country (XX when unknown)"));
    };
    countries("victims", r.victims, true);
    countries("attackers", r.attackers, false);

    const QString typeText = text("type");
    if (typeText.isEmpty()) {
        error(QStringLiteral("type"),
            tr("missing; expected one of %1").arg(Vocabulary::allTypeKeys().join(QStringLiteral(", "))));
    } else if (const auto type = Vocabulary::typeFromKey(typeText)) {
        r.type = *type;
    } else {
        error(QStringLiteral("type"),
            tr("unknown type \"%1\"; expected one of %2")
                .arg(typeText, Vocabulary::allTypeKeys().join(QStringLiteral(", "))));
    }

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

    for (const QString &value : raw.lists.value(QStringLiteral("sectors"))) {
        if (value.trimmed().isEmpty())
            continue;
        if (const auto s = Vocabulary::sectorFromKey(value.trimmed()))
            r.sectors |= sectorBit(*s);
        else
            error(QStringLiteral("sectors"),
                tr("unknown sector \"%1\"; expected some of %2")
                    .arg(value.trimmed(), Vocabulary::allSectorKeys().join(QStringLiteral(", "))));
    }

    r.actor = text("actor");
    r.summary = raw.text.value(QStringLiteral("summary")).trimmed();
    r.notes = raw.text.value(QStringLiteral("notes"));
    for (const QString &list : { QStringLiteral("tags"), QStringLiteral("related") }) {
        QStringList &target = list == u"tags" ? r.tags : r.related;
        for (const QString &value : raw.lists.value(list)) {
            const QString v = value.trimmed();
            if (v.contains(u';'))
                error(list, tr("\"%1\" contains \";\", which separates values").arg(v));
            else if (!v.isEmpty() && !target.contains(v))
                target.append(v);
        }
    }
    for (const Source &s : raw.sources) {
        if (s.url.trimmed().isEmpty() && s.title.trimmed().isEmpty() && s.publisher.trimmed().isEmpty())
            continue;
        r.sources.append({ s.url.trimmed(), s.title.trimmed(), s.publisher.trimmed(), s.date.trimmed() });
    }

    r.id = text("id");
    if (r.id.isEmpty() && ok)
        r.id = derivedId(r.title, r.start.toString(), r.victims);
    if (r.id.contains(u';') || r.id.contains(u'\n'))
        error(QStringLiteral("id"), tr("\"%1\" contains a separator or a line break").arg(r.id));
    r.provenance = { m_dataset, QFileInfo(m_file).fileName(), text("id") };

    for (qsizetype i = before; i < diagnostics.size(); ++i)
        diagnostics[i].recordId = r.id;
    if (!ok)
        return std::nullopt;
    return r;
}
