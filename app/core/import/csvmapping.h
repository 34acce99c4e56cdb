#pragma once

#include "import/csvreader.h"

#include <QByteArray>
#include <QHash>
#include <QList>
#include <QString>
#include <QStringList>
#include <optional>

// How the columns of any CSV become Faultline's record fields: the mapping file of the
// README's "CSV through a mapping" section, as a value. A JSON object whose keys are record
// fields (RecordValidator::fieldNames()) and options:
//   "title": "Name"                      one column
//   "summary": ["Description", "Notes"]  columns joined with a space (empty ones skipped)
//   "victims": {"const": "US"}           the same value on every row
//   "type": {"column": "Category", "values": {"Hacking": "data-theft"}, "separator": "/"}
//                                        a column (or "columns": [...]) whose values are
//                                        translated (any case; a value mapped to "" is dropped)
//   "date_format": "dd/MM/yyyy"          QDate format tried first for every date field
//   "separator": ";"                     between the values of a multi-valued cell
//   "delimiter": ","                     of the file (detected when absent)
//   "encoding": "windows-1252"           of the file (detected when absent)
// load() refuses anything else with a message naming the key; save() writes the same form.
struct CsvMapping
{
    struct Field
    {
        QStringList columns; // empty when constant
        std::optional<QString> constant;
        QHash<QString, QString> values; // lower-cased source value -> Faultline value
        QList<std::pair<QString, QString>> valueOrder; // as written, for save()
        QString separator; // empty: the mapping's separator
        bool isSet() const { return !columns.isEmpty() || constant.has_value(); }
    };

    QHash<QString, Field> fields; // record field -> how it is read
    QString dateFormat; // empty: only the built-in forms
    QString separator = QStringLiteral(";");
    std::optional<QChar> delimiter;
    CsvReader::Encoding encoding = CsvReader::Encoding::Detect;

    // Parses and checks a mapping file's bytes; on failure returns nullopt and sets *error
    // to "KEY: reason" (or a JSON syntax error with its offset).
    static std::optional<CsvMapping> fromJson(const QByteArray &json, QString *error);
    // The file at `path`; errors read "PATH: KEY: reason".
    static std::optional<CsvMapping> load(const QString &path, QString *error);
    QByteArray toJson() const;
    bool save(const QString &path, QString *error) const; // atomic (QSaveFile)

    // A first mapping from header names alone: each field takes the column whose name is one
    // this field is commonly called ("Date" -> start, "Victim country" -> victims, ...).
    // Matching ignores case, spaces and punctuation; a column is used at most once.
    static CsvMapping guess(const QStringList &header);

    // The fields that hold several values.
    static bool isListField(const QString &field);
    // The fields that hold a date.
    static bool isDateField(const QString &field);
    // The columns this mapping reads, each once, in field order.
    QStringList columnsUsed() const;
};
