#include "panes/storystepsmodel.h"

#include "story/storystore.h"

#include <QMimeData>
#include <algorithm>

namespace {
const QString s_mimeType = QStringLiteral("application/x-faultline-story-step");
}

StoryStepsModel::StoryStepsModel(QObject *parent)
    : QAbstractListModel(parent)
{ }

void StoryStepsModel::setDatabase(Database *db)
{
    m_db = db;
    m_storyId = 0;
    reload();
}

void StoryStepsModel::setStory(qint64 storyId)
{
    m_storyId = storyId;
    reload();
}

void StoryStepsModel::reload()
{
    beginResetModel();
    m_steps.clear();
    if (m_db && m_storyId > 0) {
        if (const std::optional<Story> story = StoryStore(*m_db).story(m_storyId))
            m_steps = story->steps;
    }
    endResetModel();
}

int StoryStepsModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_steps.size());
}

QVariant StoryStepsModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const StoryStep &step = m_steps.at(index.row());
    switch (role) {
    case Qt::DisplayRole:
        // The heading only: a row's text does not depend on its position, so a move or an
        // insert changes no other row.
        return step.heading.isEmpty() ? (step.isIncident() ? step.incidentId : tr("View")) : step.heading;
    case Qt::ToolTipRole:
        return step.notes;
    case HeadingRole:
        return step.heading;
    case NotesRole:
        return step.notes;
    case IncidentRole:
        return step.incidentId;
    case IsViewRole:
        return !step.isIncident();
    default:
        return {};
    }
}

Qt::ItemFlags StoryStepsModel::flags(const QModelIndex &index) const
{
    if (!index.isValid())
        return Qt::ItemIsDropEnabled;
    return QAbstractListModel::flags(index) | Qt::ItemIsDragEnabled;
}

QStringList StoryStepsModel::mimeTypes() const
{
    return { s_mimeType };
}

QMimeData *StoryStepsModel::mimeData(const QModelIndexList &indexes) const
{
    if (indexes.isEmpty())
        return nullptr;
    auto *mime = new QMimeData;
    mime->setData(s_mimeType, QByteArray::number(indexes.first().row()));
    return mime;
}

bool StoryStepsModel::dropMimeData(
    const QMimeData *data, Qt::DropAction action, int row, int column, const QModelIndex &parent)
{
    Q_UNUSED(column);
    if (action != Qt::MoveAction || !data || !data->hasFormat(s_mimeType))
        return false;
    bool ok = false;
    const int from = data->data(s_mimeType).toInt(&ok);
    if (!ok || from < 0 || from >= m_steps.size())
        return false;
    int before = row >= 0 ? row : (parent.isValid() ? parent.row() : int(m_steps.size()));
    const int to = before > from ? before - 1 : before;
    if (to != from)
        emit moveRequested(from, qBound(0, to, int(m_steps.size()) - 1));
    return false; // the move is done by moveStep(), not by the view removing the source row
}

bool StoryStepsModel::insertStep(int row, const StoryStep &step)
{
    if (!m_db || m_storyId <= 0)
        return false;
    row = qBound(0, row, int(m_steps.size()));
    QString error;
    StoryStep stored = step;
    stored.id = StoryStore(*m_db).insertStep(m_storyId, row, step, &error);
    if (stored.id == 0) {
        emit failed(error);
        return false;
    }
    beginInsertRows({}, row, row);
    m_steps.insert(row, stored);
    endInsertRows();
    return true;
}

bool StoryStepsModel::removeStep(int row)
{
    if (!m_db || row < 0 || row >= m_steps.size())
        return false;
    QString error;
    if (!StoryStore(*m_db).deleteStep(m_steps.at(row).id, &error)) {
        emit failed(error);
        return false;
    }
    beginRemoveRows({}, row, row);
    m_steps.removeAt(row);
    endRemoveRows();
    return true;
}

bool StoryStepsModel::moveStep(int from, int to)
{
    const int n = int(m_steps.size());
    if (!m_db || from < 0 || from >= n || to < 0 || to >= n || from == to)
        return false;
    QString error;
    if (!StoryStore(*m_db).moveStep(m_storyId, from, to, &error)) {
        emit failed(error);
        return false;
    }
    beginMoveRows({}, from, from, {}, to > from ? to + 1 : to);
    m_steps.move(from, to);
    endMoveRows();
    return true;
}

bool StoryStepsModel::updateStep(int row, const StoryStep &step)
{
    if (!m_db || row < 0 || row >= m_steps.size())
        return false;
    StoryStep stored = step;
    stored.id = m_steps.at(row).id;
    QString error;
    if (!StoryStore(*m_db).updateStep(stored, &error)) {
        emit failed(error);
        return false;
    }
    m_steps[row] = stored;
    emit dataChanged(index(row), index(row));
    return true;
}
