#pragma once

#include "import/csvmapping.h"
#include "import/diagnostic.h"
#include "import/mappedcsvreader.h"

#include <QDialog>
#include <QHash>
#include <QTimer>

class QComboBox;
class QLabel;
class QLineEdit;
class QListWidget;
class QPushButton;
class QTableWidget;

// The mapping of a CSV that is not in Faultline's format, opened when such a file is
// imported. One row per record field: the column it comes from (first guessed from the
// header names, CsvMapping::guess), or a constant, and the translation of its values
// ("Hacking=data-theft; DDoS=ddos"); the file's date format, multi-value separator, delimiter
// and encoding. A live preview reads the first s_previewRows rows through the mapping with
// the code the import uses (MappedCsvReader) and shows the records they give and every
// diagnostic they would raise. Mapping files (the JSON of the README) are loaded and saved.
// Import is enabled when the mapping is complete; mapping() is what the import uses.
class CsvMappingDialog : public QDialog
{
    Q_OBJECT
public:
    explicit CsvMappingDialog(const QString &csvPath, QWidget *parent = nullptr);

    // The mapping the widgets describe (complete or not).
    CsvMapping mapping() const;
    // Complete means CsvMapping::fromJson accepts it; *why says what is missing otherwise.
    bool isComplete(QString *why = nullptr) const;
    void setMapping(const CsvMapping &mapping);
    bool loadMapping(const QString &path, QString *error);
    bool saveMapping(const QString &path, QString *error) const;

    // The preview follows an edit after a short delay; refreshPreview() reads it at once.
    void refreshPreview();
    int previewCount() const { return m_previewCount; }

    // For tests and accessibility: the widgets of one field, the preview and its diagnostics.
    QComboBox *columnBox(const QString &field) const;
    QLineEdit *constantEdit(const QString &field) const;
    QLineEdit *valuesEdit(const QString &field) const;
    QLineEdit *dateFormatEdit() const { return m_dateFormat; }
    QTableWidget *previewTable() const { return m_preview; }
    QListWidget *diagnosticsList() const { return m_diagnostics; }
    QPushButton *importButton() const { return m_import; }

    static constexpr int s_previewRows = 100;

private:
    struct FieldRow
    {
        QComboBox *column = nullptr;
        QLineEdit *constant = nullptr;
        QLineEdit *values = nullptr;
    };

    QWidget *buildFieldForm();
    QWidget *buildOptions();
    void readSample(); // the header and first rows with the delimiter and encoding chosen
    void fillColumnBox(QComboBox *box) const;
    void schedulePreview();
    void chooseLoad();
    void chooseSave();

    QString m_path;
    MappedCsvReader::Sample m_sample;
    QHash<QString, FieldRow> m_rows;
    QLineEdit *m_dateFormat = nullptr;
    QLineEdit *m_separator = nullptr;
    QComboBox *m_delimiter = nullptr;
    QComboBox *m_encoding = nullptr;
    QLabel *m_fileInfo = nullptr;
    QLabel *m_status = nullptr;
    QTableWidget *m_preview = nullptr;
    QListWidget *m_diagnostics = nullptr;
    QPushButton *m_import = nullptr;
    QTimer m_previewTimer;
    int m_previewCount = 0;
    bool m_settingMapping = false;
};
