#include "export/figureexporter.h"
#include "export/figurescope.h"
#include "timelinetestdata.h"

#include <QTest>

// What a figure covers: the N busiest rows, a slice, a hand-picked list of rows (in the rows'
// own order, unknown keys ignored, the row arrays rebuilt over the shown incidents), and the
// caption, which counts what is shown and names hand-picked rows.
class TestFigureScope : public QObject
{
    Q_OBJECT

private:
    std::shared_ptr<const TimelineRows> m_rows;

    static QStringList keys(const TimelineRows &rows)
    {
        QStringList out;
        for (int r = 0; r < rows.rowCount(); ++r)
            out << rows.row(r).key;
        return out;
    }

private slots:
    void initTestCase()
    {
        auto columns = std::make_shared<const IncidentColumns>(TimelineTestData::newsroom(300));
        std::vector<IncidentColumns::Index> all(columns->size());
        std::iota(all.begin(), all.end(), 0u);
        m_rows = TimelineRows::build(columns, all, RowOptions());
        QVERIFY(m_rows->rowCount() >= 6);
    }

    void topAndSlice()
    {
        QCOMPARE(keys(*FigureScope::top(m_rows, 3)), keys(*m_rows).mid(0, 3));
        QVERIFY(FigureScope::top(m_rows, 0) == m_rows);
        QCOMPARE(keys(*FigureScope::slice(m_rows, 2, 2)), keys(*m_rows).mid(2, 2));
    }

    void pickedRowsKeepTheirOrderAndOnlyTheirIncidents()
    {
        const QStringList all = keys(*m_rows);
        // Asked for out of order, with a key the rows do not have.
        const auto picked = FigureScope::picked(m_rows, { all.at(4), QStringLiteral("no such row"), all.at(1) });
        QCOMPARE(keys(*picked), (QStringList { all.at(1), all.at(4) }));
        for (int r = 0; r < picked->rowCount(); ++r)
            QCOMPARE(picked->row(r).incidents, m_rows->row(all.indexOf(picked->row(r).key)).incidents);
        QVERIFY(FigureScope::picked(m_rows, all) == m_rows);
        QCOMPARE(FigureScope::picked(m_rows, {})->rowCount(), 0);
    }

    void captionCountsAndNamesPickedRows()
    {
        const QStringList all = keys(*m_rows);
        const auto picked = FigureScope::picked(m_rows, { all.at(0), all.at(2) });
        const qint64 count = FigureScope::facts(picked.get()).incidents;
        // Each incident once, though one with two victims may be in both rows.
        QVERIFY(count <= qint64(picked->row(0).count() + picked->row(1).count()));
        QVERIFY(count >= qint64(std::max(picked->row(0).count(), picked->row(1).count())));
        const QStringList labels = { picked->row(0).label, picked->row(1).label };
        const QString caption = FigureScope::caption(Filter(), picked.get(), 2459000, 2459365, labels);
        QVERIFY2(caption.contains(QStringLiteral("rows: %1, %2").arg(labels.at(0), labels.at(1))), qPrintable(caption));
        QVERIFY2(caption.contains(QStringLiteral("%1 incidents").arg(count)), qPrintable(caption));
        QVERIFY(!FigureScope::caption(Filter(), picked.get(), 2459000, 2459365).contains(QStringLiteral("rows:")));
        // Many picked rows: the first few by name, then how many more.
        QStringList many;
        for (int k = 0; k < FigureExporter::s_captionRows + 3; ++k)
            many << QStringLiteral("Row %1").arg(k);
        const QString long_ = FigureScope::caption(Filter(), picked.get(), 2459000, 2459365, many);
        QVERIFY2(long_.contains(QStringLiteral("Row 5, and 3 more")), qPrintable(long_));
        QVERIFY(!long_.contains(QStringLiteral("Row 6")));
    }
};

QTEST_MAIN(TestFigureScope)
#include "tst_figurescope.moc"
