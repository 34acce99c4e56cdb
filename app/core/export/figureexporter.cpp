#include "export/figureexporter.h"

#include "render/timelinelayout.h"
#include "render/timelinerenderer.h"

#include <QCoreApplication>
#include <QFontMetricsF>
#include <QImage>
#include <QPagedPaintDevice>
#include <QPaintDevice>
#include <QPainter>
#include <QPdfWriter>
#include <QSvgGenerator>
#include <cmath>

namespace {
constexpr double s_margin = 16; // around the page, as the renderer's export margin
constexpr double s_textInset = 24; // text starts here, where the renderer's export title does
constexpr double s_labelGap = 16; // between the caption and the page label
constexpr int s_maxTitleLines = 2;
constexpr int s_maxCaptionLines = 4;
constexpr qint64 s_maxPixels = 400'000'000; // a larger PNG is refused rather than half allocated

QString tr(const char *text, int n = -1)
{
    return QCoreApplication::translate("FigureExporter", text, nullptr, n);
}

QFont subtitleFont(const Theme &theme)
{
    QFont font = theme.labelFont;
    font.setPixelSize(14);
    return font;
}

QFontMetricsF metrics(const QFont &font, const QPaintDevice *device)
{
    return device ? QFontMetricsF(font, device) : QFontMetricsF(font);
}

// The text cut after each "; ", so a caption breaks between its parts where it can.
QStringList phrases(const QString &text)
{
    QStringList out;
    const QString simple = text.simplified();
    qsizetype from = 0;
    while (from < simple.size()) {
        const qsizetype i = simple.indexOf(QStringLiteral("; "), from);
        const qsizetype end = i < 0 ? simple.size() : i + 1;
        out << simple.mid(from, end - from);
        from = end + 1;
    }
    return out;
}

// Wraps into at most `maxLines` lines of `width`: whole phrases when they fit, else word by
// word; what does not fit in the last line is elided.
QStringList wrap(const QString &text, const QFontMetricsF &fm, double width, int maxLines)
{
    QStringList lines;
    QString line;
    auto fits = [&](const QString &s) { return fm.horizontalAdvance(s) <= width; };
    auto add = [&](const QString &piece) {
        const QString candidate = line.isEmpty() ? piece : line + u' ' + piece;
        if (line.isEmpty() || fits(candidate)) {
            line = candidate;
            return;
        }
        lines << line;
        line = piece;
    };
    for (const QString &phrase : phrases(text)) {
        if (!line.isEmpty() && !fits(line + u' ' + phrase) && fits(phrase)) {
            lines << line; // the phrase whole on the next line
            line = phrase;
            continue;
        }
        for (const QString &word : phrase.split(u' ', Qt::SkipEmptyParts))
            add(word);
    }
    if (!line.isEmpty())
        lines << line;
    if (lines.size() > maxLines) {
        const QString rest = lines.mid(maxLines - 1).join(u' ');
        lines.resize(maxLines - 1);
        lines << rest;
    }
    for (QString &l : lines)
        l = fm.elidedText(l, Qt::ElideRight, width);
    return lines;
}

QRectF linesRect(double left, double top, double width, qsizetype lines, const QFontMetricsF &fm)
{
    return lines > 0 ? QRectF(left, top, width, double(lines) * fm.lineSpacing()) : QRectF();
}

void drawLines(
    QPainter &painter, const QRectF &rect, const QStringList &lines, const QFontMetricsF &fm, bool alignRight = false)
{
    for (qsizetype i = 0; i < lines.size(); ++i) {
        const double x = alignRight ? rect.right() - fm.horizontalAdvance(lines.at(i)) : rect.left();
        painter.drawText(QPointF(x, rect.top() + double(i) * fm.lineSpacing() + fm.ascent()), lines.at(i));
    }
}

bool isRaster(const QPaintDevice *device)
{
    return device && device->devType() == QInternal::Image;
}
} // namespace

// The text around the frame on one page, and the room left for the frame.
struct FigureExporter::Chrome
{
    QStringList titleLines, subtitleLines, captionLines;
    QRectF titleRect, subtitleRect, captionRect, labelRect;
    QRectF frameArea;
};

FigureExporter::FigureExporter(FigureOptions options)
    : m_options(std::move(options))
    , m_theme(Theme::forDarkMode(m_options.dark))
    , m_flags(m_options.flagDirectory)
{ }

