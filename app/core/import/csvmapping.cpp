#include "import/csvmapping.h"

#include "import/foreignrecords.h"
#include "import/recordvalidator.h"

#include <QCoreApplication>
#include <QDate>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSaveFile>
#include <QSet>

namespace {
QString tr(const char *text)
{
    return QCoreApplication::translate("CsvMapping", text);
}

const QStringList &optionKeys()
{
    static const QStringList keys { QStringLiteral("date_format"), QStringLiteral("separator"),
        QStringLiteral("delimiter"), QStringLiteral("encoding") };
    return keys;
}

// A list of column names (a string or a list of strings); false with *error naming `key`.
bool readColumns(const QJsonValue &v, const QString &key, QStringList &columns, QString *error)
{
    if (v.isString()) {
        if (v.toString().trimmed().isEmpty()) {
            *error = tr("%1: empty column name; expected the name of a column in the file's header").arg(key);
            return false;
        }
        columns = { v.toString() };
        return true;
    }
    if (!v.isArray() || v.toArray().isEmpty()) {
        *error = tr("%1: %2; expected a column name, a list of column names or an object")
                     .arg(key, v.isArray() ? tr("an empty list") : ForeignRecords::typeName(v));
        return false;
    }
    const QJsonArray list = v.toArray();
    for (qsizetype i = 0; i < list.size(); ++i) {
        if (!list.at(i).isString() || list.at(i).toString().trimmed().isEmpty()) {
            *error = tr("%1[%2]: %3; expected a column name")
                         .arg(key)
                         .arg(i)
                         .arg(list.at(i).isString() ? tr("empty") : ForeignRecords::typeName(list.at(i)));
            return false;
        }
        columns.append(list.at(i).toString());
    }
    return true;
}

bool readField(const QJsonValue &v, const QString &key, CsvMapping::Field &field, QString *error)
{
    if (!v.isObject())
        return readColumns(v, key, field.columns, error);
    const QJsonObject o = v.toObject();
    for (auto it = o.begin(); it != o.end(); ++it) {
        static const QStringList allowed { QStringLiteral("column"), QStringLiteral("columns"), QStringLiteral("const"),
            QStringLiteral("values"), QStringLiteral("separator") };
        if (!allowed.contains(it.key())) {
            *error = tr("%1.%2: unknown key; expected column, columns, const, values or separator").arg(key, it.key());
            return false;
        }
    }
    const int sources = int(o.contains(u"column")) + int(o.contains(u"columns")) + int(o.contains(u"const"));
    if (sources != 1) {
        *error = sources == 0 ? tr("%1: no column, columns or const; expected one of them").arg(key)
                              : tr("%1: more than one of column, columns and const; expected one").arg(key);
        return false;
    }
    if (o.contains(u"const")) {
        const QJsonValue c = o.value(u"const");
        if (!c.isString()) {
            *error = tr("%1.const: %2; expected a string").arg(key, ForeignRecords::typeName(c));
            return false;
        }
        field.constant = c.toString();
    } else if (o.contains(u"column")) {
        if (!o.value(u"column").isString()) {
            *error = tr("%1.column: %2; expected a column name").arg(key, ForeignRecords::typeName(o.value(u"column")));
            return false;
        }
        if (!readColumns(o.value(u"column"), key + QStringLiteral(".column"), field.columns, error))
            return false;
    } else if (!readColumns(o.value(u"columns"), key + QStringLiteral(".columns"), field.columns, error)) {
        return false;
    }
    if (o.contains(u"values")) {
        const QJsonValue values = o.value(u"values");
        if (!values.isObject()) {
            *error = tr("%1.values: %2; expected an object of source value to Faultline value")
                         .arg(key, ForeignRecords::typeName(values));
            return false;
        }
        const QJsonObject table = values.toObject();
        for (auto it = table.begin(); it != table.end(); ++it) {
            if (!it.value().isString()) {
                *error = tr("%1.values.%2: %3; expected a string")
                             .arg(key, it.key(), ForeignRecords::typeName(it.value()));
                return false;
            }
            field.values.insert(it.key().trimmed().toLower(), it.value().toString());
            field.valueOrder.append({ it.key(), it.value().toString() });
        }
    }
    if (o.contains(u"separator")) {
        const QJsonValue sep = o.value(u"separator");
        if (!sep.isString() || sep.toString().isEmpty()) {
            *error = tr("%1.separator: %2; expected a non-empty string")
                         .arg(key, sep.isString() ? tr("empty") : ForeignRecords::typeName(sep));
            return false;
        }
        field.separator = sep.toString();
    }
    return true;
}

// A QDate format must name a year; what it names below that sets the precision read.
bool checkDateFormat(const QString &format, QString *error)
{
    if (!format.contains(QStringLiteral("yy"))) {
        *error = tr("date_format: \"%1\" names no year; expected a QDate format such as dd/MM/yyyy").arg(format);
        return false;
    }
    const QDate sample(2001, 11, 23);
    const QString text = sample.toString(format);
    const QDate back = QDate::fromString(text, format);
    if (!back.isValid() || back.year() % 100 != 1) {
        *error = tr("date_format: \"%1\" does not read back the dates it writes; expected a QDate format such as "
                    "dd/MM/yyyy")
                     .arg(format);
        return false;
    }
    return true;
}

QString normalisedHeader(const QString &name)
{
    QString key;
    for (const QChar c : name) {
        if (c.isLetterOrNumber())
            key.append(c.toLower());
    }
    return key;
}
} // namespace

