#pragma once

#include <QList>
#include <QString>
#include <QVariantMap>
#include <optional>

// One step of a story: an incident (by its record id) or a view of the timeline, with a
// heading and the presenter's notes, both plain text.
struct StoryStep
{
    qint64 id = 0; // the row in the document; 0 until stored
    QString incidentId; // set for an incident step
    // A view step: the keys of the window's view state ("filter", "firstDay", "endDay" in
    // fractional Julian days, "rowKey", "rowSort", "rowCollapse", "rowHidden", "rowPinned").
    QVariantMap view;
    QString heading;
    QString notes;

    bool isIncident() const { return !incidentId.isEmpty(); }
    friend bool operator==(const StoryStep &, const StoryStep &) = default;
};

// A named, ordered list of steps.
struct Story
{
    qint64 id = 0;
    QString name;
    QList<StoryStep> steps;
};

namespace StoryFile {
// Reads a story file: {"faultline-story": 1, "name": ..., "steps": [{"incident": ID or
// "view": {...}, "heading": ..., "notes": ...}]}. In a view, "from" and "to" (ISO dates,
// inclusive) may stand for "firstDay" and "endDay". On a malformed file returns nothing and
// sets *errorMessage.
std::optional<Story> parse(const QByteArray &json, QString *errorMessage);
// The stories that ship with Faultline (":/data/stories/").
QList<Story> bundled(QString *errorMessage);
} // namespace StoryFile
