#include "story/storystore.h"

#include "store/database.h"
#include "store/killpoint.h"
#include "store/statement.h"

#include <QCoreApplication>
#include <QJsonDocument>
#include <QJsonObject>

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

bool run(Statement &statement, QString *errorMessage)
{
    if (!statement.isValid())
        return report(errorMessage, tr("cannot write the story: the statement could not be prepared"));
    const bool done = statement.exec();
    if (!done)
        report(errorMessage, tr("cannot write the story: %1").arg(statement.errorMessage()));
    statement.reset();
    return done;
}

// Commits a story's transaction, with the kill points on either side (store/killpoint.h).
bool commit(Transaction &transaction)
{
    KillPoint::reach("story.before-commit");
    if (!transaction.commit())
        return false;
    KillPoint::reach("story.after-commit");
    return true;
}

// A null string (no view, no incident) is stored as NULL.
QString viewText(const StoryStep &step)
{
    if (step.view.isEmpty())
        return {};
    return QString::fromUtf8(QJsonDocument(QJsonObject::fromVariantMap(step.view)).toJson(QJsonDocument::Compact));
}

QString incidentText(const StoryStep &step)
{
    return step.incidentId.isEmpty() ? QString() : step.incidentId;
}

// Headings and notes are never NULL in the document: a null string is stored as "".
QString plain(const QString &text)
{
    return text.isNull() ? QStringLiteral("") : text;
}

// Binds incident, view, heading and notes from parameter `first` on.
void bindStep(Statement &statement, int first, const StoryStep &step)
{
    statement.bindOrNull(first, incidentText(step));
    statement.bindOrNull(first + 1, viewText(step));
    statement.bind(first + 2, plain(step.heading));
    statement.bind(first + 3, plain(step.notes));
}

constexpr const char *s_insertStep
    = "INSERT INTO story_step (story, position, incident, view, heading, notes) VALUES (?, ?, ?, ?, ?, ?)";
} // namespace

StoryStore::StoryStore(Database &db)
    : m_db(db)
{ }

QList<StoryStep> StoryStore::steps(qint64 storyId) const
{
    Statement query(m_db.handle(),
        "SELECT id, incident, view, heading, notes FROM story_step WHERE story = ? ORDER BY position, id");
    QList<StoryStep> list;
    if (!query.isValid())
        return list;
    query.bind(1, storyId);
    while (query.step() == SQLITE_ROW) {
        StoryStep step;
        step.id = query.int64(0);
        step.incidentId = query.text(1);
        const QByteArray view = query.text(2).toUtf8();
        if (!view.isEmpty())
            step.view = QJsonDocument::fromJson(view).object().toVariantMap();
        step.heading = query.text(3);
        step.notes = query.text(4);
        list.append(step);
    }
    return list;
}

QList<Story> StoryStore::stories() const
{
    QList<Story> list;
    {
        Statement query(m_db.handle(), "SELECT id, name FROM story ORDER BY position, id");
        if (!query.isValid())
            return list;
        while (query.step() == SQLITE_ROW)
            list.append(Story { query.int64(0), query.text(1), {} });
    }
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
    Statement insertStory(m_db.handle(),
        "INSERT INTO story (name, position) VALUES (?, (SELECT coalesce(max(position) + 1, 0) FROM story))");
    insertStory.bind(1, story.name.trimmed());
    if (!run(insertStory, errorMessage))
        return 0;
    const qint64 id = sqlite3_last_insert_rowid(m_db.handle());
    Statement insertStep(m_db.handle(), s_insertStep);
    for (qsizetype i = 0; i < story.steps.size(); ++i) {
        insertStep.bind(1, id);
        insertStep.bind(2, int(i));
        bindStep(insertStep, 3, story.steps.at(i));
        if (!run(insertStep, errorMessage))
            return 0;
        if (i == 0)
            KillPoint::reach("story.mid"); // the story with the first of its steps
    }
    if (!commit(transaction))
        return failId(errorMessage, transaction.errorMessage());
    return id;
}

bool StoryStore::renameStory(qint64 id, const QString &name, QString *errorMessage)
{
    if (name.trimmed().isEmpty())
        return report(errorMessage, tr("a story needs a name"));
    Statement query(m_db.handle(), "UPDATE story SET name = ? WHERE id = ?");
    query.bind(1, name.trimmed());
    query.bind(2, id);
    return run(query, errorMessage)
        && (sqlite3_changes(m_db.handle()) == 1 || report(errorMessage, tr("no such story")));
}

bool StoryStore::deleteStory(qint64 id, QString *errorMessage)
{
    Transaction transaction(m_db);
    if (!transaction.isActive())
        return report(errorMessage, transaction.errorMessage());
    Statement steps(m_db.handle(), "DELETE FROM story_step WHERE story = ?");
    steps.bind(1, id);
    if (!run(steps, errorMessage))
        return false;
    KillPoint::reach("story.mid"); // the story without its steps
    Statement story(m_db.handle(), "DELETE FROM story WHERE id = ?");
    story.bind(1, id);
    if (!run(story, errorMessage))
        return false;
    return commit(transaction) || report(errorMessage, transaction.errorMessage());
}

bool StoryStore::renumber(qint64 storyId, const QList<qint64> &order, QString *errorMessage)
{
    Statement query(m_db.handle(), "UPDATE story_step SET position = ? WHERE id = ? AND story = ?");
    for (qsizetype i = 0; i < order.size(); ++i) {
        query.bind(1, int(i));
        query.bind(2, order.at(i));
        query.bind(3, storyId);
        if (!run(query, errorMessage))
            return false;
        // Half renumbered: two steps may share a position, a new step is not yet in its place.
        if (i == 0)
            KillPoint::reach("story.mid");
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
    Statement query(m_db.handle(), s_insertStep);
    query.bind(1, storyId);
    query.bind(2, int(order.size()));
    bindStep(query, 3, step);
    if (!run(query, errorMessage))
        return 0;
    const qint64 id = sqlite3_last_insert_rowid(m_db.handle());
    order.insert(qBound(0, position, int(order.size())), id);
    if (!renumber(storyId, order, errorMessage))
        return 0;
    if (!commit(transaction))
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
    return commit(transaction) || report(errorMessage, transaction.errorMessage());
}

bool StoryStore::updateStep(const StoryStep &step, QString *errorMessage)
{
    Statement query(m_db.handle(), "UPDATE story_step SET incident = ?, view = ?, heading = ?, notes = ? WHERE id = ?");
    bindStep(query, 1, step);
    query.bind(5, step.id);
    return run(query, errorMessage)
        && (sqlite3_changes(m_db.handle()) == 1 || report(errorMessage, tr("no such step")));
}

bool StoryStore::deleteStep(qint64 stepId, QString *errorMessage)
{
    Transaction transaction(m_db);
    if (!transaction.isActive())
        return report(errorMessage, transaction.errorMessage());
    qint64 storyId = 0;
    {
        Statement query(m_db.handle(), "SELECT story FROM story_step WHERE id = ?");
        query.bind(1, stepId);
        if (!query.isValid() || query.step() != SQLITE_ROW)
            return report(errorMessage, tr("no such step"));
        storyId = query.int64(0);
    }
    Statement remove(m_db.handle(), "DELETE FROM story_step WHERE id = ?");
    remove.bind(1, stepId);
    if (!run(remove, errorMessage))
        return false;
    QList<qint64> order;
    for (const StoryStep &existing : steps(storyId))
        order.append(existing.id);
    if (!renumber(storyId, order, errorMessage))
        return false;
    return commit(transaction) || report(errorMessage, transaction.errorMessage());
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