bool CsvMapping::isListField(const QString &field)
{
    return field == u"victims" || field == u"attackers" || field == u"sectors" || field == u"tags"
        || field == u"related" || field == u"sources";
}

bool CsvMapping::isDateField(const QString &field)
{
    return field == u"start" || field == u"end" || field == u"disclosed" || field == u"attributed_on";
}

std::optional<CsvMapping> CsvMapping::fromJson(const QByteArray &json, QString *error)
{
    QJsonParseError parseError;
    const QJsonDocument doc = QJsonDocument::fromJson(json, &parseError);
    if (doc.isNull()) {
        *error = tr("not JSON: %1 at offset %2").arg(parseError.errorString()).arg(parseError.offset);
        return std::nullopt;
    }
    if (!doc.isObject()) {
        *error = tr("an array; expected an object mapping record fields to columns");
        return std::nullopt;
    }
    CsvMapping mapping;
    const QJsonObject o = doc.object();
    const QStringList fieldNames = RecordValidator::fieldNames();
    for (auto it = o.begin(); it != o.end(); ++it) {
        const QString key = it.key();
        const QJsonValue v = it.value();
        if (fieldNames.contains(key)) {
            Field field;
            if (!readField(v, key, field, error))
                return std::nullopt;
            mapping.fields.insert(key, field);
            continue;
        }
        if (!optionKeys().contains(key)) {
            *error = tr("%1: unknown key; expected a record field (%2) or one of %3")
                         .arg(key, fieldNames.join(QStringLiteral(", ")), optionKeys().join(QStringLiteral(", ")));
            return std::nullopt;
        }
        if (!v.isString()) {
            *error = tr("%1: %2; expected a string").arg(key, ForeignRecords::typeName(v));
            return std::nullopt;
        }
        const QString text = v.toString();
        if (key == u"date_format") {
            if (!checkDateFormat(text, error))
                return std::nullopt;
            mapping.dateFormat = text;
        } else if (key == u"separator") {
            if (text.isEmpty()) {
                *error = tr("separator: empty; expected the text between the values of a cell, such as ;");
                return std::nullopt;
            }
            mapping.separator = text;
        } else if (key == u"delimiter") {
            const QString d
                = text == u"\\t" || text.compare(u"tab", Qt::CaseInsensitive) == 0 ? QStringLiteral("\t") : text;
            if (d.size() != 1 || d == u"\"" || d == u"\n" || d == u"\r") {
                *error = tr("delimiter: \"%1\"; expected one character such as , ; | or \\t").arg(text);
                return std::nullopt;
            }
            mapping.delimiter = d.at(0);
        } else {
            const auto encoding = CsvReader::encodingFromName(text);
            if (!encoding) {
                *error = tr("encoding: \"%1\"; expected utf-8, utf-16le, utf-16be, windows-1252 or latin-1").arg(text);
                return std::nullopt;
            }
            mapping.encoding = *encoding;
        }
    }
    for (const char *required : { "title", "start", "victims", "type" }) {
        const QString key = QString::fromLatin1(required);
        if (!mapping.fields.value(key).isSet()) {
            *error = tr("%1: missing; every record needs it (name a column, or give {\"const\": ...})").arg(key);
            return std::nullopt;
        }
    }
    return mapping;
}

std::optional<CsvMapping> CsvMapping::load(const QString &path, QString *error)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        *error = QStringLiteral("%1: %2").arg(path, file.errorString());
        return std::nullopt;
    }
    if (file.size() > 16 * 1024 * 1024) {
        *error = tr("%1: %2 MiB; a mapping file is limited to 16 MiB").arg(path).arg(file.size() >> 20);
        return std::nullopt;
    }
    QString why;
    std::optional<CsvMapping> mapping = fromJson(file.readAll(), &why);
    if (!mapping)
        *error = QStringLiteral("%1: %2").arg(path, why);
    return mapping;
}

