#include "window/screenfit.h"

#include <QScreen>
#include <QWidget>

namespace ScreenFit {

QSize firstSize(QSize preferred, const QRect &available, int margin)
{
    if (!available.isValid())
        return preferred;
    const int width = std::max(1, available.width() - 2 * margin);
    // The title bar takes room above the client area, so the height keeps twice the margin.
    const int height = std::max(1, available.height() - 3 * margin);
    return { std::min(preferred.width(), width), std::min(preferred.height(), height) };
}

QRect clamped(const QRect &frame, const QRect &available)
{
    if (!available.isValid() || !frame.isValid())
        return frame;
    QRect r(frame.topLeft(), frame.size().boundedTo(available.size()));
    if (r.right() > available.right())
        r.moveRight(available.right());
    if (r.bottom() > available.bottom())
        r.moveBottom(available.bottom());
    if (r.left() < available.left())
        r.moveLeft(available.left());
    if (r.top() < available.top())
        r.moveTop(available.top());
    return r;
}

void clampToScreen(QWidget *window)
{
    const QScreen *screen = window->screen();
    if (!screen)
        return;
    const QRect available = screen->availableGeometry();
    if (window->isMaximized() || window->isFullScreen())
        return;
    // The frame (title bar, borders) is known only once shown; before that it counts as the
    // difference a typical decoration makes.
    const QRect frame = window->frameGeometry();
    const QMargins decoration(window->geometry().left() - frame.left(), window->geometry().top() - frame.top(),
        frame.right() - window->geometry().right(), frame.bottom() - window->geometry().bottom());
    const QRect fitted = clamped(frame, available);
    if (fitted == frame)
        return;
    window->resize(fitted.size().shrunkBy(decoration));
    window->move(fitted.topLeft());
}

} // namespace ScreenFit
