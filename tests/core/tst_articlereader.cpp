// The article reader on article texts: the seed article (when the shared folder is beside the
// checkout), the fixtures in tests/data/articles (each NAME.txt or NAME.html with NAME.expect
// listing the fields it must draft), and the rules that keep page noise out of the story.
#include "domain/countries.h"
#include "draft/articlereader.h"
#include "draft/draftrules.h"

#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>

namespace {
QString sharedDir()
{
    const QString shared = qEnvironmentVariable("FAULTLINE_SHARED_DIR");
    if (!shared.isEmpty())
        return shared;
    return qEnvironmentVariable("FAULTLINE_SOURCE_DIR") + QStringLiteral("/../shared");
}

QByteArray readAll(const QString &path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

// The value a field of the expectation files names, from a draft.
QString fieldValue(const ArticleDraft &d, const QString &field)
{
    const Incident &r = d.incident;
    const Source s = r.sources.value(0);
    if (field == u"title")
        return r.title;
    if (field == u"start")
        return r.start.toString();
    if (field == u"disclosed")
        return r.disclosed.isValid() ? r.disclosed.toString() : QString();
    if (field == u"victims")
        return r.victims.join(u',');
    if (field == u"attackers")
        return r.attackers.join(u',');
    if (field == u"type")
        return Vocabulary::typeKey(r.type);
    if (field == u"sectors")
        return Vocabulary::sectorKeys(r.sectors).join(u',');
    if (field == u"actor")
        return r.actor;
    if (field == u"attribution")
        return Vocabulary::attributionKey(r.attribution);
    if (field == u"publisher")
        return s.publisher;
    if (field == u"published")
        return s.date;
    if (field == u"url")
        return s.url;
    return QStringLiteral("<unknown field %1>").arg(field);
}
} // namespace

class TestArticleReader : public QObject
{
    Q_OBJECT
private slots:
    void rulesLoadWithoutProblems()
    {
        const DraftRules &rules = DraftRules::instance();
        QCOMPARE(rules.problems(), QStringList());
        QVERIFY(!rules.types.isEmpty());
        QVERIFY(!rules.sectors.isEmpty());
        QVERIFY(!rules.noiseEnd.isEmpty());
        QVERIFY(!rules.weekdays.isEmpty());
    }

    void badRuleLinesAreNamed()
    {
        QTemporaryDir dir;
        QFile f(dir.filePath(QStringLiteral("classify.tsv")));
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write("type\tnot-a-type\tboom\nsector\tgovernment\n");
        f.close();
        const DraftRules rules = DraftRules::load(dir.path());
        const QString all = rules.problems().join(u'\n');
        QVERIFY2(all.contains(QStringLiteral("classify.tsv:1: value: \"not-a-type\"")), qPrintable(all));
        QVERIFY2(all.contains(QStringLiteral("classify.tsv:2: expected kind<TAB>value<TAB>phrase")), qPrintable(all));
        QVERIFY2(all.contains(QStringLiteral("dates.tsv: cannot be read")), qPrintable(all));
    }

    void seedArticle()
    {
        const QString path = sharedDir() + QStringLiteral("/seed/ani-albania-2022-07-18.txt");
        if (!QFile::exists(path))
            QSKIP("the seed article is not beside the checkout");
        const ArticleDraft d = ArticleReader::readBytes(readAll(path));
        const Incident &r = d.incident;
        QCOMPARE(r.start, PartialDate::day(2022, 7, 17));
        QCOMPARE(r.victims, QStringList { QStringLiteral("AL") });
        QCOMPARE(r.attackers, QStringList());
        QCOMPARE(r.sectors, sectorBit(Sector::Government));
        QCOMPARE(r.sources.size(), 1);
        QCOMPARE(r.sources.first().publisher, QStringLiteral("ANI"));
        QCOMPARE(
            r.sources.first().title, QStringLiteral("Albania closes down online gov't systems after cyber attack"));
        QCOMPARE(r.sources.first().date, QStringLiteral("2022-07-18"));
        QCOMPARE(r.title, r.sources.first().title);
        QVERIFY(d.evidenceFor(u"start").contains(QStringLiteral("closed on Sunday")));
        QVERIFY(d.evidenceFor(u"sources.date").startsWith(QStringLiteral("By ANI | Updated: July 18, 2022")));
        QVERIFY(d.evidenceFor(u"victims").contains(QStringLiteral("Albania")));
        QVERIFY(r.summary.startsWith(QStringLiteral("All online public services and government websites in Albania")));
        // The headlines of other stories below the disclaimer name none of these.
        for (const DraftEvidence &e : d.evidence) {
            for (const char *other : { "Afghan", "Taiwan", "China", "Tibet", "Pakistan" })
                QVERIFY2(!e.sentence.contains(QLatin1StringView(other)), qPrintable(e.field + u": " + e.sentence));
        }
    }

    void fixtures_data()
    {
        QTest::addColumn<QString>("article");
        QTest::addColumn<QString>("expect");
        const QDir dir(QFINDTESTDATA("../data/articles"));
        QVERIFY(dir.exists());
        const QStringList expectations = dir.entryList({ QStringLiteral("*.expect") }, QDir::Files, QDir::Name);
        QVERIFY(expectations.size() >= 10);
        for (const QString &name : expectations) {
            const QString base = name.chopped(7);
            QString article = dir.filePath(base + QStringLiteral(".txt"));
            if (!QFile::exists(article))
                article = dir.filePath(base + QStringLiteral(".html"));
            QTest::newRow(qPrintable(base)) << article << dir.filePath(name);
        }
    }

