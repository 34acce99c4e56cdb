#include "import/recordform.h"

#include "import/recordvalidator.h"

namespace {
QString dateText(const PartialDate &date)
{
    return date.isValid() ? date.toString() : QString();
}
} // namespace

RecordForm RecordForm::fromIncident(const Incident &r)
{
    RecordForm f;
    f.id = r.id;
    f.title = r.title;
    f.start = dateText(r.start);
    f.end = dateText(r.end);
    f.victims = r.victims;
    f.attackers = r.attackers;
    f.attribution = Vocabulary::attributionKey(r.attribution);
    f.actor = r.actor;
    f.type = Vocabulary::typeKey(r.type);
    f.sectors = Vocabulary::sectorKeys(r.sectors);
    f.disclosed = dateText(r.disclosed);
    f.attributedOn = dateText(r.attributedOn);
    f.summary = r.summary;
    f.sources = r.sources;
    f.tags = r.tags;
    f.related = r.related;
    f.notes = r.notes;
    f.provenance = r.provenance;
    return f;
}

RecordForm RecordForm::fromDraft(const Incident &proposed)
{
    RecordForm f = fromIncident(proposed);
    f.id.clear();
    f.notes.clear();
    f.provenance = {};
    f.victims.removeAll(QStringLiteral("XX"));
    return f;
}

RecordForm::Checked RecordForm::check() const
{
    RawRecord raw;
    raw.line = 0;
    const std::pair<const char *, const QString *> texts[] = { { "id", &id }, { "title", &title }, { "start", &start },
        { "end", &end }, { "attribution", &attribution }, { "actor", &actor }, { "type", &type },
        { "summary", &summary }, { "disclosed", &disclosed }, { "attributed_on", &attributedOn }, { "notes", &notes } };
    for (const auto &[key, value] : texts)
        raw.text.insert(QString::fromLatin1(key), *value);
    raw.lists.insert(QStringLiteral("victims"), victims);
    raw.lists.insert(QStringLiteral("attackers"), attackers);
    raw.lists.insert(QStringLiteral("sectors"), sectors);
    raw.lists.insert(QStringLiteral("tags"), tags);
    raw.lists.insert(QStringLiteral("related"), related);
    raw.sources = sources;

    Diagnostics diagnostics;
    Checked result;
    result.record = RecordValidator(QString(), provenance.dataset).read(raw, diagnostics);
    for (const Diagnostic &d : diagnostics) {
        if (d.severity != Diagnostic::Severity::Error)
            continue;
        QString &text = result.errors[d.field];
        text += (text.isEmpty() ? QString() : QStringLiteral("\n")) + d.reason;
    }
    if (result.record)
        result.record->provenance = provenance;
    return result;
}
