#pragma once

#include "domain/incidentcolumns.h"
#include "draft/articlereader.h"
#include "import/recordform.h"

#include <QDialog>
#include <QHash>
#include <memory>

class QComboBox;
class QCheckBox;
class QDialogButtonBox;
class QFormLayout;
class QLabel;
class QLineEdit;
class QPlainTextEdit;
class QPushButton;
class QTableWidget;

// The record editor: every field of an incident record in one dialog. Dates are typed as
// 2022, 2022-07 or 2022-07-17 and the precision is shown beside them; countries are typed by
// name (with completion over the names, aliases and demonyms the importer resolves) and shown
// resolved, with their flags; type, attribution and sectors come from their vocabularies;
// the actor completes from the document's actors; sources are a small table. Every change is
// checked by the importer's own validation (RecordForm over RecordValidator) and each message
// shows beside its field; Save stays disabled while any field is invalid.
class RecordEditor : public QDialog
{
    Q_OBJECT
public:
    // `columns` gives the actor names to complete; may be null.
    RecordEditor(const RecordForm &initial, std::shared_ptr<const IncidentColumns> columns, QWidget *parent = nullptr);

    RecordForm form() const;
    // The record as validated; set when every field is valid.
    std::optional<Incident> record() const { return m_checked.record; }
    // The message beside a field ("start", "victims", ...), empty when it is valid.
    QString errorText(const QString &field) const;
    QPushButton *saveButton() const { return m_save; }
    // The input of a field by its record name ("title", "start", "victims", "actor", ...).
    QWidget *fieldWidget(const QString &field) const { return m_inputs.value(field); }
    QTableWidget *sourcesTable() const { return m_sources; }
    // Marks the fields a draft proposed (tinted, with a note above the fields) and shows the
    // sentence each came from when the pointer rests on the field.
    void setEvidence(const QList<DraftEvidence> &evidence);
    QString evidenceFor(const QString &field) const { return m_evidence.value(field); }

private:
    QWidget *buildFields(std::shared_ptr<const IncidentColumns> columns);
    void addRow(
        QFormLayout *form, const QString &label, const QString &field, QWidget *input, QWidget *extra = nullptr);
    void addDateAndCountryRows(QFormLayout *left);
    void addVocabularyRows(QFormLayout *left, std::shared_ptr<const IncidentColumns> columns);
    void addRightRows(QFormLayout *right);
    void addSourcesRow(QFormLayout *right);
    QLineEdit *lineEdit(const QString &field, const QString &placeholder);
    QLabel *errorLabel(const QString &field);
    void setForm(const RecordForm &form);
    void check();
    void showCountries(const QString &field);
    void addSourceRow(const Source &source);

    RecordForm m_base; // id, notes and provenance: what the dialog does not edit
    RecordForm::Checked m_checked;
    QHash<QString, QWidget *> m_inputs;
    QHash<QString, QLabel *> m_errors;
    QHash<QString, QLabel *> m_precision; // date field -> its precision
    QHash<QString, QWidget *> m_resolved; // country field -> the countries with flags
    QComboBox *m_type = nullptr;
    QComboBox *m_attribution = nullptr;
    QList<QCheckBox *> m_sectors;
    QPlainTextEdit *m_summary = nullptr;
    QTableWidget *m_sources = nullptr;
    QDialogButtonBox *m_buttons = nullptr;
    QPushButton *m_save = nullptr;
    bool m_filling = false;
    QHash<QString, QString> m_evidence; // field -> the sentences behind it
    QLabel *m_evidenceNote = nullptr;
};
