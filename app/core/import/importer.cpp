#include "import/importer.h"

#include "import/bundleddataset.h"
#include "import/faultlinecsvreader.h"
#include "import/faultlinejsonreader.h"
#include "import/foreignrecords.h"
#include "import/importsources.h"
#include "import/mappedcsvreader.h"
#include "import/mispreader.h"
#include "import/stixreader.h"
#include "import/verisreader.h"
#include "store/database.h"
#include "store/incidentstore.h"
#include "store/killpoint.h"
#include "story/storystore.h"

#include <QBuffer>
#include <QCoreApplication>
#include <QDateTime>
#include <QFile>
#include <QFileInfo>
#include <QSet>
#include <algorithm>
#include <condition_variable>
#include <deque>
#include <memory>
#include <mutex>
#include <thread>
#include <vector>

namespace {
QString tr(const char *text)
{
    return QCoreApplication::translate("Importer", text);
}

using InputFile = ImportInput;

bool isForeign(Importer::Format format)
{
    return format == Importer::Format::Stix || format == Importer::Format::Misp || format == Importer::Format::Veris;
}

// What a reader counted, for the report: records rejected (not diagnostics: a record may
// have several, and they are capped) and records without a victim country.
struct ReaderCounts
{
    int rejected = 0;
    int unknownCountry = 0;
    QHash<QString, QList<std::pair<QString, int>>> unknownCountries;
};

// Reads a STIX, MISP or VERIS input (loading its file, or its group's files, first).
bool readForeign(InputFile &src, Importer::Format format, const ForeignRecords::Sink &sink, Diagnostics &diagnostics,
    const std::function<bool(qint64)> &progress, ReaderCounts &counts)
{
    const QString dataset = src.dataset.isEmpty() ? QFileInfo(src.name).completeBaseName() : src.dataset;
    ForeignRecords records(src.name, dataset, sink, diagnostics);
    records.setProgress(progress);
    QString error;
    bool ok = ImportSources::load(src, &error);
    if (ok && format != Importer::Format::Stix && src.bytes.size() > Importer::s_maxDocumentBytes)
        error = QCoreApplication::translate("Importer", "%1: %2 MiB; MISP and VERIS files are limited to %3 MiB")
                    .arg(src.name)
                    .arg(src.bytes.size() >> 20)
                    .arg(Importer::s_maxDocumentBytes >> 20);
    if (!error.isEmpty()) {
        diagnostics.append(
            { src.name, 0, {}, error.section(QStringLiteral(": "), 1), Diagnostic::Severity::Error, {} });
        return false;
    }
    if (format == Importer::Format::Stix) {
        QList<StixReader::Part> parts { { src.name, src.bytes } };
        for (InputFile &other : src.group) {
            ok = ok && ImportSources::load(other, &error);
            parts.append({ other.name, other.bytes });
        }
        if (!ok)
            return records.fail(0, error);
        ok = StixReader::read(parts, records);
    } else if (format == Importer::Format::Misp) {
        ok = MispReader::read(src.bytes, records);
    } else {
        ok = VerisReader::read(src.bytes, records);
    }
    records.finish();
    src.bytes = {}; // a folder's files are released once read
    src.group.clear();
    counts = { records.rejected(), records.unknownCountry(), {} };
    return ok;
}

// A bounded hand-over of record batches from the reading thread to the writing one.
class BatchQueue
{
public:
    static constexpr std::size_t s_batchSize = 512;
    static constexpr std::size_t s_capacity = 8;

