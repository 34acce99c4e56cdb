#include "import/importer.h"
#include "models/incidenttablemodel.h"
#include "query/filterengine.h"
#include "store/database.h"
#include "store/incidentstore.h"

#include <QAbstractItemModelTester>
#include <QTemporaryDir>
#include <QTest>

class TestFilterEngine : public QObject
{
    Q_OBJECT
private:
    QTemporaryDir m_dir;
    Database m_db;
    std::shared_ptr<IncidentColumns> m_columns;

    QStringList ids(const FilterEngine::Result &r) const
    {
        QStringList list;
        for (const auto i : r.indices)
            list << m_columns->id(i);
        return list;
    }

private slots:
    void initTestCase()
    {
        QVERIFY(m_db.open(m_dir.filePath(QStringLiteral("f.db"))));
        QVERIFY(!Importer::importFile(m_db, QFINDTESTDATA("../data/good.json")).failed);
        QVERIFY(!Importer::importFile(m_db, QFINDTESTDATA("../data/good.csv")).failed);
        m_columns = std::make_shared<IncidentColumns>(IncidentStore(m_db).loadColumns());
        QCOMPARE(m_columns->size(), 5u);
    }

    void apply_data()
    {
        QTest::addColumn<QString>("query");
        QTest::addColumn<QStringList>("expected");
        const QString e = QStringLiteral("t-estonia"), m = QStringLiteral("t-month"), y = QStringLiteral("t-year"),
                      c1 = QStringLiteral("c-1"), c2 = QStringLiteral("c-2");
        QTest::newRow("everything-in-date-order") << "" << QStringList { e, m, y, c2, c1 };
        QTest::newRow("type") << "type=ddos" << QStringList { e };
        QTest::newRow("two-types") << "type=ddos,ransomware" << QStringList { e, c1 };
        QTest::newRow("country") << "country=US" << QStringList { y };
        QTest::newRow("multi-country-any") << "country=PH" << QStringList { y };
        QTest::newRow("attacker") << "attacker=RU" << QStringList { e };
        QTest::newRow("sector-any") << "sector=finance,health" << QStringList { e, c1 };
        QTest::newRow("date-range-day") << "from=2021-05-14&to=2021-05-14" << QStringList { c1 };
        // A year-precise incident reaches into any range that overlaps its year.
        QTest::newRow("uncertain-interval-overlaps") << "from=2016-12-31&to=2017-06" << QStringList { y };
        QTest::newRow("duration-overlaps") << "from=2007-05-10&to=2007-05-10" << QStringList { e };
        QTest::newRow("before-everything") << "to=2006" << QStringList {};
        QTest::newRow("actor-substring") << "actor=some%20gr" << QStringList { c2 };
        QTest::newRow("attribution") << "attribution=suspected" << QStringList { e, c2 };
        QTest::newRow("dataset") << "dataset=fixture" << QStringList { e, m, y };
        QTest::newRow("combined") << "type=ddos,defacement&attribution=suspected&from=2010" << QStringList { c2 };
    }

    void apply()
    {
        QFETCH(QString, query);
        QFETCH(QStringList, expected);
        QString error;
        const Filter f = Filter::fromQueryString(query, &error);
        QVERIFY2(error.isEmpty(), qPrintable(error));
        QCOMPARE(ids(FilterEngine::apply(*m_columns, f, nullptr)), expected);
        // The query string round-trips.
        QCOMPARE(Filter::fromQueryString(f.toQueryString()), f);
    }

    void dateOrderIsStableAndComplete()
    {
        IncidentColumns c = *m_columns;
        // Equal first days keep index order; the order is a permutation of every index.
        c.firstDay = { 10, 5, 10, 5, 7 };
        c.buildDateOrder();
        QCOMPARE(c.byDate, (std::vector<std::uint32_t> { 1, 3, 4, 0, 2 }));
        // Far-apart days take the comparison sort and give the same kind of order.
        c.firstDay = { 1721426, 5373484, 2459581, 1721426, 2459581 };
        c.buildDateOrder();
        QCOMPARE(c.byDate, (std::vector<std::uint32_t> { 0, 3, 2, 4, 1 }));
    }

