#pragma once

#include "story/story.h"

#include <QAbstractListModel>

class Database;

// The steps of one story as a list, read from and written to the document's StoryStore.
// Every change goes to the document first; the model changes only when the write succeeded
// (otherwise failed() says why). Rows can be dragged to another place (a move).
class StoryStepsModel : public QAbstractListModel
{
    Q_OBJECT
public:
    enum Role { HeadingRole = Qt::UserRole + 1, NotesRole, IncidentRole, IsViewRole };

    explicit StoryStepsModel(QObject *parent = nullptr);

    void setDatabase(Database *db); // not owned; null empties the model
    void setStory(qint64 storyId); // 0: none
    qint64 storyId() const { return m_storyId; }
    StoryStep step(int row) const { return m_steps.value(row); }

    int rowCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    Qt::ItemFlags flags(const QModelIndex &index) const override;
    Qt::DropActions supportedDropActions() const override { return Qt::MoveAction; }
    QStringList mimeTypes() const override;
    QMimeData *mimeData(const QModelIndexList &indexes) const override;
    bool dropMimeData(
        const QMimeData *data, Qt::DropAction action, int row, int column, const QModelIndex &parent) override;

    // The edits, each one write; false (and failed()) when the document refused it.
    bool insertStep(int row, const StoryStep &step);
    bool removeStep(int row);
    bool moveStep(int from, int to); // `to` is the row the step ends up at
    bool updateStep(int row, const StoryStep &step);

signals:
    void failed(const QString &message);
    // A drop asks for a move; the owner performs it (the pane through its undo stack).
    void moveRequested(int from, int to);

private:
    void reload();
    Database *m_db = nullptr;
    qint64 m_storyId = 0;
    QList<StoryStep> m_steps;
};