FigureExporter::Chrome FigureExporter::chrome(QSizeF pageSize, const QString &label, const QPaintDevice *device) const
{
    Chrome c;
    const double width = std::max(0.0, pageSize.width() - 2 * s_textInset);
    double top = 0;
    if (!m_options.title.isEmpty() || !m_options.subtitle.isEmpty()) {
        top = s_margin;
        const QFontMetricsF title = metrics(m_theme.titleFont, device);
        c.titleLines = wrap(m_options.title, title, width, s_maxTitleLines);
        c.titleRect = linesRect(s_textInset, top, width, c.titleLines.size(), title);
        top += c.titleRect.height();
        const QFontMetricsF subtitle = metrics(subtitleFont(m_theme), device);
        c.subtitleLines = wrap(m_options.subtitle, subtitle, width, s_maxTitleLines);
        if (!c.subtitleLines.isEmpty())
            top += 2;
        c.subtitleRect = linesRect(s_textInset, top, width, c.subtitleLines.size(), subtitle);
        top += c.subtitleRect.height();
    }
    const QFontMetricsF small = metrics(m_theme.smallFont, device);
    const double labelWidth = label.isEmpty() ? 0 : small.horizontalAdvance(label);
    const double captionWidth = std::max(0.0, width - (labelWidth > 0 ? labelWidth + s_labelGap : 0));
    c.captionLines = wrap(m_options.caption, small, captionWidth, s_maxCaptionLines);
    const qsizetype lines = std::max<qsizetype>(c.captionLines.size(), label.isEmpty() ? 0 : 1);
    const double band = lines > 0 ? double(lines) * small.lineSpacing() + s_margin : 0;
    const double captionTop = pageSize.height() - band;
    c.captionRect = linesRect(s_textInset, captionTop, captionWidth, c.captionLines.size(), small);
    if (labelWidth > 0)
        c.labelRect = QRectF(s_textInset + width - labelWidth, captionTop, labelWidth, small.lineSpacing());
    c.frameArea = QRectF(0, top, pageSize.width(), std::max(0.0, captionTop - top));
    return c;
}

double FigureExporter::plotHeight(const Chrome &chrome, std::uint32_t types) const
{
    // The plot's height depends on the rows only through the legend, whose types are given:
    // an empty frame measures it cheaply.
    TimelineFrame frame;
    frame.legendTypes = types;
    frame.size = chrome.frameArea.size();
    frame.forExport = true;
    frame.showLegend = true;
    frame.rowHeight = m_options.rowHeight;
    frame.headerWidth = m_options.headerWidth;
    frame.theme = m_theme;
    return TimelineLayout(frame).plotRect().height();
}

std::uint32_t FigureExporter::typesOf(int first, int count) const
{
    if (!m_options.rows || count <= 0)
        return 0;
    return TimelineLayout::typesIn(*m_options.rows, first, first + count - 1, m_options.firstDay, m_options.endDay);
}

int FigureExporter::rowsIn(double plotHeight) const
{
    return m_options.rowHeight > 0 ? std::max(1, int(std::floor(plotHeight / m_options.rowHeight + 1e-9))) : 1;
}

QString FigureExporter::labelFor(int index, int pages, int shown) const
{
    const int total = m_options.rows ? m_options.rows->rowCount() : 0;
    if (m_options.paginate)
        return tr("page %1 of %2").arg(index + 1).arg(pages);
    return tr("first %1 of %2 rows").arg(shown).arg(total);
}

int FigureExporter::pageCount(QSizeF pageSize, const QPaintDevice *device) const
{
    const int total = m_options.rows ? m_options.rows->rowCount() : 0;
    const std::uint32_t types = typesOf(0, total);
    if (!m_options.paginate || total <= rowsIn(plotHeight(chrome(pageSize, {}, device), types)))
        return 1;
    const int perPage = rowsIn(plotHeight(chrome(pageSize, labelFor(total - 1, total, total), device), types));
    return (total + perPage - 1) / perPage;
}

