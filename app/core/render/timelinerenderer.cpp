#include "render/timelinerenderer.h"

#include <QCoreApplication>
#include <QFontMetricsF>
#include <QLocale>
#include <QPainter>
#include <QPaintEngine>
#include <QPainterPath>

#include <algorithm>
#include <array>
#include <cmath>

namespace {
using Layout = TimelineLayout;
using Outline = TimelineRenderer::Outline;

constexpr double s_outlineWidth = 1.25;
constexpr qreal s_spanAlpha = 0.20;
constexpr qreal s_densityAlpha = 0.80;

QString tr(const char *text) { return QCoreApplication::translate("TimelineRenderer", text); }

QPen outlinePen(Outline outline, const QColor &colour)
{
    if (outline == Outline::None)
        return Qt::NoPen;
    QPen pen(colour, s_outlineWidth);
    pen.setCosmetic(false);
    pen.setJoinStyle(Qt::MiterJoin);
    if (outline == Outline::Dashed)
        pen.setDashPattern({2.0, 1.6});
    return pen;
}

QPen plainPen(const QColor &colour, double width = 1.0)
{
    QPen pen(colour, width);
    pen.setCosmetic(false);
    pen.setCapStyle(Qt::FlatCap);
    return pen;
}

QColor withAlpha(QColor colour, qreal alpha)
{
    colour.setAlphaF(float(colour.alphaF() * alpha));
    return colour;
}

// Black or white text, whichever reads better on `fill`.
QColor textOn(const QColor &fill)
{
    const double luminance = 0.2126 * fill.redF() + 0.7152 * fill.greenF() + 0.0722 * fill.blueF();
    return luminance > 0.55 ? QColor(0x1a, 0x1a, 0x1a) : QColor(0xff, 0xff, 0xff);
}

void addDiamond(QPainterPath &path, const QRectF &r)
{
    const QPointF c = r.center();
    const QPointF points[] = {{c.x(), r.top()}, {r.right(), c.y()}, {c.x(), r.bottom()}, {r.left(), c.y()}};
    path.addPolygon(QPolygonF(std::begin(points), std::end(points)));
    path.closeSubpath();
}

QPolygonF diamond(const QRectF &r)
{
    const QPointF c = r.center();
    return QPolygonF({{c.x(), r.top()}, {r.right(), c.y()}, {c.x(), r.bottom()}, {r.left(), c.y()}});
}

struct Painter
{
    QPainter &p;
    const TimelineFrame &f;
    const Layout &l;
    const Theme &t;

    const bool raster = p.paintEngine() && p.paintEngine()->type() == QPaintEngine::Raster;

    const IncidentColumns *columns() const { return f.rows ? &f.rows->columns() : nullptr; }

    // A 3-on, 2-off dash as a texture, along x or y: on a raster device, filling edges with it
    // is far cheaper than stroking a dashed pen around hundreds of long bars.
    static QBrush dashBrush(const QColor &colour, bool vertical)
    {
        QImage dash(vertical ? QSize(1, 5) : QSize(5, 1), QImage::Format_ARGB32_Premultiplied);
        dash.fill(Qt::transparent);
        for (int k = 0; k < 3; ++k)
            dash.setPixelColor(vertical ? QPoint(0, k) : QPoint(k, 0), colour);
        return QBrush(dash);
    }

    // The attribution outline of a bar or span, drawn as four edge fills on raster devices
    // and stroked (vector dashes) elsewhere; both look the same.
    void outlineRect(const QRectF &r, Outline outline, const QColor &colour)
    {
        if (outline == Outline::None)
            return;
        if (!raster) {
            p.setPen(outlinePen(outline, colour));
            p.setBrush(Qt::NoBrush);
            p.drawRect(r);
            return;
        }
        const double w = s_outlineWidth;
        const QRectF o = r.adjusted(-w / 2, -w / 2, w / 2, w / 2);
        const QBrush across = outline == Outline::Solid ? QBrush(colour) : dashBrush(colour, false);
        const QBrush down = outline == Outline::Solid ? QBrush(colour) : dashBrush(colour, true);
        p.setBrushOrigin(o.topLeft());
        p.fillRect(QRectF(o.left(), o.top(), o.width(), w), across);
        p.fillRect(QRectF(o.left(), o.bottom() - w, o.width(), w), across);
        p.fillRect(QRectF(o.left(), o.top() + w, w, o.height() - 2 * w), down);
        p.fillRect(QRectF(o.right() - w, o.top() + w, w, o.height() - 2 * w), down);
        p.setBrushOrigin(0, 0);
    }
    Outline outlineOf(TimelineFrame::Index i) const
    {
        return TimelineRenderer::outlineFor(Attribution(columns()->attribution[i]));
    }

