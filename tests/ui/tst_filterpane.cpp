// The filter pane's dates: what people type is read, what cannot be read is marked and
// explained beside the field and never changes the results. Its facets: years, places, counts.
#include "incidentcolumnsbuilder.h"
#include "panes/filterpane.h"
#include "query/filterengine.h"
#include "render/theme.h"

#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QSignalSpy>
#include <QStyle>
#include <QTest>

class TestFilterPane : public QObject
{
    Q_OBJECT
private:
    static void type(QLineEdit *edit, const QString &text)
    {
        edit->setFocus();
        edit->selectAll();
        edit->clear();
        QTest::keyClicks(edit, text);
        QTest::keyClick(edit, Qt::Key_Return); // editingFinished
    }

    static qint64 day(int y, int m, int d) { return QDate(y, m, d).toJulianDay(); }

    // Three incidents: Estonia by Russia in 2020, Germany in 2021, Japan by China in 2022.
    static std::shared_ptr<const IncidentColumns> columns()
    {
        TestSupport::IncidentColumnsBuilder b;
        auto incident = [](const char *id, const char *start, QStringList victims, QStringList attackers) {
            Incident r;
            r.id = QString::fromLatin1(id);
            r.title = r.id;
            r.start = PartialDate::parse(QString::fromLatin1(start));
            r.victims = victims;
            r.attackers = attackers;
            return r;
        };
        b.add(incident("ee", "2020-03-01", { QStringLiteral("EE") }, { QStringLiteral("RU") }));
        b.add(incident("de", "2021-06", { QStringLiteral("DE") }, {}));
        b.add(incident("jp", "2022", { QStringLiteral("JP") }, { QStringLiteral("CN") }));
        IncidentColumns c = b.take();
        c.buildDateOrder();
        return std::make_shared<const IncidentColumns>(std::move(c));
    }

    // A click in the middle of the value's row (on its label, not its box).
    static void clickItem(QListWidget *list, const QVariant &key)
    {
        QListWidgetItem *item = FilterPane::itemFor(list, key);
        QVERIFY2(item, qPrintable(key.toString()));
        list->scrollToItem(item);
        QTest::mouseClick(list->viewport(), Qt::LeftButton, {}, list->visualItemRect(item).center());
    }

