#include "views/savedviews.h"

#include <QSettings>

namespace {
const QString s_group = QStringLiteral("views");
const QString s_lastKey = QStringLiteral("view/last");
const QString s_nameKey = QStringLiteral("name");

// Settings keys must not carry slashes; the name itself is stored inside the value.
QString keyOf(const QString &name)
{
    return s_group + u'/' + QString::fromLatin1(name.toUtf8().toHex());
}

template <typename Enum> Enum enumValue(const QVariant &value, Enum last)
{
    const int v = value.toInt();
    return v >= 0 && v <= int(last) ? Enum(v) : Enum(0);
}

std::optional<ViewState> viewAt(const QString &key)
{
    const QVariant value = QSettings().value(key);
    if (!value.isValid())
        return std::nullopt;
    return ViewState::fromMap(value.toMap());
}
} // namespace

QVariantMap ViewState::toMap() const
{
    QVariantMap map { { QStringLiteral("filter"), filter.toQueryString() }, { QStringLiteral("firstDay"), firstDay },
        { QStringLiteral("endDay"), endDay }, { QStringLiteral("rowKey"), int(rows.key) },
        { QStringLiteral("rowSort"), int(rows.sort) }, { QStringLiteral("rowCollapse"), int(rows.collapse) },
        { QStringLiteral("rowHidden"), rows.hidden }, { QStringLiteral("rowPinned"), rows.pinned } };
    if (!document.isEmpty())
        map.insert(QStringLiteral("document"), document);
    if (!currentId.isEmpty())
        map.insert(QStringLiteral("current"), currentId);
    return map;
}

ViewState ViewState::fromMap(const QVariantMap &map)
{
    ViewState view;
    view.filter = Filter::fromQueryString(map.value(QStringLiteral("filter")).toString());
    view.firstDay = map.value(QStringLiteral("firstDay")).toDouble();
    view.endDay = map.value(QStringLiteral("endDay")).toDouble();
    view.rows.key = enumValue(map.value(QStringLiteral("rowKey")), RowKey::Sector);
    view.rows.sort = enumValue(map.value(QStringLiteral("rowSort")), RowSort::Region);
    view.rows.collapse = enumValue(map.value(QStringLiteral("rowCollapse")), RegionLevel::SubRegion);
    view.rows.hidden = map.value(QStringLiteral("rowHidden")).toStringList();
    view.rows.pinned = map.value(QStringLiteral("rowPinned")).toStringList();
    view.document = map.value(QStringLiteral("document")).toString();
    view.currentId = map.value(QStringLiteral("current")).toString();
    return view;
}

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

void save(const QString &name, const ViewState &view)
{
    QVariantMap map = view.toMap();
    map.insert(s_nameKey, name);
    QSettings().setValue(keyOf(name), map);
}

std::optional<ViewState> load(const QString &name)
{
    return viewAt(keyOf(name));
}

bool remove(const QString &name)
{
    QSettings settings;
    if (!settings.contains(keyOf(name)))
        return false;
    settings.remove(keyOf(name));
    return true;
}

void saveLast(const ViewState &view)
{
    QSettings().setValue(s_lastKey, view.toMap());
}

std::optional<ViewState> last()
{
    return viewAt(s_lastKey);
}
} // namespace SavedViews