    void searchIntersects()
    {
        Filter f;
        f.search = QStringLiteral("hospital");
        const QList<qint64> hits = IncidentStore(m_db).search(f.search);
        QCOMPARE(ids(FilterEngine::apply(*m_columns, f, &hits)), QStringList { QStringLiteral("c-1") });
        f.types = { IncidentType::Ddos };
        QCOMPARE(ids(FilterEngine::apply(*m_columns, f, &hits)), QStringList {});
    }

    void facetCountsIgnoreTheirOwnCriterion()
    {
        Filter f;
        f.types = { IncidentType::Ddos };
        f.attributions = { Attribution::Suspected };
        const FilterEngine::Result r = FilterEngine::apply(*m_columns, f, nullptr);
        QCOMPARE(r.indices.size(), 1u);
        // Type counts apply every criterion but type: both suspected incidents, by their type.
        QCOMPARE(r.counts.types[std::size_t(IncidentType::Ddos)], 1);
        QCOMPARE(r.counts.types[std::size_t(IncidentType::Defacement)], 1);
        QCOMPARE(r.counts.types[std::size_t(IncidentType::Ransomware)], 0);
        // Attribution counts apply type only: the one DDoS is suspected.
        QCOMPARE(r.counts.attributions[std::size_t(Attribution::Suspected)], 1);
        QCOMPARE(r.counts.attributions[std::size_t(Attribution::None)], 0);
        QCOMPARE(r.counts.countries[std::size_t(m_columns->countryIndex(QStringLiteral("EE")))], 1);
    }

    void badQueryStringIsReported()
    {
        QString error;
        Filter::fromQueryString(QStringLiteral("type=cyberwar&from=2022-13"), &error);
        QVERIFY(error.contains(QStringLiteral("cyberwar")));
        QVERIFY(error.contains(QStringLiteral("from")));
    }

    void tableModel()
    {
        IncidentTableModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setIncidents(m_columns, FilterEngine::apply(*m_columns, Filter(), nullptr).indices);
        QCOMPARE(model.rowCount(), 5);
        QCOMPARE(model.columnCount(), int(IncidentTableModel::ColumnCount));
        // Date order by default.
        QCOMPARE(model.index(0, 0).data(IncidentTableModel::IdRole).toString(), QStringLiteral("t-estonia"));
        QCOMPARE(model.index(0, IncidentTableModel::DateColumn).data().toString(), QStringLiteral("2007-04-27"));
        QCOMPARE(model.index(1, IncidentTableModel::DateColumn).data().toString(), QStringLiteral("2015-06"));
        QCOMPARE(model.index(4, 0).data(IncidentTableModel::IdRole).toString(), QStringLiteral("c-1"));

        const QPersistentModelIndex kept = model.index(0, IncidentTableModel::TitleColumn);
        model.sort(IncidentTableModel::TitleColumn, Qt::AscendingOrder);
        QCOMPARE(
            model.index(0, IncidentTableModel::TitleColumn).data().toString(), QStringLiteral("=HYPERLINK(\"x\")"));
        QCOMPARE(
            kept.data(IncidentTableModel::IdRole).toString(), QStringLiteral("t-estonia")); // persistent index followed
        model.sort(IncidentTableModel::DateColumn, Qt::DescendingOrder);
        QCOMPARE(model.index(0, 0).data(IncidentTableModel::IdRole).toString(), QStringLiteral("c-1"));

        Filter f;
        f.types = { IncidentType::Ddos };
        model.setIndices(FilterEngine::apply(*m_columns, f, nullptr).indices);
        QCOMPARE(model.rowCount(), 1);
        QCOMPARE(model.rowOfIndex(0), 0);
        QCOMPARE(model.rowOfIndex(1), -1);
    }
};

QTEST_GUILESS_MAIN(TestFilterEngine)
#include "tst_filterengine.moc"