    static QStringList checkedKeys(QListWidget *list)
    {
        QStringList keys;
        for (int i = 0; i < list->count(); ++i) {
            if (list->item(i)->checkState() == Qt::Checked)
                keys << list->item(i)->data(Qt::UserRole + 1).toString();
        }
        return keys;
    }

private slots:
    void readsTypedDates_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QDate>("from");
        QTest::newRow("iso") << "2022-07-17" << QDate(2022, 7, 17);
        QTest::newRow("slashes") << "17/07/2022" << QDate(2022, 7, 17);
        QTest::newRow("month-name") << "17 July 2022" << QDate(2022, 7, 17);
        QTest::newRow("month") << "July 2022" << QDate(2022, 7, 1);
    }

    void readsTypedDates()
    {
        QFETCH(QString, text);
        QFETCH(QDate, from);
        FilterPane pane;
        pane.show();
        type(pane.fromEdit(), text);
        QVERIFY(pane.filter().fromDay);
        QCOMPARE(QDate::fromJulianDay(*pane.filter().fromDay), from);
        QVERIFY(!pane.hasDateError());
    }

    void invalidDateKeepsResultsAndSaysWhy()
    {
        FilterPane pane;
        pane.show();
        type(pane.fromEdit(), QStringLiteral("2022-01"));
        QCOMPARE(pane.filter().fromDay, std::optional<qint64>(day(2022, 1, 1)));
        const QColor normalBase = pane.fromEdit()->palette().color(QPalette::Base);

        QSignalSpy changed(&pane, &FilterPane::filterChanged);
        for (const QString &bad : { QStringLiteral("2022-13-45"), QStringLiteral("07/17/2022") }) {
            type(pane.fromEdit(), bad);
            // The results do not change: the previous From stays applied.
            QCOMPARE(pane.filter().fromDay, std::optional<qint64>(day(2022, 1, 1)));
            QCOMPARE(changed.count(), 0);
            // The field is marked, and a visible message beside it says why.
            QVERIFY(pane.hasDateError());
            QVERIFY(pane.dateMessage()->isVisible());
            QVERIFY2(
                pane.dateMessage()->text().contains(QStringLiteral("From")), qPrintable(pane.dateMessage()->text()));
            QVERIFY(pane.dateMessage()->text().contains(QStringLiteral("not applied")));
            QVERIFY(pane.fromEdit()->palette().color(QPalette::Base) != normalBase);
            QVERIFY(!pane.fromEdit()->accessibleDescription().isEmpty());
        }

        // Correcting it clears the mark and applies the date.
        type(pane.fromEdit(), QStringLiteral("2022-03"));
        QCOMPARE(pane.filter().fromDay, std::optional<qint64>(day(2022, 3, 1)));
        QVERIFY(!pane.hasDateError());
        QVERIFY(!pane.dateMessage()->isVisible());
        QCOMPARE(pane.fromEdit()->palette().color(QPalette::Base), normalBase);
    }

    void fromAfterToIsAnError()
    {
        FilterPane pane;
        pane.show();
        type(pane.fromEdit(), QStringLiteral("2021"));
        type(pane.toEdit(), QStringLiteral("2021-06"));
        const Filter before = pane.filter();
        QCOMPARE(before.toDay, std::optional<qint64>(day(2021, 6, 30)));
        type(pane.fromEdit(), QStringLiteral("2022"));
        QVERIFY(pane.hasDateError());
        QVERIFY(pane.dateMessage()->isVisible());
        QVERIFY(pane.dateMessage()->text().contains(QStringLiteral("after")));
        QCOMPARE(pane.filter(), before);
        QVERIFY(!pane.toEdit()->accessibleDescription().isEmpty());
    }

    void swatchesFollowADarkPalette()
    {
        FilterPane pane;
        QPalette dark = pane.palette();
        dark.setColor(QPalette::Window, QColor(0x2b, 0x2d, 0x30));
        dark.setColor(QPalette::Base, QColor(0x1e, 0x1f, 0x22));
        pane.setPalette(dark);
        const QColor expected = Theme::darkTheme().typeColor(IncidentType::Destructive);
        QListWidgetItem *destructive = nullptr;
        for (int i = 0; i < pane.typeList()->count(); ++i) {
            if (pane.typeList()->item(i)->text().startsWith(Vocabulary::typeLabel(IncidentType::Destructive)))
                destructive = pane.typeList()->item(i);
        }
        QVERIFY(destructive);
        const QImage swatch = destructive->icon().pixmap(12, 12).toImage();
        QCOMPARE(swatch.pixelColor(6, 6).rgb(), expected.rgb());
    }

    void yearsSetTheDateRange()
    {
        FilterPane pane;
        pane.resize(300, 900);
        pane.show();
        pane.setColumns(columns());
        QCOMPARE(pane.yearList()->count(), 3);
        QCOMPARE(pane.yearList()->item(0)->data(Qt::UserRole + 1).toInt(), 2022); // newest first

        // One click on a year's label: that year.
        clickItem(pane.yearList(), 2022);
        QCOMPARE(pane.filter().fromDay, std::optional<qint64>(day(2022, 1, 1)));
        QCOMPARE(pane.filter().toDay, std::optional<qint64>(day(2022, 12, 31)));
        QCOMPARE(checkedKeys(pane.yearList()), QStringList { QStringLiteral("2022") });
        QCOMPARE(pane.fromEdit()->text(), QStringLiteral("2022"));

        // Another year extends the range to it; the years between are checked too.
        clickItem(pane.yearList(), 2020);
        QCOMPARE(pane.filter().fromDay, std::optional<qint64>(day(2020, 1, 1)));
        QCOMPARE(pane.filter().toDay, std::optional<qint64>(day(2022, 12, 31)));
        QCOMPARE(checkedKeys(pane.yearList()).size(), 3);

        // Unchecking a year inside ends the range before it; the last year shortens it.
        clickItem(pane.yearList(), 2021);
        QCOMPARE(pane.filter().toDay, std::optional<qint64>(day(2020, 12, 31)));
        QCOMPARE(checkedKeys(pane.yearList()), QStringList { QStringLiteral("2020") });
        clickItem(pane.yearList(), 2020);
        QVERIFY(!pane.filter().fromDay && !pane.filter().toDay);
        QVERIFY(checkedKeys(pane.yearList()).isEmpty());

        // Typed dates check the years they wholly cover.
        type(pane.fromEdit(), QStringLiteral("2021"));
        type(pane.toEdit(), QStringLiteral("2022-06"));
        QCOMPARE(checkedKeys(pane.yearList()), QStringList { QStringLiteral("2021") });
    }

    void placesAreFacets()
    {
        FilterPane pane;
        pane.resize(300, 900);
        pane.show();
        pane.setColumns(columns());
        // Regions of the victims, countries incidents are attributed to (not the victims).
        QCOMPARE(pane.regionList()->count(), 2);
        QVERIFY(FilterPane::itemFor(pane.regionList(), QStringLiteral("Europe")));
        QVERIFY(FilterPane::itemFor(pane.regionList(), QStringLiteral("Asia")));
        QCOMPARE(pane.attackerList()->count(), 2);
        QVERIFY(!FilterPane::itemFor(pane.attackerList(), QStringLiteral("EE")));

        QSignalSpy changed(&pane, &FilterPane::filterChanged);
        clickItem(pane.attackerList(), QStringLiteral("RU"));
        clickItem(pane.regionList(), QStringLiteral("Europe"));
        QCOMPARE(changed.count(), 2);
        QCOMPARE(pane.filter().attackerCountries, QStringList { QStringLiteral("RU") });
        QCOMPARE(pane.filter().regions, QStringList { QStringLiteral("Europe") });

        // A sub-region set from elsewhere (a timeline row) is kept when another value changes.
        Filter f;
        f.regions = { QStringLiteral("Northern Europe") };
        pane.setFilter(f);
        clickItem(pane.attackerList(), QStringLiteral("CN"));
        QCOMPARE(pane.filter().regions, QStringList { QStringLiteral("Northern Europe") });
        QCOMPARE(pane.filter().attackerCountries, QStringList { QStringLiteral("CN") });
    }

    // Seen at 1600x1000: after a filter change the years' two-digit counts were cut
    // ("2024  (…") because the flowing list kept the widths of its first layout.
    void yearCountsAreNeverCut()
    {
        FilterPane pane;
        pane.resize(320, 900);
        pane.show();
        QVERIFY(QTest::qWaitForWindowExposed(&pane));
        const auto c = columns();
        pane.setColumns(c);
        FilterEngine::Counts counts = FilterEngine::apply(*c, Filter(), nullptr).counts;
        pane.setCounts(counts);
        QCoreApplication::processEvents();
        // The newest year (listed first) has the fewest, as when a year has only begun.
        for (int &n : counts.years)
            n = 12345;
        counts.years[std::size_t(2022 - counts.firstYear)] = 1;
        pane.setCounts(counts);
        QListWidget *years = pane.yearList();
        // With uniform item sizes Qt paints every cell with the first item's size hint, so
        // the wide cells below would still hold cut text.
        QVERIFY(!years->uniformItemSizes());
        years->doItemsLayout();
        QCoreApplication::processEvents();
        const int indicator = years->style()->pixelMetric(QStyle::PM_IndicatorWidth, nullptr, years);
        for (int i = 0; i < years->count(); ++i) {
            QListWidgetItem *item = years->item(i);
            QVERIFY(item->text().endsWith(i == 0 ? QStringLiteral("(1)") : QStringLiteral("345)")));
            const int needed = years->fontMetrics().horizontalAdvance(item->text()) + indicator;
            QVERIFY2(years->visualItemRect(item).width() >= needed,
                qPrintable(QStringLiteral("%1: %2 < %3")
                               .arg(item->text())
                               .arg(years->visualItemRect(item).width())
                               .arg(needed)));
        }
    }

    void countsSurviveAPaletteChange()
    {
        // The lists are rebuilt when the palette changes (dark theme); the counts come back.
        FilterPane pane;
        pane.show();
        const auto c = columns();
        pane.setColumns(c);
        pane.setCounts(FilterEngine::apply(*c, Filter(), nullptr).counts);
        QCOMPARE(
            FilterPane::itemFor(pane.regionList(), QStringLiteral("Europe"))->text(), QStringLiteral("Europe  (2)"));
        QPalette dark = pane.palette();
        dark.setColor(QPalette::Window, QColor(0x2b, 0x2d, 0x30));
        dark.setColor(QPalette::Base, QColor(0x1e, 0x1f, 0x22));
        pane.setPalette(dark);
        QCOMPARE(
            FilterPane::itemFor(pane.regionList(), QStringLiteral("Europe"))->text(), QStringLiteral("Europe  (2)"));
        QCOMPARE(FilterPane::itemFor(pane.yearList(), 2021)->text(), QStringLiteral("2021  (1)"));
        QCOMPARE(FilterPane::itemFor(pane.countryList(), QStringLiteral("JP"))->text(), QStringLiteral("Japan  (1)"));
        QCOMPARE(FilterPane::itemFor(pane.attackerList(), QStringLiteral("RU"))->text(), QStringLiteral("Russia  (1)"));
    }

    void showingAFilterClearsTheMark()
    {
        FilterPane pane;
        pane.show();
        type(pane.fromEdit(), QStringLiteral("nonsense"));
        QVERIFY(pane.hasDateError());
        pane.setFilter(Filter {});
        QVERIFY(!pane.hasDateError());
        QVERIFY(!pane.dateMessage()->isVisible());
        QVERIFY(pane.fromEdit()->text().isEmpty());
    }
};

QTEST_MAIN(TestFilterPane)
#include "tst_filterpane.moc"
