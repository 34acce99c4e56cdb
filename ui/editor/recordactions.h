#pragma once

#include "import/recordform.h"
#include "store/userrecords.h"

#include <QObject>
#include <QString>
#include <functional>

class DocumentController;
class ArticleDialog;
class QAction;
class QMenu;
class QUndoStack;
class QWidget;
class RecordEditor;

// Creating, editing, duplicating, deleting and reverting records from the window, each an
// undoable step on one QUndoStack (Edit > Undo, Ctrl+Z; Redo, Ctrl+Shift+Z). A step keeps
// the record's state before and after (UserRecords::State) and applies either through the
// DocumentController, which writes the document and patches the loaded columns, so the
// timeline, table, facets and search follow at once without a reload.
class RecordActions : public QObject
{
    Q_OBJECT
public:
    // `currentId` names the incident the window shows (empty when none).
    RecordActions(QWidget *window, DocumentController *document, std::function<QString()> currentId);

    QAction *newAction() const { return m_new; }
    QAction *newFromArticleAction() const { return m_fromArticle; }
    QAction *editAction() const { return m_edit; }
    QAction *duplicateAction() const { return m_duplicate; }
    QAction *deleteAction() const { return m_delete; }
    QAction *revertAction() const { return m_revert; }
    QAction *undoAction() const { return m_undo; }
    QAction *redoAction() const { return m_redo; }
    QUndoStack *undoStack() const { return m_stack; }
    void addTo(QMenu *edit);

    // The dialogs open without blocking; each returns the editor it opened (null when there is
    // nothing to edit or the document is read-only).
    RecordEditor *newIncident();
    // Drafts a record from an article's text or saved page (ArticleReader) and opens it in the
    // editor as a new record, each proposed field marked with the sentence it came from.
    RecordEditor *newIncidentFromArticle(const QByteArray &article);
    // Edit > New Incident from Article…: the dialog for an article's text, already holding the
    // file at `path` when one is given (as its Open File… button reads it; a window drop with
    // Alt). Null, after a message, when the file cannot be read or the document is read-only.
    ArticleDialog *openArticleDialog(const QString &path = QString());
    RecordEditor *editIncident(const QString &id);
    RecordEditor *duplicateIncident(const QString &id);
    // Asks first unless `confirmed`.
    bool deleteIncident(const QString &id, bool confirmed = false);
    bool revertIncident(const QString &id);
    // Applies `after` and pushes the step; false (and a message) when it could not be saved.
    bool change(const UserRecords::State &before, UserRecords::State after, const QString &text);

    // Enables the actions for the document and the incident shown.
    void updateActions();

signals:
    void recordSaved(const QString &id); // created, edited, duplicated, reverted or undone back
    void failed(const QString &message);

private:
    RecordEditor *openEditor(const UserRecords::State &before, const RecordForm &form, bool asNew);

    QWidget *m_window;
    DocumentController *m_document;
    std::function<QString()> m_currentId;
    QUndoStack *m_stack;
    QAction *m_new;
    QAction *m_fromArticle;
    QAction *m_edit;
    QAction *m_duplicate;
    QAction *m_delete;
    QAction *m_revert;
    QAction *m_undo;
    QAction *m_redo;
};
