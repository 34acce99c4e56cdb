// Validates the bundled dataset in data/incidents as shipped (the embedded resources):
// every record, then the breadth the dataset promises (data/README.md).
#include "domain/countries.h"
#include "domain/partialdate.h"
#include "import/bundleddataset.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
#include <QSet>
#include <QTest>
#include <QUrl>
#include <algorithm>

using namespace Qt::StringLiterals;

class TestDataset : public QObject
{
    Q_OBJECT
private:
    struct Record
    {
        QString file;
        QJsonObject object;
    };
    QList<Record> m_records;

    static QStringList strings(const QJsonValue &v) { return v.toVariant().toStringList(); }
    static QString idOf(const Record &r) { return r.object.value(u"id").toString(); }

    // A secondary source: a compiled list of incidents rather than reporting or research of its own.
    static bool isTrackerList(const QJsonObject &source)
    {
        static const QStringList titles = { u"Significant Cyber Incidents"_s, u"Cyber Operations Tracker"_s };
        static const QStringList publishers = { u"EuRepoC"_s, u"European Repository of Cyber Incidents"_s };
        return titles.contains(source.value(u"title").toString().trimmed())
            || publishers.contains(source.value(u"publisher").toString().trimmed());
    }

    // Records that still cite only a tracker list. Each needs a first-hand source (the victim, a
    // government or court, the investigating vendor, or a news organisation reporting directly);
    // the list may only shrink, and the test fails when a listed record no longer needs to be on it.
    // Empty since dataset 2026.2: every record has a first-hand source.
    static const QSet<QString> &trackerOnlyAllowList()
    {
        static const QSet<QString> ids;
        return ids;
    }

private slots:
    void initTestCase()
    {
        const QStringList files = BundledDataset::files();
        QVERIFY(!files.isEmpty());
        QVERIFY2(files.first().endsWith(QStringLiteral("00-albania-2022.json")), "the seed story loads first");
        for (const QString &file : files) {
            QFile f(file);
            QVERIFY(f.open(QIODevice::ReadOnly));
            QJsonParseError error;
            const QJsonDocument doc = QJsonDocument::fromJson(f.readAll(), &error);
            QVERIFY2(
                error.error == QJsonParseError::NoError, qPrintable(file + QStringLiteral(": ") + error.errorString()));
            QCOMPARE(doc.object().value(u"faultline").toInt(), 1);
            QCOMPARE(doc.object().value(u"dataset").toString(), QStringLiteral("faultline"));
            for (const QJsonValue &v : doc.object().value(u"incidents").toArray())
                m_records.append({ file, v.toObject() });
        }
    }

