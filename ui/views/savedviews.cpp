#include "views/savedviews.h"

#include <QSettings>

namespace {
const QString s_group = QStringLiteral("views");
const QString s_nameKey = QStringLiteral("name");

// Settings keys must not carry slashes; the name itself is stored inside the value.
QString keyOf(const QString &name)
{
    return s_group + u'/' + QString::fromLatin1(name.toUtf8().toHex());
}
} // namespace

namespace SavedViews {
QStringList names()
{
    QSettings settings;
    settings.beginGroup(s_group);
    QStringList names;
    for (const QString &key : settings.childKeys())
        names << settings.value(key).toMap().value(s_nameKey).toString();
    names.sort(Qt::CaseInsensitive);
    return names;
}

void save(const QString &name, QVariantMap view)
{
    view.insert(s_nameKey, name);
    QSettings().setValue(keyOf(name), view);
}

QVariantMap load(const QString &name)
{
    return QSettings().value(keyOf(name)).toMap();
}

bool remove(const QString &name)
{
    QSettings settings;
    if (!settings.contains(keyOf(name)))
        return false;
    settings.remove(keyOf(name));
    return true;
}

void saveLast(const QVariantMap &view)
{
    QSettings().setValue(QStringLiteral("view/last"), view);
}

QVariantMap last()
{
    return QSettings().value(QStringLiteral("view/last")).toMap();
}
} // namespace SavedViews
