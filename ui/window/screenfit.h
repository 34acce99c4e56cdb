#pragma once

#include <QRect>
#include <QSize>

class QWidget;

// Keeping a window on the screen it opens on: a first size that fits the available geometry
// (the screen less panels and docks), and a restored geometry, perhaps saved on a larger
// screen, brought back inside it.
namespace ScreenFit {
// The size a new window asks for: `preferred`, shrunk to leave `margin` free on each side of
// `available` so the frame and title bar fit too.
QSize firstSize(QSize preferred, const QRect &available, int margin = 24);
// `frame` moved and, when larger, shrunk so that it lies inside `available`.
QRect clamped(const QRect &frame, const QRect &available);
// Applies clamped() to a top-level window against its screen's available geometry; a window
// whose minimum size is larger than the screen is sized to the screen regardless.
void clampToScreen(QWidget *window);
} // namespace ScreenFit