    // False when the consumer gave up (the producer should stop).
    bool push(std::vector<Incident> &&batch)
    {
        std::unique_lock lock(m_mutex);
        m_changed.wait(lock, [&] { return m_aborted || m_batches.size() < s_capacity; });
        if (m_aborted)
            return false;
        m_batches.push_back(std::move(batch));
        m_changed.notify_all();
        return true;
    }
    // False when there is nothing more (finished, or aborted by either side).
    bool pop(std::vector<Incident> &batch)
    {
        std::unique_lock lock(m_mutex);
        m_changed.wait(lock, [&] { return m_aborted || m_finished || !m_batches.empty(); });
        if (m_aborted || m_batches.empty())
            return false;
        batch = std::move(m_batches.front());
        m_batches.pop_front();
        m_changed.notify_all();
        return true;
    }
    void finish()
    {
        std::lock_guard lock(m_mutex);
        m_finished = true;
        m_changed.notify_all();
    }
    void abort()
    {
        std::lock_guard lock(m_mutex);
        m_aborted = true;
        m_changed.notify_all();
    }

private:
    std::mutex m_mutex;
    std::condition_variable m_changed;
    std::deque<std::vector<Incident>> m_batches;
    bool m_finished = false;
    bool m_aborted = false;
};

// Stores each record the reader hands over and counts the outcomes. An id already seen in
// this import is rejected; a database error stops the import (the call returns false).
class StoreSink
{
public:
    StoreSink(IncidentStore &store, Importer::Result &result, const QString &fileName)
        : m_store(store)
        , m_result(result)
        , m_fileName(fileName)
    { }