    void everyRecordIsValid()
    {
        const QSet<QString> fields = { QStringLiteral("id"), QStringLiteral("title"), QStringLiteral("start"),
            QStringLiteral("end"), QStringLiteral("victims"), QStringLiteral("attackers"),
            QStringLiteral("attribution"), QStringLiteral("attributed_on"), QStringLiteral("disclosed"),
            QStringLiteral("actor"), QStringLiteral("type"), QStringLiteral("sectors"), QStringLiteral("summary"),
            QStringLiteral("sources"), QStringLiteral("tags"), QStringLiteral("related") };
        const qint64 today = QDate::currentDate().toJulianDay();
        const QRegularExpression idPattern(QStringLiteral("^fl-\\d{4}-[a-z]{2,5}-[a-z0-9-]+$"));
        QSet<QString> ids;
        QStringList problems;
        for (const Record &r : m_records) {
            const QJsonObject &o = r.object;
            const QString id = o.value(u"id").toString();
            auto problem = [&](const QString &what) { problems << QStringLiteral("%1: %2: %3").arg(r.file, id, what); };
            for (const QString &key : o.keys()) {
                if (!fields.contains(key))
                    problem(QStringLiteral("unknown field %1").arg(key));
            }
            if (!idPattern.match(id).hasMatch())
                problem(QStringLiteral("id does not follow fl-YYYY-cc-slug"));
            if (ids.contains(id))
                problem(QStringLiteral("duplicate id"));
            ids.insert(id);
            const QString title = o.value(u"title").toString();
            if (title.isEmpty() || title.size() > 140 || title.contains(u'\n'))
                problem(QStringLiteral("title must be one line of 1 to 140 characters"));
            QString why;
            const PartialDate start = PartialDate::parse(o.value(u"start").toString(), &why);
            if (!start.isValid())
                problem(QStringLiteral("start: ") + why);
            if (start.isValid() && start.firstDay() > today)
                problem(QStringLiteral("start is in the future"));
            if (start.isValid() && start.firstDate().year() < 2007)
                problem(QStringLiteral("start before 2007"));
            for (const char *key : { "end", "disclosed", "attributed_on" }) {
                const QJsonValue v = o.value(QLatin1StringView(key));
                if (v.isUndefined())
                    continue;
                const PartialDate d = PartialDate::parse(v.toString(), &why);
                if (!d.isValid())
                    problem(QStringLiteral("%1: %2").arg(QLatin1StringView(key), why));
                else if (d.firstDay() > today)
                    problem(QStringLiteral("%1 is in the future").arg(QLatin1StringView(key)));
                else if (start.isValid() && d.lastDay() < start.firstDay())
                    problem(QStringLiteral("%1 is before start").arg(QLatin1StringView(key)));
            }
            const QStringList victims = strings(o.value(u"victims"));
            const QStringList attackers = strings(o.value(u"attackers"));
            if (victims.isEmpty())
                problem(QStringLiteral("no victims"));
            for (const QString &code : victims + attackers) {
                if (code.size() != 2 || code != code.toUpper() || !Countries::instance().isKnownCode(code)
                    || code == u"XX")
                    problem(QStringLiteral("\"%1\" is not an ISO 3166-1 alpha-2 code").arg(code));
            }
            if (QSet<QString>(victims.begin(), victims.end()).size() != victims.size())
                problem(QStringLiteral("a victim is listed twice"));
            const auto attribution = Vocabulary::attributionFromKey(o.value(u"attribution").toString());
            if (!attribution)
                problem(QStringLiteral("attribution missing or unknown"));
            if (!attackers.isEmpty() && attribution == Attribution::None)
                problem(QStringLiteral("attackers named without an attribution basis"));
            if (!Vocabulary::typeFromKey(o.value(u"type").toString()))
                problem(QStringLiteral("unknown type"));
            for (const QString &s : strings(o.value(u"sectors"))) {
                if (!Vocabulary::sectorFromKey(s) || s != s.toLower())
                    problem(QStringLiteral("unknown sector %1").arg(s));
            }
            const QString summary = o.value(u"summary").toString();
            if (summary.size() < 80 || summary.size() > 600)
                problem(QStringLiteral("summary has %1 characters; expected 80 to 600").arg(summary.size()));
            const QJsonArray sources = o.value(u"sources").toArray();
            if (sources.isEmpty())
                problem(QStringLiteral("no sources"));
            for (const QJsonValue &sv : sources) {
                const QJsonObject s = sv.toObject();
                if (s.value(u"title").toString().trimmed().isEmpty()
                    || s.value(u"publisher").toString().trimmed().isEmpty())
                    problem(QStringLiteral("a source without title or publisher"));
                const QString url = s.value(u"url").toString();
                if (!url.isEmpty()) {
                    const QUrl u(url, QUrl::StrictMode);
                    if (!u.isValid() || (u.scheme() != u"https" && u.scheme() != u"http"))
                        problem(QStringLiteral("source url is not http(s): %1").arg(url));
                }
            }
        }
        for (const Record &r : m_records) {
            for (const QString &related : strings(r.object.value(u"related"))) {
                if (!ids.contains(related))
                    problems << QStringLiteral("%1: %2: related id %3 does not exist")
                                    .arg(r.file, r.object.value(u"id").toString(), related);
            }
        }
        QVERIFY2(problems.isEmpty(), qPrintable(problems.mid(0, 40).join(u'\n')));
    }

