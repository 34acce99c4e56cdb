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

    // Seen at 1366x768: with a row selected, Qt drew every header in bold but elided the
    // text for the regular font, so a narrow header showed a cut middle ("tributed").
    void narrowHeadersStayInsideTheirSectionWithARowSelected()
    {
        QStandardItemModel model(2, 3);
        model.setHorizontalHeaderLabels(
            { QStringLiteral("Date"), QStringLiteral("Attributed to"), QStringLiteral("Title") });
        QTableView table;
        table.setModel(&model);
        table.setSelectionBehavior(QAbstractItemView::SelectRows);
        table.verticalHeader()->hide();
        new TableColumnFit(&table, 2, { { 0, 100 }, { 1, 60 } }, { 0, 1 });
        table.resize(400, 200);
        table.show();
        QVERIFY(QTest::qWaitForWindowExposed(&table));
        table.selectRow(0);
        QHeaderView *header = table.horizontalHeader();
        const QImage image = header->grab().toImage();
        const int left = header->sectionViewportPosition(1);
        // No glyph pixel (dark) in the first pixels of the section: an elided label keeps
        // its margin, a clipped one starts at the edge.
        for (int y = 3; y < image.height() - 3; ++y)
            for (int x = left + 1; x < left + 4; ++x)
                QVERIFY2(qGray(image.pixel(x, y)) > 110,
                    qPrintable(QStringLiteral("dark pixel %1 at %2,%3").arg(qGray(image.pixel(x, y))).arg(x).arg(y)));
    }
};

QTEST_MAIN(TestTableColumnFit)
#include "tst_tablecolumnfit.moc"
