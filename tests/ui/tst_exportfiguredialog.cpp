// The Export Figure dialog driven offscreen: the preview follows the choices, Cancel writes
// nothing, Export writes a valid PNG, SVG or PDF, and the settings come back next time.
#include "domain/countries.h"
#include "export/exportfiguredialog.h"
#include "incidentcolumnsbuilder.h"
#include "timelinetestdata.h"

#include <QApplication>
#include <QCheckBox>
#include <QComboBox>
#include <QDateEdit>
#include <QDialogButtonBox>
#include <QDir>
#include <QDoubleSpinBox>
#include <QFile>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPushButton>
#include <QSettings>
#include <QSpinBox>
#include <QTemporaryDir>
#include <QTest>
#include <QXmlStreamReader>
#include <numeric>

// One incident in each of `n` countries (so n rows), spread over 2022.
inline std::shared_ptr<const TimelineRows> manyCountryRows(int n)
{
    TestSupport::IncidentColumnsBuilder b;
    const QStringList codes = Countries::instance().codes();
    for (int i = 0; i < n; ++i) {
        b.add(TimelineTestData::make(QStringLiteral("c%1").arg(i), QStringLiteral("Incident %1").arg(i),
            PartialDate::day(2022, 1 + i % 12, 1 + i % 28), { codes.at(i) }, IncidentType(i % IncidentTypeCount)));
    }
    auto columns = std::make_shared<const IncidentColumns>(b.take());
    std::vector<IncidentColumns::Index> all(columns->size());
    std::iota(all.begin(), all.end(), 0u);
    return TimelineRows::build(columns, all, RowOptions());
}

class TestExportFigureDialog : public QObject
{
    Q_OBJECT
private:
    QTemporaryDir m_dir;
    FigureViewState m_state;

    template <typename T> static T *child(QObject *parent, const char *name)
    {
        return parent->findChild<T *>(QString::fromLatin1(name));
    }
    static double aspect(const QImage &image) { return double(image.width()) / std::max(1, image.height()); }
    QStringList filesInDir() const { return QDir(m_dir.path()).entryList(QDir::Files); }

private slots:
    void initTestCase()
    {
        QCoreApplication::setOrganizationName(QStringLiteral("FaultlineTests"));
        QCoreApplication::setApplicationName(QStringLiteral("tst_exportfiguredialog"));
        QSettings().clear();
        m_state.rows = manyCountryRows(80);
        m_state.firstDay = m_state.rows->firstDay();
        m_state.endDay = m_state.rows->lastDay() + 1.0;
        m_state.viewSize = QSizeF(1000, 600);
        m_state.filter.types = { IncidentType::Ransomware };
    }

    void init()
    {
        QSettings().clear();
        for (const QString &file : filesInDir())
            QFile::remove(m_dir.filePath(file));
    }

    void proposesTitleAndDrawsPreview()
    {
        ExportFigureDialog dialog(m_state);
        QVERIFY(child<QLineEdit>(&dialog, "title")->text().startsWith(QStringLiteral("Ransomware")));
        QVERIFY(!dialog.preview().isNull());
        QVERIFY(dialog.previewCount() >= 1);
        QVERIFY(qAbs(aspect(dialog.preview()) - 1600.0 / 900.0) < 0.02);
        QCOMPARE(dialog.options().rows->rowCount(), m_state.rows->rowCount()); // all rows by default
    }

    void formatChangeUpdatesPreview()
    {
        ExportFigureDialog dialog(m_state);
        dialog.show();
        const int before = dialog.previewCount();
        QComboBox *format = child<QComboBox>(&dialog, "format");
        format->setCurrentIndex(format->findData(int(FigureFormat::Pdf)));
        QTRY_VERIFY(dialog.previewCount() > before);
        QCOMPARE(dialog.options().format, FigureFormat::Pdf);
        // A4 landscape less 6 mm margins: 285 x 198.
        QVERIFY2(qAbs(aspect(dialog.preview()) - 285.0 / 198.0) < 0.02,
            qPrintable(QString::number(aspect(dialog.preview()))));
        QVERIFY(!child<QDoubleSpinBox>(&dialog, "width")->isEnabled());
        QComboBox *orientation = child<QComboBox>(&dialog, "orientation");
        orientation->setCurrentIndex(orientation->findData(int(QPageLayout::Portrait)));
        dialog.updatePreviewNow();
        QVERIFY(aspect(dialog.preview()) < 1);
    }

