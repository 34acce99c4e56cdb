#include "editor/recordactions.h"

#include "document/documentcontroller.h"
#include "draft/articlereader.h"
#include "editor/articledialog.h"
#include "editor/recordeditor.h"
#include "import/recordform.h"

#include <QAction>
#include <QMenu>
#include <QMessageBox>
#include <QPushButton>
#include <QUndoCommand>
#include <QUndoStack>
#include <QWidget>

namespace {
// One change of one record: its state before and after. The change is applied before the
// command is pushed (so a failure never enters the stack), hence the first redo() is skipped.
class RecordCommand : public QUndoCommand
{
public:
    RecordCommand(RecordActions *actions, DocumentController *document, UserRecords::State before,
        UserRecords::State after, const QString &text)
        : QUndoCommand(text)
        , m_actions(actions)
        , m_document(document)
        , m_before(std::move(before))
        , m_after(std::move(after))
    { }

    void undo() override { apply(m_before); }
    void redo() override
    {
        if (m_skipRedo) {
            m_skipRedo = false;
            return;
        }
        apply(m_after);
    }

private:
    void apply(UserRecords::State &target)
    {
        QString error;
        qint64 rowid = -1;
        if (!m_document->changeRecord(target, &rowid, &error)) {
            emit m_actions->failed(error);
            return;
        }
        if (target.live) {
            target.rowid = rowid; // a redo puts it back in the same place
            emit m_actions->recordSaved(target.id);
        }
    }

    RecordActions *m_actions;
    DocumentController *m_document;
    UserRecords::State m_before;
    UserRecords::State m_after;
    bool m_skipRedo = true;
};
} // namespace

RecordActions::RecordActions(QWidget *window, DocumentController *document, std::function<QString()> currentId)
    : QObject(window)
    , m_window(window)
    , m_document(document)
    , m_currentId(std::move(currentId))
    , m_stack(new QUndoStack(this))
{
    m_new = new QAction(tr("&New Incident…"), this);
    m_new->setShortcut(QKeySequence::New);
    connect(m_new, &QAction::triggered, this, [this] { newIncident(); });
    m_fromArticle = new QAction(tr("New Incident from &Article…"), this);
    m_fromArticle->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_N));
    connect(m_fromArticle, &QAction::triggered, this, [this] { openArticleDialog(); });
    m_edit = new QAction(tr("&Edit Incident…"), this);
    m_edit->setShortcut(QKeySequence(Qt::Key_F2));
    connect(m_edit, &QAction::triggered, this, [this] { editIncident(m_currentId()); });
    m_duplicate = new QAction(tr("D&uplicate Incident…"), this);
    m_duplicate->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_U));
    connect(m_duplicate, &QAction::triggered, this, [this] { duplicateIncident(m_currentId()); });
    m_delete = new QAction(tr("&Delete Incident…"), this);
    m_delete->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_Delete));
    connect(m_delete, &QAction::triggered, this, [this] { deleteIncident(m_currentId()); });
    m_revert = new QAction(tr("&Revert to Imported Version"), this);
    connect(m_revert, &QAction::triggered, this, [this] { revertIncident(m_currentId()); });
    m_undo = m_stack->createUndoAction(this, tr("&Undo"));
    m_undo->setShortcut(QKeySequence::Undo);
    m_redo = m_stack->createRedoAction(this, tr("&Redo"));
    m_redo->setShortcuts({ QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_Z), QKeySequence::Redo });
    for (QAction *a : { m_new, m_fromArticle, m_edit, m_duplicate, m_delete, m_revert, m_undo, m_redo })
        a->setShortcutContext(Qt::WindowShortcut);
    connect(m_document, &DocumentController::documentOpened, m_stack, &QUndoStack::clear);
    // An import changes the records under the steps; they no longer describe the document.
    connect(m_document, &DocumentController::importFinished, m_stack, &QUndoStack::clear);
    updateActions();
}

void RecordActions::addTo(QMenu *edit)
{
    edit->addAction(m_undo);
    edit->addAction(m_redo);
    edit->addSeparator();
    edit->addActions({ m_new, m_fromArticle, m_edit, m_duplicate, m_delete, m_revert });
    connect(edit, &QMenu::aboutToShow, this, &RecordActions::updateActions);
}

void RecordActions::updateActions()
{
    const bool writable = m_document->isOpen() && !m_document->isReadOnly();
    const QString id = m_currentId();
    m_new->setEnabled(writable);
    m_fromArticle->setEnabled(writable);
    for (QAction *a : { m_edit, m_duplicate, m_delete })
        a->setEnabled(writable && !id.isEmpty());
    m_revert->setEnabled(writable && !id.isEmpty() && m_document->recordState(id).kind == UserRecords::Kind::Edited);
}