QByteArray CsvMapping::toJson() const
{
    QJsonObject o;
    for (const QString &name : RecordValidator::fieldNames()) {
        const Field field = fields.value(name);
        if (!field.isSet())
            continue;
        const bool plain = !field.constant && field.values.isEmpty() && field.separator.isEmpty();
        if (plain) {
            o.insert(name,
                field.columns.size() == 1 ? QJsonValue(field.columns.first())
                                          : QJsonValue(QJsonArray::fromStringList(field.columns)));
            continue;
        }
        QJsonObject f;
        if (field.constant)
            f.insert(QStringLiteral("const"), *field.constant);
        else if (field.columns.size() == 1)
            f.insert(QStringLiteral("column"), field.columns.first());
        else
            f.insert(QStringLiteral("columns"), QJsonArray::fromStringList(field.columns));
        if (!field.valueOrder.isEmpty() || !field.values.isEmpty()) {
            QJsonObject values;
            for (const auto &[from, to] : field.valueOrder)
                values.insert(from, to);
            for (auto it = field.values.begin(); it != field.values.end(); ++it) {
                bool written = false;
                for (const auto &pair : field.valueOrder)
                    written = written || pair.first.trimmed().toLower() == it.key();
                if (!written)
                    values.insert(it.key(), it.value());
            }
            f.insert(QStringLiteral("values"), values);
        }
        if (!field.separator.isEmpty())
            f.insert(QStringLiteral("separator"), field.separator);
        o.insert(name, f);
    }
    if (!dateFormat.isEmpty())
        o.insert(QStringLiteral("date_format"), dateFormat);
    if (separator != u";")
        o.insert(QStringLiteral("separator"), separator);
    if (delimiter)
        o.insert(QStringLiteral("delimiter"), *delimiter == u'\t' ? QStringLiteral("\\t") : QString(*delimiter));
    if (encoding != CsvReader::Encoding::Detect)
        o.insert(QStringLiteral("encoding"), CsvReader::encodingName(encoding));
    return QJsonDocument(o).toJson(QJsonDocument::Indented);
}

bool CsvMapping::save(const QString &path, QString *error) const
{
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(toJson()) < 0 || !file.commit()) {
        *error = QStringLiteral("%1: %2").arg(path, file.errorString());
        return false;
    }
    return true;
}

QStringList CsvMapping::columnsUsed() const
{
    QStringList used;
    for (const QString &name : RecordValidator::fieldNames()) {
        for (const QString &column : fields.value(name).columns) {
            if (!used.contains(column))
                used.append(column);
        }
    }
    return used;
}

CsvMapping CsvMapping::guess(const QStringList &header)
{
    // What trackers and spreadsheets call each field, normalised (lower case, letters and digits).
    static const std::pair<const char *, const char *> names[] = {
        { "id", "id incidentid uuid eventid key ref" },
        { "title", "title name incident incidentname event eventname headline operation nameofcoveredentity" },
        { "start",
            "start date startdate begin incidentdate dateofincident firstseen eventdate datebegin from year "
            "breachsubmissiondate" },
        { "end", "end enddate lastseen dateend to" },
        { "victims",
            "victims victim victimcountry victimcountries country countries targetcountry targetedcountry "
            "targetedcountries receivercountry victimstate target targets state" },
        { "attackers",
            "attackers attacker attackercountry sponsor statesponsor suspectedstatesponsor initiatorcountry origin "
            "origincountry attributedto sponsorcountry" },
        { "attribution", "attribution attributionbasis attributiontype confidence" },
        { "actor", "actor actors group threatactor perpetrator attackername initiatorname apt intrusionset" },
        { "type", "type incidenttype category typeofbreach operationtype typeofincident attacktype" },
        { "sectors", "sectors sector industry victimsector targetsector receivercategory category" },
        { "disclosed", "disclosed publicationdate reported datereported" },
        { "summary", "summary description details notes webdescription text" },
        { "sources", "sources source url urls link links references reference sourceurl" },
        { "tags", "tags keywords labels" },
    };
    CsvMapping mapping;
    QSet<int> used;
    for (const auto &[field, candidates] : names) {
        // The first of the field's names that a column has wins; earlier names are likelier.
        for (const QString &candidate : QString::fromLatin1(candidates).split(u' ')) {
            int found = -1;
            for (int c = 0; c < header.size() && found < 0; ++c) {
                if (!used.contains(c) && normalisedHeader(header.at(c)) == candidate)
                    found = c;
            }
            if (found >= 0) {
                used.insert(found);
                mapping.fields[QString::fromLatin1(field)].columns = { header.at(found) };
                break;
            }
        }
    }
    return mapping;
}
