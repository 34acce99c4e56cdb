// ViewState and SavedViews: a view survives the round trip through the user's settings,
// names are kept as typed (slashes and all), and damaged values fall back to defaults.
#include "views/savedviews.h"

#include <QCoreApplication>
#include <QSettings>
#include <QStandardPaths>
#include <QTest>

class TestSavedViews : public QObject
{
    Q_OBJECT
private:
    static ViewState sampleView()
    {
        ViewState view;
        view.filter.types = { IncidentType::Ransomware };
        view.filter.countries = { QStringLiteral("IE") };
        view.filter.search = QStringLiteral("hospital");
        view.firstDay = 2459000.25;
        view.endDay = 2459400.5;
        view.rows.key = RowKey::Sector;
        view.rows.sort = RowSort::Name;
        view.rows.collapse = RegionLevel::Region;
        view.rows.hidden = { QStringLiteral("health") };
        view.rows.pinned = { QStringLiteral("energy"), QStringLiteral("finance") };
        return view;
    }

private slots:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QCoreApplication::setOrganizationName(QStringLiteral("FaultlineTests"));
        QCoreApplication::setApplicationName(QStringLiteral("tst_savedviews"));
        QSettings().clear();
    }

    void aViewSurvivesTheSettings()
    {
        const ViewState view = sampleView();
        QCOMPARE(ViewState::fromMap(view.toMap()), view);
        SavedViews::save(QStringLiteral("Hospitals"), view);
        const auto loaded = SavedViews::load(QStringLiteral("Hospitals"));
        QVERIFY(loaded);
        QCOMPARE(*loaded, view);
        QVERIFY(!SavedViews::load(QStringLiteral("hospitals"))); // names are case-sensitive keys
    }

    void namesAreKeptAsTypedAndSorted()
    {
        SavedViews::save(QStringLiteral("zeta"), ViewState());
        SavedViews::save(QStringLiteral("Alpha / beta & gamma"), ViewState());
        SavedViews::save(QStringLiteral("Éire"), ViewState());
        const QStringList names = SavedViews::names();
        QVERIFY(names.contains(QStringLiteral("Alpha / beta & gamma")));
        QVERIFY(names.indexOf(QStringLiteral("Alpha / beta & gamma")) < names.indexOf(QStringLiteral("zeta")));
        QVERIFY(SavedViews::load(QStringLiteral("Alpha / beta & gamma")));
        // Saving under an existing name replaces that view.
        const qsizetype count = names.size();
        SavedViews::save(QStringLiteral("zeta"), sampleView());
        QCOMPARE(SavedViews::names().size(), count);
        QCOMPARE(*SavedViews::load(QStringLiteral("zeta")), sampleView());
    }

    void removingAView()
    {
        SavedViews::save(QStringLiteral("temporary"), sampleView());
        QVERIFY(SavedViews::remove(QStringLiteral("temporary")));
        QVERIFY(!SavedViews::names().contains(QStringLiteral("temporary")));
        QVERIFY(!SavedViews::load(QStringLiteral("temporary")));
        QVERIFY(!SavedViews::remove(QStringLiteral("temporary")));
    }

    void theLastViewKeepsItsDocumentAndIncident()
    {
        ViewState view = sampleView();
        view.document = QStringLiteral("/tmp/some.faultline");
        view.currentId = QStringLiteral("t-estonia");
        SavedViews::saveLast(view);
        const auto last = SavedViews::last();
        QVERIFY(last);
        QCOMPARE(*last, view);
        // A named view belongs to no document.
        QVERIFY(!sampleView().toMap().contains(QStringLiteral("document")));
    }

    void damagedValuesFallBackToDefaults()
    {
        QVariantMap map = sampleView().toMap();
        map.insert(QStringLiteral("rowKey"), 99);
        map.insert(QStringLiteral("rowSort"), -1);
        map.insert(QStringLiteral("rowCollapse"), 7);
        map.insert(QStringLiteral("filter"), QStringLiteral("type=no-such-type"));
        const ViewState view = ViewState::fromMap(map);
        QCOMPARE(view.rows.key, RowOptions().key);
        QCOMPARE(view.rows.sort, RowOptions().sort);
        QCOMPARE(view.rows.collapse, RowOptions().collapse);
        QVERIFY(view.filter.types.isEmpty());
        QCOMPARE(view.firstDay, sampleView().firstDay); // what is sound is kept
    }
};

QTEST_GUILESS_MAIN(TestSavedViews)
#include "tst_savedviews.moc"
