#include "export/stixwriter.h"
#include "import/importer.h"
#include "store/database.h"
#include "store/incidentstore.h"
#include "testsupport.h"

#include <QCoreApplication>
#include <QDir>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QRegularExpression>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <algorithm>
#include <random>

namespace {
// Validates a bundle file against the OASIS STIX 2.1 JSON schemas, as the OASIS validator
// does: each object against the schema of its own type (which includes common/core.json),
// and the bundle against common/bundle.json with one object of each kind that schema lists.
// It lists no incident and no location, and its branch for other types requires matching
// exactly one of core and cyber-observable-core, which any SDO matches both of, so an
// incident or a location can only be checked against its own schema. Prints "ok" or errors.
const char *const s_validator = R"PY(
import json, pathlib, sys
from jsonschema import Draft202012Validator
from referencing import Registry, Resource
root = pathlib.Path(sys.argv[1])
resources = []
for path in root.rglob("*.json"):
    schema = json.loads(path.read_text())
    resources.append((schema["$id"], Resource.from_contents(schema)))
registry = Registry().with_resources(resources)
def schema_of(relative):
    return json.loads((root / relative).read_text())
bundle_schema = schema_of("common/bundle.json")
listed = {pathlib.Path(ref["$ref"]).stem for ref in bundle_schema["properties"]["objects"]["items"]["anyOf"][0]["oneOf"]}
bundle = json.loads(pathlib.Path(sys.argv[2]).read_text())
errors = []
validators = {}
def check(relative, instance, where):
    if relative not in validators:
        validators[relative] = Draft202012Validator(schema_of(relative), registry=registry)
    for e in validators[relative].iter_errors(instance):
        errors.append("%s: %s at %s" % (where, e.message[:300], list(e.absolute_path)))
for o in bundle.get("objects", []):
    folder = "sros" if o["type"] in ("relationship", "sighting") else "sdos"
    check("%s/%s.json" % (folder, o["type"]), o, o["id"])
# The bundle schema tries every type on every object, which is slow: one object of each
# listed kind (type and relationship type) is enough to show it accepts them.
kinds = {}
for o in bundle.get("objects", []):
    if o["type"] in listed:
        kinds.setdefault((o["type"], o.get("relationship_type")), o)
envelope = dict(bundle)
envelope["objects"] = list(kinds.values())
if not envelope["objects"]:
    del envelope["objects"]
check("common/bundle.json", envelope, "bundle")
print("\n".join(errors[:20]) if errors else "ok")
)PY";
} // namespace

