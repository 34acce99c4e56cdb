#pragma once

#include "domain/incident.h"

#include <QWidget>
#include <optional>

class QLabel;
class QPlainTextEdit;
class QPushButton;
class QToolButton;
class SafeTextBrowser;

// Every field of one incident, read-only, with its sources as links (only http(s) links are
// handed on, through openUrlRequested()) and the user's notes, editable unless the document
// is read-only and saved through notesEdited(). Untrusted text is escaped: the pane shows
// data, never markup from it.
class DetailPane : public QWidget
{
    Q_OBJECT
public:
    explicit DetailPane(QWidget *parent = nullptr);

    // Shows `incident`; notes typed on the previous one are saved first (notesEdited()).
    void setIncident(const std::optional<Incident> &incident);
    // Saves notes typed and not yet saved (notesEdited()); nothing when there are none.
    void savePendingNotes();
    std::optional<Incident> incident() const { return m_incident; }
    void setReadOnly(bool readOnly);
    // Marks the shown incident as left out by the current filter: a notice with a button to
    // clear the filter shows above it and Copy citation is disabled, so an incident outside
    // the results is never shown as if it were in them. setIncident() clears the mark.
    void setExcludedByFilter(bool excluded);
    bool isExcludedByFilter() const { return m_excluded; }
    QWidget *excludedNotice() const { return m_excludedNotice; }
    QToolButton *copyButton() const { return m_copy; }
    // Where the shown record stands with the user: a record of "My records", an imported
    // record edited locally (a notice "Edited locally" with Revert shows), or neither.
    enum class LocalState { Imported, UserRecord, EditedLocally };
    void setLocalState(LocalState state);
    QWidget *editedNotice() const { return m_editedNotice; }
    QToolButton *editButton() const { return m_edit; }
    // The controls in the order Tab visits them.
    QList<QWidget *> focusOrder() const;

    QString plainText() const; // what the pane shows, as text (tests, accessibility)
    QString html() const; // the document it renders
    SafeTextBrowser *browser() const { return m_browser; }
    QPlainTextEdit *notesEdit() const { return m_notes; }

    // Words of the current full-text search, marked wherever they start a word in the pane.
    void setHighlightTerms(const QStringList &terms);

    // The document setIncident() shows (RecordHtml::toHtml).
    static QString toHtml(const Incident &incident, const QStringList &highlightTerms = {});

signals:
    void previousRequested();
    void nextRequested();
    void notesEdited(const QString &id, const QString &notes);
    void openUrlRequested(const QUrl &url);
    void statusMessage(const QString &message);
    void clearFilterRequested();
    void editRequested(); // Edit… on the shown incident
    void revertRequested(); // Revert on an incident edited locally

private:
    void setUpExcludedNotice();
    void setUpEditing();
    void saveNotes();
    void copyCitation();

    std::optional<Incident> m_incident;
    bool m_excluded = false;
    QWidget *m_excludedNotice;
    QStringList m_highlightTerms;
    QLabel *m_title;
    SafeTextBrowser *m_browser;
    QPlainTextEdit *m_notes;
    QPushButton *m_saveNotes;
    QToolButton *m_previous;
    QToolButton *m_next;
    QToolButton *m_copy;
    QToolButton *m_edit;
    QWidget *m_editedNotice;
    QLabel *m_editedLabel;
    bool m_readOnly = false;
};
