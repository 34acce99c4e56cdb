// A narrow table keeps its stretching (title) column readable: the other columns give up
// width in proportion instead of the title collapsing to a few characters.
#include "widgets/tablecolumnfit.h"

#include <QHeaderView>
#include <QStandardItemModel>
#include <QTableView>
#include <QTest>

class TestTableColumnFit : public QObject
{
    Q_OBJECT
private slots:
    void titleKeepsItsShare_data()
    {
        QTest::addColumn<int>("width");
        QTest::newRow("laptop pane") << 560;
        QTest::newRow("projector pane") << 480;
        QTest::newRow("wide") << 1400;
    }

    void titleKeepsItsShare()
    {
        QFETCH(int, width);
        QStandardItemModel model(3, 6);
        QTableView table;
        table.setModel(&model);
        table.verticalHeader()->hide();
        table.horizontalHeader()->setStretchLastSection(false);
        const QHash<int, int> preferred { { 0, 100 }, { 2, 150 }, { 3, 100 }, { 4, 140 }, { 5, 90 } };
        new TableColumnFit(&table, 1, preferred, { 0 });
        table.resize(width, 300);
        table.show();
        QVERIFY(QTest::qWaitForWindowExposed(&table));
        const int viewport = table.viewport()->width();
        QVERIFY2(table.columnWidth(1) >= int(viewport * 0.4) - 2,
            qPrintable(QStringLiteral("title %1 of %2").arg(table.columnWidth(1)).arg(viewport)));
        int sum = 0;
        for (int c = 0; c < 6; ++c)
            sum += table.columnWidth(c);
        QVERIFY(sum <= viewport + 1);
        QCOMPARE(table.columnWidth(0), 100); // kept: a date never gives up width
        // Wide enough: every other column keeps its preferred width.
        if (width >= 1400) {
            for (auto it = preferred.cbegin(); it != preferred.cend(); ++it)
                QCOMPARE(table.columnWidth(it.key()), it.value());
        }
    }

    void narrowHeadersEndInAnEllipsis()
    {
        QStandardItemModel model(1, 2);
        QTableView table;
        table.setModel(&model);
        QVERIFY(table.horizontalHeader()->textElideMode() != Qt::ElideRight); // Qt's default cuts the text
        new TableColumnFit(&table, 1, { { 0, 90 } }, {});
        QCOMPARE(table.horizontalHeader()->textElideMode(), Qt::ElideRight);
    }
};

QTEST_MAIN(TestTableColumnFit)
#include "tst_tablecolumnfit.moc"
