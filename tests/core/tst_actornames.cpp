#include "domain/actornames.h"
#include "domain/incidentcolumns.h"
#include "import/importer.h"
#include "query/filterengine.h"
#include "store/database.h"
#include "store/incidentstore.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;

class TestActorNames : public QObject
{
    Q_OBJECT
private:
    QTemporaryDir m_dir;

    // A document of four incidents whose actors are spelt as trackers spell them.
    bool writeDocument(Database &db)
    {
        QJsonArray incidents;
        const QStringList actors
            = { u"APT28"_s, u"Fancy Bear"_s, u"Sofacy; Sandworm"_s, u"Some Unlisted Crew"_s, u"fancy-bear"_s };
        for (qsizetype i = 0; i < actors.size(); ++i) {
            incidents.append(QJsonObject { { u"id"_s, u"a-%1"_s.arg(i) }, { u"title"_s, u"Incident %1"_s.arg(i) },
                { u"start"_s, u"2022-0%1"_s.arg(i + 1) }, { u"victims"_s, QJsonArray { u"DE"_s } },
                { u"attackers"_s, QJsonArray { u"RU"_s } }, { u"attribution"_s, u"vendor"_s },
                { u"actor"_s, actors.at(i) }, { u"type"_s, u"espionage"_s },
                { u"summary"_s, u"A summary that names no actor."_s },
                { u"sources"_s,
                    QJsonArray { QJsonObject { { u"publisher"_s, u"Example"_s }, { u"title"_s, u"Report"_s },
                        { u"date"_s, u"2022"_s }, { u"url"_s, u"https://example.org/"_s } } } } });
        }
        const QString path = m_dir.filePath(u"actors.json"_s);
        QFile file(path);
        if (!file.open(QIODevice::WriteOnly))
            return false;
        file.write(QJsonDocument(QJsonObject { { u"faultline"_s, 1 }, { u"incidents"_s, incidents } }).toJson());
        file.close();
        return db.open(m_dir.filePath(u"actors.faultline"_s)) && !Importer::importFile(db, path).failed;
    }

private slots:
    void embeddedTableResolvesAliases_data()
    {
        QTest::addColumn<QString>("name");
        QTest::addColumn<QString>("canonical");
        QTest::newRow("canonical") << u"APT28"_s << u"APT28"_s;
        QTest::newRow("alias") << u"Fancy Bear"_s << u"APT28"_s;
        QTest::newRow("alias-as-listed") << u"FANCY BEAR"_s << u"APT28"_s;
        QTest::newRow("punctuation-and-case") << u"fancy-bear"_s << u"APT28"_s;
        QTest::newRow("another-alias") << u"Forest Blizzard"_s << u"APT28"_s;
        QTest::newRow("sandworm") << u"Seashell Blizzard"_s << u"Sandworm"_s;
        QTest::newRow("unknown-kept") << u"  Some Unlisted Crew "_s << u"Some Unlisted Crew"_s;
    }

    void embeddedTableResolvesAliases()
    {
        QFETCH(QString, name);
        QFETCH(QString, canonical);
        QVERIFY(ActorNames::instance().actorCount() >= 200);
        QCOMPARE(ActorNames::instance().canonical(name), canonical);
    }

    void fieldsAndSearches()
    {
        const ActorNames &names = ActorNames::instance();
        QCOMPARE(names.canonicalField(u"Fancy Bear; Sofacy;Sandworm"_s), u"APT28; Sandworm"_s);
        QCOMPARE(names.canonicalField(u""_s), QString());
        QVERIFY(names.fieldContains(u"APT28"_s, u"sofa"_s));
        QVERIFY(names.fieldContains(u"Sandworm; APT28"_s, u"fancy bear"_s));
        QVERIFY(!names.fieldContains(u"Sandworm"_s, u"fancy"_s));
        QVERIFY(names.allNames(u"Sofacy"_s).contains(u"FANCY BEAR"_s));
        QCOMPARE(names.allNames(u"APT28"_s).first(), u"APT28"_s);
        QCOMPARE(names.allNames(u"Nobody"_s), QStringList { u"Nobody"_s });
    }

