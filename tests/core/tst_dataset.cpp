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
        QVERIFY2(m_records.size() >= 400,
            qPrintable(QStringLiteral("%1 incidents; expected at least 400").arg(m_records.size())));
        QVERIFY2(countries.size() >= 80,
            qPrintable(QStringLiteral("%1 victim countries; expected at least 80").arg(countries.size())));
        for (int year = 2007; year <= 2025; ++year)
            QVERIFY2(perYear.value(year) >= 8,
                qPrintable(
                    QStringLiteral("%1 has %2 incidents; expected at least 8").arg(year).arg(perYear.value(year))));
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
