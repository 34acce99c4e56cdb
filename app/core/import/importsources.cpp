#include "import/importsources.h"

#include "domain/hugepages.h"
#include "import/mispreader.h"

#include <QCoreApplication>
#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QFileInfo>
#include <zip.h>

namespace {
QString tr(const char *text)
{
    return QCoreApplication::translate("ImportSources", text);
}

constexpr qsizetype s_headBytes = 65536;
constexpr int s_maxSkipWarnings = 20;

// Decides each input's format and keeps the ones Faultline reads; CSV only from files
// named .csv (a README is not a CSV file).
void keepReadable(QList<ImportInput> &candidates, ImportFormat format, QList<ImportInput> &inputs,
    Diagnostics &diagnostics, const QString &container)
{
    int skipped = 0;
    QList<ImportInput> stix;
    for (ImportInput &input : candidates) {
        QString why;
        ImportFormat f = format;
        if (f == ImportFormat::Auto)
            f = Importer::detect(ImportSources::head(input), &why);
        if (f == ImportFormat::Csv && !input.name.endsWith(QStringLiteral(".csv"), Qt::CaseInsensitive)) {
            f = ImportFormat::Auto;
            why = tr("not JSON and not named .csv");
        }
        if (f == ImportFormat::Auto) {
            if (++skipped <= s_maxSkipWarnings)
                diagnostics.append(
                    { input.name, 0, {}, tr("skipped: %1").arg(why), Diagnostic::Severity::Warning, {} });
            continue;
        }
        input.format = f;
        if (f == ImportFormat::Stix)
            stix.append(std::move(input));
        else
            inputs.append(std::move(input));
    }
    if (skipped > s_maxSkipWarnings)
        diagnostics.append({ container, 0, {},
            QCoreApplication::translate(
                "ImportSources", "%n more file(s) skipped", nullptr, skipped - s_maxSkipWarnings),
            Diagnostic::Severity::Warning, {} });
    if (!stix.isEmpty()) {
        ImportInput first = stix.takeFirst();
        first.group = std::move(stix);
        inputs.append(std::move(first));
    }
}

// A MISP feed: the events manifest.json lists, as files beside it.
bool collectFeed(const QDir &dir, const QString &dataset, const QStringList &uuids, QList<ImportInput> &inputs,
    Diagnostics &diagnostics)
{
    for (const QString &uuid : uuids) {
        const QString path = dir.filePath(uuid + QStringLiteral(".json"));
        if (!QFileInfo(path).isFile()) {
            diagnostics.append({ dir.filePath(QStringLiteral("manifest.json")), 0, uuid,
                tr("the manifest lists this event but %1 is missing").arg(QFileInfo(path).fileName()),
                Diagnostic::Severity::Warning, {} });
            continue;
        }
        ImportInput input;
        input.name = path;
        input.path = path;
        input.size = QFileInfo(path).size();
        input.dataset = dataset;
        input.format = ImportFormat::Misp;
        inputs.append(std::move(input));
    }
    return true;
}
} // namespace

namespace ImportSources {

bool isZip(const QString &path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) && file.read(4) == QByteArrayView("PK\x03\x04");
}

QByteArray head(const ImportInput &input)
{
    if (!input.bytes.isEmpty() || input.path.isEmpty())
        return input.bytes.left(s_headBytes);
    QFile file(input.path);
    return file.open(QIODevice::ReadOnly) ? file.read(s_headBytes) : QByteArray();
}

bool load(ImportInput &input, QString *error)
{
    if (!input.bytes.isEmpty() || input.path.isEmpty())
        return true;
    QFile file(input.path);
    if (!file.open(QIODevice::ReadOnly)) {
        *error = QStringLiteral("%1: %2").arg(input.name, file.errorString());
        return false;
    }
    if (file.size() > Importer::s_maxJsonBytes) {
        *error = tr("%1: %2 MiB; JSON files are limited to %3 MiB")
                     .arg(input.name)
                     .arg(file.size() >> 20)
                     .arg(Importer::s_maxJsonBytes >> 20);
        return false;
    }
    // One buffer of the file's size, asked for huge pages before the read fills it (a bundle
    // of hundreds of megabytes otherwise costs a page fault per 4 KiB).
    QByteArray bytes(file.size(), Qt::Uninitialized);
    HugePages::advise(bytes.data(), std::size_t(bytes.size()));
    const qint64 read = file.read(bytes.data(), bytes.size());
    if (read < 0) {
        *error = QStringLiteral("%1: %2").arg(input.name, file.errorString());
        return false;
    }
    bytes.truncate(read);
    input.bytes = std::move(bytes);
    input.size = input.bytes.size();
    return true;
}

