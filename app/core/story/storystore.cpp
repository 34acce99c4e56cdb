#include "story/storystore.h"

#include "store/database.h"

#include <QCoreApplication>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSqlError>
#include <QSqlQuery>

namespace {
QString tr(const char *text)
{
    return QCoreApplication::translate("StoryStore", text);
}

bool report(QString *errorMessage, const QString &message)
{
    if (errorMessage)
        *errorMessage = message;
    return false;
}

qint64 failId(QString *errorMessage, const QString &message)
{
    report(errorMessage, message);
    return 0;
}

bool run(QSqlQuery &query, QString *errorMessage)
{
    if (query.exec())
        return true;
    return report(errorMessage, tr("cannot write the story: %1").arg(query.lastError().text()));
}

QVariant viewText(const StoryStep &step)
{
    if (step.view.isEmpty())
        return QVariant(QMetaType::fromType<QString>());
    return QString::fromUtf8(QJsonDocument(QJsonObject::fromVariantMap(step.view)).toJson(QJsonDocument::Compact));
}

// Headings and notes are never NULL in the document: a null string is stored as "".
QString plain(const QString &text)
{
    return text.isNull() ? QStringLiteral("") : text;
}

QVariant incidentText(const StoryStep &step)
{
    return step.incidentId.isEmpty() ? QVariant(QMetaType::fromType<QString>()) : QVariant(step.incidentId);
}
} // namespace

StoryStore::StoryStore(Database &db)
    : m_db(db)
{ }

QList<StoryStep> StoryStore::steps(qint64 storyId) const
{
    QSqlQuery query(m_db.connection());
    query.prepare(QStringLiteral(
        "SELECT id, incident, view, heading, notes FROM story_step WHERE story = ? ORDER BY position, id"));
    query.addBindValue(storyId);
    QList<StoryStep> list;
    if (!query.exec())
        return list;
    while (query.next()) {
        StoryStep step;
        step.id = query.value(0).toLongLong();
        step.incidentId = query.value(1).toString();
        const QByteArray view = query.value(2).toString().toUtf8();
        if (!view.isEmpty())
            step.view = QJsonDocument::fromJson(view).object().toVariantMap();
        step.heading = query.value(3).toString();
        step.notes = query.value(4).toString();
        list.append(step);
    }
    return list;
}

QList<Story> StoryStore::stories() const
{
    QSqlQuery query(m_db.connection());
    QList<Story> list;
    if (!query.exec(QStringLiteral("SELECT id, name FROM story ORDER BY position, id")))
        return list;
    while (query.next())
        list.append(Story { query.value(0).toLongLong(), query.value(1).toString(), {} });
    for (Story &story : list)
        story.steps = steps(story.id);
    return list;
}

std::optional<Story> StoryStore::story(qint64 id) const
{
    for (const Story &story : stories()) {
        if (story.id == id)
            return story;
    }
    return std::nullopt;
}

std::optional<Story> StoryStore::storyNamed(const QString &name) const
{
    for (const Story &story : stories()) {
        if (story.name == name)
            return story;
    }
    return std::nullopt;
}

qint64 StoryStore::createStory(const QString &name, QString *errorMessage)
{
    Story story;
    story.name = name;
    return addStory(story, errorMessage);
}

qint64 StoryStore::addStory(const Story &story, QString *errorMessage)
{
    if (story.name.trimmed().isEmpty())
        return failId(errorMessage, tr("a story needs a name"));
    Transaction transaction(m_db);
    if (!transaction.isActive())
        return failId(errorMessage, transaction.errorMessage());
    QSqlQuery query(m_db.connection());
    query.prepare(QStringLiteral(
        "INSERT INTO story (name, position) VALUES (?, (SELECT coalesce(max(position) + 1, 0) FROM story))"));
    query.addBindValue(story.name.trimmed());
    if (!run(query, errorMessage))
        return 0;
    const qint64 id = query.lastInsertId().toLongLong();
    query.prepare(QStringLiteral(
        "INSERT INTO story_step (story, position, incident, view, heading, notes) VALUES (?, ?, ?, ?, ?, ?)"));
    for (qsizetype i = 0; i < story.steps.size(); ++i) {
        const StoryStep &step = story.steps.at(i);
        query.addBindValue(id);
        query.addBindValue(int(i));
        query.addBindValue(incidentText(step));
        query.addBindValue(viewText(step));
        query.addBindValue(plain(step.heading));
        query.addBindValue(plain(step.notes));
        if (!run(query, errorMessage))
            return 0;
    }
    if (!transaction.commit())
        return failId(errorMessage, transaction.errorMessage());
    return id;
}

bool StoryStore::renameStory(qint64 id, const QString &name, QString *errorMessage)
{
    if (name.trimmed().isEmpty())
        return report(errorMessage, tr("a story needs a name"));
    QSqlQuery query(m_db.connection());
    query.prepare(QStringLiteral("UPDATE story SET name = ? WHERE id = ?"));
    query.addBindValue(name.trimmed());
    query.addBindValue(id);
    return run(query, errorMessage) && (query.numRowsAffected() == 1 || report(errorMessage, tr("no such story")));
}

