#include "import/mappedcsvreader.h"

#include "domain/countries.h"
#include "domain/enums.h"

#include <QCoreApplication>
#include <QHash>
#include <QRegularExpression>
#include <QSet>
#include <algorithm>
#include <deque>

namespace {
QString tr(const char *text)
{
    return QCoreApplication::translate("MappedCsvReader", text);
}

constexpr qint64 s_sniffBytes = 64 * 1024;

void setUp(
    CsvReader &reader, QIODevice *device, const CsvMapping &mapping, QChar *delimiter, CsvReader::Encoding *encoding)
{
    const QByteArray head = device->peek(s_sniffBytes);
    *encoding = mapping.encoding != CsvReader::Encoding::Detect ? mapping.encoding : CsvReader::detectEncoding(head);
    *delimiter = mapping.delimiter ? *mapping.delimiter : CsvReader::detectDelimiter(head);
    reader.setEncoding(*encoding);
    reader.setDelimiter(*delimiter);
}

QString csvError(const CsvReader &reader)
{
    // "LINE:COL: reason" -> "reason"
    return reader.errorMessage().section(u':', 2, -1).trimmed();
}

Source toSource(const QString &value)
{
    // A URL alone, or text with a URL in it ("Reuters https://..."): the rest is the title.
    static const QRegularExpression url(QStringLiteral("https?://\\S+"), QRegularExpression::CaseInsensitiveOption);
    const QRegularExpressionMatch m = url.match(value);
    if (!m.hasMatch())
        return { {}, value.trimmed(), {}, {} };
    QString rest = value;
    rest.remove(m.capturedStart(), m.capturedLength());
    rest = rest.trimmed();
    while (!rest.isEmpty() && (rest.endsWith(u':') || rest.endsWith(u'-') || rest.endsWith(u',')))
        rest = rest.chopped(1).trimmed();
    return { m.captured(), rest, {}, {} };
}

// The rows of one record (one id) while the file is read.
struct Group
{
    RawRecord raw;
    QSet<QString> errorFields; // fields a row error was reported for
    bool rejected = false;
    QStringList actors;
};

class MappedRows
{
public:
    MappedRows(const CsvMapping &mapping, const QString &fileName, const QString &dataset,
        const MappedCsvReader::Sink &sink, const MappedCsvReader::Rejected &rejected, Diagnostics &diagnostics,
        MappedCsvReader::Counts &counts)
        : m_mapping(mapping)
        , m_fileName(fileName)
        , m_validator(fileName, dataset)
        , m_sink(sink)
        , m_rejected(rejected)
        , m_diagnostics(diagnostics)
        , m_counts(counts)
    { }

    bool resolveColumns(const CsvReader::Row &header)
    {
        m_columnCount = int(header.fields.size());
        bool ok = true;
        for (const QString &field : RecordValidator::fieldNames()) {
            const CsvMapping::Field mapped = m_mapping.fields.value(field);
            QList<int> indices;
            for (const QString &column : mapped.columns) {
                const int index = columnIndex(header.fields, column);
                if (index < 0) {
                    m_diagnostics.append({ m_fileName, header.line, field,
                        tr("no column \"%1\" in the header; the header has: %2")
                            .arg(column, header.fields.join(QStringLiteral(", "))),
                        Diagnostic::Severity::Error, {} });
                    ok = false;
                }
                indices.append(index);
            }
            if (mapped.isSet())
                m_fields.append({ field, mapped, indices });
        }
        return ok;
    }

