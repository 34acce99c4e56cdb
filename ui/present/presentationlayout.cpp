#include "present/presentationlayout.h"

#include <QtMath>
#include <algorithm>

PresentationLayout PresentationLayout::forSize(QSize size)
{
    PresentationLayout layout;
    const int w = std::max(size.width(), 320);
    const int h = std::max(size.height(), 240);
    layout.titlePx = std::max(40, qRound(h * 0.056));
    layout.bodyPx = std::max(28, qRound(h * 0.039));
    layout.progressPx = std::max(24, qRound(h * 0.032));
    layout.stageScale = std::max(1.25, h / 720.0 * 1.4);
    const int margin = qRound(h * 0.03);
    const int progressHeight = qRound(layout.progressPx * 1.6);
    const int bottom = h - progressHeight;
    layout.progress = QRect(margin, bottom, w - 2 * margin, progressHeight);
    // An incident: the timeline on the left, the card on the right, the wider part and as tall
    // as the screen allows, so that a four-sentence summary fits whole at 1280x720.
    const int cardWidth = qRound(w * 0.7);
    const int cardMargin = margin / 2;
    layout.card = QRect(w - cardWidth - cardMargin, cardMargin, cardWidth, bottom - 2 * cardMargin);
    layout.timelineWithCard = QRect(0, margin, layout.card.left() - cardMargin, bottom - 2 * margin);
    // A view: the heading over the whole width, the timeline under it.
    const int headingHeight = qRound(layout.titlePx * 1.5);
    layout.heading = QRect(margin, margin, w - 2 * margin, headingHeight);
    layout.timelineFull = QRect(0, layout.heading.bottom() + margin, w, bottom - layout.heading.bottom() - 2 * margin);
    layout.notes = QRect(margin, margin, w - 2 * margin, bottom - 2 * margin);
    return layout;
}
