#include "domain/actornames.h"

#include <QFile>
#include <QLoggingCategory>

Q_LOGGING_CATEGORY(lcActors, "faultline.domain.actors", QtInfoMsg)

namespace {
QStringList splitNames(QStringView field)
{
    QStringList names;
    for (QStringView part : field.split(u';')) {
        part = part.trimmed();
        if (!part.isEmpty())
            names << part.toString();
    }
    return names;
}

void addDiagnostic(QStringList *diagnostics, const QString &fileName, int line, const QString &reason)
{
    if (diagnostics && diagnostics->size() < ActorNames::MaxDiagnostics)
        diagnostics->append(QStringLiteral("%1:%2: %3").arg(fileName).arg(line).arg(reason));
}
} // namespace

const ActorNames &ActorNames::instance()
{
    static const ActorNames s_instance = [] {
        QFile file(QStringLiteral(":/data/actors.tsv"));
        if (!file.open(QIODevice::ReadOnly)) {
            qCWarning(lcActors) << "actor table missing from resources";
            return ActorNames();
        }
        QStringList diagnostics;
        ActorNames names = parse(file.readAll(), QStringLiteral("actors.tsv"), &diagnostics);
        for (const QString &d : diagnostics)
            qCWarning(lcActors) << d;
        return names;
    }();
    return s_instance;
}

QString ActorNames::key(QStringView name)
{
    // Decompose, drop marks and everything that is not a letter or digit, fold case.
    const QString decomposed = name.toString().normalized(QString::NormalizationForm_KD);
    QString k;
    k.reserve(decomposed.size());
    for (const QChar c : decomposed) {
        if (c.isLetterOrNumber())
            k.append(c.toCaseFolded());
    }
    return k;
}

ActorNames ActorNames::parse(QByteArrayView text, const QString &fileName, QStringList *diagnostics)
{
    ActorNames table;
    int lineNumber = 0;
    qsizetype pos = 0;
    while (pos < text.size()) {
        qsizetype end = text.indexOf('\n', pos);
        if (end < 0)
            end = text.size();
        const QByteArrayView raw = text.sliced(pos, end - pos);
        pos = end + 1;
        if (++lineNumber > MaxLines) {
            addDiagnostic(diagnostics, fileName, lineNumber,
                QStringLiteral("more than %1 lines; the rest is ignored").arg(MaxLines));
            break;
        }
        if (raw.size() > MaxLineBytes) {
            addDiagnostic(
                diagnostics, fileName, lineNumber, QStringLiteral("line longer than %1 bytes").arg(MaxLineBytes));
            continue;
        }
        QString line = QString::fromUtf8(raw);
        if (line.endsWith(u'\r'))
            line.chop(1);
        if (line.trimmed().isEmpty() || line.startsWith(u'#'))
            continue;
        const QStringList columns = line.split(u'\t');
        const QString canonical = columns.at(0).trimmed();
        if (columns.size() > 2 || canonical.isEmpty() || key(canonical).isEmpty()) {
            addDiagnostic(diagnostics, fileName, lineNumber,
                QStringLiteral("canonical: expected a name, a tab and the aliases separated by \"; \""));
            continue;
        }
        const QStringList aliases = columns.size() == 2 ? splitNames(columns.at(1)) : QStringList();
        if (aliases.size() > MaxNamesPerLine) {
            addDiagnostic(
                diagnostics, fileName, lineNumber, QStringLiteral("aliases: more than %1").arg(MaxNamesPerLine));
            continue;
        }
        if (table.m_byKey.contains(key(canonical))) {
            addDiagnostic(diagnostics, fileName, lineNumber,
                QStringLiteral("canonical: \"%1\" is already a name of %2")
                    .arg(canonical, table.m_actors[std::size_t(table.m_byKey.value(key(canonical)))].canonical));
            continue;
        }
        const int index = int(table.m_actors.size());
        table.m_actors.push_back({ canonical, {} });
        table.m_byKey.insert(key(canonical), index);
        for (const QString &alias : aliases) {
            const QString k = key(alias);
            const auto existing = table.m_byKey.constFind(k);
            if (k.isEmpty() || (existing != table.m_byKey.cend() && existing.value() != index)) {
                addDiagnostic(diagnostics, fileName, lineNumber,
                    QStringLiteral("aliases: \"%1\" is already a name of another actor; ignored").arg(alias));
                continue;
            }
            table.m_actors.back().aliases << alias;
            table.m_byKey.insert(k, index);
        }
    }
    return table;
}

QString ActorNames::canonical(QStringView name) const
{
    const auto it = m_byKey.constFind(key(name));
    return it == m_byKey.cend() ? name.trimmed().toString() : m_actors[std::size_t(it.value())].canonical;
}

QString ActorNames::canonicalField(QStringView field) const
{
    QStringList names;
    for (const QString &name : splitNames(field)) {
        const QString c = canonical(name);
        if (!names.contains(c))
            names << c;
    }
    return names.join(QStringLiteral("; "));
}

QStringList ActorNames::allNames(QStringView name) const
{
    const auto it = m_byKey.constFind(key(name));
    if (it == m_byKey.cend())
        return { name.trimmed().toString() };
    const Actor &actor = m_actors[std::size_t(it.value())];
    return QStringList { actor.canonical } + actor.aliases;
}

bool ActorNames::fieldContains(QStringView field, QStringView needle) const
{
    if (field.contains(needle, Qt::CaseInsensitive))
        return true;
    for (const QString &name : splitNames(field)) {
        for (const QString &n : allNames(name)) {
            if (n.contains(needle, Qt::CaseInsensitive))
                return true;
        }
    }
    return false;
}

bool ActorNames::isKnown(QStringView name) const
{
    return m_byKey.contains(key(name));
}