    // False when the sink cancelled.
    bool addRow(const CsvReader::Row &row)
    {
        ++m_counts.rows;
        if (row.fields.size() != m_columnCount) {
            ++m_counts.rejected;
            add({ m_fileName, row.line, {},
                tr("expected %1 fields, as the header has, found %2").arg(m_columnCount).arg(row.fields.size()),
                Diagnostic::Severity::Error, {} });
            return true;
        }
        QHash<QString, QString> text;
        QHash<QString, QStringList> lists;
        for (const MappedField &f : std::as_const(m_fields)) {
            if (CsvMapping::isListField(f.name))
                lists.insert(f.name, listValues(f, row));
            else
                text.insert(f.name, scalarValue(f, row));
        }
        // Dates first: a derived id is made from the start as read.
        QHash<QString, QString> dateErrors;
        for (const char *name : { "start", "end", "disclosed", "attributed_on" }) {
            const QString field = QString::fromLatin1(name);
            const QString value = text.value(field).trimmed();
            if (value.isEmpty())
                continue;
            QString why;
            const PartialDate date = MappedCsvReader::parseDate(value, m_mapping.dateFormat, &why);
            if (date.isValid())
                text.insert(field, date.toString());
            else
                dateErrors.insert(field, why);
        }
        QString key = text.value(QStringLiteral("id")).trimmed();
        if (key.isEmpty())
            key = RecordValidator::derivedId(
                text.value(QStringLiteral("title")).simplified(), text.value(QStringLiteral("start")).trimmed(), {});
        if (m_written.contains(key)) {
            ++m_counts.rejected;
            add({ m_fileName, row.line, QStringLiteral("id"),
                tr("\"%1\" was already imported from rows further up and more than %2 records apart; sort the "
                   "file by id so the rows of one record are together")
                    .arg(key)
                    .arg(MappedCsvReader::s_maxPending),
                Diagnostic::Severity::Error, key });
            return true;
        }
        auto found = m_pending.find(key);
        if (found == m_pending.end()) {
            found = m_pending.insert(key, Group());
            found->raw.line = row.line;
            found->raw.text.insert(QStringLiteral("id"), key);
            m_order.push_back(key);
        }
        Group &group = *found;
        for (auto it = dateErrors.cbegin(); it != dateErrors.cend(); ++it) {
            rowError(group, row.line, it.key(), it.value(), key);
            text.remove(it.key());
        }
        checkRow(group, row.line, key, text, lists);
        merge(group, row.line, key, text, lists);
        if (m_pending.size() > MappedCsvReader::s_maxPending)
            return flushOldest(true);
        return true;
    }

    bool flushAll()
    {
        while (!m_order.empty()) {
            if (!flushOldest(false))
                return false;
        }
        return true;
    }

    void finish()
    {
        if (m_dropped > 0)
            m_diagnostics.append({ m_fileName, 0, {},
                QCoreApplication::translate("MappedCsvReader", "%n more diagnostic(s) not shown", nullptr, m_dropped),
                Diagnostic::Severity::Warning, {} });
        for (const char *name : { "victims", "attackers" }) {
            const QString field = QString::fromLatin1(name);
            const QHash<QString, std::pair<QString, int>> unknown = m_unknown.value(field);
            if (unknown.isEmpty())
                continue;
            QList<std::pair<QString, int>> values;
            for (const auto &[value, count] : unknown)
                values.append({ value, count });
            std::sort(values.begin(), values.end(), [](const auto &a, const auto &b) {
                return a.second != b.second ? a.second > b.second : a.first < b.first;
            });
            QStringList parts;
            for (const auto &[value, count] : values)
                parts << (count == 1 ? tr("\"%1\" (1 row)").arg(value) : tr("\"%1\" (%2 rows)").arg(value).arg(count));
            const QString what = values.size() == 1 ? tr("1 unknown country value")
                                                    : tr("%1 unknown country values").arg(values.size());
            m_diagnostics.append({ m_fileName, 0, field,
                tr("%1: %2; add each to the field's \"values\" in the mapping (\"Unknown\": \"XX\") or to "
                   "data/country-aliases.tsv")
                    .arg(what, parts.join(QStringLiteral(", "))),
                Diagnostic::Severity::Warning, {} });
            m_counts.unknownCountries.insert(field, values);
        }
    }

private:
    struct MappedField
    {
        QString name;
        CsvMapping::Field mapping;
        QList<int> columns;
    };

    static int columnIndex(const QStringList &header, const QString &column)
    {
        for (int c = 0; c < header.size(); ++c) {
            if (header.at(c).trimmed() == column.trimmed())
                return c;
        }
        for (int c = 0; c < header.size(); ++c) {
            if (header.at(c).trimmed().compare(column.trimmed(), Qt::CaseInsensitive) == 0)
                return c;
        }
        return -1;
    }

    static QString translate(const CsvMapping::Field &f, const QString &value)
    {
        if (f.values.isEmpty())
            return value;
        const auto it = f.values.constFind(value.trimmed().toLower());
        return it == f.values.cend() ? value : *it;
    }

