#include "render/theme.h"

namespace {
// Pixel sizes, not points: a pixel-sized font is measured in the painter's logical units on
// every device, so a 1200-dpi PDF and a 96-dpi image lay out the same text.
QFont baseFont(int pixelSize, int weight = QFont::Normal)
{
    QFont font(QStringLiteral("DejaVu Sans"));
    font.setStyleHint(QFont::SansSerif);
    font.setPixelSize(pixelSize);
    font.setWeight(QFont::Weight(weight));
    return font;
}

void setFonts(Theme &theme)
{
    theme.labelFont = baseFont(11);
    theme.axisFont = baseFont(11);
    theme.titleFont = baseFont(18, QFont::DemiBold);
    theme.smallFont = baseFont(10);
}
} // namespace

Theme Theme::light()
{
    Theme t;
    t.background = QColor(0xff, 0xff, 0xff);
    t.headerBackground = QColor(0xf6, 0xf6, 0xf4);
    t.rowBand = QColor(0x20, 0x30, 0x40, 0x0a);
    t.text = QColor(0x1f, 0x23, 0x28);
    t.mutedText = QColor(0x6a, 0x6f, 0x76);
    t.grid = QColor(0xec, 0xec, 0xea);
    t.gridMajor = QColor(0xcf, 0xcf, 0xcc);
    t.axisLine = QColor(0x9a, 0x9d, 0xa1);
    t.density = QColor(0x3b, 0x4a, 0x5c);
    t.clusterText = QColor(0xff, 0xff, 0xff);
    t.hover = QColor(0x1f, 0x23, 0x28);
    t.selection = QColor(0x00, 0x5f, 0xcc);
    t.rubberBand = QColor(0x00, 0x5f, 0xcc);
    t.typeColors = {
        QColor(0x00, 0x72, 0xb2), // espionage: blue
        QColor(0x56, 0xb4, 0xe9), // data theft: sky blue
        QColor(0xd5, 0x5e, 0x00), // ransomware: vermillion
        QColor(0x1a, 0x1a, 0x1a), // destructive: black
        QColor(0xe6, 0x9f, 0x00), // DDoS: orange
        QColor(0xd9, 0xc5, 0x00), // defacement: yellow, darkened for contrast on white
        QColor(0xcc, 0x79, 0xa7), // sabotage: reddish purple
        QColor(0x00, 0x9e, 0x73), // influence: bluish green
        QColor(0x88, 0x22, 0x55), // financial: wine
        QColor(0x99, 0x99, 0x99), // other: grey
    };
    setFonts(t);
    return t;
}

Theme Theme::darkTheme()
{
    Theme t;
    t.isDark = true;
    t.background = QColor(0x1c, 0x1e, 0x21);
    t.headerBackground = QColor(0x24, 0x27, 0x2b);
    t.rowBand = QColor(0xff, 0xff, 0xff, 0x08);
    t.text = QColor(0xe6, 0xe6, 0xe3);
    t.mutedText = QColor(0x9a, 0x9e, 0xa4);
    t.grid = QColor(0x2c, 0x2f, 0x33);
    t.gridMajor = QColor(0x45, 0x49, 0x4f);
    t.axisLine = QColor(0x6a, 0x6f, 0x76);
    t.density = QColor(0xb8, 0xc4, 0xd2);
    t.clusterText = QColor(0x1c, 0x1e, 0x21);
    t.hover = QColor(0xf0, 0xf0, 0xf0);
    t.selection = QColor(0x4d, 0xa3, 0xff);
    t.rubberBand = QColor(0x4d, 0xa3, 0xff);
    t.typeColors = {
        QColor(0x3a, 0x96, 0xd6), // espionage: blue, lifted
        QColor(0x56, 0xb4, 0xe9), // data theft: sky blue
        QColor(0xe8, 0x6a, 0x10), // ransomware: vermillion
        QColor(0xee, 0xee, 0xee), // destructive: white (black inverted)
        QColor(0xe6, 0x9f, 0x00), // DDoS: orange
        QColor(0xf0, 0xe4, 0x42), // defacement: yellow
        QColor(0xcc, 0x79, 0xa7), // sabotage: reddish purple
        QColor(0x00, 0xb0, 0x84), // influence: bluish green
        QColor(0xc0, 0x4f, 0x88), // financial: wine, lifted
        QColor(0x8a, 0x8a, 0x8a), // other: grey
    };
    setFonts(t);
    return t;
}