    void previewFitsItsBox()
    {
        // Shown, made smaller and larger: the preview is drawn again to fit the label it is
        // shown in, never wider or taller (a larger image is shown cut at both sides).
        ExportFigureDialog dialog(m_state);
        dialog.resize(1400, 900);
        dialog.show();
        QVERIFY(QTest::qWaitForWindowExposed(&dialog));
        auto *label = child<QLabel>(&dialog, "preview");
        const auto fits = [&] {
            const QSize box = label->contentsRect().size();
            const QSize image = dialog.preview().size();
            return image.width() <= box.width() && image.height() <= box.height()
                && (image.width() >= box.width() - 2 || image.height() >= box.height() - 2);
        };
        QTRY_VERIFY(fits());
        for (const QSize size : { QSize(900, 640), QSize(1500, 980) }) {
            const int before = dialog.previewCount();
            dialog.resize(size);
            QTRY_VERIFY(dialog.previewCount() > before);
            QTRY_VERIFY2(fits(),
                qPrintable(QStringLiteral("%1x%2 in %3x%4")
                               .arg(dialog.preview().width())
                               .arg(dialog.preview().height())
                               .arg(label->contentsRect().width())
                               .arg(label->contentsRect().height())));
        }
    }

    void choicesReachTheOptions()
    {
        ExportFigureDialog dialog(m_state);
        QComboBox *rows = child<QComboBox>(&dialog, "rows");
        rows->setCurrentIndex(2); // the busiest rows
        child<QSpinBox>(&dialog, "top")->setValue(3);
        QCOMPARE(dialog.options().rows->rowCount(), 3);
        QCOMPARE(dialog.options().rows->row(0).key, m_state.rows->row(0).key);
        rows->setCurrentIndex(0); // on screen: the view is 600 px high
        QVERIFY(dialog.options().rows->rowCount() < m_state.rows->rowCount());

        QComboBox *unit = child<QComboBox>(&dialog, "unit");
        unit->setCurrentIndex(1); // millimetres: 1600 px at 96 dpi is 423.3 mm
        QCOMPARE(child<QDoubleSpinBox>(&dialog, "width")->value(), 423.3);
        child<QSpinBox>(&dialog, "dpi")->setValue(300);
        // Shrinking the height to the rows (the default): the rows on screen need less.
        QVERIFY(dialog.options().fitHeight);
        QVERIFY(FigureExporter(dialog.options()).pixelSize().height() < 2812);
        child<QCheckBox>(&dialog, "fitHeight")->setChecked(false);
        QCOMPARE(FigureExporter(dialog.options()).pixelSize(), QSize(5000, 2812));

        child<QComboBox>(&dialog, "range")->setCurrentIndex(1);
        child<QDateEdit>(&dialog, "from")->setDate(QDate(2022, 1, 1));
        child<QDateEdit>(&dialog, "to")->setDate(QDate(2022, 12, 31));
        QCOMPARE(dialog.options().firstDay, double(QDate(2022, 1, 1).toJulianDay()));
        QCOMPARE(dialog.options().endDay, double(QDate(2023, 1, 1).toJulianDay()));
        child<QLineEdit>(&dialog, "subtitle")->setText(QStringLiteral("Below the title"));
        QCOMPARE(dialog.options().subtitle, QStringLiteral("Below the title"));
    }

    void cancelWritesNothing()
    {
        ExportFigureDialog dialog(m_state);
        dialog.show();
        auto *buttons = dialog.findChild<QDialogButtonBox *>();
        QVERIFY(buttons);
        buttons->button(QDialogButtonBox::Cancel)->click();
        QCOMPARE(dialog.result(), int(QDialog::Rejected));
        QVERIFY(filesInDir().isEmpty());
        QVERIFY(!QSettings().contains(QStringLiteral("exportFigure/format")));
    }

    void exportWritesValidFiles()
    {
        const QString png = m_dir.filePath(QStringLiteral("figure.png"));
        {
            ExportFigureDialog dialog(m_state);
            child<QCheckBox>(&dialog, "transparent")->setChecked(true);
            QVERIFY(dialog.exportTo(png).ok);
            QCOMPARE(dialog.result(), int(QDialog::Accepted));
        }
        const QImage image(png);
        QCOMPARE(image.size(), QSize(1600, 900));
        QCOMPARE(qAlpha(image.pixel(1, 1)), 0);

        const QString svg = m_dir.filePath(QStringLiteral("figure.svg"));
        {
            ExportFigureDialog dialog(m_state);
            QComboBox *format = child<QComboBox>(&dialog, "format");
            format->setCurrentIndex(format->findData(int(FigureFormat::Svg)));
            child<QLineEdit>(&dialog, "title")->setText(QStringLiteral("A title & more"));
            QVERIFY(dialog.exportTo(svg).ok);
        }
        QFile svgFile(svg);
        QVERIFY(svgFile.open(QIODevice::ReadOnly));
        QXmlStreamReader xml(&svgFile);
        QStringList texts;
        while (!xml.atEnd()) {
            if (xml.readNext() == QXmlStreamReader::Characters)
                texts << xml.text().toString().trimmed();
        }
        QVERIFY(!xml.hasError());
        QVERIFY(texts.contains(QStringLiteral("A title & more")));

        const QString pdf = m_dir.filePath(QStringLiteral("figure.pdf"));
        {
            ExportFigureDialog dialog(m_state);
            QComboBox *format = child<QComboBox>(&dialog, "format");
            format->setCurrentIndex(format->findData(int(FigureFormat::Pdf)));
            QVERIFY(dialog.exportTo(pdf).ok);
        }
        QFile pdfFile(pdf);
        QVERIFY(pdfFile.open(QIODevice::ReadOnly));
        QVERIFY(pdfFile.readAll().startsWith("%PDF-"));
        QCOMPARE(filesInDir().size(), 3); // no temporary files left beside them
    }