    QString scalarValue(const MappedField &f, const CsvReader::Row &row) const
    {
        if (f.mapping.constant)
            return *f.mapping.constant;
        QStringList parts;
        for (const int c : f.columns) {
            const QString cell = row.fields.at(c).trimmed();
            if (!cell.isEmpty())
                parts << cell;
        }
        return translate(f.mapping, parts.join(u' '));
    }

    QStringList listValues(const MappedField &f, const CsvReader::Row &row) const
    {
        const QString separator = f.mapping.separator.isEmpty() ? m_mapping.separator : f.mapping.separator;
        QStringList cells;
        if (f.mapping.constant)
            cells << *f.mapping.constant;
        for (const int c : f.columns)
            cells << row.fields.at(c);
        QStringList values;
        for (const QString &cell : std::as_const(cells)) {
            for (const QString &part : cell.split(separator)) {
                const QString value = translate(f.mapping, part.trimmed()).trimmed();
                if (!value.isEmpty() && !values.contains(value))
                    values << value;
            }
        }
        return values;
    }

    void add(Diagnostic d)
    {
        if (m_added >= MappedCsvReader::s_maxDiagnostics) {
            ++m_dropped;
            return;
        }
        ++m_added;
        m_diagnostics.append(std::move(d));
    }

    void rowError(Group &group, int line, const QString &field, const QString &reason, const QString &key)
    {
        add({ m_fileName, line, field, reason, Diagnostic::Severity::Error, key });
        group.errorFields.insert(field);
        group.rejected = true;
    }

    // Countries, type, attribution and sectors, on the row they are written on. Values with a
    // problem are removed so the merged record does not report them a second time.
    void checkRow(
        Group &group, int line, const QString &key, QHash<QString, QString> &text, QHash<QString, QStringList> &lists)
    {
        for (const char *name : { "victims", "attackers" }) {
            const QString field = QString::fromLatin1(name);
            QStringList codes;
            for (const QString &value : lists.value(field)) {
                if (const auto code = Countries::instance().resolve(value)) {
                    codes << *code;
                    continue;
                }
                rowError(group, line, field,
                    tr("unknown country \"%1\"; expected an ISO 3166-1 code or a country name (translate it in the "
                       "mapping's \"values\")")
                        .arg(value),
                    key);
                auto &count = m_unknown[field][value.toLower()];
                if (count.first.isEmpty())
                    count.first = value;
                ++count.second;
            }
            if (lists.contains(field))
                lists.insert(field, codes);
        }
        const QString type = text.value(QStringLiteral("type")).trimmed();
        if (!type.isEmpty() && !Vocabulary::typeFromKey(type)) {
            rowError(group, line, QStringLiteral("type"),
                tr("unknown type \"%1\"; expected one of %2 (translate it in the mapping's \"values\")")
                    .arg(type, Vocabulary::allTypeKeys().join(QStringLiteral(", "))),
                key);
            text.remove(QStringLiteral("type"));
        }
        const QString attribution = text.value(QStringLiteral("attribution")).trimmed();
        if (!attribution.isEmpty() && !Vocabulary::attributionFromKey(attribution)) {
            rowError(group, line, QStringLiteral("attribution"),
                tr("unknown value \"%1\"; expected one of %2 (translate it in the mapping's \"values\")")
                    .arg(attribution, Vocabulary::allAttributionKeys().join(QStringLiteral(", "))),
                key);
            text.remove(QStringLiteral("attribution"));
        }
        if (lists.contains(QStringLiteral("sectors"))) {
            QStringList sectors;
            for (const QString &value : lists.value(QStringLiteral("sectors"))) {
                if (Vocabulary::sectorFromKey(value)) {
                    sectors << value;
                    continue;
                }
                rowError(group, line, QStringLiteral("sectors"),
                    tr("unknown sector \"%1\"; expected some of %2 (translate it in the mapping's \"values\")")
                        .arg(value, Vocabulary::allSectorKeys().join(QStringLiteral(", "))),
                    key);
            }
            lists.insert(QStringLiteral("sectors"), sectors);
        }
    }

