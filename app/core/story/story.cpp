#include "story/story.h"

#include <QCoreApplication>
#include <QDate>
#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace {
QString tr(const char *text)
{
    return QCoreApplication::translate("StoryFile", text);
}

// "from"/"to" as inclusive ISO dates become the half-open range in Julian days.
QVariantMap viewFrom(const QJsonObject &object)
{
    QVariantMap view = object.toVariantMap();
    const QDate from = QDate::fromString(view.take(QStringLiteral("from")).toString(), Qt::ISODate);
    const QDate to = QDate::fromString(view.take(QStringLiteral("to")).toString(), Qt::ISODate);
    if (from.isValid())
        view.insert(QStringLiteral("firstDay"), double(from.toJulianDay()));
    if (to.isValid())
        view.insert(QStringLiteral("endDay"), double(to.toJulianDay() + 1));
    return view;
}
} // namespace

namespace StoryFile {
std::optional<Story> parse(const QByteArray &json, QString *errorMessage)
{
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(json, &parseError);
    const QJsonObject root = document.object();
    auto fail = [&](const QString &why) {
        if (errorMessage)
            *errorMessage = why;
        return std::nullopt;
    };
    if (parseError.error != QJsonParseError::NoError)
        return fail(tr("not JSON: %1").arg(parseError.errorString()));
    if (root.value(QStringLiteral("faultline-story")).toInt() != 1)
        return fail(tr("not a Faultline story (no \"faultline-story\": 1)"));
    Story story;
    story.name = root.value(QStringLiteral("name")).toString().trimmed();
    if (story.name.isEmpty())
        return fail(tr("the story has no name"));
    const QJsonArray steps = root.value(QStringLiteral("steps")).toArray();
    for (qsizetype i = 0; i < steps.size(); ++i) {
        const QJsonObject object = steps.at(i).toObject();
        StoryStep step;
        step.incidentId = object.value(QStringLiteral("incident")).toString();
        if (object.value(QStringLiteral("view")).isObject())
            step.view = viewFrom(object.value(QStringLiteral("view")).toObject());
        if (step.incidentId.isEmpty() == step.view.isEmpty())
            return fail(tr("step %1 needs either an incident or a view").arg(i + 1));
        step.heading = object.value(QStringLiteral("heading")).toString();
        step.notes = object.value(QStringLiteral("notes")).toString();
        story.steps.append(step);
    }
    return story;
}

QList<Story> bundled(QString *errorMessage)
{
    QList<Story> stories;
    const QDir dir(QStringLiteral(":/data/stories"));
    for (const QString &name : dir.entryList({ QStringLiteral("*.json") }, QDir::Files, QDir::Name)) {
        QFile file(dir.filePath(name));
        QString why;
        std::optional<Story> story;
        if (file.open(QIODevice::ReadOnly))
            story = parse(file.readAll(), &why);
        else
            why = file.errorString();
        if (!story) {
            if (errorMessage)
                *errorMessage = tr("%1: %2").arg(file.fileName(), why);
            return {};
        }
        stories.append(*story);
    }
    return stories;
}
} // namespace StoryFile