    void failedExportStaysOpenAndSaysWhy()
    {
        ExportFigureDialog dialog(m_state);
        const ExportResult result = dialog.exportTo(m_dir.filePath(QStringLiteral("no/such/folder/f.png")));
        QVERIFY(!result.ok);
        QCOMPARE(dialog.result(), int(QDialog::Rejected));
        QVERIFY(child<QLabel>(&dialog, "status")->text().contains(QStringLiteral("f.png")));
        QVERIFY(filesInDir().isEmpty());
    }

    void handPickedRowsReachPreviewAndCaption()
    {
        ExportFigureDialog dialog(m_state);
        dialog.show();
        QListWidget *list = child<QListWidget>(&dialog, "pickedRows");
        QLineEdit *search = child<QLineEdit>(&dialog, "pickSearch");
        QVERIFY(list && search);
        QCOMPARE(list->count(), m_state.rows->rowCount());
        QVERIFY(!list->isEnabled()); // only with "Chosen rows"
        QComboBox *rows = child<QComboBox>(&dialog, "rows");
        rows->setCurrentIndex(rows->findText(QStringLiteral("Chosen rows")));
        QVERIFY(list->isEnabled() && search->isEnabled());
        // Nothing remembered: the rows on screen are checked to start with.
        QCOMPARE(dialog.options().rows->rowCount(), FigureState::visibleRows(m_state).second);

        // Search narrows the list; check two rows found by name, uncheck the rest.
        for (int i = 0; i < list->count(); ++i)
            list->item(i)->setCheckState(Qt::Unchecked);
        const TimelineRow &a = m_state.rows->row(5);
        const TimelineRow &b = m_state.rows->row(40);
        search->setText(a.label);
        QVERIFY(!list->item(5)->isHidden());
        int shown = 0;
        for (int i = 0; i < list->count(); ++i)
            shown += list->item(i)->isHidden() ? 0 : 1;
        QVERIFY(shown >= 1 && shown < list->count());
        list->item(5)->setCheckState(Qt::Checked);
        search->clear();
        list->item(40)->setCheckState(Qt::Checked);

        const int before = dialog.previewCount();
        QTRY_VERIFY(dialog.previewCount() > before);
        const FigureOptions o = dialog.options();
        QCOMPARE(o.rows->rowCount(), 2);
        QCOMPARE(o.rows->row(0).key, a.key);
        QCOMPARE(o.rows->row(1).key, b.key);
        QVERIFY2(o.caption.contains(QStringLiteral("rows: %1, %2").arg(a.label, b.label)), qPrintable(o.caption));
        QVERIFY2(o.caption.contains(QStringLiteral("2 incidents")), qPrintable(o.caption));

        // Remembered with the other settings.
        QVERIFY(dialog.exportTo(m_dir.filePath(QStringLiteral("picked.png"))).ok);
        ExportFigureDialog again(m_state);
        QCOMPARE(again.options().rows->rowCount(), 2);
        QCOMPARE(again.options().rows->row(1).key, b.key);
    }

    void settingsAreRemembered()
    {
        {
            ExportFigureDialog dialog(m_state);
            QComboBox *format = child<QComboBox>(&dialog, "format");
            format->setCurrentIndex(format->findData(int(FigureFormat::Svg)));
            child<QSpinBox>(&dialog, "dpi")->setValue(150);
            child<QComboBox>(&dialog, "theme")->setCurrentIndex(1);
            child<QComboBox>(&dialog, "unit")->setCurrentIndex(1); // millimetres
            child<QDoubleSpinBox>(&dialog, "width")->setValue(12.5);
            QVERIFY(dialog.exportTo(m_dir.filePath(QStringLiteral("remembered.svg"))).ok);
        }
        ExportFigureDialog again(m_state);
        QCOMPARE(again.options().format, FigureFormat::Svg);
        QCOMPARE(child<QComboBox>(&again, "unit")->currentIndex(), 1);
        QCOMPARE(child<QDoubleSpinBox>(&again, "width")->value(), 12.5); // not clamped to a pixel minimum
        QCOMPARE(again.options().dpi, 150.0);
        QVERIFY(again.options().dark);
        QVERIFY(again.suggestedPath().startsWith(m_dir.path()));
        QVERIFY(again.suggestedPath().endsWith(QStringLiteral(".svg")));
    }
};

QTEST_MAIN(TestExportFigureDialog)
#include "tst_exportfiguredialog.moc"