    void merge(Group &group, int line, const QString &key, const QHash<QString, QString> &text,
        const QHash<QString, QStringList> &lists)
    {
        for (auto it = text.cbegin(); it != text.cend(); ++it) {
            const QString value = it.value().trimmed();
            if (value.isEmpty() || it.key() == u"id")
                continue;
            if (it.key() == u"actor") {
                if (!group.actors.contains(value, Qt::CaseInsensitive))
                    group.actors << value;
                continue;
            }
            const QString before = group.raw.text.value(it.key()).trimmed();
            if (before.isEmpty())
                group.raw.text.insert(it.key(), it.value());
            else if (before != value)
                add({ m_fileName, line, it.key(),
                    tr("\"%1\" differs from \"%2\" on an earlier row of the same record; kept \"%2\"")
                        .arg(value.left(80), before.left(80)),
                    Diagnostic::Severity::Warning, key });
        }
        for (auto it = lists.cbegin(); it != lists.cend(); ++it) {
            if (it.key() == u"sources") {
                for (const QString &value : it.value()) {
                    const Source source = toSource(value);
                    const bool known = std::any_of(group.raw.sources.cbegin(), group.raw.sources.cend(),
                        [&](const Source &s) { return s.url == source.url && s.title == source.title; });
                    if (!known)
                        group.raw.sources.append(source);
                }
                continue;
            }
            QStringList &target = group.raw.lists[it.key()];
            for (const QString &value : it.value()) {
                if (!target.contains(value))
                    target << value;
            }
        }
    }

    bool flushOldest(bool evicted)
    {
        const QString key = m_order.front();
        m_order.pop_front();
        Group group = m_pending.take(key);
        if (evicted)
            m_written.insert(key);
        if (!group.actors.isEmpty())
            group.raw.text.insert(QStringLiteral("actor"), group.actors.join(QStringLiteral(", ")));
        Diagnostics found;
        std::optional<Incident> incident = m_validator.read(group.raw, found);
        for (Diagnostic &d : found) {
            if (!group.errorFields.contains(d.field))
                add(std::move(d));
        }
        if (!incident || group.rejected) {
            ++m_counts.rejected;
            if (m_rejected)
                m_rejected(group.raw);
            return true;
        }
        m_counts.unknownCountry += incident->victims == QStringList { QStringLiteral("XX") };
        return m_sink(std::move(*incident));
    }

    const CsvMapping &m_mapping;
    const QString &m_fileName;
    RecordValidator m_validator;
    const MappedCsvReader::Sink &m_sink;
    const MappedCsvReader::Rejected &m_rejected;
    Diagnostics &m_diagnostics;
    MappedCsvReader::Counts &m_counts;
    QList<MappedField> m_fields;
    int m_columnCount = 0;
    QHash<QString, Group> m_pending;
    std::deque<QString> m_order; // pending ids, first row first
    QSet<QString> m_written; // ids written before the end of the file (only when held too many)
    QHash<QString, QHash<QString, std::pair<QString, int>>> m_unknown; // field -> lower value -> (value, rows)
    int m_added = 0;
    int m_dropped = 0;
};
} // namespace

PartialDate MappedCsvReader::parseDate(QStringView text, const QString &dateFormat, QString *why)
{
    const QStringView s = text.trimmed();
    if (s.isEmpty()) {
        *why = tr("missing; expected a date");
        return {};
    }
    bool monthFirst = false;
    if (!dateFormat.isEmpty()) {
        const QDate d = QDate::fromString(s.toString(), dateFormat);
        if (d.isValid()) {
            if (dateFormat.contains(u'd'))
                return PartialDate::day(d.year(), d.month(), d.day());
            if (dateFormat.contains(u'M'))
                return PartialDate::month(d.year(), d.month());
            return PartialDate::year(d.year());
        }
        const qsizetype m = dateFormat.indexOf(u'M');
        const qsizetype day = dateFormat.indexOf(u'd');
        monthFirst = m >= 0 && day >= 0 && m < day;
    }
    // ISO with a time of day: the date as written, never moved by a time zone.
    static const QRegularExpression isoTime(QStringLiteral("^(\\d{4}-\\d{2}-\\d{2})[T ]\\d"));
    const QRegularExpressionMatch timed = isoTime.match(s.toString());
    if (timed.hasMatch())
        return PartialDate::parse(timed.capturedView(1), why);
    // Excel stores a date as days since 1899-12-30; five digits start in 1927, so a year
    // (four digits) is never read as one.
    static const QRegularExpression serial(QStringLiteral("^(\\d{5,7})(?:\\.\\d+)?$"));
    const QRegularExpressionMatch number = serial.match(s.toString());
    if (number.hasMatch()) {
        const qint64 days = number.capturedView(1).toLongLong();
        const QDate d = QDate(1899, 12, 30).addDays(days);
        if (d.isValid() && d.year() <= 9999)
            return PartialDate::day(d.year(), d.month(), d.day());
        *why = tr("\"%1\" is not a date; as an Excel serial number it is past the year 9999").arg(s.toString());
        return {};
    }
    if (monthFirst && s.contains(u'/')) {
        *why = tr("\"%1\" does not fit date_format \"%2\"").arg(s.toString(), dateFormat);
        return {};
    }
    QString typedWhy;
    const PartialDate typed = PartialDate::parseTyped(s, &typedWhy);
    if (typed.isValid())
        return typed;
    *why = dateFormat.isEmpty()
        ? typedWhy + tr(", or an Excel serial number")
        : tr("\"%1\" does not fit date_format \"%2\"; nor: %3").arg(s.toString(), dateFormat, typedWhy);
    return {};
}

