#include "domain/sourcelist.h"

#include <QCoreApplication>
#include <algorithm>

namespace {
QString escaped(const QString &field)
{
    QString out;
    out.reserve(field.size());
    for (const QChar c : field) {
        if (c == u'\\' || c == u';' || c == u'|')
            out += u'\\';
        out += c;
    }
    return out;
}

bool isEscapable(QChar c)
{
    return c == u'\\' || c == u';' || c == u'|';
}

// Turns the fields of one source into a Source, or explains why it cannot.
bool toSource(QStringList fields, Source *source, QString *why)
{
    for (QString &field : fields)
        field = field.trimmed();
    if (fields.size() == 1) {
        *source = { fields.at(0), {}, {}, {} };
        return true;
    }
    if (fields.size() == 4) {
        *source = { fields.at(3), fields.at(1), fields.at(0), fields.at(2) };
        return true;
    }
    *why = QCoreApplication::translate(
        "SourceList", "%1 fields; expected publisher | title | date | url, or a URL alone")
               .arg(fields.size());
    return false;
}

bool isEmpty(const QStringList &fields)
{
    return std::all_of(fields.begin(), fields.end(), [](const QString &f) { return f.trimmed().isEmpty(); });
}
} // namespace

namespace SourceList {
QString encodeOne(const Source &s)
{
    if (s.publisher.isEmpty() && s.title.isEmpty() && s.date.isEmpty())
        return escaped(s.url);
    return escaped(s.publisher) + QStringLiteral(" | ") + escaped(s.title) + QStringLiteral(" | ") + escaped(s.date)
        + QStringLiteral(" | ") + escaped(s.url);
}

QString encode(const QList<Source> &sources)
{
    QStringList parts;
    parts.reserve(sources.size());
    for (const Source &s : sources)
        parts << encodeOne(s);
    return parts.join(u';');
}

QList<Source> decode(QStringView cell, QStringList *errors)
{
    QList<Source> sources;
    QStringList fields { QString() };
    QString raw; // the source as written, for messages
    int number = 0;
    auto finishSource = [&] {
        if (!isEmpty(fields)) {
            ++number;
            Source source;
            QString why;
            if (toSource(fields, &source, &why))
                sources.append(source);
            else if (errors)
                errors->append(QCoreApplication::translate("SourceList", "source %1 \"%2\": %3")
                                   .arg(number)
                                   .arg(raw.trimmed(), why));
        }
        fields = QStringList { QString() };
        raw.clear();
    };
    for (qsizetype i = 0; i < cell.size(); ++i) {
        const QChar c = cell.at(i);
        if (c == u'\\' && i + 1 < cell.size() && isEscapable(cell.at(i + 1))) {
            fields.last() += cell.at(i + 1);
            raw += c;
            raw += cell.at(++i);
            continue;
        }
        if (c == u';') {
            finishSource();
            continue;
        }
        raw += c;
        if (c == u'|')
            fields.append(QString());
        else
            fields.last() += c;
    }
    finishSource();
    return sources;
}
} // namespace SourceList