    void parseReportsBadLinesAndKeepsTheRest()
    {
        const QByteArray text = "# comment\n"
                                "Alpha\tA1; A2\n"
                                "Beta\t\n"
                                "alpha\tA3\n" // a second Alpha
                                "Gamma\tA1; G1\n" // A1 is Alpha's
                                "Delta\tx\ty\n" // three columns
                                "\tA9\n" // no name
            + QByteArray(ActorNames::MaxLineBytes + 1, 'z') + "\n";
        QStringList diagnostics;
        const ActorNames names = ActorNames::parse(text, u"t.tsv"_s, &diagnostics);
        QCOMPARE(names.actorCount(), 3); // Alpha, Beta, Gamma
        QCOMPARE(names.canonical(u"a2"_s), u"Alpha"_s);
        QCOMPARE(names.canonical(u"A1"_s), u"Alpha"_s);
        QCOMPARE(names.canonical(u"G1"_s), u"Gamma"_s);
        QCOMPARE(names.canonical(u"A3"_s), u"A3"_s);
        QCOMPARE(diagnostics.size(), 5);
        QVERIFY2(diagnostics.at(0).startsWith(u"t.tsv:4: canonical:"_s), qPrintable(diagnostics.at(0)));
        QVERIFY2(diagnostics.at(1).startsWith(u"t.tsv:5: aliases: \"A1\""_s), qPrintable(diagnostics.at(1)));
        QVERIFY2(diagnostics.at(2).startsWith(u"t.tsv:6: "_s), qPrintable(diagnostics.at(2)));
        QVERIFY2(diagnostics.at(3).startsWith(u"t.tsv:7: "_s), qPrintable(diagnostics.at(3)));
        QVERIFY2(diagnostics.at(4).startsWith(u"t.tsv:8: line longer"_s), qPrintable(diagnostics.at(4)));
    }

    void parseCapsLinesAndDiagnostics()
    {
        QByteArray text;
        for (int i = 0; i < ActorNames::MaxLines + 10; ++i)
            text += "\tno name\n";
        QStringList diagnostics;
        const ActorNames names = ActorNames::parse(text, u"big.tsv"_s, &diagnostics);
        QCOMPARE(names.actorCount(), 0);
        QCOMPARE(diagnostics.size(), int(ActorNames::MaxDiagnostics));
    }

    void columnsUseCanonicalNames()
    {
        Database db;
        QVERIFY(writeDocument(db));
        const IncidentColumns c = IncidentStore(db).loadColumns();
        QCOMPARE(c.size(), 5u);
        // One actor per canonical name, whatever the records spelt.
        QStringList actors = c.actors;
        actors.sort();
        QCOMPARE(actors, (QStringList { QString(), u"APT28"_s, u"APT28; Sandworm"_s, u"Some Unlisted Crew"_s }));
        QCOMPARE(c.actors.at(c.actor[0]), u"APT28"_s);
        QCOMPARE(c.actor[1], c.actor[0]);
        QCOMPARE(c.actor[4], c.actor[0]);

        // Idempotent: a second pass changes nothing.
        IncidentColumns again = c;
        again.canonicaliseActors(ActorNames::instance());
        QCOMPARE(again.actors, c.actors);
        QCOMPARE(again.actor, c.actor);

        // The actor criterion finds a record by any name of its actor.
        Filter f;
        f.actors = { u"Sofacy"_s };
        QCOMPARE(FilterEngine::apply(c, f, nullptr).indices.size(), std::size_t(4));
        f.actors = { u"Seashell"_s };
        QCOMPARE(FilterEngine::apply(c, f, nullptr).indices.size(), std::size_t(1));
    }

    void searchFindsAnActorByAnAlias()
    {
        Database db;
        QVERIFY(writeDocument(db));
        const IncidentStore store(db);
        // "Fancy Bear" is named by one record's text only; the search finds every APT28 record.
        const QList<qint64> hits = store.search(u"Fancy Bear"_s);
        QCOMPARE(hits.size(), 4);
        QCOMPARE(store.search(u"tsar team"_s).size(), 4);
        // A query that names no actor is searched as words, as before.
        QCOMPARE(store.search(u"Unlisted"_s).size(), 1);
        QCOMPARE(store.search(u"Fancy Crew"_s).size(), 0);
    }
};

QTEST_GUILESS_MAIN(TestActorNames)
#include "tst_actornames.moc"
