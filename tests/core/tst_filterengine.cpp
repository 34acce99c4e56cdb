#include "domain/regions.h"
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
        // Victim regions are UN M49 regions or sub-regions, in any case.
        QTest::newRow("region") << "region=Europe" << QStringList { e, m, c2, c1 };
        QTest::newRow("sub-region") << "region=northern%20europe" << QStringList { e, c1 };
        QTest::newRow("two-regions") << "region=Asia,Western%20Europe" << QStringList { m, y };
        QTest::newRow("attacker-and-region") << "attacker=RS&region=Europe" << QStringList { c2 };
        QTest::newRow("attacker-region-year") << "attacker=RU&region=Europe&from=2007&to=2007" << QStringList { e };
        QTest::newRow("attacker-outside-region") << "attacker=RU&region=Asia" << QStringList {};
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

    void placeFacetsCountEachOther()
    {
        // Victim country, attacker country and victim region are separate criteria: each
        // facet's counts apply the other two.
        Filter f;
        f.attackerCountries = { QStringLiteral("RU") };
        f.regions = { QStringLiteral("Europe") };
        const FilterEngine::Result r = FilterEngine::apply(*m_columns, f, nullptr);
        QCOMPARE(ids(r), QStringList { QStringLiteral("t-estonia") });
        const QStringList &regions = Regions::instance().regionNames();
        auto region = [&](const QString &name) { return r.counts.regions[std::size_t(regions.indexOf(name))]; };
        // Regions apply the attacker only: Russia's one incident is in Europe.
        QCOMPARE(region(QStringLiteral("Europe")), 1);
        QCOMPARE(region(QStringLiteral("Asia")), 0);
        // Attackers apply the region only: RU and RS each once among European victims.
        QCOMPARE(r.counts.attackers[std::size_t(m_columns->countryIndex(QStringLiteral("RU")))], 1);
        QCOMPARE(r.counts.attackers[std::size_t(m_columns->countryIndex(QStringLiteral("RS")))], 1);
        // Victim countries apply both.
        QCOMPARE(r.counts.countries[std::size_t(m_columns->countryIndex(QStringLiteral("EE")))], 1);
        QCOMPARE(r.counts.countries[std::size_t(m_columns->countryIndex(QStringLiteral("DE")))], 0);

        // Without criteria an incident with victims in two regions counts once in each, and
        // once per region even with two victims in it.
        const FilterEngine::Result all = FilterEngine::apply(*m_columns, Filter(), nullptr);
        auto allRegion = [&](const QString &name) { return all.counts.regions[std::size_t(regions.indexOf(name))]; };
        QCOMPARE(allRegion(QStringLiteral("Europe")), 4);
        QCOMPARE(allRegion(QStringLiteral("Asia")), 1);
        QCOMPARE(allRegion(QStringLiteral("Americas")), 1);
    }

    void yearCountsFollowTheIntervals()
    {
        const FilterEngine::Result all = FilterEngine::apply(*m_columns, Filter(), nullptr);
        QCOMPARE(all.counts.firstYear, 2007);
        QCOMPARE(all.counts.years.size(), std::size_t(2021 - 2007 + 1));
        QCOMPARE(all.counts.yearCount(2007), 1);
        QCOMPARE(all.counts.yearCount(2016), 1);
        QCOMPARE(all.counts.yearCount(2008), 0);
        QCOMPARE(all.counts.yearCount(2006), 0);
        QCOMPARE(all.counts.yearCount(2022), 0);
        // Year counts ignore the dates but apply the rest.
        Filter f;
        f.fromDay = QDate(2016, 1, 1).toJulianDay();
        f.toDay = QDate(2016, 12, 31).toJulianDay();
        f.types = { IncidentType::Ransomware };
        const FilterEngine::Result r = FilterEngine::apply(*m_columns, f, nullptr);
        QVERIFY(r.indices.empty());
        QCOMPARE(r.counts.yearCount(2021), 1);
        QCOMPARE(r.counts.yearCount(2016), 0);
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
        QCOMPARE(model.headerData(IncidentTableModel::AttributedToColumn, Qt::Horizontal).toString(),
            QStringLiteral("Attributed to"));
        // The countries an incident is attributed to, by name; empty when none.
        QCOMPARE(model.index(0, IncidentTableModel::AttributedToColumn).data().toString(), QStringLiteral("Russia"));
        QCOMPARE(model.index(1, IncidentTableModel::AttributedToColumn).data().toString(), QString());
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
        // Sorted by it, the attributed incidents come first (Russia, Serbia), the rest after.
        model.sort(IncidentTableModel::AttributedToColumn, Qt::AscendingOrder);
        QCOMPARE(model.index(0, IncidentTableModel::AttributedToColumn).data().toString(), QStringLiteral("Russia"));
        QCOMPARE(model.index(1, IncidentTableModel::AttributedToColumn).data().toString(), QStringLiteral("Serbia"));
        QCOMPARE(model.index(2, IncidentTableModel::AttributedToColumn).data().toString(), QString());
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
