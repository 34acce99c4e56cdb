#include "import/importer.h"
#include "store/database.h"
#include "store/incidentstore.h"
#include "store/recordtexts.h"

#include <QTemporaryDir>
#include <QTest>
#include <limits>

// The texts of many records in one pass: the scan (most of a document) and the lookups (a few
// records) give the same fields, in the order asked for; an incident the document no longer
// holds is reported missing, not read as another; a cancel gives nothing.
class TestRecordTexts : public QObject
{
    Q_OBJECT

private:
    using Index = IncidentColumns::Index;
    static constexpr qint64 s_never = std::numeric_limits<qint64>::max(); // one thread
    QTemporaryDir m_dir;
    Database m_db;
    IncidentColumns m_columns;

    static QStringList fields(const RecordTexts::View &v)
    {
        QStringList out;
        for (const QByteArrayView f :
            { v.start, v.end, v.disclosed, v.attributedOn, v.summary, v.tags, v.related, v.notes })
            out << QString::fromUtf8(f);
        for (const RecordTexts::Source &s : v.sources)
            out << QString::fromUtf8(s.url) << QString::fromUtf8(s.title) << QString::fromUtf8(s.publisher)
                << QString::fromUtf8(s.date);
        return out;
    }

    static QStringList fields(const Incident &r)
    {
        QStringList out { r.start.toString(), r.end.toString(), r.disclosed.toString(), r.attributedOn.toString(),
            r.summary, r.tags.join(u';'), r.related.join(u';'), r.notes };
        for (const Source &s : r.sources)
            out << s.url << s.title << s.publisher << s.date;
        return out;
    }

private slots:
    void initTestCase()
    {
        QVERIFY(m_db.open(m_dir.filePath(QStringLiteral("doc.faultline"))));
        QVERIFY(!Importer::importBundled(m_db).failed);
        m_columns = IncidentStore(m_db).loadColumns(nullptr, IncidentStore::LoadMode::Scan);
        QVERIFY(m_columns.size() > qint64(4 * RecordTexts::s_scanRatio));
    }

    void scanAndLookupsAgree()
    {
        // Most incidents are scanned, two are looked up; both in the order asked for.
        std::vector<Index> many(m_columns.byDate.rbegin(), m_columns.byDate.rend());
        const std::vector<Index> few = { many.at(3), many.at(0) };
        const std::optional<RecordTexts> scanned = RecordTexts::read(m_db, m_columns, many);
        const std::optional<RecordTexts> looked = RecordTexts::read(m_db, m_columns, few);
        QVERIFY(scanned && looked);
        QCOMPARE(scanned->size(), qsizetype(many.size()));
        RecordTexts::View a, b;
        for (std::size_t k = 0; k < many.size(); ++k) {
            QVERIFY(scanned->at(qsizetype(k), a));
            const std::optional<Incident> r = IncidentStore(m_db).incidentByRowid(m_columns.rowid[many[k]]);
            QVERIFY(r);
            QCOMPARE(fields(a), fields(*r));
        }
        for (std::size_t k = 0; k < few.size(); ++k) {
            QVERIFY(looked->at(qsizetype(k), b));
            QVERIFY(scanned->at(k == 0 ? 3 : 0, a));
            QCOMPARE(fields(b), fields(a));
        }
    }

    void twoThreadsReadWhatOneReads()
    {
        // A document scanned by two threads (each half of the rowids on its own connection)
        // gives the texts one thread gives, in the order asked for.
        std::vector<Index> order(m_columns.byDate.rbegin(), m_columns.byDate.rend());
        const std::optional<RecordTexts> one = RecordTexts::read(m_db, m_columns, order, {}, nullptr, s_never);
        QList<std::pair<qint64, qint64>> calls;
        const std::optional<RecordTexts> two = RecordTexts::read(
            m_db, m_columns, order,
            [&](qint64 done, qint64 total) {
                calls.append({ done, total });
                return true;
            },
            nullptr, 0);
        QVERIFY(one && two);
        QCOMPARE(two->size(), one->size());
        RecordTexts::View a, b;
        for (qsizetype k = 0; k < one->size(); ++k) {
            QVERIFY(one->at(k, a));
            QVERIFY(two->at(k, b));
            QCOMPARE(fields(b), fields(a));
            QCOMPARE(QString::fromUtf8(b.actor), QString::fromUtf8(a.actor));
        }
        QVERIFY(!calls.isEmpty());
        QVERIFY(calls.last() == std::make_pair(qint64(m_columns.size()), qint64(m_columns.size())));
    }

    void openTransactionIsReadByOneThread()
    {
        // What a transaction has not committed is invisible to other connections: with one
        // open, the read stays on the document's connection and sees the uncommitted delete.
        const Index gone = m_columns.byDate.at(2);
        QString error;
        QVERIFY(m_db.exec(QStringLiteral("BEGIN"), &error));
        QVERIFY(m_db.exec(QStringLiteral("DELETE FROM incident WHERE rowid = %1").arg(m_columns.rowid[gone]), &error));
        const std::optional<RecordTexts> texts = RecordTexts::read(m_db, m_columns, m_columns.byDate, {}, nullptr, 0);
        QVERIFY(m_db.exec(QStringLiteral("ROLLBACK"), &error));
        QVERIFY(texts);
        RecordTexts::View v;
        QVERIFY(texts->at(1, v));
        QVERIFY(!texts->at(2, v));
        QVERIFY(texts->at(3, v));
    }

    void cancelGivesNothing()
    {
        for (const qint64 parallelFrom : { s_never, qint64(0) }) {
            const std::optional<RecordTexts> texts = RecordTexts::read(
                m_db, m_columns, m_columns.byDate, [](qint64, qint64) { return false; }, nullptr, parallelFrom);
            QVERIFY(!texts);
        }
    }

    void missingIncidentIsReported()
    {
        // Columns loaded before the incident went: its texts are missing, its neighbours are not.
        const Index gone = m_columns.byDate.at(1);
        QString error;
        QVERIFY(m_db.exec(QStringLiteral("DELETE FROM incident WHERE rowid = %1").arg(m_columns.rowid[gone]), &error));
        for (const std::vector<Index> &order :
            { m_columns.byDate, std::vector<Index> { m_columns.byDate.at(0), gone } }) {
            const std::optional<RecordTexts> texts = RecordTexts::read(m_db, m_columns, order);
            QVERIFY(texts);
            RecordTexts::View v;
            QVERIFY(texts->at(0, v));
            QVERIFY(!texts->at(1, v));
        }
    }
};

QTEST_GUILESS_MAIN(TestRecordTexts)
#include "tst_recordtexts.moc"