    bool operator()(Incident &&incident)
    {
        const auto outcome = m_store.upsert(incident, &m_error);
        if (!outcome) {
            m_failed = true;
            return false;
        }
        switch (*outcome) {
        case IncidentStore::Outcome::Inserted:
            ++m_result.imported;
            break;
        case IncidentStore::Outcome::Updated:
            ++m_result.updated;
            break;
        case IncidentStore::Outcome::Unchanged:
            ++m_result.unchanged;
            break;
        case IncidentStore::Outcome::Repeated:
            m_result.diagnostics.append({ m_fileName, 0, QStringLiteral("id"),
                tr("\"%1\" appears more than once in this import; later copy rejected").arg(incident.id),
                Diagnostic::Severity::Error, incident.id });
            ++m_result.rejected;
            break;
        }
        return true;
    }
    bool failed() const { return m_failed; }
    QString error() const { return m_error; }

private:
    IncidentStore &m_store;
    Importer::Result &m_result;
    const QString &m_fileName;
    QString m_error;
    bool m_failed = false;
};

// Reads `src` with the reader of its format and hands the records to `queue` in batches.
// Finishes the queue when the whole file was read, aborts it otherwise; returns which.
bool readInBatches(InputFile &src, Importer::Format format, const CsvMapping *mapping, BatchQueue &queue,
    Diagnostics &diagnostics, const std::function<bool(qint64)> &progress, ReaderCounts &counts)
{
    std::vector<Incident> batch;
    batch.reserve(BatchQueue::s_batchSize);
    auto produce = [&](Incident &&incident) {
        batch.push_back(std::move(incident));
        if (batch.size() < BatchQueue::s_batchSize)
            return true;
        const bool accepted = queue.push(std::move(batch));
        batch = {};
        batch.reserve(BatchQueue::s_batchSize);
        return accepted;
    };
    bool ok = false;
    if (format == Importer::Format::Faultline && src.device) {
        ok = FaultlineJsonReader::read(src.device, src.name, produce, diagnostics, progress, &counts.rejected);
    } else if (format == Importer::Format::Faultline) {
        QString error;
        ok = ImportSources::load(src, &error)
            && FaultlineJsonReader::read(src.bytes, src.name, produce, diagnostics, &counts.rejected);
        if (!error.isEmpty())
            diagnostics.append(
                { src.name, 0, {}, error.section(QStringLiteral(": "), 1), Diagnostic::Severity::Error, {} });
        if (!src.path.isEmpty())
            src.bytes = {};
    } else if (isForeign(format)) {
        ok = readForeign(src, format, produce, diagnostics, progress, counts);
    } else {
        QString error;
        if (!ImportSources::load(src, &error)) {
            diagnostics.append(
                { src.name, 0, {}, error.section(QStringLiteral(": "), 1), Diagnostic::Severity::Error, {} });
            queue.abort();
            return false;
        }
        QBuffer buffer(&src.bytes);
        QIODevice *device = src.device;
        if (!device) {
            buffer.open(QIODevice::ReadOnly);
            device = &buffer;
        }
        const QString dataset = src.dataset.isEmpty() ? QFileInfo(src.name).completeBaseName() : src.dataset;
        if (mapping) {
            MappedCsvReader::Counts mapped;
            ok = MappedCsvReader::read(device, *mapping, src.name, dataset, produce, diagnostics, &mapped, progress);
            counts.rejected = mapped.rejected;
            counts.unknownCountry = mapped.unknownCountry;
            counts.unknownCountries = mapped.unknownCountries;
        } else {
            ok = FaultlineCsvReader::read(device, src.name, dataset, produce, diagnostics, progress, &counts.rejected);
        }
    }
    if (ok && !batch.empty())
        ok = queue.push(std::move(batch));
    if (ok)
        queue.finish();
    else
        queue.abort();
    return ok;
}

// Reads one source into the open transaction; returns false on a whole-file error, a
// database error or a cancel, with result.error saying which.
bool readInto(IncidentStore &store, InputFile &src, Importer::Format format, const Importer::Options &options,
    Importer::Result &result)
{
    StoreSink sink(store, result, src.name);
    bool cancelled = false;
    auto progress = [&](qint64 done) {
        if (options.progress && !options.progress(done, src.size)) {
            cancelled = true;
            return false;
        }
        return true;
    };
    const qsizetype before = result.diagnostics.size();

    // Reading and validating runs on a second thread while this one writes: the two halves
    // cost about the same, so on two cores the import takes the time of the slower one.
    BatchQueue queue;
    Diagnostics readerDiagnostics;
    ReaderCounts counts;
    const CsvMapping *mapping = options.mappingsByPath.value(src.name, options.mapping).get();
    bool ok = false;
    std::thread reader([&] { ok = readInBatches(src, format, mapping, queue, readerDiagnostics, progress, counts); });
    std::vector<Incident> batch;
    while (queue.pop(batch)) {
        const bool stored
            = std::all_of(batch.begin(), batch.end(), [&](Incident &incident) { return sink(std::move(incident)); });
        if (!stored) {
            queue.abort();
            break;
        }
        KillPoint::reach("import.mid");
    }
    reader.join();
    result.diagnostics += readerDiagnostics;
    result.rejected += counts.rejected;
    result.unknownCountry += counts.unknownCountry;
    for (auto it = counts.unknownCountries.cbegin(); it != counts.unknownCountries.cend(); ++it)
        result.unknownCountries[it.key()] += it.value();
    if (sink.failed()) {
        result.error = sink.error();
        return false;
    }
    if (cancelled) {
        result.cancelled = true;
        result.error = tr("%1: import cancelled, nothing imported").arg(src.name);
        return false;
    }
    if (!ok && result.error.isEmpty()) {
        for (qsizetype i = before; i < result.diagnostics.size(); ++i) {
            if (result.diagnostics.at(i).severity == Diagnostic::Severity::Error)
                result.error = result.diagnostics.at(i).toString();
        }
    }
    return ok;
}

// The format of each source, as given or detected from its first bytes; on a source whose
// format cannot be told, `result` fails and says which.
QList<Importer::Format> formatsOf(
    const QList<InputFile> &sources, const Importer::Options &options, Importer::Result &result)
{
    QList<Importer::Format> formats;
    for (const InputFile &src : sources) {
        Importer::Format format = src.format != Importer::Format::Auto ? src.format : options.format;
        if (format == Importer::Format::Auto) {
            QString why;
            const QByteArray head = src.device ? src.device->peek(Importer::s_headBytes) : ImportSources::head(src);
            format = Importer::detect(head, &why);
            if (format == Importer::Format::Auto) {
                result.failed = true;
                result.error = QStringLiteral("%1: %2").arg(src.name, why);
                result.diagnostics.append({ src.name, 0, {}, why, Diagnostic::Severity::Error, {} });
                return formats;
            }
        }
        formats.append(format);
    }
    return formats;
}

// Reads every source into one transaction. `changed`, when given, is asked just before the
// commit: a non-empty answer ("FILE: why") aborts the import (the source file was modified or
// truncated while it was read), so nothing half-read is written.
Importer::Result run(Database &db, QList<InputFile> &sources, const Importer::Options &options,
    const std::function<QString()> &changed = {})
{
    Importer::Result result;
    if (db.isReadOnly()) {
        result.failed = true;
        result.error = tr("%1: the document is read-only; nothing imported").arg(db.path());
        return result;
    }
    // Detect every format first: an unreadable file writes nothing.
    const QList<Importer::Format> formats = formatsOf(sources, options, result);
    if (result.failed)
        return result;

    Transaction tx(db);
    if (!tx.isActive()) {
        result.failed = true;
        result.error = tr("%1: cannot start the import: %2").arg(db.path(), tx.errorMessage());
        return result;
    }
    IncidentStore store(db);
    QString error;
    if (!store.beginImport(&error)) {
        result.failed = true;
        result.error = error;
        return result;
    }
    KillPoint::reach("import.begin");
    for (qsizetype i = 0; i < sources.size(); ++i) {
        if (!readInto(store, sources[i], formats.at(i), options, result)) {
            result.failed = true;
            break;
        }
    }
    if (!result.failed && options.strict && result.rejected > 0) {
        result.failed = true;
        result.error = QCoreApplication::translate(
            "Importer", "%n record(s) rejected; --strict: nothing imported", nullptr, result.rejected);
    }
    if (!result.failed && !store.finishImport(&error)) {
        result.failed = true;
        result.error = error;
    }
    if (!result.failed && changed) {
        const QString why = changed();
        if (!why.isEmpty()) {
            result.failed = true;
            result.error = why;
            result.diagnostics.append(
                { sources.first().name, 0, {}, why.section(QStringLiteral(": "), 1), Diagnostic::Severity::Error, {} });
        }
    }
    // A cancel that came after the last record (while the index was built) still writes nothing.
    if (!result.failed && options.progress && !options.progress(1, 1)) {
        result.failed = result.cancelled = true;
        result.error = tr("import cancelled, nothing imported");
    }
    // Nothing changed (all rejected or already there): roll back, the file stays as it was.
    if (!result.failed && store.importChangedDocument()) {
        KillPoint::reach("import.before-commit");
        if (!tx.commit()) {
            result.failed = true;
            result.error = tr("%1: cannot save the import: %2").arg(db.path(), tx.errorMessage());
        } else {
            KillPoint::reach("import.after-commit");
        }
    }
    if (result.failed) {
        result.imported = result.updated = result.unchanged = result.unknownCountry = 0;
        return result; // the Transaction rolls back
    }
    if (result.accepted() == 0 && result.rejected == 0) {
        for (const InputFile &src : sources)
            result.diagnostics.append({ src.name, 0, {}, tr("no records found"), Diagnostic::Severity::Warning, {} });
    }
    return result;
}

// Every file of the bundled dataset as inputs of the faultline format.
bool bundledSources(QList<InputFile> &sources, Importer::Result &result)
{
    for (const QString &file : BundledDataset::files()) {
        QFile f(file);
        if (!f.open(QIODevice::ReadOnly)) {
            result.failed = true;
            result.error = tr("%1: missing from this build").arg(file);
            return false;
        }
        InputFile src;
        src.name = file;
        src.bytes = f.readAll();
        src.size = f.size();
        src.format = Importer::Format::Faultline;
        sources.append(src);
    }
    return true;
}

// Completes a report with what the document holds once the import committed or rolled back.
Importer::Result finishReport(Database &db, Importer::Result &result)
{
    if (result.failed)
        result.imported = result.updated = result.unchanged = result.unknownCountry = 0;
    if (db.isOpen())
        result.documentRecords = db.scalar(QStringLiteral("SELECT count(*) FROM incident")).toLongLong();
    return result;
}
} // namespace