    void background()
    {
        if (!f.transparent)
            p.fillRect(l.frameRect(), t.background);
        p.fillRect(QRectF(l.headerRect().left(), l.axisRect().top(), l.headerRect().width(),
                          l.headerRect().bottom() - l.axisRect().top()),
                   t.headerBackground);
    }

    void grid()
    {
        p.save();
        p.setClipRect(l.plotRect());
        p.setRenderHint(QPainter::Antialiasing, false);
        const QRectF plot = l.plotRect();
        auto lines = [&](const DateTicks::Tier &tier, const QColor &colour) {
            p.setPen(plainPen(colour));
            for (const DateTicks::Tick &tick : tier.ticks) {
                const double x = l.dayToX(double(tick.day));
                if (x > plot.left() && x < plot.right())
                    p.drawLine(QPointF(x, plot.top()), QPointF(x, plot.bottom()));
            }
        };
        lines(l.ticks().minor, t.grid);
        lines(l.ticks().major, t.gridMajor);
        p.restore();
    }

    void rowBands()
    {
        p.save();
        p.setClipRect(QRectF(l.headerRect().topLeft(), l.plotRect().bottomRight()));
        for (const Layout::RowPlan &plan : l.rowPlans()) {
            if (plan.row % 2 == 1)
                p.fillRect(l.rowRect(plan.row), t.rowBand);
        }
        p.restore();
    }

    // The part of `r` worth drawing: marks can reach far beyond the plot when zoomed in, and
    // a dashed outline that long costs time for nothing.
    QRectF visiblePart(const QRectF &r) const
    {
        const QRectF bounds = l.plotRect().adjusted(-4, -4, 4, 4);
        return QRectF(QPointF(std::max(r.left(), bounds.left()), r.top()),
                      QPointF(std::min(r.right(), bounds.right()), r.bottom()));
    }

    void spans()
    {
        const IncidentColumns *c = columns();
        for (const Layout::RowPlan &plan : l.rowPlans()) {
            if (plan.spansMerged) {
                QPainterPath area;
                area.setFillRule(Qt::WindingFill);
                for (const Layout::Mark &m : plan.spans)
                    area.addRect(visiblePart(m.rect));
                p.fillPath(area, withAlpha(t.mutedText, 0.22));
                continue;
            }
            for (const Layout::Mark &m : plan.spans) {
                const QRectF r = visiblePart(m.rect);
                const QColor colour = t.typeColor(IncidentType(c->type[m.incident]));
                p.fillRect(r, withAlpha(colour, s_spanAlpha));
                // Solid ends show where the uncertain interval starts and stops.
                p.setPen(plainPen(withAlpha(colour, 0.9), 1.5));
                if (m.rect.left() >= r.left())
                    p.drawLine(QPointF(r.left() + 0.75, r.top()), QPointF(r.left() + 0.75, r.bottom()));
                if (m.rect.right() <= r.right())
                    p.drawLine(QPointF(r.right() - 0.75, r.top()), QPointF(r.right() - 0.75, r.bottom()));
                outlineRect(r, outlineOf(m.incident), withAlpha(t.text, 0.7));
            }
        }
    }