// The STIX 2.1 bundle: its objects and links, deterministic ids and timestamps, the same
// bytes on a second export, validity against the OASIS schemas, atomic writes.
class TestStixWriter : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    QList<Incident> m_records;
    QList<Incident> m_bundled;

    QList<Incident> load(const std::function<Importer::Result(Database &)> &import)
    {
        Database db;
        static int counter = 0;
        if (!db.open(m_dir.filePath(QStringLiteral("doc%1.faultline").arg(++counter))))
            return {};
        const Importer::Result result = import(db);
        if (result.failed || result.rejected > 0)
            return {};
        return IncidentStore(db).allIncidents();
    }

    static QJsonArray objects(const QByteArray &bundle)
    {
        return QJsonDocument::fromJson(bundle).object().value(u"objects").toArray();
    }

    static QList<QJsonObject> ofType(const QJsonArray &objects, const QString &type)
    {
        QList<QJsonObject> list;
        for (const QJsonValue &v : objects) {
            if (v.toObject().value(u"type").toString() == type)
                list << v.toObject();
        }
        return list;
    }

    static QJsonObject byId(const QJsonArray &objects, const QString &id)
    {
        for (const QJsonValue &v : objects) {
            if (v.toObject().value(u"id").toString() == id)
                return v.toObject();
        }
        return {};
    }

    static QStringList relationships(const QJsonArray &objects, const QString &source, const QString &type)
    {
        QStringList targets;
        for (const QJsonObject &r : ofType(objects, QStringLiteral("relationship"))) {
            if (r.value(u"source_ref").toString() == source && r.value(u"relationship_type").toString() == type)
                targets << r.value(u"target_ref").toString();
        }
        targets.sort();
        return targets;
    }

    static QStringList sorted(QStringList list)
    {
        list.sort();
        return list;
    }

    // "ok", the validator's errors, or an empty string when it cannot run here.
    QString validate(const QByteArray &bundle)
    {
        const QString shared = TestSupport::sharedDatasets();
        const QString schemas = shared + QStringLiteral("/stix2-schemas/schemas");
        if (shared.isEmpty() || !QFile::exists(schemas))
            return {};
        const QString python = QStandardPaths::findExecutable(QStringLiteral("python3"));
        if (python.isEmpty())
            return {};
        QProcess probe;
        probe.start(python, { QStringLiteral("-c"), QStringLiteral("import jsonschema, referencing") });
        if (!probe.waitForFinished(60000) || probe.exitCode() != 0)
            return {};
        const QString file = m_dir.filePath(QStringLiteral("bundle-to-validate.json"));
        if (!TestSupport::writeFile(file, bundle))
            return QStringLiteral("cannot write %1").arg(file);
        QProcess run;
        run.start(python, { QStringLiteral("-c"), QString::fromUtf8(s_validator), schemas, file });
        if (!run.waitForFinished(300000))
            return QStringLiteral("the validator did not finish");
        return QString::fromUtf8(run.readAllStandardOutput() + run.readAllStandardError()).trimmed();
    }