QString Importer::Result::summary() const
{
    const QString counts = QStringLiteral("imported %1, updated %2, unchanged %3, rejected %4")
                               .arg(imported)
                               .arg(updated)
                               .arg(unchanged)
                               .arg(rejected);
    return unknownCountry > 0 ? counts + QStringLiteral(", no victim country %1").arg(unknownCountry) : counts;
}

QString Importer::Result::documentLine() const
{
    if (documentRecords < 0)
        return {};
    return (failed ? tr("nothing was written; the document still holds %1 record(s)")
                   : tr("the document holds %1 record(s)"))
        .arg(documentRecords);
}

void Importer::Result::add(const Result &o)
{
    imported += o.imported;
    updated += o.updated;
    unchanged += o.unchanged;
    rejected += o.rejected;
    unknownCountry += o.unknownCountry;
    for (const QString &path : o.paths) {
        if (!paths.contains(path))
            paths << path;
    }
    for (auto it = o.unknownCountries.cbegin(); it != o.unknownCountries.cend(); ++it)
        unknownCountries[it.key()] += it.value();
    diagnostics += o.diagnostics;
    failed = failed || o.failed;
    cancelled = cancelled || o.cancelled;
    if (error.isEmpty())
        error = o.error;
    if (o.documentRecords >= 0)
        documentRecords = o.documentRecords;
}

