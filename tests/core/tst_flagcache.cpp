#include "render/flagcache.h"

#include <QColor>
#include <QDir>
#include <QFile>
#include <QHash>
#include <QPainter>
#include <QProcess>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <algorithm>
#include <memory>
#include <vector>

namespace {
// Flags are compared at this size, larger than the timeline draws them, so a missing
// detail (a cross, an emblem, a clipped band) moves the mean difference well above noise.
const QSize compareSize(64, 48);
// Mean absolute difference per colour channel (0 to 255) above which two drawings of a flag
// are different pictures rather than the same picture anti-aliased differently. Correct
// drawings measured up to 2.5; Honduras' missing stars in Qt SVG, the smallest real fault seen, 4.6.
constexpr double threshold = 3.5;
} // namespace

class TestFlagCache : public QObject
{
    Q_OBJECT

    // The two-letter (country) flags of `directory`, as upper-case codes.
    static QStringList countryCodes(const QString &directory)
    {
        QStringList codes;
        const QStringList names = QDir(directory).entryList({ QStringLiteral("??.svg") }, QDir::Files, QDir::Name);
        for (const QString &name : names) {
            if (name.at(0).isLetter() && name.at(1).isLetter())
                codes << name.left(2).toUpper();
        }
        return codes;
    }

    // rsvg-convert's drawing of each flag at compareSize, written to `out` as CODE.png; a few
    // processes at a time. A flag it could not draw is a null image.
    static QHash<QString, QImage> referenceDrawings(
        const QString &rsvg, const QString &directory, const QStringList &codes, const QString &out)
    {
        constexpr qsizetype batch = 4;
        for (qsizetype first = 0; first < codes.size(); first += batch) {
            std::vector<std::unique_ptr<QProcess>> running;
            for (qsizetype i = first; i < std::min(codes.size(), first + batch); ++i) {
                auto process = std::make_unique<QProcess>();
                process->start(rsvg,
                    { QStringLiteral("--width=%1").arg(compareSize.width()),
                        QStringLiteral("--height=%1").arg(compareSize.height()), QStringLiteral("--format=png"),
                        QStringLiteral("--output=") + out + u'/' + codes.at(i) + QStringLiteral(".png"),
                        directory + u'/' + codes.at(i).toLower() + QStringLiteral(".svg") });
                running.push_back(std::move(process));
            }
            for (const auto &process : running)
                process->waitForFinished(60000);
        }
        QHash<QString, QImage> images;
        for (const QString &code : codes)
            images.insert(code, QImage(out + u'/' + code + QStringLiteral(".png")));
        return images;
    }

    // Both images laid on white (so transparent corners compare as what a reader sees), then the
    // mean absolute difference of the red, green and blue channels over all pixels.
    static double meanDifference(const QImage &a, const QImage &b)
    {
        const QImage x = onWhite(a);
        const QImage y = onWhite(b);
        double sum = 0;
        for (int row = 0; row < x.height(); ++row) {
            for (int column = 0; column < x.width(); ++column) {
                const QRgb p = x.pixel(column, row);
                const QRgb q = y.pixel(column, row);
                sum += std::abs(qRed(p) - qRed(q)) + std::abs(qGreen(p) - qGreen(q)) + std::abs(qBlue(p) - qBlue(q));
            }
        }
        return sum / (3.0 * x.width() * x.height());
    }