private slots:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        const QByteArray fixture = TestSupport::fileBytes(QFINDTESTDATA("../data/export/records.json"));
        m_records
            = load([&](Database &db) { return Importer::importBytes(db, fixture, QStringLiteral("records.json")); });
        QCOMPARE(m_records.size(), 6);
        m_bundled = load([](Database &db) { return Importer::importBundled(db); });
        QVERIFY(m_bundled.size() > 100);
    }

    void objectsAndLinks()
    {
        const QJsonArray all = objects(StixWriter::toBundle(m_records));
        QCOMPARE(ofType(all, QStringLiteral("incident")).size(), 6);
        // Countries named anywhere, except XX: UA PL RU DE FR IE US JP CN KP EE BY.
        QStringList countries;
        for (const QJsonObject &l : ofType(all, QStringLiteral("location")))
            countries << l.value(u"country").toString();
        QCOMPARE(countries,
            (QStringList { QStringLiteral("BY"), QStringLiteral("CN"), QStringLiteral("DE"), QStringLiteral("EE"),
                QStringLiteral("FR"), QStringLiteral("IE"), QStringLiteral("JP"), QStringLiteral("KP"),
                QStringLiteral("PL"), QStringLiteral("RU"), QStringLiteral("UA"), QStringLiteral("US") }));
        QCOMPARE(
            byId(all, StixWriter::stixId(QStringLiteral("location"), QStringLiteral("UA"))).value(u"name").toString(),
            QStringLiteral("Ukraine"));
        // Actors: "Sandworm" and "sandworm" are one intrusion set, named as first seen.
        QStringList actors;
        for (const QJsonObject &a : ofType(all, QStringLiteral("intrusion-set")))
            actors << a.value(u"name").toString();
        QCOMPARE(actors,
            (QStringList { QStringLiteral("apt-example"), QStringLiteral("Conti"), QStringLiteral("Sandworm") }));
        const QString sandworm = StixWriter::stixId(QStringLiteral("intrusion-set"), QStringLiteral("sandworm"));
        QCOMPARE(byId(all, sandworm).value(u"first_seen").toString(), QStringLiteral("2022-04-08T00:00:00.000Z"));
        QCOMPARE(byId(all, sandworm).value(u"last_seen").toString(), QStringLiteral("2023-01-15T23:59:59.999Z"));

        auto location = [](const char *code) {
            return StixWriter::stixId(QStringLiteral("location"), QString::fromLatin1(code));
        };
        const QString wiper = StixWriter::stixId(QStringLiteral("incident"), QStringLiteral("x-every-field"));
        QCOMPARE(relationships(all, wiper, QStringLiteral("targets")), sorted({ location("PL"), location("UA") }));
        QCOMPARE(relationships(all, wiper, QStringLiteral("attributed-to")), QStringList { sandworm });
        QCOMPARE(relationships(all, sandworm, QStringLiteral("originates-from")), QStringList { location("RU") });
        // The related incident that is exported is linked; the one that is not, is not.
        QCOMPARE(relationships(all, wiper, QStringLiteral("related-to")),
            QStringList { StixWriter::stixId(QStringLiteral("incident"), QStringLiteral("x-formula")) });
        // Without an actor, the attacker countries hang off the incident.
        const QString noActor = StixWriter::stixId(QStringLiteral("incident"), QStringLiteral("x-no-actor"));
        QCOMPARE(
            relationships(all, noActor, QStringLiteral("originates-from")), sorted({ location("BY"), location("RU") }));
        QVERIFY(relationships(all, noActor, QStringLiteral("attributed-to")).isEmpty());
        // Unknown countries are no location and no link.
        const QString formula = StixWriter::stixId(QStringLiteral("incident"), QStringLiteral("x-formula"));
        QVERIFY(relationships(all, formula, QStringLiteral("targets")).isEmpty());

        // Every reference points at an object of the bundle.
        for (const QJsonObject &r : ofType(all, QStringLiteral("relationship"))) {
            QVERIFY(!byId(all, r.value(u"source_ref").toString()).isEmpty());
            QVERIFY(!byId(all, r.value(u"target_ref").toString()).isEmpty());
        }
    }

    void incidentFields()
    {
        const QJsonArray all = objects(StixWriter::toBundle(m_records));
        const QJsonObject o
            = byId(all, StixWriter::stixId(QStringLiteral("incident"), QStringLiteral("x-every-field")));
        QCOMPARE(o.value(u"spec_version").toString(), QStringLiteral("2.1"));
        QCOMPARE(o.value(u"name").toString(),
            QStringLiteral("Wiper hits the grid operator; \"Industroyer\" returns, again"));
        QVERIFY(o.value(u"description").toString().startsWith(QStringLiteral("A second attempt")));
        // Timestamps come from the record: created = start, modified = the latest of start,
        // disclosed and attributed-on; seen over the whole interval.
        QCOMPARE(o.value(u"created").toString(), QStringLiteral("2022-04-08T00:00:00.000Z"));
        QCOMPARE(o.value(u"modified").toString(), QStringLiteral("2022-04-12T00:00:00.000Z"));
        QCOMPARE(o.value(u"first_seen").toString(), QStringLiteral("2022-04-08T00:00:00.000Z"));
        QCOMPARE(o.value(u"last_seen").toString(), QStringLiteral("2022-04-12T23:59:59.999Z"));
        QCOMPARE(o.value(u"labels").toArray(), QJsonArray { QStringLiteral("destructive") });
        QCOMPARE(o.value(u"x_faultline_start").toString(), QStringLiteral("2022-04-08"));
        QCOMPARE(o.value(u"x_faultline_attribution").toString(), QStringLiteral("official"));
        QCOMPARE(o.value(u"x_faultline_sectors").toArray(),
            (QJsonArray { QStringLiteral("government"), QStringLiteral("energy") }));
        QVERIFY(!o.contains(u"x_faultline_notes")); // the user's notes stay private
        QVERIFY(!QJsonDocument(o).toJson().contains("My own note"));

        const QJsonArray refs = o.value(u"external_references").toArray();
        QCOMPARE(refs.size(), 4);
        QCOMPARE(refs.at(0).toObject(),
            (QJsonObject { { QStringLiteral("source_name"), QStringLiteral("faultline") },
                { QStringLiteral("external_id"), QStringLiteral("x-every-field") } }));
        QCOMPARE(refs.at(1).toObject().value(u"source_name").toString(), QStringLiteral("CERT-UA"));
        QCOMPARE(refs.at(1).toObject().value(u"url").toString(), QStringLiteral("https://cert.gov.ua/article/39518"));
        QCOMPARE(refs.at(1).toObject().value(u"description").toString(),
            QStringLiteral("Cyberattack of Sandworm | Industroyer2, 2022-04-12"));
        QVERIFY(!refs.at(2).toObject().contains(u"url")); // a printed report
        QCOMPARE(refs.at(2).toObject().value(u"description").toString(),
            QStringLiteral("No link; only a printed report, 2022-05"));
        // A "URL" that is not one (a backslash) stays text, in the description.
        QCOMPARE(refs.at(3).toObject(),
            (QJsonObject { { QStringLiteral("source_name"), QStringLiteral("source") },
                { QStringLiteral("description"), QStringLiteral("https://example.org/a;b|c\\d") } }));
        const QJsonObject vendor
            = byId(all, StixWriter::stixId(QStringLiteral("incident"), QStringLiteral("x-year-many")));
        QCOMPARE(vendor.value(u"external_references").toArray().at(1).toObject(),
            (QJsonObject { { QStringLiteral("source_name"), QStringLiteral("example.org") },
                { QStringLiteral("url"), QStringLiteral("https://example.org/ransom") } }));

        const QJsonObject attributed = byId(all,
            StixWriter::stixId(QStringLiteral("relationship"),
                StixWriter::stixId(QStringLiteral("incident"), QStringLiteral("x-every-field"))
                    + QStringLiteral("|attributed-to|")
                    + StixWriter::stixId(QStringLiteral("intrusion-set"), QStringLiteral("sandworm"))));
        QCOMPARE(attributed.value(u"confidence").toInt(), 90);
        QCOMPARE(attributed.value(u"description").toString(), QStringLiteral("Attributed by a government"));
    }

    // What Faultline writes it reads back: the bundled dataset through a STIX bundle comes
    // back record for record, under its own ids, with every field (the start's precision, the
    // type, sectors, attackers of this incident and not of its whole intrusion set, the
    // sources whole, the related records), from the x_faultline_* properties.
    void readsBackWhatItWrote()
    {
        const QByteArray bundle = StixWriter::toBundle(m_bundled);
        QList<Incident> back
            = load([&](Database &db) { return Importer::importBytes(db, bundle, QStringLiteral("back.stix.json")); });
        QCOMPARE(back.size(), m_bundled.size());
        QList<Incident> written = m_bundled;
        const auto byId = [](const Incident &a, const Incident &b) { return a.id < b.id; };
        std::sort(written.begin(), written.end(), byId);
        std::sort(back.begin(), back.end(), byId);
        for (qsizetype i = 0; i < back.size(); ++i) {
            Incident expected = written.at(i);
            expected.provenance = back.at(i).provenance; // the dataset is named after the file
            QVERIFY2(back.at(i).sameContent(expected), qPrintable(expected.id));
        }
    }

    void idsAreUuidV5OfTheFaultlineId()
    {
        const QString id = StixWriter::stixId(QStringLiteral("incident"), QStringLiteral("x-every-field"));
        const QRegularExpression shape(
            QStringLiteral("^incident--[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$"));
        QVERIFY2(shape.match(id).hasMatch(), qPrintable(id));
        QCOMPARE(id,
            QStringLiteral("incident--")
                + QUuid::createUuidV5(StixWriter::s_namespace, QStringLiteral("incident:x-every-field"))
                      .toString(QUuid::WithoutBraces));
        QVERIFY(id != StixWriter::stixId(QStringLiteral("incident"), QStringLiteral("x-formula")));
    }

    void deterministic()
    {
        const QByteArray first = StixWriter::toBundle(m_bundled);
        QCOMPARE(StixWriter::toBundle(m_bundled), first);
        // The order records come in does not matter.
        QList<Incident> shuffled = m_bundled;
        std::shuffle(shuffled.begin(), shuffled.end(), std::mt19937(3));
        QCOMPARE(StixWriter::toBundle(shuffled), first);
        // Nor does the clock: no timestamp is later than the latest record date.
        QVERIFY(!first.contains(QByteArray(QDate::currentDate().toString(Qt::ISODate).toUtf8() + "T")));
        // Files: the same bytes, twice.
        const QString a = m_dir.filePath(QStringLiteral("a.stix.json"));
        const QString b = m_dir.filePath(QStringLiteral("b.stix.json"));
        QVERIFY(StixWriter::write(a, m_bundled).ok);
        QVERIFY(StixWriter::write(b, shuffled).ok);
        QCOMPARE(TestSupport::fileHash(a), TestSupport::fileHash(b));
        QCOMPARE(TestSupport::fileBytes(a), first);
        const QString look = QCoreApplication::applicationDirPath() + QStringLiteral("/tst_stixwriter-bundled.json");
        QFile::remove(look);
        QVERIFY(QFile::copy(a, look)); // for a look
        // Valid JSON with the bundle's own members.
        const QJsonObject bundle = QJsonDocument::fromJson(first).object();
        QCOMPARE(bundle.value(u"type").toString(), QStringLiteral("bundle"));
        QVERIFY(bundle.value(u"id").toString().startsWith(QStringLiteral("bundle--")));
    }

    void emptyBundle()
    {
        const QJsonObject bundle = QJsonDocument::fromJson(StixWriter::toBundle({})).object();
        QCOMPARE(bundle.value(u"type").toString(), QStringLiteral("bundle"));
        QVERIFY(!bundle.contains(u"objects")); // "objects", when present, holds at least one
    }

    void validAgainstTheSchemas()
    {
        for (const QList<Incident> &records : { m_records, m_bundled }) {
            const QString result = validate(StixWriter::toBundle(records));
            if (result.isEmpty())
                QSKIP("needs the shared STIX 2.1 schemas, python3 and its jsonschema package");
            QCOMPARE(result, QStringLiteral("ok"));
        }
        // The check can fail: a timestamp without milliseconds, an id that is no UUID.
        QByteArray broken = StixWriter::toBundle(m_records);
        broken.replace("T00:00:00.000Z", "T00:00:00Z");
        QVERIFY(validate(broken).contains(QStringLiteral("does not match")));
        broken = StixWriter::toBundle(m_records);
        broken.replace("\"location--", "\"location--x");
        QVERIFY(validate(broken) != QStringLiteral("ok"));
    }

    void progressAndCancel()
    {
        QList<Incident> many;
        while (many.size() < 1000)
            many += m_bundled;
        const QString file = m_dir.filePath(QStringLiteral("progress.json"));
        qint64 last = 0;
        int calls = 0;
        QVERIFY(StixWriter::write(file, many, [&](qint64 done, qint64 total) {
            ++calls;
            last = done;
            return total == many.size();
        }).ok);
        QVERIFY(calls >= 4);
        QCOMPARE(last, qint64(many.size()));

        QVERIFY(TestSupport::writeFile(file, "old"));
        const ExportResult cancelled = StixWriter::write(file, many, [](qint64 done, qint64) { return done < 500; });
        QVERIFY(cancelled.cancelled);
        QCOMPARE(TestSupport::fileBytes(file), QByteArray("old"));

        const QString blocker = m_dir.filePath(QStringLiteral("blocker"));
        QVERIFY(TestSupport::writeFile(blocker, "x"));
        const ExportResult failed = StixWriter::write(blocker + QStringLiteral("/out.json"), many);
        QVERIFY(!failed.ok && !failed.cancelled);
        QCOMPARE(TestSupport::fileBytes(blocker), QByteArray("x"));
    }
};

QTEST_GUILESS_MAIN(TestStixWriter)
#include "tst_stixwriter.moc"
