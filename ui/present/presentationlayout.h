#pragma once

#include <QRect>
#include <QSize>

// Where presentation mode puts things and how large its text is, for a screen size. Sized
// from the height so a projector's 1280x720 still reads from the back of a room: body text
// at least 28 px, titles at least 40 px (pixel sizes, independent of the screen's dpi); the
// stage's timeline is drawn at stageScale times the window's sizes (rows, labels, marks).
struct PresentationLayout
{
    int titlePx = 40; // the card's title and a view step's heading
    int bodyPx = 28; // the card's lines, the notes
    int progressPx = 24; // "step k of n"
    double stageScale = 1.4;
    QRect timelineWithCard; // the timeline beside an incident's card
    QRect card;
    QRect timelineFull; // the timeline of a view step, under its heading
    QRect heading;
    QRect progress;
    QRect notes; // the notes overlay

    static PresentationLayout forSize(QSize size);
};