    static QImage onWhite(const QImage &image)
    {
        QImage flat(compareSize, QImage::Format_RGB32);
        flat.fill(Qt::white);
        QPainter painter(&flat);
        painter.drawImage(QRect(QPoint(0, 0), compareSize), image);
        return flat;
    }

private slots:
    void everyFlagLooksAsTheReferenceRendererDrawsIt()
    {
        const QString directory = FlagCache::defaultDirectory();
        const QStringList codes = countryCodes(directory);
        if (codes.isEmpty())
            QSKIP("iso-flags-svg is not installed");
        const QString rsvg = QStandardPaths::findExecutable(QStringLiteral("rsvg-convert"));
        if (rsvg.isEmpty())
            QSKIP("rsvg-convert (librsvg2-bin), the reference renderer, is not installed");
        QTemporaryDir out;
        QVERIFY(out.isValid());
        const QHash<QString, QImage> reference = referenceDrawings(rsvg, directory, codes, out.path());

        FlagCache flags;
        QStringList differing;
        double worst = 0;
        for (const QString &code : codes) {
            const QImage ours = flags.flag(code, compareSize);
            const QImage theirs = reference.value(code);
            if (ours.isNull() || theirs.size() != compareSize) {
                differing << code
                        + (ours.isNull() ? QStringLiteral(" (not drawn)") : QStringLiteral(" (no reference)"));
                continue;
            }
            const double difference = meanDifference(ours, theirs);
            worst = std::max(worst, difference);
            if (difference > threshold)
                differing << code + u' ' + QString::number(difference, 'f', 1);
        }
        qInfo("%lld flags compared, largest difference within the threshold or not: %.2f", qlonglong(codes.size()),
            worst);
        // FAULTLINE_FLAG_SHEET=sheet.png: every flag as Faultline draws it, in a labelled grid,
        // for a person to look at.
        const QString sheetPath = qEnvironmentVariable("FAULTLINE_FLAG_SHEET");
        if (!sheetPath.isEmpty()) {
            const int columns = 20;
            const QSize cell(64, 62);
            QImage sheet(columns * cell.width(), int((codes.size() + columns - 1) / columns) * cell.height(),
                QImage::Format_RGB32);
            sheet.fill(Qt::white);
            QPainter painter(&sheet);
            for (qsizetype i = 0; i < codes.size(); ++i) {
                const QPoint at(int(i % columns) * cell.width(), int(i / columns) * cell.height());
                painter.drawImage(at + QPoint(2, 2), flags.flag(codes[i], QSize(60, 45)));
                painter.drawText(QRect(at + QPoint(0, 46), QSize(cell.width(), 16)), Qt::AlignCenter, codes[i]);
            }
            painter.end();
            QVERIFY(sheet.save(sheetPath));
        }
        QVERIFY2(differing.isEmpty(),
            qPrintable(QStringLiteral("%1 of %2 flags differ from rsvg-convert's drawing: %3")
                           .arg(differing.size())
                           .arg(codes.size())
                           .arg(differing.join(QStringLiteral(", ")))));
    }

    void malformedOrUnknownCodesGiveNullImages()
    {
        FlagCache flags;
        QVERIFY(flags.flag(QStringLiteral("G"), QSize(20, 15)).isNull());
        QVERIFY(flags.flag(QStringLiteral("GEO"), QSize(20, 15)).isNull());
        QVERIFY(flags.flag(QStringLiteral(".."), QSize(20, 15)).isNull());
        QVERIFY(flags.flag(QStringLiteral("Q1"), QSize(20, 15)).isNull());
        QVERIFY(flags.flag(QStringLiteral("QQ"), QSize(20, 15)).isNull()); // no such flag
        QVERIFY(flags.flag(QStringLiteral("GE"), QSize(0, 15)).isNull());
    }

    void drawsAtTheRequestedSizeInAnyCase()
    {
        if (!QFile::exists(FlagCache::defaultDirectory() + QStringLiteral("/ge.svg")))
            QSKIP("iso-flags-svg is not installed");
        FlagCache flags;
        for (const QSize size : { QSize(20, 15), QSize(25, 19), QSize(40, 30), QSize(80, 60), QSize(160, 120) }) {
            const QImage image = flags.flag(QStringLiteral("ge"), size);
            QCOMPARE(image.size(), size);
            // Georgia: white with a red cross; the corner quarter is white with small red crosses.
            QCOMPARE(QColor(image.pixel(1, 1)), QColor(Qt::white));
            const QColor centre = image.pixel(size.width() / 2, size.height() / 2);
            QVERIFY2(centre.red() > 200 && centre.green() < 60, qPrintable(centre.name()));
            QCOMPARE(flags.flag(QStringLiteral("GE"), size).cacheKey(), image.cacheKey());
        }
    }

    void anotherDirectoryIsDrawnFromItsOwnFiles()
    {
        QTemporaryDir directory;
        QVERIFY(directory.isValid());
        QFile svg(directory.filePath(QStringLiteral("ge.svg")));
        QVERIFY(svg.open(QIODevice::WriteOnly));
        svg.write("<svg xmlns='http://www.w3.org/2000/svg' width='640' height='480'>"
                  "<rect width='640' height='480' fill='#00ff00'/></svg>");
        svg.close();
        FlagCache flags(directory.path());
        const QImage image = flags.flag(QStringLiteral("GE"), QSize(20, 15));
        QCOMPARE(image.size(), QSize(20, 15));
        QCOMPARE(QColor(image.pixel(10, 7)), QColor(0, 255, 0));
        QVERIFY(flags.flag(QStringLiteral("AL"), QSize(20, 15)).isNull());
    }
};

QTEST_MAIN(TestFlagCache)
#include "tst_flagcache.moc"
