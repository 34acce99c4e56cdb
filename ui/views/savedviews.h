#pragma once

#include <QStringList>
#include <QVariantMap>

// Views kept in the user's settings (QSettings): named views the user saved, and the last view,
// restored on the next start. A view is a map of plain values (see MainWindow::viewState());
// this only stores and finds them.
namespace SavedViews {
QStringList names(); // sorted, case-insensitively
void save(const QString &name, QVariantMap view);
QVariantMap load(const QString &name); // empty when there is no view of that name
bool remove(const QString &name); // false when there was none

void saveLast(const QVariantMap &view);
QVariantMap last();
} // namespace SavedViews