bool collectFolder(
    const QString &folder, ImportFormat format, QList<ImportInput> &inputs, Diagnostics &diagnostics, QString *error)
{
    const QDir dir(folder);
    const QString dataset = QFileInfo(QDir::cleanPath(dir.absolutePath())).fileName();
    const QString manifest = dir.filePath(QStringLiteral("manifest.json"));
    if (QFileInfo(manifest).isFile() && QFileInfo(manifest).size() < Importer::s_maxJsonBytes) {
        QFile file(manifest);
        const QStringList uuids
            = file.open(QIODevice::ReadOnly) ? MispReader::manifestEvents(file.readAll()) : QStringList();
        if (!uuids.isEmpty())
            return collectFeed(dir, dataset, uuids, inputs, diagnostics);
    }
    QStringList paths;
    QDirIterator it(folder, QDir::Files | QDir::NoDotAndDotDot, QDirIterator::Subdirectories);
    while (it.hasNext()) {
        paths.append(it.next());
        if (paths.size() > s_maxFiles) {
            *error = tr("%1: more than %2 files; import fewer at a time").arg(folder).arg(s_maxFiles);
            return false;
        }
    }
    paths.sort();
    QList<ImportInput> candidates;
    for (const QString &path : std::as_const(paths)) {
        ImportInput input;
        input.name = path;
        input.path = path;
        input.size = QFileInfo(path).size();
        input.dataset = dataset;
        candidates.append(std::move(input));
    }
    keepReadable(candidates, format, inputs, diagnostics, folder);
    return true;
}

bool collectZip(
    const QString &archive, ImportFormat format, QList<ImportInput> &inputs, Diagnostics &diagnostics, QString *error)
{
    int code = 0;
    zip_t *zip = zip_open(QFile::encodeName(archive).constData(), ZIP_RDONLY, &code);
    if (!zip) {
        zip_error_t why;
        zip_error_init_with_code(&why, code);
        *error = tr("%1: not a readable ZIP archive: %2").arg(archive, QString::fromUtf8(zip_error_strerror(&why)));
        zip_error_fini(&why);
        return false;
    }
    const QString dataset = QFileInfo(archive).completeBaseName();
    const zip_int64_t count = zip_get_num_entries(zip, 0);
    QList<ImportInput> candidates;
    qint64 total = 0;
    bool ok = count <= s_maxFiles;
    if (!ok)
        *error = tr("%1: more than %2 entries; import fewer at a time").arg(archive).arg(s_maxFiles);
    for (zip_int64_t i = 0; ok && i < count; ++i) {
        zip_stat_t st;
        if (zip_stat_index(zip, zip_uint64_t(i), 0, &st) != 0 || !(st.valid & ZIP_STAT_NAME)
            || !(st.valid & ZIP_STAT_SIZE))
            continue;
        const QString entry = QString::fromUtf8(st.name);
        if (entry.endsWith(u'/'))
            continue; // a folder
        total += qint64(st.size);
        if (total > s_maxTotalBytes) {
            *error = tr("%1: more than %2 MiB uncompressed; import fewer files at a time")
                         .arg(archive)
                         .arg(s_maxTotalBytes >> 20);
            ok = false;
            break;
        }
        zip_file_t *file = zip_fopen_index(zip, zip_uint64_t(i), 0);
        QByteArray bytes(qsizetype(st.size), Qt::Uninitialized);
        const zip_int64_t read = file ? zip_fread(file, bytes.data(), st.size) : -1;
        if (file)
            zip_fclose(file);
        if (read < 0 || zip_uint64_t(read) != st.size) {
            *error = tr("%1: entry %2 cannot be read (damaged or encrypted)").arg(archive, entry);
            ok = false;
            break;
        }
        ImportInput input;
        input.name = archive + u'/' + entry;
        input.size = bytes.size();
        input.bytes = std::move(bytes);
        input.dataset = dataset;
        candidates.append(std::move(input));
    }
    zip_close(zip);
    if (!ok)
        return false;
    keepReadable(candidates, format, inputs, diagnostics, archive);
    return true;
}
} // namespace ImportSources
