#include "present/presentationlayout.h"

#include <QtMath>
#include <algorithm>

PresentationLayout PresentationLayout::forSize(QSize size)
{
    PresentationLayout layout;
    const int w = std::max(size.width(), 320);
    const int h = std::max(size.height(), 240);
    layout.titlePx = std::max(40, qRound(h * 0.06));
    layout.bodyPx = std::max(28, qRound(h * 0.04));
    layout.progressPx = std::max(24, qRound(h * 0.032));
    layout.stageScale = std::max(1.25, h / 720.0 * 1.4);
    const int margin = qRound(h * 0.03);
    const int progressHeight = qRound(layout.progressPx * 1.6);
    const int bottom = h - progressHeight;
    layout.progress = QRect(margin, bottom, w - 2 * margin, progressHeight);
    // An incident: the timeline on the left, the card (the wider part) on the right.
    const int cardWidth = qRound(w * 0.62);
    layout.card = QRect(w - cardWidth - margin, margin, cardWidth, bottom - 2 * margin);
    layout.timelineWithCard = QRect(0, margin, layout.card.left() - margin, bottom - 2 * margin);
    // A view: the heading over the whole width, the timeline under it.
    const int headingHeight = qRound(layout.titlePx * 1.5);
    layout.heading = QRect(margin, margin, w - 2 * margin, headingHeight);
    layout.timelineFull = QRect(0, layout.heading.bottom() + margin, w, bottom - layout.heading.bottom() - 2 * margin);
    layout.notes = QRect(margin, margin, w - 2 * margin, bottom - 2 * margin);
    return layout;
}