    // Marks of one kind: fills batched by type (one path each, drawn once), then outlines
    // mark by mark (stroking small shapes is cheap; stroking one huge path is not).
    void batched(const std::vector<Layout::Mark> Layout::RowPlan::*member, bool asDiamond)
    {
        const IncidentColumns *c = columns();
        std::array<QPainterPath, IncidentTypeCount> paths;
        for (QPainterPath &path : paths)
            path.setFillRule(Qt::WindingFill); // overlapping marks fill, never cancel out
        for (const Layout::RowPlan &plan : l.rowPlans()) {
            for (const Layout::Mark &m : plan.*member) {
                QPainterPath &path = paths[c->type[m.incident]];
                if (asDiamond)
                    addDiamond(path, m.rect);
                else
                    path.addRect(visiblePart(m.rect));
            }
        }
        for (std::size_t k = 0; k < paths.size(); ++k) {
            if (!paths[k].isEmpty())
                p.fillPath(paths[k], t.typeColor(IncidentType(k)));
        }
        Outline current = Outline::None;
        for (const Layout::RowPlan &plan : l.rowPlans()) {
            for (const Layout::Mark &m : plan.*member) {
                const Outline outline = outlineOf(m.incident);
                if (outline == Outline::None)
                    continue;
                if (!asDiamond) {
                    outlineRect(visiblePart(m.rect), outline, t.text);
                    current = Outline::None;
                    continue;
                }
                if (outline != current) {
                    p.setPen(outlinePen(outline, t.text));
                    p.setBrush(Qt::NoBrush);
                    current = outline;
                }
                p.drawPolygon(diamond(m.rect));
            }
        }
    }

    void clusters()
    {
        p.setFont(t.smallFont);
        for (const Layout::RowPlan &plan : l.rowPlans()) {
            for (const Layout::Cluster &cl : plan.clusters) {
                const QColor fill = cl.type >= 0 ? t.typeColor(IncidentType(cl.type)) : t.density;
                p.setPen(plainPen(t.background, 1.0));
                p.setBrush(fill);
                p.drawRoundedRect(cl.rect, cl.rect.height() / 2, cl.rect.height() / 2);
                p.setPen(textOn(fill));
                p.drawText(cl.rect, Qt::AlignCenter, QString::number(cl.count));
            }
        }
    }

    void density()
    {
        const float max = l.maxBucket();
        if (max <= 0)
            return;
        p.save();
        p.setRenderHint(QPainter::Antialiasing, false);
        p.setPen(Qt::NoPen);
        p.setBrush(withAlpha(t.density, s_densityAlpha));
        const double left = l.plotRect().left();
        // A square-root scale keeps single incidents visible next to busy rows.
        const double scale = 1.0 / std::sqrt(double(max));
        for (const Layout::RowPlan &plan : l.rowPlans()) {
            if (!plan.aggregated)
                continue;
            const double base = plan.rect.bottom() - 3;
            const double full = plan.rect.height() - 6;
            QPolygonF outline;
            outline.reserve(qsizetype(plan.buckets.size() * 2 + 2));
            outline.append(QPointF(left, base));
            double previous = -1;
            for (std::size_t b = 0; b < plan.buckets.size(); ++b) {
                const float v = plan.buckets[b];
                double h = v < 0.01f ? 0 : std::max(1.5, full * std::sqrt(double(v)) * scale);
                h = std::round(h * 2) / 2; // merge near-equal neighbours into one step
                if (h != previous) {
                    const double x = left + double(b) * Layout::s_bucketWidth;
                    outline.append(QPointF(x, base - (previous < 0 ? 0 : previous)));
                    outline.append(QPointF(x, base - h));
                    previous = h;
                }
            }
            const double end = left + double(plan.buckets.size()) * Layout::s_bucketWidth;
            outline.append(QPointF(end, base - std::max(previous, 0.0)));
            outline.append(QPointF(end, base));
            p.drawPolygon(outline);
        }
        p.restore();
    }

    void labels()
    {
        p.setFont(t.labelFont);
        for (const Layout::RowPlan &plan : l.rowPlans()) {
            for (const Layout::Label &label : plan.labels) {
                p.setPen(label.incident >= 0 ? t.text : t.mutedText);
                p.drawText(label.rect, Qt::AlignLeft | Qt::AlignVCenter | Qt::TextSingleLine, label.text);
            }
        }
    }

