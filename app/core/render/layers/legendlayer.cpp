#include "render/layers/layers.h"
#include "render/layers/paintcontext.h"

#include <QPainter>

namespace RenderLayers {

namespace {
    // The swatch of one legend item, drawn as the marks it explains are drawn.
    void swatch(PaintContext &c, const Layout::LegendItem &item)
    {
        QPainter &p = c.p;
        const Theme &t = c.t;
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
        case Layout::LegendKind::MergedBars:
            c.hatched(
                QRectF(s.left() - 2, s.top() + 1, s.width() + 4, s.height() - 2), c.mergedBase(), c.mergedHatch());
            break;
        case Layout::LegendKind::Span:
            p.fillRect(QRectF(s.left() - 2, s.top(), s.width() + 2, s.height()), withAlpha(t.mutedText, 0.25));
            p.fillRect(QRectF(s.left() - 2, s.top(), 1.5, s.height()), t.mutedText);
            p.fillRect(QRectF(s.right() - 1.5, s.top(), 1.5, s.height()), t.mutedText);
            break;
        case Layout::LegendKind::Density: {
            const double heights[] = { 4, 9, 12, 7, 3 };
            for (int k = 0; k < 5; ++k)
                p.fillRect(QRectF(s.left() - 2 + k * 3, s.bottom() - heights[k], 3, heights[k]),
                    withAlpha(t.density, s_densityAlpha));
            break;
        }
        case Layout::LegendKind::OutlineSolid:
        case Layout::LegendKind::OutlineDashed:
        case Layout::LegendKind::OutlineNone: {
            const Outline o = item.kind == Layout::LegendKind::OutlineSolid ? Outline::Solid
                : item.kind == Layout::LegendKind::OutlineDashed            ? Outline::Dashed
                                                                            : Outline::None;
            p.setBrush(withAlpha(t.mutedText, 0.55));
            p.setPen(outlinePen(o, t.text));
            p.drawPolygon(diamond(s.adjusted(0.5, 0.5, -0.5, -0.5)));
            break;
        }
        }
    }

    // One line of `text` in `font` and `colour`, left-aligned in `r` and elided to its width.
    void caption(PaintContext &c, const QRectF &r, const QString &text, const QFont &font, const QColor &colour)
    {
        c.p.setFont(font);
        c.p.setPen(colour);
        c.p.drawText(r, Qt::AlignLeft | Qt::AlignVCenter,
            QFontMetricsF(font, c.p.device()).elidedText(text, Qt::ElideRight, r.width()));
    }
} // namespace

void paintLegend(PaintContext &c)
{
    if (!c.f.showLegend || c.l.legend().empty())
        return;
    const QRectF r = c.l.legendRect();
    c.p.setPen(plainPen(c.t.gridMajor));
    c.p.drawLine(r.topLeft(), r.topRight());
    c.p.setFont(c.t.smallFont);
    for (const Layout::LegendItem &item : c.l.legend()) {
        swatch(c, item);
        c.p.setPen(c.t.text);
        c.text(item.textRect, item.text, c.smallMetrics);
    }
}

void paintTitleAndFooter(PaintContext &c)
{
    if (!c.f.title.isEmpty())
        caption(c, c.l.titleRect().adjusted(8, 0, -8, 0), c.f.title, c.t.titleFont, c.t.text);
    if (!c.f.footer.isEmpty())
        caption(c, c.l.footerRect().adjusted(8, 0, -8, 0), c.f.footer, c.t.smallFont, c.t.mutedText);
}

} // namespace RenderLayers
