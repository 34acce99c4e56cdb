#pragma once

#include "story/story.h"

#include <QList>
#include <QString>
#include <optional>

class Database;

// The stories of one document (tables story and story_step, schema 4). Steps refer to
// incidents by record id, so stories survive re-imports; they live in the document, so
// Save a Copy As carries them. Every change is one transaction; a failure changes nothing
// and returns false (or 0) with a message in *errorMessage.
class StoryStore
{
public:
    explicit StoryStore(Database &db);

    QList<Story> stories() const; // in their order, each with its steps
    std::optional<Story> story(qint64 id) const;
    std::optional<Story> storyNamed(const QString &name) const;

    qint64 createStory(const QString &name, QString *errorMessage = nullptr); // 0 on failure
    bool renameStory(qint64 id, const QString &name, QString *errorMessage = nullptr);
    bool deleteStory(qint64 id, QString *errorMessage = nullptr);

    // Inserts before `position` (clamped to 0..count); returns the new step's id, 0 on failure.
    qint64 insertStep(qint64 storyId, int position, const StoryStep &step, QString *errorMessage = nullptr);
    // Moves the step at `from` to `to` (positions within the story).
    bool moveStep(qint64 storyId, int from, int to, QString *errorMessage = nullptr);
    // Writes the step's incident, view, heading and notes (found by step.id).
    bool updateStep(const StoryStep &step, QString *errorMessage = nullptr);
    bool deleteStep(qint64 stepId, QString *errorMessage = nullptr);

    // Adds a story with its steps; returns its id, 0 on failure.
    qint64 addStory(const Story &story, QString *errorMessage = nullptr);
    // Adds the bundled stories the document does not have yet (by name).
    bool addBundledStories(QString *errorMessage = nullptr);

private:
    QList<StoryStep> steps(qint64 storyId) const;
    bool renumber(qint64 storyId, const QList<qint64> &order, QString *errorMessage);
    Database &m_db;
};