    void rowHeaders()
    {
        const QRectF header = l.headerRect();
        if (header.width() <= 0)
            return;
        p.save();
        p.setClipRect(header);
        const QFontMetricsF nameMetrics(t.labelFont, p.device());
        const QFontMetricsF countMetrics(t.smallFont, p.device());
        const QLocale locale;
        for (const Layout::RowPlan &plan : l.rowPlans()) {
            const TimelineRow &row = f.rows->row(plan.row);
            const QRectF r(header.left(), plan.rect.top(), header.width(), plan.rect.height());
            double x = r.left() + 10;
            if (row.pinned) {
                p.fillRect(QRectF(r.left(), r.top() + 3, 3, r.height() - 6), t.selection);
            }
            const QImage flag = row.flagCode.isEmpty() ? QImage() : f.flags.value(row.flagCode);
            if (!flag.isNull()) {
                const QRectF box(x, r.center().y() - 7.5, 20, 15);
                p.drawImage(box, flag);
                p.setPen(plainPen(withAlpha(t.text, 0.18), 1));
                p.setBrush(Qt::NoBrush);
                p.drawRect(box);
                x = box.right() + 8;
            } else if (!row.flagCode.isEmpty()) {
                x += 28; // keep names aligned when a flag is missing
            }
            const QString count = locale.toString(row.count());
            const double countWidth = countMetrics.horizontalAdvance(count);
            p.setFont(t.smallFont);
            p.setPen(t.mutedText);
            const QRectF countRect(r.right() - 10 - countWidth, r.top(), countWidth, r.height());
            p.drawText(countRect, Qt::AlignRight | Qt::AlignVCenter, count);
            p.setFont(t.labelFont);
            p.setPen(t.text);
            const double room = countRect.left() - 8 - x;
            if (room > 8)
                p.drawText(QRectF(x, r.top(), room, r.height()), Qt::AlignLeft | Qt::AlignVCenter,
                           nameMetrics.elidedText(row.label, Qt::ElideRight, room));
        }
        p.restore();
        p.setPen(plainPen(t.gridMajor));
        p.drawLine(QPointF(header.right(), l.axisRect().top()), QPointF(header.right(), header.bottom()));
    }

    void axis()
    {
        const QRectF a = l.axisRect();
        if (a.width() <= 0)
            return;
        p.fillRect(QRectF(l.headerRect().left(), a.top(), a.right() - l.headerRect().left(), a.height()),
                   t.headerBackground);
        p.save();
        p.setClipRect(a);
        const QFontMetricsF fm(t.axisFont, p.device());
        const double lineHeight = (a.height() - 2) / 2;
        const QRectF majorLine(a.left(), a.top(), a.width(), lineHeight);
        const QRectF minorLine(a.left(), a.top() + lineHeight, a.width(), lineHeight);

        QFont majorFont = t.axisFont;
        majorFont.setWeight(QFont::DemiBold);
        const QFontMetricsF majorMetrics(majorFont, p.device());
        p.setFont(majorFont);
        p.setPen(t.text);
        const auto &major = l.ticks().major.ticks;
        for (std::size_t k = 0; k < major.size(); ++k) {
            const double x0 = l.dayToX(double(major[k].day));
            const double x1 = l.dayToX(double(major[k].endDay));
            // Sticky: the label of a partly visible interval stays at the left edge.
            const double x = std::max(x0, a.left()) + 5;
            const double w = majorMetrics.horizontalAdvance(major[k].label);
            if (x + w <= x1 - 3)
                p.drawText(QRectF(x, majorLine.top(), w + 1, majorLine.height()), Qt::AlignLeft | Qt::AlignVCenter,
                           major[k].label);
            if (x0 > a.left()) {
                p.setPen(plainPen(t.gridMajor));
                p.drawLine(QPointF(x0, a.top()), QPointF(x0, a.bottom()));
                p.setPen(t.text);
            }
        }

        p.setFont(t.axisFont);
        const DateTicks::Tier &minor = l.ticks().minor;
        const bool namesInterval = minor.step == 1 && minor.unit != DateTicks::Unit::Week;
        for (const DateTicks::Tick &tick : minor.ticks) {
            const double x0 = l.dayToX(double(tick.day));
            const double x1 = l.dayToX(double(tick.endDay));
            const double w = fm.horizontalAdvance(tick.label);
            double x = x0 + 4;
            if (namesInterval) {
                const double visible0 = std::max(x0, a.left());
                const double visible1 = std::min(x1, a.right());
                x = std::clamp((visible0 + visible1 - w) / 2, x0 + 2, x1 - w - 2);
                if (x1 - x0 < w + 4)
                    continue;
            } else if (x0 + 4 + w > x1 - 2) {
                continue;
            }
            p.setPen(t.mutedText);
            p.drawText(QRectF(x, minorLine.top(), w + 1, minorLine.height()), Qt::AlignLeft | Qt::AlignVCenter,
                       tick.label);
            if (x0 > a.left()) {
                p.setPen(plainPen(t.axisLine));
                p.drawLine(QPointF(x0, a.bottom() - 4), QPointF(x0, a.bottom()));
            }
        }
        p.restore();
        p.setPen(plainPen(t.axisLine));
        p.drawLine(QPointF(l.headerRect().left(), a.bottom()), a.bottomRight());
    }

