#include "present/screenplan.h"

#include <QScreen>
#include <QWidget>

ScreenPlan ScreenPlan::choose(const QList<QRect> &screens, int windowScreen)
{
    ScreenPlan plan;
    if (screens.isEmpty())
        return plan;
    const int own = windowScreen >= 0 && windowScreen < screens.size() ? windowScreen : 0;
    if (screens.size() == 1) {
        plan.audience = 0;
        return plan;
    }
    qint64 largest = -1;
    for (int k = 0; k < screens.size(); ++k) {
        const qint64 area = qint64(screens.at(k).width()) * screens.at(k).height();
        if (k != own && area > largest) {
            largest = area;
            plan.audience = k;
        }
    }
    plan.presenter = own;
    return plan;
}

void ScreenPlan::showFullScreenOn(QWidget *window, QScreen *screen)
{
    if (screen) {
        window->setScreen(screen);
        // The geometry too, for where no window manager applies the full-screen state.
        window->setGeometry(screen->geometry());
    }
    window->showFullScreen();
}
