#pragma once

#include "query/filter.h"
#include "render/timelinerows.h"

#include <QStringList>
#include <QVariantMap>
#include <optional>

// What the window shows, apart from the data: the filter, the timeline's visible range and
// its row options; for the last view also the document it was made on and its current
// incident. A value, stored as a map of plain values that QSettings can hold.
struct ViewState
{
    Filter filter;
    double firstDay = 0; // the visible range [firstDay, endDay), fractional Julian days;
    double endDay = 0; // empty (endDay <= firstDay) when the view has none
    RowOptions rows;
    QString document; // the last view only: the document's path
    QString currentId; // the last view only: the current incident's id

    QVariantMap toMap() const;
    // Values out of range (a newer or edited settings file) fall back to the defaults.
    static ViewState fromMap(const QVariantMap &map);

    friend bool operator==(const ViewState &, const ViewState &) = default;
};

// Views kept in the user's settings (QSettings): named views the user saved, and the last
// view, restored on the next start.
namespace SavedViews {
QStringList names(); // sorted, case-insensitively
void save(const QString &name, const ViewState &view);
std::optional<ViewState> load(const QString &name);
bool remove(const QString &name); // false when there was none

void saveLast(const ViewState &view);
std::optional<ViewState> last();
} // namespace SavedViews
