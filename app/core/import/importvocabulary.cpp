#include "import/importvocabulary.h"

#include <QFile>
#include <map>
#include <memory>
#include <mutex>

ImportVocabulary::ImportVocabulary(const QByteArray &tsv)
{
    for (const QByteArray &line : tsv.split('\n')) {
        if (line.trimmed().isEmpty() || line.startsWith('#'))
            continue;
        const QList<QByteArray> cells = line.split('\t');
        if (cells.size() < 3)
            continue;
        const QString kind = QString::fromUtf8(cells.at(0).trimmed());
        const QString from = QString::fromUtf8(cells.at(1).trimmed()).toLower();
        const QString to = QString::fromUtf8(cells.at(2).trimmed());
        m_rows[kind].append({ from, to });
        m_lookup[kind].insert(from, to);
    }
}

const ImportVocabulary &ImportVocabulary::instance(const QString &name)
{
    static std::mutex mutex;
    static std::map<QString, std::unique_ptr<ImportVocabulary>> tables;
    std::lock_guard lock(mutex);
    auto &table = tables[name];
    if (!table) {
        QFile file(QStringLiteral(":/data/import/%1.tsv").arg(name));
        table = std::make_unique<ImportVocabulary>(file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray());
    }
    return *table;
}

QString ImportVocabulary::value(const QString &kind, QStringView value) const
{
    return m_lookup.value(kind).value(value.trimmed().toString().toLower());
}

const QList<std::pair<QString, QString>> &ImportVocabulary::rows(const QString &kind) const
{
    static const QList<std::pair<QString, QString>> none;
    const auto it = m_rows.constFind(kind);
    return it == m_rows.cend() ? none : *it;
}

QString ImportVocabulary::longestPrefix(const QString &kind, QStringView value) const
{
    const QString key = value.trimmed().toString().toLower();
    QString best;
    qsizetype bestLength = 0;
    for (const auto &[from, to] : rows(kind)) {
        if (from.size() > bestLength && key.startsWith(from)) {
            best = to;
            bestLength = from.size();
        }
    }
    return best;
}
