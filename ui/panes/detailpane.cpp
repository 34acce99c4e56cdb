#include "panes/detailpane.h"

#include "domain/displaytext.h"
#include "domain/recordhtml.h"
#include "widgets/safetextbrowser.h"

#include <QApplication>
#include <QClipboard>
#include <QFrame>
#include <QHBoxLayout>
#include <QLabel>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QToolButton>
#include <QVBoxLayout>

DetailPane::DetailPane(QWidget *parent)
    : QWidget(parent)
    , m_excludedNotice(new QFrame(this))
    , m_title(new QLabel(this))
    , m_browser(new SafeTextBrowser(this))
    , m_notes(new QPlainTextEdit(this))
    , m_saveNotes(new QPushButton(tr("Save notes"), this))
    , m_previous(new QToolButton(this))
    , m_next(new QToolButton(this))
    , m_copy(new QToolButton(this))
    , m_edit(new QToolButton(this))
    , m_editedNotice(new QFrame(this))
    , m_editedLabel(new QLabel(this))
{
    m_title->setTextFormat(Qt::PlainText);
    m_title->setWordWrap(true);
    m_title->setTextInteractionFlags(Qt::TextSelectableByMouse);
    QFont titleFont = m_title->font();
    titleFont.setPointSizeF(titleFont.pointSizeF() * 1.3);
    titleFont.setBold(true);
    m_title->setFont(titleFont);
    m_title->setAccessibleName(tr("Incident title"));

    m_previous->setArrowType(Qt::LeftArrow);
    m_previous->setToolTip(tr("Previous incident (Alt+Left)"));
    m_previous->setAccessibleName(tr("Previous incident"));
    m_next->setArrowType(Qt::RightArrow);
    m_next->setToolTip(tr("Next incident (Alt+Right)"));
    m_next->setAccessibleName(tr("Next incident"));
    m_copy->setText(tr("Copy citation"));
    m_copy->setAccessibleName(tr("Copy citation"));
    m_copy->setToolTip(tr("Copy the title, date, countries and sources to the clipboard"));

    m_browser->setAccessibleName(tr("Incident details"));
    m_browser->setFrameShape(QFrame::NoFrame);
    // Lines break between words, never inside one ("Septemb|er"); a word longer than the
    // pane scrolls sideways instead.
    m_browser->setWordWrapMode(QTextOption::WordWrap);
    m_notes->setPlaceholderText(tr("Your notes on this incident (kept when the data is re-imported)"));
    m_notes->setAccessibleName(tr("Your notes"));
    m_notes->setMaximumHeight(120);
    // Tab moves on to the next control, so the keyboard is never trapped in the notes.
    m_notes->setTabChangesFocus(true);
    m_saveNotes->setAccessibleName(tr("Save notes"));
    m_saveNotes->setEnabled(false);

    auto *navigation = new QHBoxLayout;
    navigation->addWidget(m_previous);
    navigation->addWidget(m_next);
    navigation->addStretch();
    navigation->addWidget(m_edit);
    navigation->addWidget(m_copy);

    auto *notesRow = new QHBoxLayout;
    auto *notesLabel = new QLabel(tr("Notes"), this);
    notesLabel->setTextFormat(Qt::PlainText);
    notesLabel->setBuddy(m_notes);
    notesRow->addWidget(notesLabel);
    notesRow->addStretch();
    notesRow->addWidget(m_saveNotes);

    auto *layout = new QVBoxLayout(this);
    layout->addLayout(navigation);
    layout->addWidget(m_excludedNotice);
    layout->addWidget(m_editedNotice);
    layout->addWidget(m_title);
    layout->addWidget(m_browser, 1);
    layout->addLayout(notesRow);
    layout->addWidget(m_notes);

    connect(m_previous, &QToolButton::clicked, this, &DetailPane::previousRequested);
    connect(m_next, &QToolButton::clicked, this, &DetailPane::nextRequested);
    connect(m_copy, &QToolButton::clicked, this, &DetailPane::copyCitation);
    connect(m_saveNotes, &QPushButton::clicked, this, &DetailPane::saveNotes);
    connect(m_notes, &QPlainTextEdit::textChanged, this,
        [this] { m_saveNotes->setEnabled(m_incident && m_notes->toPlainText() != m_incident->notes); });
    connect(m_browser, &SafeTextBrowser::linkActivated, this, &DetailPane::openUrlRequested);
    connect(m_browser, &SafeTextBrowser::linkRefused, this, [this](const QUrl &url) {
        emit statusMessage(tr("Not opened: only http and https links open (%1)").arg(url.toDisplayString().left(200)));
    });
    setUpExcludedNotice();
    setUpEditing();
    setIncident(std::nullopt);
}

// Edit… beside Copy citation, and the notice over an incident edited locally, with Revert.
void DetailPane::setUpEditing()
{
    m_edit->setText(tr("Edit…"));
    m_edit->setAccessibleName(tr("Edit incident"));
    m_edit->setToolTip(tr("Edit this incident (F2)"));
    connect(m_edit, &QToolButton::clicked, this, &DetailPane::editRequested);

    auto *edited = static_cast<QFrame *>(m_editedNotice);
    edited->setFrameShape(QFrame::StyledPanel);
    m_editedLabel->setTextFormat(Qt::PlainText);
    m_editedLabel->setWordWrap(true);
    m_editedLabel->setParent(edited);
    auto *revert = new QPushButton(tr("Revert"), edited);
    revert->setObjectName(QStringLiteral("revertButton"));
    revert->setAccessibleName(tr("Revert to the imported version"));
    revert->setToolTip(tr("Replace your edit by the record as its file has it"));
    auto *editedRow = new QHBoxLayout(edited);
    editedRow->setContentsMargins(6, 4, 6, 4);
    editedRow->addWidget(m_editedLabel, 1);
    editedRow->addWidget(revert);
    edited->setAccessibleName(tr("Edited locally"));
    edited->hide();
    connect(revert, &QPushButton::clicked, this, &DetailPane::revertRequested);
}