bool RecordActions::change(const UserRecords::State &before, UserRecords::State after, const QString &text)
{
    QString error;
    qint64 rowid = -1;
    if (!m_document->changeRecord(after, &rowid, &error)) {
        emit failed(error);
        return false;
    }
    after.rowid = after.live ? rowid : -1;
    const QString id = after.id;
    const bool live = after.live.has_value();
    m_stack->push(new RecordCommand(this, m_document, before, std::move(after), text));
    if (live)
        emit recordSaved(id);
    updateActions();
    return true;
}

RecordEditor *RecordActions::openEditor(const UserRecords::State &before, const RecordForm &form, bool asNew)
{
    if (!m_document->isOpen() || m_document->isReadOnly())
        return nullptr;
    auto *editor = new RecordEditor(form, m_document->columns(), m_window);
    editor->setAttribute(Qt::WA_DeleteOnClose);
    connect(editor, &QDialog::accepted, this, [this, editor, before, asNew] {
        const std::optional<Incident> record = editor->record();
        if (!record)
            return;
        if (asNew) {
            const UserRecords::State after = m_document->newRecordState(*record);
            change(UserRecords::State { after.id, UserRecords::Kind::Imported, std::nullopt, -1, std::nullopt }, after,
                tr("New Incident"));
        } else {
            // The state again: the record may have changed while the dialog was open.
            const UserRecords::State now = m_document->recordState(before.id);
            change(now, UserRecords::edited(now, *record), tr("Edit Incident"));
        }
    });
    editor->open();
    return editor;
}

RecordEditor *RecordActions::newIncident()
{
    RecordForm form;
    form.type = QStringLiteral("other");
    form.attribution = QStringLiteral("none");
    return openEditor({}, form, true);
}

RecordEditor *RecordActions::newIncidentFromArticle(const QByteArray &article)
{
    ArticleReader::Options options;
    if (const auto columns = m_document->columns())
        options.knownActors = columns->actors;
    const ArticleDraft draft = ArticleReader::readBytes(article, options);
    // Without the reader's "XX" (nothing found): the user names the victims, or types XX.
    RecordEditor *editor = openEditor({}, RecordForm::fromDraft(draft.incident), true);
    if (editor)
        editor->setEvidence(draft.evidence);
    return editor;
}

ArticleDialog *RecordActions::openArticleDialog(const QString &path)
{
    if (!m_document->isOpen() || m_document->isReadOnly())
        return nullptr;
    auto *dialog = new ArticleDialog(m_window);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    QString error;
    if (!path.isEmpty() && !dialog->readFile(path, &error)) {
        delete dialog;
        auto *box
            = new QMessageBox(QMessageBox::Warning, tr("Cannot read the article"), error, QMessageBox::Ok, m_window);
        box->setTextFormat(Qt::PlainText);
        box->setAttribute(Qt::WA_DeleteOnClose);
        box->open();
        return nullptr;
    }
    connect(dialog, &QDialog::accepted, this, [this, dialog] { newIncidentFromArticle(dialog->articleBytes()); });
    dialog->open();
    return dialog;
}

RecordEditor *RecordActions::editIncident(const QString &id)
{
    if (id.isEmpty())
        return nullptr;
    const UserRecords::State before = m_document->recordState(id);
    if (!before.live)
        return nullptr;
    return openEditor(before, RecordForm::fromIncident(*before.live), false);
}

RecordEditor *RecordActions::duplicateIncident(const QString &id)
{
    if (id.isEmpty())
        return nullptr;
    const UserRecords::State source = m_document->recordState(id);
    if (!source.live)
        return nullptr;
    RecordForm form = RecordForm::fromIncident(*source.live);
    form.id.clear();
    form.notes.clear();
    form.provenance = {};
    return openEditor({}, form, true);
}

bool RecordActions::deleteIncident(const QString &id, bool confirmed)
{
    if (id.isEmpty() || !m_document->isOpen() || m_document->isReadOnly())
        return false;
    const UserRecords::State before = m_document->recordState(id);
    if (!before.live)
        return false;
    if (!confirmed) {
        QMessageBox box(QMessageBox::Question, tr("Delete Incident"), tr("Delete “%1”?").arg(before.live->title),
            QMessageBox::Cancel, m_window);
        box.setTextFormat(Qt::PlainText);
        box.setInformativeText(before.kind == UserRecords::Kind::User
                ? tr("It is one of your own records. Edit > Undo brings it back.")
                : tr("A re-import of its file will not bring it back. Edit > Undo does."));
        QPushButton *remove = box.addButton(tr("Delete"), QMessageBox::DestructiveRole);
        box.setDefaultButton(QMessageBox::Cancel);
        box.exec();
        if (box.clickedButton() != remove)
            return false;
    }
    return change(before, UserRecords::deleted(before), tr("Delete Incident"));
}

bool RecordActions::revertIncident(const QString &id)
{
    const UserRecords::State before = m_document->recordState(id);
    if (before.kind != UserRecords::Kind::Edited && before.kind != UserRecords::Kind::Deleted)
        return false;
    return change(before, UserRecords::reverted(before), tr("Revert Incident"));
}