    void fixtures()
    {
        QFETCH(QString, article);
        QFETCH(QString, expect);
        QVERIFY2(QFile::exists(article), qPrintable(article));
        const ArticleDraft d = ArticleReader::readBytes(readAll(article));
        const QStringList lines = QString::fromUtf8(readAll(expect)).split(u'\n', Qt::SkipEmptyParts);
        QVERIFY(!lines.isEmpty());
        for (const QString &line : lines) {
            const qsizetype colon = line.indexOf(u':');
            QVERIFY2(colon > 0, qPrintable(line));
            const QString field = line.left(colon).trimmed();
            QString want = line.mid(colon + 1).trimmed();
            want.remove(u' ');
            QString got = fieldValue(d, field);
            if (field != u"title" && field != u"actor")
                got.remove(u' ');
            else
                want = line.mid(colon + 1).trimmed();
            QVERIFY2(got == want, qPrintable(QStringLiteral("%1: got \"%2\", expected \"%3\"").arg(field, got, want)));
            if (!want.isEmpty() && field != u"published" && field != u"publisher" && field != u"url"
                && field != u"disclosed")
                QVERIFY2(!d.evidenceFor(field).isEmpty(), qPrintable(field + QStringLiteral(": no evidence")));
        }
    }

    void lowerCaseAndCodeWordsAreNotCountries()
    {
        const ArticleDraft d = ArticleReader::read(
            u"Hackers hit the IT systems of a hospital in New Mexico on Monday, officials told us. "
            u"It is not known who was behind the attack on the hospital, which serves the region.");
        QCOMPARE(d.incident.victims, QStringList { QStringLiteral("XX") });
        QVERIFY(d.notes.join(u' ').contains(QStringLiteral("No victim country")));
    }

    void suspectedAttackerIsNotAVictim()
    {
        const ArticleDraft d = ArticleReader::read(
            u"Estonian banks hit by cyber attacks\n"
            u"By Example Staff | Published: 28 April 2007\n"
            u"Estonian government and bank websites were flooded with traffic on Friday, officials in Estonia said.\n"
            u"Officials blamed Russia for the attacks, which Moscow denied.\n");
        QCOMPARE(d.incident.victims, QStringList { QStringLiteral("EE") });
        QCOMPARE(d.incident.attackers, QStringList { QStringLiteral("RU") });
        QCOMPARE(d.incident.start, PartialDate::day(2007, 4, 27));
        QCOMPARE(Vocabulary::typeKey(d.incident.type), QStringLiteral("ddos"));
        QCOMPARE(d.incident.attribution, Attribution::Suspected);
    }

    void callerActorsAreMatched()
    {
        ArticleReader::Options options;
        options.knownActors = { QStringLiteral("Bluefin Crew") };
        const ArticleDraft d = ArticleReader::read(
            u"Ports hit\nBy Staff | Published: 3 June 2024\n"
            u"The Bluefin Crew claimed responsibility for an attack on Chilean ports on Sunday, the navy said.\n",
            options);
        QCOMPARE(d.incident.actor, QStringLiteral("Bluefin Crew"));
        QCOMPARE(d.incident.attribution, Attribution::Claimed);
        QCOMPARE(d.incident.victims, QStringList { QStringLiteral("CL") });
        QCOMPARE(d.incident.start, PartialDate::day(2024, 6, 2));
    }

    void noDatesAreProposedWhenThereAreNone()
    {
        const ArticleDraft d
            = ArticleReader::read(u"Something happened to a ministry in Peru, the report said at length.");
        QVERIFY(!d.incident.start.isValid());
        QVERIFY(d.notes.join(u' ').contains(QStringLiteral("No date found")));
        QCOMPARE(d.incident.victims, QStringList { QStringLiteral("PE") });
    }

    void longInputIsCutAndNoted()
    {
        QString text = QStringLiteral("Latvian ministry websites were defaced on Monday by hackers, officials said.\n");
        text += QString(ArticleReader::maxInputChars, u'x');
        const ArticleDraft d = ArticleReader::read(text);
        QVERIFY(d.truncated);
        QVERIFY(d.notes.join(u' ').contains(QStringLiteral("Only the first")));
        QCOMPARE(d.incident.victims, QStringList { QStringLiteral("LV") });

        const ArticleDraft bytes = ArticleReader::readBytes(QByteArray(ArticleReader::maxInputBytes + 10, 'a'));
        QVERIFY(bytes.truncated);
        QVERIFY(bytes.notes.join(u' ').contains(QStringLiteral("bytes of the file")));
    }

    void emptyAndBinaryInput()
    {
        const ArticleDraft empty = ArticleReader::read(u"");
        QCOMPARE(empty.incident.victims, QStringList { QStringLiteral("XX") });
        QVERIFY(!empty.notes.isEmpty());
        const ArticleDraft binary = ArticleReader::readBytes(QByteArray("\x89PNG\r\n\x1a\n\0\0\0\rIHDR", 16));
        QCOMPARE(binary.incident.victims, QStringList { QStringLiteral("XX") });
    }
};

QTEST_GUILESS_MAIN(TestArticleReader)
#include "tst_articlereader.moc"
