// Check boxes stay visible on a dark palette: the unticked box stands out from the list
// behind it (the dark-theme filter lists showed no box at all).
#include "widgets/contraststyle.h"

#include <QApplication>
#include <QImage>
#include <QPainter>
#include <QStyleFactory>
#include <QStyleOption>
#include <QTest>

class TestContrastStyle : public QObject
{
    Q_OBJECT
private:
    static QPalette darkPalette()
    {
        QPalette p;
        p.setColor(QPalette::Window, QColor(0x35, 0x35, 0x35));
        p.setColor(QPalette::WindowText, Qt::white);
        p.setColor(QPalette::Base, QColor(0x2a, 0x2a, 0x2a));
        p.setColor(QPalette::AlternateBase, QColor(0x33, 0x33, 0x33));
        p.setColor(QPalette::Text, Qt::white);
        p.setColor(QPalette::Button, QColor(0x35, 0x35, 0x35));
        p.setColor(QPalette::ButtonText, Qt::white);
        p.setColor(QPalette::Highlight, QColor(0x2a, 0x82, 0xda));
        return p;
    }

    static double luminance(QColor c)
    {
        auto channel = [](double v) { return v <= 0.04045 ? v / 12.92 : std::pow((v + 0.055) / 1.055, 2.4); };
        return 0.2126 * channel(c.redF()) + 0.7152 * channel(c.greenF()) + 0.0722 * channel(c.blueF());
    }

    // The best contrast ratio between any pixel of the indicator and the background.
    static double indicatorContrast(QStyle *style, QStyle::PrimitiveElement element, const QPalette &palette)
    {
        const QColor background = palette.color(QPalette::Base);
        QImage image(40, 40, QImage::Format_ARGB32_Premultiplied);
        image.fill(background);
        QStyleOptionViewItem option;
        option.rect = QRect(10, 10, 16, 16);
        option.palette = palette;
        option.state = QStyle::State_Enabled | QStyle::State_Off;
        {
            QPainter painter(&image);
            style->drawPrimitive(element, &option, &painter);
        }
        const double lb = luminance(background);
        double best = 1;
        for (int y = 0; y < image.height(); ++y) {
            for (int x = 0; x < image.width(); ++x) {
                const double l = luminance(image.pixelColor(x, y));
                best = std::max(best, (std::max(l, lb) + 0.05) / (std::min(l, lb) + 0.05));
            }
        }
        return best;
    }

private slots:
    void untickedBoxesStandOutOnDark_data()
    {
        QTest::addColumn<QString>("base");
        QTest::addColumn<int>("element");
        for (const QString &key : QStyleFactory::keys()) {
            QTest::addRow("%s item check", qPrintable(key)) << key << int(QStyle::PE_IndicatorItemViewItemCheck);
            QTest::addRow("%s check box", qPrintable(key)) << key << int(QStyle::PE_IndicatorCheckBox);
            QTest::addRow("%s radio", qPrintable(key)) << key << int(QStyle::PE_IndicatorRadioButton);
        }
    }

    void untickedBoxesStandOutOnDark()
    {
        QFETCH(QString, base);
        QFETCH(int, element);
        ContrastStyle style(QStyleFactory::create(base));
        const double contrast = indicatorContrast(&style, QStyle::PrimitiveElement(element), darkPalette());
        QVERIFY2(contrast >= 3.0, qPrintable(QStringLiteral("contrast %1:1").arg(contrast)));
    }

    void lightPaletteIsLeftAlone()
    {
        ContrastStyle style(QStyleFactory::create(QStringLiteral("Fusion")));
        QScopedPointer<QStyle> plain(QStyleFactory::create(QStringLiteral("Fusion")));
        QPalette light = plain->standardPalette();
        QCOMPARE(indicatorContrast(&style, QStyle::PE_IndicatorCheckBox, light),
            indicatorContrast(plain.data(), QStyle::PE_IndicatorCheckBox, light));
        QVERIFY(!ContrastStyle::isDark(light));
        QVERIFY(ContrastStyle::isDark(darkPalette()));
    }
};

QTEST_MAIN(TestContrastStyle)
#include "tst_contraststyle.moc"