    // `other` is kept for events that were not attacks (shutdowns, route leaks, outages, exposures
    // without an attacker) and for landmark disclosures; a record typed `other` carries a tag that
    // says which it is.
    void otherIsForNonAttacksAndDisclosures()
    {
        const QStringList kinds = { u"internet-shutdown"_s, u"bgp"_s, u"route-leak"_s, u"outage"_s, u"non-malicious"_s,
            u"disclosure"_s, u"report"_s, u"attribution"_s };
        QStringList problems;
        for (const Record &r : m_records) {
            if (r.object.value(u"type").toString() != u"other")
                continue;
            const QStringList tags = strings(r.object.value(u"tags"));
            if (std::none_of(tags.begin(), tags.end(), [&](const QString &t) { return kinds.contains(t); }))
                problems << idOf(r);
        }
        QVERIFY2(problems.isEmpty(),
            qPrintable(
                u"typed other but tagged neither as a non-attack nor as a disclosure: "_s + problems.join(u", ")));
    }

    // A state that orders its own internet shut down is not an attacker: the summary names it.
    void shutdownsHaveNoAttackers()
    {
        QStringList problems;
        for (const Record &r : m_records) {
            if (strings(r.object.value(u"tags")).contains(u"internet-shutdown"_s)
                && !strings(r.object.value(u"attackers")).isEmpty())
                problems << idOf(r);
        }
        QVERIFY2(problems.isEmpty(), qPrintable(u"shutdowns naming an attacker: "_s + problems.join(u", ")));
    }

    // `suspected` says who is suspected: an attacker country or a named actor; otherwise it is `none`.
    void suspectedNamesWhatIsSuspected()
    {
        QStringList problems;
        for (const Record &r : m_records) {
            if (r.object.value(u"attribution").toString() == u"suspected"
                && strings(r.object.value(u"attackers")).isEmpty()
                && r.object.value(u"actor").toString().trimmed().isEmpty())
                problems << idOf(r);
        }
        QVERIFY2(problems.isEmpty(),
            qPrintable(u"suspected with neither attacker country nor actor: "_s + problems.join(u", ")));
    }

    void everyRecordHasAFirstHandSource()
    {
        QStringList missing, listedNeedlessly;
        for (const Record &r : m_records) {
            const QJsonArray sources = r.object.value(u"sources").toArray();
            const bool firstHand = std::any_of(
                sources.begin(), sources.end(), [](const QJsonValue &s) { return !isTrackerList(s.toObject()); });
            const bool listed = trackerOnlyAllowList().contains(idOf(r));
            if (!firstHand && !listed)
                missing << idOf(r);
            if (firstHand && listed)
                listedNeedlessly << idOf(r);
        }
        QVERIFY2(missing.isEmpty(), qPrintable(u"only a tracker list as source: "_s + missing.join(u", ")));
        QVERIFY2(listedNeedlessly.isEmpty(),
            qPrintable(u"has a first-hand source now, remove from the allow-list: "_s + listedNeedlessly.join(u", ")));
        qInfo("%lld records still cite only a tracker list (allow-list)", qlonglong(trackerOnlyAllowList().size()));
    }

    // Reports how many sources a reader can open, and keeps both the number and the share from
    // falling (issue #13: 28.1 % before the December 2026 URL passes, 45.3 % after the first, 76.2 % after
    // the second).
    void sourcesWithUrl()
    {
        int sources = 0, withUrl = 0;
        for (const Record &r : m_records) {
            for (const QJsonValue &s : r.object.value(u"sources").toArray()) {
                ++sources;
                withUrl += s.toObject().value(u"url").toString().isEmpty() ? 0 : 1;
            }
        }
        qInfo("%d of %d sources have a URL (%.1f %%)", withUrl, sources, 100.0 * withUrl / qMax(1, sources));
        const int floor = 1531;
        QVERIFY2(
            withUrl >= floor, qPrintable(u"%1 sources with a URL; expected at least %2"_s.arg(withUrl).arg(floor)));
        const int percentFloor = 70;
        QVERIFY2(100 * withUrl >= percentFloor * sources,
            qPrintable(
                u"%1 of %2 sources have a URL; expected at least %3 %"_s.arg(withUrl).arg(sources).arg(percentFloor)));
    }

