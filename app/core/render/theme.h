#pragma once

#include "domain/enums.h"

#include <QColor>
#include <QFont>
#include <array>

// Colours and fonts of a timeline frame, as plain data (no QPalette, no global state), so
// the screen and every export draw the same thing. Fonts are pixel-sized, i.e. in logical
// units (1 = 1/96 in), so text lays out the same on every paint device.
//
// Type colours follow Okabe & Ito's colour-blind-safe set (orange, sky blue, bluish green,
// yellow, blue, vermillion, reddish purple, black), extended with Tol's wine and a neutral
// grey to reach the ten incident types; the dark theme lifts the darkest ones.
struct Theme
{
    QColor background;
    QColor headerBackground; // row header and axis area
    QColor rowBand; // every other row; translucent, drawn over the grid
    QColor text;
    QColor mutedText; // counts, minor tick labels, footer
    QColor grid; // minor grid lines
    QColor gridMajor; // major grid lines
    QColor axisLine;
    QColor density; // aggregated rows (histogram of counts)
    QColor clusterText; // count inside a cluster badge
    QColor hover; // hover ring and link connector
    QColor selection; // selection ring and link connector
    QColor rubberBand;
    std::array<QColor, IncidentTypeCount> typeColors;

    QFont labelFont; // mark labels and row names
    QFont axisFont; // tick labels
    QFont titleFont; // export title
    QFont smallFont; // counts, legend, footer

    bool isDark = false;

    QColor typeColor(IncidentType type) const { return typeColors[std::size_t(type)]; }

    static Theme light();
    static Theme darkTheme();
    static Theme forDarkMode(bool dark) { return dark ? darkTheme() : light(); }
};