FigurePage FigureExporter::page(QSizeF pageSize, int index, const QPaintDevice *device)
{
    const int total = m_options.rows ? m_options.rows->rowCount() : 0;
    FigurePage page;
    // Rows per page with a legend of every type the figure draws: the same on every page, and
    // never more than fit once a page's legend lists only the types of its rows.
    const std::uint32_t every = typesOf(0, total);
    Chrome c = chrome(pageSize, {}, device);
    int perPage = rowsIn(plotHeight(c, every));
    if (total > perPage) {
        // Not every row fits: make room for the label, as long as the longest one.
        c = chrome(pageSize, labelFor(total - 1, total, total), device);
        perPage = rowsIn(plotHeight(c, every));
        page.pageCount = m_options.paginate ? (total + perPage - 1) / perPage : 1;
        index = std::clamp(index, 0, page.pageCount - 1);
        page.label = labelFor(index, page.pageCount, perPage);
    } else {
        index = 0;
    }
    page.firstRow = std::min(total, index * perPage);
    page.rowCount = std::min(perPage, total - page.firstRow);
    const std::uint32_t types = typesOf(page.firstRow, page.rowCount);
    const double plot = plotHeight(c, types);

    TimelineFrame &frame = page.frame;
    frame.rows = m_options.rows;
    frame.firstDay = m_options.firstDay;
    frame.endDay = m_options.endDay;
    frame.rowHeight = m_options.rowHeight;
    frame.headerWidth = m_options.headerWidth;
    frame.theme = m_theme;
    frame.forExport = true;
    frame.showLegend = true;
    frame.legendTypes = types;
    frame.transparent = true; // the page is filled (or not) by paintPage
    frame.scrollY = double(page.firstRow) * m_options.rowHeight;
    frame.size = c.frameArea.size();
    // Cut the frame to whole rows when they do not all fit, and pull the caption up with it.
    const double cut = page.label.isEmpty() ? 0 : std::max(0.0, plot - perPage * m_options.rowHeight);
    frame.size.rheight() -= cut;
    addFlags(frame, device);

    page.frameOrigin = c.frameArea.topLeft();
    page.titleLines = c.titleLines;
    page.subtitleLines = c.subtitleLines;
    page.captionLines = c.captionLines;
    page.titleRect = c.titleRect;
    page.subtitleRect = c.subtitleRect;
    page.captionRect = c.captionRect.translated(0, -cut);
    page.labelRect = c.labelRect.translated(0, -cut);
    return page;
}

void FigureExporter::addFlags(TimelineFrame &frame, const QPaintDevice *device)
{
    if (!frame.rows || m_options.headerWidth <= 0)
        return;
    // The renderer's flag box is 20 x 15 logical units: as many device pixels on an image,
    // and enough for a sharp print on vector devices.
    const double scale = isRaster(device) ? device->devicePixelRatioF() : 4.0;
    const QSize size(int(std::ceil(20 * scale)), int(std::ceil(15 * scale)));
    const int first = int(frame.scrollY / std::max(1.0, frame.rowHeight));
    const int last = std::min(frame.rows->rowCount(), first + rowsIn(frame.size.height()) + 1);
    for (int r = first; r < last; ++r) {
        const QString &code = frame.rows->row(r).flagCode;
        if (!code.isEmpty() && !frame.flags.contains(code)) {
            const QImage flag = m_flags.flag(code, size);
            if (!flag.isNull())
                frame.flags.insert(code, flag);
        }
    }
}

void FigureExporter::paintChrome(QPainter &painter, const FigurePage &page) const
{
    const QPaintDevice *device = painter.device();
    painter.setPen(m_theme.text);
    painter.setFont(m_theme.titleFont);
    drawLines(painter, page.titleRect, page.titleLines, metrics(m_theme.titleFont, device));
    const QFont subtitle = subtitleFont(m_theme);
    painter.setFont(subtitle);
    drawLines(painter, page.subtitleRect, page.subtitleLines, metrics(subtitle, device));
    painter.setPen(m_theme.mutedText);
    painter.setFont(m_theme.smallFont);
    const QFontMetricsF small = metrics(m_theme.smallFont, device);
    drawLines(painter, page.captionRect, page.captionLines, small);
    if (!page.label.isEmpty())
        drawLines(painter, page.labelRect, { page.label }, small, true);
}

void FigureExporter::paintPage(QPainter &painter, QSizeF pageSize, int index)
{
    const FigurePage page = this->page(pageSize, index, painter.device());
    painter.save();
    painter.setRenderHint(QPainter::Antialiasing, true);
    painter.setRenderHint(QPainter::TextAntialiasing, true);
    if (!m_options.transparent)
        painter.fillRect(QRectF(QPointF(0, 0), pageSize), m_theme.background);
    paintChrome(painter, page);
    painter.translate(page.frameOrigin);
    const TimelineLayout layout(page.frame, painter.device());
    TimelineRenderer::paint(painter, page.frame, layout);
    painter.restore();
}

QSize FigureExporter::chosenPixelSize() const
{
    const FigureOptions &o = m_options;
    if (o.millimetres.isValid() && !o.millimetres.isEmpty())
        return QSize(int(std::lround(o.millimetres.width() / 25.4 * o.dpi)),
            int(std::lround(o.millimetres.height() / 25.4 * o.dpi)));
    return o.pixels;
}

QSize FigureExporter::pixelSize() const
{
    const QSize chosen = chosenPixelSize();
    const int total = m_options.rows ? m_options.rows->rowCount() : 0;
    if (!m_options.fitHeight || m_options.format == FigureFormat::Pdf || chosen.isEmpty() || m_options.dpi <= 0
        || total <= 0)
        return chosen;
    // Everything but the plot keeps its height when the figure's height changes (the text
    // wraps to the width, the legend too): the figure needs what is around the plot now plus
    // every row.
    const double scale = m_options.dpi / 96.0;
    const QSizeF logical = QSizeF(chosen) / scale;
    const double plot = plotHeight(chrome(logical, {}, nullptr), typesOf(0, total));
    const double needed = logical.height() - plot + total * m_options.rowHeight;
    const int height = int(std::ceil(needed * scale - 1e-6));
    return QSize(chosen.width(), std::clamp(height, 1, chosen.height()));
}