    // Every actor is named by its canonical name from data/actors.tsv (several are separated by
    // "; "), and the table itself names each actor once.
    void actorsUseCanonicalNames()
    {
        QFile file(u":/data/actors.tsv"_s);
        QVERIFY(file.open(QIODevice::ReadOnly | QIODevice::Text));
        QSet<QString> canonical;
        QHash<QString, QString> aliasOf;
        QStringList problems;
        while (!file.atEnd()) {
            const QString line = QString::fromUtf8(file.readLine()).chopped(1);
            if (line.isEmpty() || line.startsWith(u'#'))
                continue;
            const QStringList columns = line.split(u'\t');
            QVERIFY2(columns.size() == 2, qPrintable(u"actors.tsv: expected two columns: "_s + line));
            if (canonical.contains(columns[0]))
                problems << u"%1 is listed twice"_s.arg(columns[0]);
            canonical.insert(columns[0]);
            for (const QString &alias : columns[1].split(u"; "_s, Qt::SkipEmptyParts))
                aliasOf.insert(alias, columns[0]);
        }
        for (auto it = aliasOf.cbegin(); it != aliasOf.cend(); ++it) {
            if (canonical.contains(it.key()))
                problems << u"%1 is an alias of %2 and a canonical name"_s.arg(it.key(), it.value());
        }
        for (const Record &r : m_records) {
            for (const QString &actor : r.object.value(u"actor").toString().split(u"; "_s, Qt::SkipEmptyParts)) {
                if (!canonical.contains(actor))
                    problems << u"%1: \"%2\" is not a canonical name%3"_s.arg(
                        idOf(r), actor, aliasOf.contains(actor) ? u" (use %1)"_s.arg(aliasOf.value(actor)) : QString());
            }
        }
        QVERIFY2(problems.isEmpty(), qPrintable(problems.mid(0, 40).join(u'\n')));
    }

    void breadth()
    {
        QSet<QString> countries, types, sectors;
        QMap<int, int> perYear;
        for (const Record &r : m_records) {
            for (const QString &c : strings(r.object.value(u"victims")))
                countries.insert(c);
            types.insert(r.object.value(u"type").toString());
            for (const QString &s : strings(r.object.value(u"sectors")))
                sectors.insert(s);
            ++perYear[PartialDate::parse(r.object.value(u"start").toString()).firstDate().year()];
        }
        QVERIFY2(m_records.size() >= 650,
            qPrintable(QStringLiteral("%1 incidents; expected at least 650").arg(m_records.size())));
        QVERIFY2(countries.size() >= 80,
            qPrintable(QStringLiteral("%1 victim countries; expected at least 80").arg(countries.size())));
        for (int year = 2007; year <= 2025; ++year)
            QVERIFY2(perYear.value(year) >= 15,
                qPrintable(
                    QStringLiteral("%1 has %2 incidents; expected at least 15").arg(year).arg(perYear.value(year))));
        QCOMPARE(types.size(), IncidentTypeCount);
        QCOMPARE(sectors.size(), SectorCount);
    }

    void seedStoryIsLinked()
    {
        const QJsonObject seed = m_records.first().object;
        QCOMPARE(seed.value(u"id").toString(), QStringLiteral("fl-2022-al-akshi-shutdown"));
        QCOMPARE(seed.value(u"start").toString(), QStringLiteral("2022-07-15"));
        QCOMPARE(strings(seed.value(u"attackers")), QStringList { QStringLiteral("IR") });
        QCOMPARE(seed.value(u"actor").toString(), QStringLiteral("HomeLand Justice"));
        const QStringList related = strings(seed.value(u"related"));
        QVERIFY(related.contains(QStringLiteral("fl-2022-al-iran-attribution")));
        QVERIFY(related.contains(QStringLiteral("fl-2022-al-tims-border")));
    }
};

QTEST_GUILESS_MAIN(TestDataset)
#include "tst_dataset.moc"