    void legend()
    {
        if (!f.showLegend || l.legend().empty())
            return;
        const QRectF r = l.legendRect();
        p.setPen(plainPen(t.gridMajor));
        p.drawLine(r.topLeft(), r.topRight());
        p.setFont(t.smallFont);
        const QColor neutral = withAlpha(t.mutedText, 0.55);
        for (const Layout::LegendItem &item : l.legend()) {
            const QRectF s = item.swatch;
            p.setBrush(Qt::NoBrush);
            switch (item.kind) {
            case Layout::LegendKind::Type:
                p.setPen(Qt::NoPen);
                p.setBrush(t.typeColor(IncidentType(item.type)));
                p.drawRoundedRect(s.adjusted(1, 1, -1, -1), 2, 2);
                break;
            case Layout::LegendKind::Point:
                p.setPen(Qt::NoPen);
                p.setBrush(t.mutedText);
                p.drawPolygon(diamond(s.adjusted(1, 1, -1, -1)));
                break;
            case Layout::LegendKind::Bar:
                p.fillRect(QRectF(s.left() - 2, s.center().y() - 3, s.width() + 4, 6), t.mutedText);
                break;
            case Layout::LegendKind::Span:
                p.fillRect(QRectF(s.left() - 2, s.top(), s.width() + 2, s.height()), withAlpha(t.mutedText, 0.25));
                p.fillRect(QRectF(s.left() - 2, s.top(), 1.5, s.height()), t.mutedText);
                p.fillRect(QRectF(s.right() - 1.5, s.top(), 1.5, s.height()), t.mutedText);
                break;
            case Layout::LegendKind::Density: {
                const double heights[] = {4, 9, 12, 7, 3};
                for (int k = 0; k < 5; ++k)
                    p.fillRect(QRectF(s.left() - 2 + k * 3, s.bottom() - heights[k], 3, heights[k]),
                               withAlpha(t.density, s_densityAlpha));
                break;
            }
            case Layout::LegendKind::OutlineSolid:
            case Layout::LegendKind::OutlineDashed:
            case Layout::LegendKind::OutlineNone: {
                const Outline o = item.kind == Layout::LegendKind::OutlineSolid    ? Outline::Solid
                                  : item.kind == Layout::LegendKind::OutlineDashed ? Outline::Dashed
                                                                                   : Outline::None;
                p.setBrush(neutral);
                p.setPen(outlinePen(o, t.text));
                p.drawPolygon(diamond(s.adjusted(0.5, 0.5, -0.5, -0.5)));
                break;
            }
            }
            p.setPen(t.text);
            p.drawText(item.textRect, Qt::AlignLeft | Qt::AlignVCenter, item.text);
        }
    }

    void titleAndFooter()
    {
        if (!f.title.isEmpty()) {
            p.setFont(t.titleFont);
            p.setPen(t.text);
            const QRectF r = l.titleRect().adjusted(8, 0, -8, 0);
            p.drawText(r, Qt::AlignLeft | Qt::AlignVCenter,
                       QFontMetricsF(t.titleFont, p.device()).elidedText(f.title, Qt::ElideRight, r.width()));
        }
        if (!f.footer.isEmpty()) {
            p.setFont(t.smallFont);
            p.setPen(t.mutedText);
            const QRectF r = l.footerRect().adjusted(8, 0, -8, 0);
            p.drawText(r, Qt::AlignLeft | Qt::AlignVCenter,
                       QFontMetricsF(t.smallFont, p.device()).elidedText(f.footer, Qt::ElideRight, r.width()));
        }
    }

    void emptyMessage()
    {
        if (l.rowCount() > 0)
            return;
        p.setFont(t.labelFont);
        p.setPen(t.mutedText);
        p.drawText(l.plotRect(), Qt::AlignCenter,
                   f.rows && !f.rows->hiddenRows().empty() ? tr("Every row is hidden") : tr("No incidents to show"));
    }

