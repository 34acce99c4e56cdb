#pragma once

#include "render/theme.h"

#include <QColor>
#include <QFont>
#include <QPalette>

class QLabel;
class QWidget;

// The colours of presentation mode: the normal dark stage, or a high-contrast one for
// washed-out projectors (pure black, white text, fully saturated marks, bright grid and
// borders). The choice is a presentation setting kept in the user's settings.
struct PresentationTheme
{
    bool highContrast = false;
    QColor window; // the presentation's background
    QColor text;
    QColor card; // the card's background
    QColor cardBorder; // drawn around the card; transparent when none
    QColor accent; // the aside marker and the presenter view's clock
    Theme timeline; // the stage's timeline colours (fonts are the renderer's; the stage scales them)

    QPalette palette(const QPalette &base) const;
    QPalette cardPalette(const QPalette &base) const;

    static PresentationTheme normal();
    static PresentationTheme highContrastTheme();
    static PresentationTheme forSetting(bool highContrast) { return highContrast ? highContrastTheme() : normal(); }

    // The remembered setting (QSettings "presentation/highContrast").
    static bool highContrastSetting();
    static void setHighContrastSetting(bool on);
};

// The text widgets of the presentation, the card and the presenter view: a label that shows
// untrusted text as plain text, and a font sized in pixels (the stage scales with the screen).
namespace PresentationText {
QLabel *plainLabel(QWidget *parent, const QString &objectName, bool wrap = true);
QFont pixelFont(int px, bool bold);
} // namespace PresentationText
