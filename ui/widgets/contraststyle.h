#pragma once

#include <QProxyStyle>

// The application's style with visible check boxes and radio buttons on dark palettes. Some
// styles (Fusion among them) outline an unticked box with a shade of the window colour,
// which on a dark palette is nearly the colour of the box itself: the box disappears. This
// style draws the same indicator and, on a dark palette, outlines it in the text colour so it
// stands out from its background (at least 3:1, the contrast asked of controls).
class ContrastStyle : public QProxyStyle
{
    Q_OBJECT
public:
    explicit ContrastStyle(const QString &baseStyleKey = {});
    explicit ContrastStyle(QStyle *baseStyle); // takes ownership

    void drawPrimitive(PrimitiveElement element, const QStyleOption *option, QPainter *painter,
        const QWidget *widget = nullptr) const override;

    static bool isDark(const QPalette &palette);
};