    // A ring around each visible mark of incident i, joined by a connector when the incident
    // sits in several visible rows (a multi-country incident).
    void highlight(TimelineFrame::Index i, const QColor &colour, double width)
    {
        const IncidentColumns *c = columns();
        if (double(c->lastDay[i]) + 1 < f.firstDay || double(c->firstDay[i]) > f.endDay)
            return;
        const auto rows = f.rows->rowsOf(i);
        const Layout::Shape shape = l.shapeOf(i);
        QPen pen = plainPen(colour, width);
        pen.setJoinStyle(Qt::MiterJoin);
        std::vector<QRectF> rects;
        for (int r : rows) {
            if (r < l.firstVisibleRow() || r > l.lastVisibleRow())
                continue;
            rects.push_back(l.markRect(i, r));
        }
        if (rects.empty())
            return;
        if (rects.size() > 1) {
            QPen link = plainPen(withAlpha(colour, 0.8), 1.5);
            link.setDashPattern({3, 2});
            p.setPen(link);
            const double x = shape == Layout::Shape::Point ? rects.front().center().x()
                                                            : std::max(rects.front().left(), l.plotRect().left()) + 1;
            p.drawLine(QPointF(x, rects.front().center().y()), QPointF(x, rects.back().center().y()));
        }
        p.setPen(pen);
        p.setBrush(Qt::NoBrush);
        for (const QRectF &r : rects) {
            if (shape == Layout::Shape::Point)
                p.drawPolygon(diamond(r.adjusted(-4, -4, 4, 4)));
            else
                p.drawRect(r.adjusted(-2.5, -2.5, 2.5, 2.5));
        }
    }

    void interaction()
    {
        if (f.forExport || !f.rows)
            return;
        p.save();
        p.setClipRect(l.plotRect());
        // Selections can be the whole table; beyond a few thousand rings nothing is legible.
        constexpr std::size_t maxRings = 5000;
        std::size_t drawn = 0;
        for (TimelineFrame::Index i : f.selected) {
            if (i >= columns()->size())
                continue;
            highlight(i, t.selection, 2.0);
            if (++drawn >= maxRings)
                break;
        }
        if (f.currentIncident >= 0 && f.currentIncident < qint64(columns()->size())) {
            QColor focus = t.selection;
            highlight(TimelineFrame::Index(f.currentIncident), focus.darker(130), 1.0);
        }
        if (f.hoveredIncident >= 0 && f.hoveredIncident < qint64(columns()->size()))
            highlight(TimelineFrame::Index(f.hoveredIncident), t.hover, 1.5);
        if (!f.rubberBand.isNull()) {
            p.setPen(plainPen(t.rubberBand, 1));
            p.setBrush(withAlpha(t.rubberBand, 0.12));
            p.drawRect(f.rubberBand.normalized());
        }
        p.restore();
    }
};
} // namespace

TimelineRenderer::Outline TimelineRenderer::outlineFor(Attribution attribution)
{
    switch (attribution) {
    case Attribution::Official:
        return Outline::Solid;
    case Attribution::Vendor:
    case Attribution::Claimed:
        return Outline::Dashed;
    case Attribution::Suspected:
    case Attribution::None:
        return Outline::None;
    }
    return Outline::None;
}

void TimelineRenderer::paint(QPainter &painter, const TimelineFrame &frame, const TimelineLayout &layout)
{
    painter.save();
    painter.setRenderHint(QPainter::Antialiasing, true);
    painter.setRenderHint(QPainter::TextAntialiasing, true);
    Painter p{painter, frame, layout, frame.theme};
    p.background();
    p.grid();
    p.rowBands();
    if (frame.rows && layout.firstVisibleRow() >= 0) {
        painter.save();
        painter.setClipRect(layout.plotRect());
        p.spans();
        p.batched(&TimelineLayout::RowPlan::bars, false);
        p.batched(&TimelineLayout::RowPlan::points, true);
        p.clusters();
        p.density();
        p.labels();
        painter.restore();
        p.rowHeaders();
    }
    p.emptyMessage();
    p.axis();
    p.legend();
    p.titleAndFooter();
    p.interaction();
    painter.restore();
}
