#include "widgets/contraststyle.h"

#include <QPainter>
#include <QStyleOption>

ContrastStyle::ContrastStyle(const QString &baseStyleKey)
    : QProxyStyle(baseStyleKey)
{ }

ContrastStyle::ContrastStyle(QStyle *baseStyle)
    : QProxyStyle(baseStyle)
{ }

bool ContrastStyle::isDark(const QPalette &palette)
{
    return palette.color(QPalette::Window).lightness() < 128 || palette.color(QPalette::Base).lightness() < 128;
}

void ContrastStyle::drawPrimitive(
    PrimitiveElement element, const QStyleOption *option, QPainter *painter, const QWidget *widget) const
{
    QProxyStyle::drawPrimitive(element, option, painter, widget);
    const bool check = element == PE_IndicatorCheckBox || element == PE_IndicatorItemViewItemCheck;
    const bool radio = element == PE_IndicatorRadioButton;
    if (!(check || radio) || !isDark(option->palette))
        return;
    // The indicator's own square (an item view passes the whole check rectangle).
    const int side = std::min(option->rect.width(), option->rect.height()) - 1;
    if (side < 4)
        return;
    QRectF box(0, 0, side - 1, side - 1);
    box.moveCenter(QRectF(option->rect).center());
    QColor outline = option->palette.color(QPalette::Text);
    if (!(option->state & State_Enabled))
        outline.setAlphaF(0.45);
    painter->save();
    painter->setRenderHint(QPainter::Antialiasing);
    painter->setBrush(Qt::NoBrush);
    painter->setPen(QPen(outline, 1));
    const QRectF pixel = box.adjusted(0.5, 0.5, -0.5, -0.5);
    if (radio)
        painter->drawEllipse(pixel);
    else
        painter->drawRoundedRect(pixel, 2, 2);
    painter->restore();
}