Importer::Format Importer::formatFromName(const QString &name, bool *ok)
{
    if (ok)
        *ok = true;
    if (name == u"auto")
        return Format::Auto;
    if (name == u"faultline" || name == u"json")
        return Format::Faultline;
    if (name == u"csv")
        return Format::Csv;
    if (name == u"stix")
        return Format::Stix;
    if (name == u"misp")
        return Format::Misp;
    if (name == u"veris" || name == u"vcdb")
        return Format::Veris;
    if (ok)
        *ok = false;
    return Format::Auto;
}

Importer::Format Importer::detect(QByteArrayView head, QString *why)
{
    auto starts = [&](const char *magic) { return head.startsWith(QByteArrayView(magic)); };
    if (head.trimmed().isEmpty() || head == "\xEF\xBB\xBF") {
        *why = tr("empty, no records");
        return Format::Auto;
    }
    if (starts("\x89PNG"))
        *why = tr("looks like a PNG image, not CSV or JSON");
    else if (starts("PK\x03\x04"))
        *why = tr("looks like a ZIP archive (or an Office document), not CSV or JSON");
    else if (starts("%PDF"))
        *why = tr("looks like a PDF document, not CSV or JSON");
    else if (starts("SQLite format 3"))
        *why = tr("is a SQLite database; open it with File > Open instead of importing it");
    if (!why->isEmpty())
        return Format::Auto;
    QByteArrayView text = head;
    if (text.startsWith("\xEF\xBB\xBF"))
        text = text.sliced(3);
    text = text.trimmed();
    if (text.startsWith("<")) {
        *why = tr("looks like HTML or XML, not CSV or JSON");
        return Format::Auto;
    }
    if (text.startsWith("{") || text.startsWith("[")) {
        // MISP first (its galaxies have STIX-like "type" values), then STIX (a bundle Faultline
        // exported names "faultline" as a source).
        if (MispReader::looksLikeMisp(head))
            return Format::Misp;
        if (StixReader::looksLikeStix(head))
            return Format::Stix;
        if (FaultlineJsonReader::looksLikeFaultline(head))
            return Format::Faultline;
        if (VerisReader::looksLikeVeris(head))
            return Format::Veris;
        *why = tr("is JSON but none of the formats Faultline reads (faultline, STIX, MISP, VERIS)");
        return Format::Auto;
    }
    return Format::Csv;
}

bool Importer::needsCsvMapping(const QString &path)
{
    const QFileInfo info(path);
    QFile file(path);
    if (!info.isFile() || ImportSources::isZip(path) || !file.open(QIODevice::ReadOnly))
        return false;
    QString why;
    if (detect(file.peek(s_headBytes), &why) != Format::Csv)
        return false;
    const MappedCsvReader::Sample sample = MappedCsvReader::sample(&file, CsvMapping(), 0);
    if (!sample.error.isEmpty() && sample.header.isEmpty())
        return false; // unreadable: the import says why
    QStringList names;
    for (const QString &column : sample.header)
        names << column.trimmed().toLower();
    for (const char *required : { "title", "start", "victims", "type" }) {
        if (!names.contains(QString::fromLatin1(required)))
            return true;
    }
    return false;
}