MappedCsvReader::Sample MappedCsvReader::sample(QIODevice *device, const CsvMapping &mapping, int maxRows)
{
    Sample result;
    CsvReader reader(device);
    setUp(reader, device, mapping, &result.delimiter, &result.encoding);
    CsvReader::Row row;
    if (!reader.readRow(row)) {
        result.error = reader.hasError() ? reader.errorMessage() : tr("empty, no header row");
        return result;
    }
    result.header = row.fields;
    result.headerLine = row.line;
    while (result.rows.size() < maxRows && reader.readRow(row)) {
        if (row.fields.size() == 1 && row.fields.first().trimmed().isEmpty())
            continue;
        result.rows.append(row.fields);
    }
    if (reader.hasError())
        result.error = reader.errorMessage();
    return result;
}

bool MappedCsvReader::read(QIODevice *device, const CsvMapping &mapping, const QString &fileName,
    const QString &dataset, const Sink &sink, Diagnostics &diagnostics, Counts *counts, const Progress &progress,
    int maxRows, const Rejected &rejected)
{
    Counts localCounts;
    Counts &c = counts ? *counts : localCounts;
    CsvReader reader(device);
    QChar delimiter;
    CsvReader::Encoding encoding = CsvReader::Encoding::Detect;
    setUp(reader, device, mapping, &delimiter, &encoding);
    if (mapping.encoding == CsvReader::Encoding::Detect && encoding == CsvReader::Encoding::Windows1252)
        diagnostics.append({ fileName, 0, {},
            tr("not UTF-8; read as Windows-1252 (name another in the mapping's \"encoding\" if the text looks "
               "wrong)"),
            Diagnostic::Severity::Warning, {} });
    CsvReader::Row header;
    if (!reader.readRow(header)) {
        diagnostics.append({ fileName, reader.hasError() ? reader.errorLine() : 0, {},
            reader.hasError() ? csvError(reader) : tr("empty, no records"), Diagnostic::Severity::Error, {} });
        return false;
    }
    MappedRows rows(mapping, fileName, dataset, sink, rejected, diagnostics, c);
    if (!rows.resolveColumns(header))
        return false;
    CsvReader::Row row;
    int rowsRead = 0;
    while ((maxRows <= 0 || rowsRead < maxRows) && reader.readRow(row)) {
        if (row.fields.size() == 1 && row.fields.first().trimmed().isEmpty())
            continue;
        ++rowsRead;
        if (!rows.addRow(row))
            return false;
        if (progress && (rowsRead & 1023) == 0 && !progress(reader.bytesRead()))
            return false;
    }
    if (reader.hasError()) {
        diagnostics.append({ fileName, reader.errorLine(), {}, csvError(reader), Diagnostic::Severity::Error, {} });
        return false;
    }
    if (!rows.flushAll())
        return false;
    rows.finish();
    if (rowsRead == 0)
        diagnostics.append({ fileName, 0, {}, tr("header only, no records"), Diagnostic::Severity::Warning, {} });
    return true;
}
