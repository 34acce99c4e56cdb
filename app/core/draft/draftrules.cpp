#include "draft/draftrules.h"

#include "domain/countries.h"
#include "domain/enums.h"

#include <QFile>
#include <QLoggingCategory>

Q_LOGGING_CATEGORY(lcDraftRules, "faultline.draft.rules", QtInfoMsg)

namespace {
const char *const s_files[] = { "classify.tsv", "dates.tsv", "noise.tsv", "places.tsv" };
constexpr qint64 s_maxFileBytes = 4 * 1024 * 1024;
} // namespace

const DraftRules &DraftRules::instance()
{
    static const DraftRules s_rules = load(QStringLiteral(":/data/draft"));
    return s_rules;
}

DraftRules DraftRules::load(const QString &folder)
{
    DraftRules rules;
    for (const char *name : s_files)
        rules.readFile(folder + u'/' + QString::fromLatin1(name));
    for (const QString &problem : std::as_const(rules.m_problems))
        qCWarning(lcDraftRules).noquote() << problem;
    return rules;
}

void DraftRules::readFile(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly | QIODevice::Text)) {
        m_problems.append(QStringLiteral("%1: cannot be read: %2").arg(path, file.errorString()));
        return;
    }
    if (file.size() > s_maxFileBytes) {
        m_problems.append(QStringLiteral("%1: larger than %2 bytes").arg(path).arg(s_maxFileBytes));
        return;
    }
    const QStringList lines = QString::fromUtf8(file.readAll()).split(u'\n');
    for (qsizetype i = 0; i < lines.size(); ++i) {
        const QString line = lines.at(i).trimmed();
        if (line.isEmpty() || line.startsWith(u'#'))
            continue;
        addLine(path, int(i + 1), lines.at(i).split(u'\t'));
    }
}

PhraseSet *DraftRules::setFor(const QString &kind, const QString &value)
{
    const std::pair<const char *, PhraseSet *> byKind[] = { { "type", &types }, { "sector", &sectors },
        { "attribution", &attributions }, { "tag", &tags }, { "month", &months }, { "weekday", &weekdays },
        { "relative", &relative }, { "last", &lastWords }, { "report", &reportWords }, { "incident", &incidentWords },
        { "byline", &bylineWords }, { "end", &noiseEnd }, { "skip", &noiseSkip }, { "abbreviation", &abbreviations },
        { "capital", &capitals }, { "body", &bodies }, { "short", &shortNames }, { "not-country", &notCountries },
        { "publisher", &publishers } };
    for (const auto &[name, set] : byKind) {
        if (kind == QLatin1StringView(name))
            return set;
    }
    if (kind == u"attacker")
        return value == u"before" ? &attackerBefore : value == u"after" ? &attackerAfter : nullptr;
    if (kind == u"actor") {
        return value == u"ambiguous" ? &actorAmbiguous
            : value == u"cue"        ? &actorCue
            : value == u"introducer" ? &actorIntroducer
                                     : nullptr;
    }
    return nullptr;
}

bool DraftRules::valueIsValid(const QString &kind, const QString &value) const
{
    if (kind == u"type")
        return Vocabulary::typeFromKey(value).has_value();
    if (kind == u"sector")
        return Vocabulary::sectorFromKey(value).has_value();
    if (kind == u"attribution")
        return Vocabulary::attributionFromKey(value).has_value();
    if (kind == u"capital" || kind == u"body" || kind == u"short")
        return Countries::instance().isKnownCode(value);
    if (kind == u"month" || kind == u"weekday") {
        bool ok = false;
        const int n = value.toInt(&ok);
        return ok && n >= 1 && n <= (kind == u"month" ? 12 : 7);
    }
    if (kind == u"relative") {
        const QStringList parts = value.split(u' ');
        static const QStringList units = { QStringLiteral("day"), QStringLiteral("month"), QStringLiteral("year") };
        return parts.size() == 2 && !parts.at(0).isEmpty() && units.contains(parts.at(1));
    }
    return !value.isEmpty();
}

bool DraftRules::addLine(const QString &file, int lineNumber, const QStringList &fields)
{
    const QString where = QStringLiteral("%1:%2").arg(file).arg(lineNumber);
    if (fields.size() != 3) {
        m_problems.append(
            QStringLiteral("%1: expected kind<TAB>value<TAB>phrase, found %2 fields").arg(where).arg(fields.size()));
        return false;
    }
    const QString kind = fields.at(0).trimmed();
    const QString value = fields.at(1).trimmed();
    const QString phrase = fields.at(2).trimmed();
    PhraseSet *set = setFor(kind, value);
    if (!set) {
        m_problems.append(QStringLiteral("%1: kind: unknown kind \"%2 %3\"").arg(where, kind, value));
        return false;
    }
    if (!valueIsValid(kind, value)) {
        m_problems.append(QStringLiteral("%1: value: \"%2\" is not valid for %3").arg(where, value, kind));
        return false;
    }
    if (DraftText::words(phrase).isEmpty()) {
        m_problems.append(QStringLiteral("%1: phrase: no words").arg(where));
        return false;
    }
    set->add(value, phrase);
    return true;
}