void DetailPane::setUpExcludedNotice()
{
    auto *notice = static_cast<QFrame *>(m_excludedNotice);
    notice->setFrameShape(QFrame::StyledPanel);
    notice->setAutoFillBackground(true);
    QPalette p = notice->palette();
    p.setColor(QPalette::Window, p.color(QPalette::ToolTipBase));
    p.setColor(QPalette::WindowText, p.color(QPalette::ToolTipText));
    notice->setPalette(p);
    auto *label = new QLabel(tr("Not in the current filter: this incident is not among the results."), notice);
    label->setTextFormat(Qt::PlainText);
    label->setWordWrap(true);
    auto *clear = new QPushButton(tr("Clear filter"), notice);
    clear->setAccessibleName(tr("Clear filter"));
    auto *row = new QHBoxLayout(notice);
    row->setContentsMargins(6, 4, 6, 4);
    row->addWidget(label, 1);
    row->addWidget(clear);
    notice->setAccessibleName(tr("Not in the current filter"));
    notice->hide();
    connect(clear, &QPushButton::clicked, this, &DetailPane::clearFilterRequested);
}

void DetailPane::setLocalState(LocalState state)
{
    auto *revert = m_editedNotice->findChild<QPushButton *>(QStringLiteral("revertButton"));
    switch (state) {
    case LocalState::EditedLocally:
        m_editedLabel->setText(tr("Edited locally: a re-import of its file leaves your version alone."));
        revert->show();
        m_editedNotice->show();
        break;
    case LocalState::UserRecord:
        m_editedLabel->setText(tr("Your own record (My records)."));
        revert->hide();
        m_editedNotice->show();
        break;
    case LocalState::Imported:
        m_editedNotice->hide();
        break;
    }
}

QList<QWidget *> DetailPane::focusOrder() const
{
    QList<QWidget *> order { m_previous, m_next, m_edit, m_copy };
    order += m_excludedNotice->findChildren<QWidget *>();
    for (QPushButton *button : m_editedNotice->findChildren<QPushButton *>())
        order << button;
    order += { m_browser, m_notes, m_saveNotes };
    return order;
}

void DetailPane::setExcludedByFilter(bool excluded)
{
    m_excluded = excluded && m_incident.has_value();
    m_excludedNotice->setVisible(m_excluded);
    m_copy->setEnabled(m_incident.has_value() && !m_excluded);
    setAccessibleDescription(m_incident ? tr("%1, %2%3")
                                              .arg(m_incident->start.toDisplayString(), m_incident->title,
                                                  m_excluded ? tr(" (not in the current filter)") : QString())
                                        : QString());
}

void DetailPane::setReadOnly(bool readOnly)
{
    m_notes->setReadOnly(readOnly);
    m_saveNotes->setVisible(!readOnly);
    m_readOnly = readOnly;
    m_edit->setVisible(!readOnly);
}

void DetailPane::setIncident(const std::optional<Incident> &incident)
{
    // Unsaved notes on the previous incident are saved, not lost.
    savePendingNotes();
    m_incident = incident;
    m_excluded = false;
    m_excludedNotice->hide();
    const bool has = incident.has_value();
    m_previous->setEnabled(has);
    m_next->setEnabled(has);
    m_copy->setEnabled(has);
    m_edit->setEnabled(has);
    m_notes->setEnabled(has);
    m_editedNotice->hide(); // the window says where the new one stands (setLocalState)
    if (!has) {
        m_title->setText(tr("No incident selected"));
        m_browser->setHtml(QStringLiteral("<p style='color:gray'>%1</p>")
                               .arg(tr("Select an incident in the table or on the timeline to read it here.")));
        m_notes->clear();
        setAccessibleDescription(QString());
        return;
    }
    m_title->setText(DisplayText::isolated(incident->title));
    m_browser->setHtml(toHtml(*incident, m_highlightTerms));
    m_notes->blockSignals(true);
    m_notes->setPlainText(incident->notes);
    m_notes->blockSignals(false);
    m_saveNotes->setEnabled(false);
    setAccessibleDescription(
        tr("%1, %2").arg(incident->start.toDisplayString(), DisplayText::isolated(incident->title)));
}

void DetailPane::setHighlightTerms(const QStringList &terms)
{
    if (terms == m_highlightTerms)
        return;
    m_highlightTerms = terms;
    if (m_incident)
        m_browser->setHtml(toHtml(*m_incident, m_highlightTerms));
}

QString DetailPane::toHtml(const Incident &incident, const QStringList &highlightTerms)
{
    return RecordHtml::toHtml(incident, highlightTerms);
}

QString DetailPane::plainText() const
{
    return m_title->text() + u'\n' + m_browser->toPlainText();
}

QString DetailPane::html() const
{
    return m_browser->toHtml();
}

void DetailPane::savePendingNotes()
{
    if (m_incident && m_saveNotes->isEnabled())
        saveNotes();
}

void DetailPane::saveNotes()
{
    if (!m_incident)
        return;
    m_incident->notes = m_notes->toPlainText();
    m_saveNotes->setEnabled(false);
    emit notesEdited(m_incident->id, m_incident->notes);
}

void DetailPane::copyCitation()
{
    if (!m_incident || m_excluded)
        return;
    QApplication::clipboard()->setText(m_incident->citation());
    emit statusMessage(tr("Citation copied"));
}