bool StoryStore::deleteStory(qint64 id, QString *errorMessage)
{
    Transaction transaction(m_db);
    if (!transaction.isActive())
        return report(errorMessage, transaction.errorMessage());
    QSqlQuery query(m_db.connection());
    query.prepare(QStringLiteral("DELETE FROM story_step WHERE story = ?"));
    query.addBindValue(id);
    if (!run(query, errorMessage))
        return false;
    query.prepare(QStringLiteral("DELETE FROM story WHERE id = ?"));
    query.addBindValue(id);
    if (!run(query, errorMessage))
        return false;
    return transaction.commit() || report(errorMessage, transaction.errorMessage());
}

bool StoryStore::renumber(qint64 storyId, const QList<qint64> &order, QString *errorMessage)
{
    QSqlQuery query(m_db.connection());
    query.prepare(QStringLiteral("UPDATE story_step SET position = ? WHERE id = ? AND story = ?"));
    for (qsizetype i = 0; i < order.size(); ++i) {
        query.addBindValue(int(i));
        query.addBindValue(order.at(i));
        query.addBindValue(storyId);
        if (!run(query, errorMessage))
            return false;
    }
    return true;
}

qint64 StoryStore::insertStep(qint64 storyId, int position, const StoryStep &step, QString *errorMessage)
{
    Transaction transaction(m_db);
    if (!transaction.isActive())
        return failId(errorMessage, transaction.errorMessage());
    QList<qint64> order;
    for (const StoryStep &existing : steps(storyId))
        order.append(existing.id);
    QSqlQuery query(m_db.connection());
    query.prepare(QStringLiteral(
        "INSERT INTO story_step (story, position, incident, view, heading, notes) VALUES (?, ?, ?, ?, ?, ?)"));
    query.addBindValue(storyId);
    query.addBindValue(int(order.size()));
    query.addBindValue(incidentText(step));
    query.addBindValue(viewText(step));
    query.addBindValue(plain(step.heading));
    query.addBindValue(plain(step.notes));
    if (!run(query, errorMessage))
        return 0;
    const qint64 id = query.lastInsertId().toLongLong();
    order.insert(qBound(0, position, int(order.size())), id);
    if (!renumber(storyId, order, errorMessage))
        return 0;
    if (!transaction.commit())
        return failId(errorMessage, transaction.errorMessage());
    return id;
}

bool StoryStore::moveStep(qint64 storyId, int from, int to, QString *errorMessage)
{
    Transaction transaction(m_db);
    if (!transaction.isActive())
        return report(errorMessage, transaction.errorMessage());
    QList<qint64> order;
    for (const StoryStep &existing : steps(storyId))
        order.append(existing.id);
    if (from < 0 || from >= order.size() || to < 0 || to >= order.size())
        return report(errorMessage, tr("no step at that position"));
    order.move(from, to);
    if (!renumber(storyId, order, errorMessage))
        return false;
    return transaction.commit() || report(errorMessage, transaction.errorMessage());
}

bool StoryStore::updateStep(const StoryStep &step, QString *errorMessage)
{
    QSqlQuery query(m_db.connection());
    query.prepare(QStringLiteral("UPDATE story_step SET incident = ?, view = ?, heading = ?, notes = ? WHERE id = ?"));
    query.addBindValue(incidentText(step));
    query.addBindValue(viewText(step));
    query.addBindValue(plain(step.heading));
    query.addBindValue(plain(step.notes));
    query.addBindValue(step.id);
    return run(query, errorMessage) && (query.numRowsAffected() == 1 || report(errorMessage, tr("no such step")));
}

bool StoryStore::deleteStep(qint64 stepId, QString *errorMessage)
{
    Transaction transaction(m_db);
    if (!transaction.isActive())
        return report(errorMessage, transaction.errorMessage());
    QSqlQuery query(m_db.connection());
    query.prepare(QStringLiteral("SELECT story FROM story_step WHERE id = ?"));
    query.addBindValue(stepId);
    if (!query.exec() || !query.next())
        return report(errorMessage, tr("no such step"));
    const qint64 storyId = query.value(0).toLongLong();
    query.prepare(QStringLiteral("DELETE FROM story_step WHERE id = ?"));
    query.addBindValue(stepId);
    if (!run(query, errorMessage))
        return false;
    QList<qint64> order;
    for (const StoryStep &existing : steps(storyId))
        order.append(existing.id);
    if (!renumber(storyId, order, errorMessage))
        return false;
    return transaction.commit() || report(errorMessage, transaction.errorMessage());
}

bool StoryStore::addBundledStories(QString *errorMessage)
{
    QString why;
    const QList<Story> bundled = StoryFile::bundled(&why);
    if (!why.isEmpty())
        return report(errorMessage, why);
    for (const Story &story : bundled) {
        if (!storyNamed(story.name) && addStory(story, errorMessage) == 0)
            return false;
    }
    return true;
}
