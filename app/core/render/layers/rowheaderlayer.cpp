#include "render/layers/layers.h"
#include "render/layers/paintcontext.h"

#include <QLocale>
#include <QPainter>

namespace RenderLayers {

namespace {
    // One row's header in `r`: the pinned marker, the flag (or its room), the row name elided to
    // fit, and the incident count at the right.
    void rowHeader(PaintContext &c, const TimelineRow &row, const QRectF &r, const QLocale &locale)
    {
        QPainter &p = c.p;
        double x = r.left() + 10;
        if (row.pinned)
            p.fillRect(QRectF(r.left(), r.top() + 3, 3, r.height() - 6), c.t.selection);
        const QImage flag = row.flagCode.isEmpty() ? QImage() : c.f.flags.value(row.flagCode);
        if (!flag.isNull()) {
            const QRectF box(x, r.center().y() - 7.5, 20, 15);
            p.drawImage(box, flag);
            p.setPen(plainPen(withAlpha(c.t.text, 0.18), 1));
            p.setBrush(Qt::NoBrush);
            p.drawRect(box);
            x = box.right() + 8;
        } else if (!row.flagCode.isEmpty()) {
            x += 28; // keep names aligned when a flag is missing
        }
        const QString count = locale.toString(row.count());
        const double countWidth = c.smallMetrics.horizontalAdvance(count);
        p.setFont(c.t.smallFont);
        p.setPen(c.t.mutedText);
        const QRectF countRect(r.right() - 10 - countWidth, r.top(), countWidth, r.height());
        c.text(countRect, count, c.smallMetrics, true, countWidth);
        p.setFont(c.t.labelFont);
        p.setPen(c.t.text);
        const double room = countRect.left() - 8 - x;
        if (room > 8)
            c.text(QRectF(x, r.top(), room, r.height()), c.labelMetrics.elidedText(row.label, Qt::ElideRight, room),
                c.labelMetrics);
    }
} // namespace

void paintRowHeaders(PaintContext &c)
{
    const Layout &l = c.l;
    QPainter &p = c.p;
    const QRectF header = l.headerRect();
    if (header.width() <= 0)
        return;
    p.save();
    p.setClipRect(header);
    // Repaint the column under the names: a bar or span that starts before the visible
    // range reaches into it on devices that do not clip (QSvgGenerator in Qt 6.4).
    const QRectF rowsArea(header.left(), l.plotRect().top(), header.width(), l.plotRect().height());
    p.fillRect(rowsArea, c.t.headerBackground);
    for (const Layout::RowPlan &plan : l.rowPlans()) {
        if (plan.row % 2 == 1)
            p.fillRect(QRectF(header.left(), plan.rect.top(), header.width(), plan.rect.height()), c.t.rowBand);
    }
    const QLocale locale;
    for (const Layout::RowPlan &plan : l.rowPlans()) {
        const QRectF r(header.left(), plan.rect.top(), header.width(), plan.rect.height());
        rowHeader(c, c.f.rows->row(plan.row), r, locale);
    }
    p.restore();
    p.setPen(plainPen(c.t.gridMajor));
    p.drawLine(QPointF(header.right(), l.axisRect().top()), QPointF(header.right(), header.bottom()));
}

} // namespace RenderLayers
