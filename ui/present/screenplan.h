#pragma once

#include <QList>
#include <QRect>

class QScreen;
class QWidget;

// Which screen shows what in presentation mode, decided from the screens' geometries alone
// (so it can be tested without screens). With one screen, it shows the presentation and
// there is no presenter view (P toggles the notes over the presentation instead). With
// more, the screen the window is on is the presenter's (the laptop) and the largest of the
// others is the audience's (the projector); the first such screen wins a tie.
struct ScreenPlan
{
    int audience = -1; // index into the screens; -1 when there are none
    int presenter = -1; // -1 when there is no presenter view

    bool hasPresenterView() const { return presenter >= 0; }
    static ScreenPlan choose(const QList<QRect> &screens, int windowScreen);

    // Shows a top-level widget full screen on `screen`: its window is moved to that screen
    // before it is shown, so it also lands there when the screens are separate X screens
    // (each with its own root window and all at 0,0), where a geometry alone cannot say
    // which screen is meant. A null screen leaves the window where it is.
    static void showFullScreenOn(QWidget *window, QScreen *screen);
};