namespace {
// A single file named on the command line or dropped on the window, held open while it is
// read, and its size and time then, to tell whether it changed before the commit.
struct OpenedFile
{
    std::unique_ptr<QFile> file;
    QString path;
    qint64 size = 0;
    QDateTime modified;
};

// Turns one path into inputs: a folder or ZIP archive into its files; a file into one input
// (a CSV streams from the open file; other formats are read when their turn comes, so only
// one JSON document is in memory at a time). False with result.failed and its reason.
bool gather(const QString &path, const Importer::Options &options, QList<InputFile> &sources,
    std::vector<OpenedFile> &opened, Importer::Result &result)
{
    auto fail = [&](const QString &reason) {
        result.failed = true;
        result.error = QStringLiteral("%1: %2").arg(path, reason);
        result.diagnostics.append({ path, 0, {}, reason, Diagnostic::Severity::Error, {} });
        return false;
    };
    const QFileInfo info(path);
    if (!info.exists())
        return fail(tr("no such file"));
    if (info.isDir() || (info.isFile() && ImportSources::isZip(path))) {
        QString error;
        QList<InputFile> found;
        const bool ok = info.isDir()
            ? ImportSources::collectFolder(path, options.format, found, result.diagnostics, &error)
            : ImportSources::collectZip(path, options.format, found, result.diagnostics, &error);
        if (!ok)
            return fail(error.section(QStringLiteral(": "), 1));
        if (found.isEmpty())
            return fail(tr("no file in it is in a format Faultline reads; nothing imported"));
        sources += found;
        return true;
    }
    if (!info.isFile())
        return fail(tr("not a regular file (a device, pipe or socket); expected a file"));
    auto file = std::make_unique<QFile>(path);
    if (!file->open(QIODevice::ReadOnly))
        return fail(file->errorString());
    Importer::Format format = options.format;
    if (format == Importer::Format::Auto) {
        QString why;
        format = Importer::detect(file->peek(Importer::s_headBytes), &why);
        if (format == Importer::Format::Auto)
            return fail(why);
    }
    if (format != Importer::Format::Csv && info.size() > Importer::s_maxJsonBytes)
        return fail(
            tr("%1 MiB; JSON files are limited to %2 MiB").arg(info.size() >> 20).arg(Importer::s_maxJsonBytes >> 20));
    InputFile src;
    src.name = path;
    src.size = info.size();
    src.format = format;
    if (format == Importer::Format::Csv || format == Importer::Format::Faultline)
        src.device = file.get(); // streams: memory stays bounded by one record
    else
        src.path = path;
    sources.append(src);
    opened.push_back({ std::move(file), path, info.size(), info.lastModified() });
    return true;
}
} // namespace

Importer::Result Importer::importFile(Database &db, const QString &path, const Options &options)
{
    return importFiles(db, { path }, options);
}

Importer::Result Importer::importFiles(Database &db, const QStringList &paths, const Options &options, bool bundled)
{
    Result result;
    result.paths = paths;
    QList<InputFile> sources;
    if (bundled && !bundledSources(sources, result))
        return finishReport(db, result);
    std::vector<OpenedFile> opened;
    for (const QString &path : paths) {
        if (!gather(path, options, sources, opened, result))
            return finishReport(db, result);
    }
    const Diagnostics found = result.diagnostics;
    result = run(db, sources, options, [&] {
        for (const OpenedFile &o : opened) {
            const QFileInfo now(o.path);
            if (now.size() != o.size || now.lastModified() != o.modified || o.file->size() != o.size)
                return QStringLiteral("%1: %2").arg(
                    o.path, tr("the file changed while it was being read; nothing imported"));
        }
        return QString();
    });
    result.diagnostics = found + result.diagnostics;
    result.paths = paths;
    if (bundled && !result.failed && !result.cancelled) {
        // The bundled stories come with the bundled records (once per document, by name).
        QString storyError;
        if (!StoryStore(db).addBundledStories(&storyError)) {
            result.failed = true;
            result.error = storyError;
        }
    }
    return finishReport(db, result);
}

Importer::Result Importer::importBytes(
    Database &db, const QByteArray &bytes, const QString &name, const Options &options)
{
    InputFile src;
    src.name = name;
    src.bytes = bytes;
    src.size = bytes.size();
    QList<InputFile> sources { src };
    Result result = run(db, sources, options);
    result.paths = { name };
    return finishReport(db, result);
}

Importer::Result Importer::importBundled(Database &db, const Options &options)
{
    return importFiles(db, {}, options, true);
}