QSizeF FigureExporter::logicalSize() const
{
    const double scale = m_options.dpi > 0 ? m_options.dpi / 96.0 : 1.0;
    return QSizeF(pixelSize()) / scale;
}

QImage FigureExporter::toImage()
{
    const QSize pixels = pixelSize();
    if (pixels.isEmpty() || qint64(pixels.width()) * pixels.height() > s_maxPixels || m_options.dpi <= 0)
        return {};
    QImage image(pixels, QImage::Format_ARGB32_Premultiplied);
    if (image.isNull())
        return {};
    image.setDevicePixelRatio(m_options.dpi / 96.0);
    const int dotsPerMetre = int(std::lround(m_options.dpi / 0.0254));
    image.setDotsPerMeterX(dotsPerMetre);
    image.setDotsPerMeterY(dotsPerMetre);
    image.fill(Qt::transparent);
    QPainter painter(&image);
    paintPage(painter, logicalSize(), 0);
    return image;
}

ExportResult FigureExporter::write(const QString &path, const ExportFile::Progress &progress)
{
    if (progress && !progress(0, 1))
        return ExportResult::cancel();
    return ExportFile::write(path, [&](QIODevice &device) {
        switch (m_options.format) {
        case FigureFormat::Png:
            return writePng(device);
        case FigureFormat::Svg:
            return writeSvg(device);
        case FigureFormat::Pdf:
            return writePdf(device, progress);
        }
        return ExportResult::failure(tr("unknown figure format"));
    });
}

ExportResult FigureExporter::writePng(QIODevice &device)
{
    const QImage image = toImage();
    if (image.isNull()) {
        const QSize p = pixelSize();
        return ExportResult::failure(tr("a figure of %1 x %2 pixels at %3 dpi cannot be drawn")
                                         .arg(p.width())
                                         .arg(p.height())
                                         .arg(m_options.dpi));
    }
    if (!image.save(&device, "PNG"))
        return ExportResult::failure(tr("cannot encode the PNG image"));
    return ExportResult::success();
}

ExportResult FigureExporter::writeSvg(QIODevice &device)
{
    const QSizeF logical = logicalSize();
    if (logical.isEmpty())
        return ExportResult::failure(tr("the figure has no size"));
    QSvgGenerator svg;
    svg.setOutputDevice(&device);
    svg.setSize(logical.toSize());
    svg.setViewBox(QRectF(QPointF(0, 0), logical));
    svg.setResolution(96);
    // QSvgGenerator writes the title and description into the XML as they are; escaped here,
    // so that a "&" or "<" in a title keeps the file well-formed.
    svg.setTitle(m_options.title.toHtmlEscaped());
    svg.setDescription(m_options.caption.toHtmlEscaped());
    QPainter painter;
    if (!painter.begin(&svg))
        return ExportResult::failure(tr("cannot start the SVG document"));
    paintPage(painter, logical, 0);
    painter.end();
    return ExportResult::success();
}

ExportResult FigureExporter::writePdf(QIODevice &device, const ExportFile::Progress &progress)
{
    QPdfWriter pdf(&device);
    pdf.setResolution(int(std::max(300.0, m_options.dpi)));
    if (!pdf.setPageLayout(
            QPageLayout(m_options.pageSize, m_options.orientation, m_options.pageMargins, QPageLayout::Millimeter)))
        return ExportResult::failure(tr("the page margins do not fit the page"));
    pdf.setTitle(m_options.title);
    pdf.setCreator(QStringLiteral("Faultline " FAULTLINE_VERSION));
    return paintPages(pdf, progress);
}

ExportResult FigureExporter::paintPages(QPagedPaintDevice &device, const ExportFile::Progress &progress)
{
    QPainter painter;
    if (!painter.begin(&device))
        return ExportResult::failure(tr("cannot start drawing the pages"));
    const double scale = device.logicalDpiX() / 96.0;
    painter.scale(scale, scale);
    const QSizeF page(device.width() / scale, device.height() / scale);
    const int pages = pageCount(page, &device);
    for (int k = 0; k < pages; ++k) {
        if (k > 0)
            device.newPage();
        paintPage(painter, page, k);
        if (progress && !progress(k + 1, pages)) {
            painter.end();
            return ExportResult::cancel();
        }
    }
    painter.end();
    return ExportResult::success();
}
