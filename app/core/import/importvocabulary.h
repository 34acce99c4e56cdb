#pragma once

#include <QHash>
#include <QList>
#include <QString>
#include <QStringList>
#include <utility>

// One format's vocabulary mapped to Faultline's: the rows of a table `:/data/import/NAME.tsv`
// ("kind<TAB>format value<TAB>Faultline value", # comments), kept in file order so that a
// reader can say "the first row that matches wins". Values are compared without case.
// Loaded once per name and shared (thread-safe after loading).
class ImportVocabulary
{
public:
    static const ImportVocabulary &instance(const QString &name); // "stix", "misp", "veris"

    // The Faultline value of `value` under `kind`, or an empty string.
    QString value(const QString &kind, QStringView value) const;
    // The rows of `kind` in file order: (format value, Faultline value).
    const QList<std::pair<QString, QString>> &rows(const QString &kind) const;
    // The Faultline value of the longest row of `kind` that `value` starts with.
    QString longestPrefix(const QString &kind, QStringView value) const;

    explicit ImportVocabulary(const QByteArray &tsv);

private:
    QHash<QString, QList<std::pair<QString, QString>>> m_rows; // kind -> rows, values lower case
    QHash<QString, QHash<QString, QString>> m_lookup; // kind -> lower-case value -> Faultline value
};
