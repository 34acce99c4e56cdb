#include "document/documentcontroller.h"

#include "domain/actornames.h"
#include "import/bundleddataset.h"
#include "store/columncache.h"
#include "store/database.h"
#include "store/incidentstore.h"

#include <QElapsedTimer>
#include <QFile>
#include <QFutureWatcher>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLoggingCategory>
#include <QTimer>
#include <QtConcurrent>

Q_LOGGING_CATEGORY(lcDocument, "faultline.document", QtInfoMsg)

namespace {
// Runs `work` in the thread pool and hands its result to `done` in the thread of `context`.
template <typename Work, typename Done> void runInBackground(QObject *context, Work work, Done done)
{
    using Result = decltype(work());
    auto *watcher = new QFutureWatcher<Result>(context);
    QObject::connect(watcher, &QFutureWatcher<Result>::finished, context, [watcher, done] {
        const Result result = watcher->result();
        watcher->deleteLater();
        done(result);
    });
    watcher->setFuture(QtConcurrent::run(std::move(work)));
}

// Every file as one import on a connection of the worker's own (a connection belongs to the
// thread that opened it); progress of the file being read in thousandths.
void importOnOwnConnection(QPromise<Importer::Result> &promise, const QString &path, const QStringList &files,
    const QHash<QString, std::shared_ptr<const CsvMapping>> &mappings, const std::shared_ptr<std::atomic_bool> &cancel)
{
    Database db;
    Importer::Result total;
    QString error;
    if (!db.open(path, Database::Mode::ReadWrite, &error)) {
        total.failed = true;
        total.error = error;
        promise.addResult(total);
        return;
    }
    promise.setProgressRange(0, 1000);
    // All the files are one import (one transaction): a failure in any writes nothing.
    Importer::Options options;
    options.mappingsByPath = mappings;
    options.progress = [&](qint64 done, qint64 size) {
        const double part = size > 0 ? double(done) / double(size) : 0.0;
        promise.setProgressValue(int(1000.0 * part));
        return !*cancel;
    };
    total = Importer::importFiles(db, files, options);
    promise.addResult(total);
}
} // namespace

DocumentController::DocumentController(QObject *parent)
    : QObject(parent)
    , m_cacheAfterEdits(new QTimer(this))
{
    m_cacheAfterEdits->setSingleShot(true);
    m_cacheAfterEdits->setInterval(s_cacheAfterEditsMs);
    connect(m_cacheAfterEdits, &QTimer::timeout, this, [this] {
        if (m_db && !m_db->isReadOnly() && m_columns && !m_importing)
            writeColumnCacheInBackground(ColumnCache::generation(*m_db));
    });
}

DocumentController::~DocumentController()
{
    if (m_cancelImport)
        *m_cancelImport = true;
}

QString DocumentController::path() const
{
    return m_db ? m_db->path() : QString();
}

bool DocumentController::isReadOnly() const
{
    return m_db && m_db->isReadOnly();
}

// --- opening and loading ------------------------------------------------------------------

bool DocumentController::open(const QString &path, bool seedIfNew, QString *errorMessage)
{
    auto db = std::make_unique<Database>();
    db->setQuickCheckOnOpen(false); // checked in the background once the first frame is up
    QString error;
    if (!db->open(path, Database::Mode::ReadWrite, &error)) {
        if (errorMessage)
            *errorMessage = error;
        return false;
    }
    m_db = std::move(db);
    m_columns.reset();
    ++m_serial;
    emit documentOpened();
    if (seedIfNew && m_db->wasCreated()) {
        const Importer::Result seeded = Importer::importBundled(*m_db);
        if (seeded.failed)
            emit seedFailed(seeded.error);
    }
    reload();
    checkInBackground();
    return true;
}

void DocumentController::reload()
{
    if (!m_db)
        return;
    QElapsedTimer clock;
    clock.start();
    QString error;
    bool fromCache = false;
    qint64 generation = 0;
    auto columns = std::make_shared<const IncidentColumns>(loadColumnsPreferringCache(&error, &fromCache, &generation));
    qCDebug(lcDocument) << "columns loaded in" << clock.elapsed() << "ms"
                        << (fromCache ? "from the cache" : "from the rows");
    m_columns = std::move(columns);
    if (!error.isEmpty())
        emit loadFailed(error);
    else if (!fromCache && !m_db->isReadOnly() && !m_columns->isEmpty())
        writeColumnCacheInBackground(generation);
    emit columnsLoaded();
}

void DocumentController::checkInBackground()
{
    // PRAGMA quick_check reads the whole file. It starts once the window has painted and
    // settled, on its own connection, so it neither delays the first frame nor competes with it.
    const QString path = m_db->path();
    const quint64 serial = m_serial;
    QTimer::singleShot(s_checkDelayMs, this, [this, path, serial] {
        if (serial != m_serial)
            return;
        runInBackground(
            this,
            [path] {
                QString error;
                Database::quickCheck(path, &error);
                return error;
            },
            [this, serial](const QString &error) {
                if (serial != m_serial)
                    return;
                if (!error.isEmpty())
                    emit documentDamaged(error);
                emit documentChecked(error.isEmpty());
            });
    });
}

// --- the column cache ---------------------------------------------------------------------

IncidentColumns DocumentController::loadColumnsPreferringCache(
    QString *errorMessage, bool *fromCache, qint64 *generation) const
{
    *generation = ColumnCache::generation(*m_db); // before the read: an import in between voids the cache
    return IncidentStore(*m_db).loadColumns(errorMessage, IncidentStore::LoadMode::Auto, fromCache);
}

void DocumentController::writeColumnCacheInBackground(qint64 generation)
{
    // The next open reads these columns back in a fraction of the time the rows take. Written
    // once the window has settled, on its own connection; an import in between voids it.
    const QString path = m_db->path();
    const std::shared_ptr<const IncidentColumns> columns = m_columns;
    const quint64 serial = m_serial;
    QTimer::singleShot(s_cacheDelayMs, this, [this, path, columns, generation, serial] {
        auto *watcher = new QFutureWatcher<bool>(this);
        connect(watcher, &QFutureWatcher<bool>::finished, this, [this, watcher, serial] {
            watcher->deleteLater();
            if (serial == m_serial)
                emit columnCacheWritten(watcher->result());
        });
        watcher->setFuture(ColumnCache::writeInBackground(path, columns, generation));
    });
}

// --- records ------------------------------------------------------------------------------

std::optional<Incident> DocumentController::incidentAt(IncidentColumns::Index index) const
{
    if (!m_columns || index >= m_columns->size())
        return std::nullopt;
    return incidentByRowid(m_columns->rowid[index]);
}

std::optional<Incident> DocumentController::incidentByRowid(qint64 rowid) const
{
    if (!m_db)
        return std::nullopt;
    return IncidentStore(*m_db).incidentByRowid(rowid);
}

FilterEngine::Result DocumentController::applyFilter(const Filter &filter) const
{
    if (!m_columns)
        return {};
    if (filter.isEmpty()) {
        if (m_unfilteredColumns.lock() != m_columns) {
            m_unfiltered = FilterEngine::apply(*m_columns, filter, nullptr);
            m_unfilteredColumns = m_columns;
        }
        return m_unfiltered;
    }
    QList<qint64> hits;
    if (!filter.search.isEmpty() && m_db)
        hits = IncidentStore(*m_db).search(filter.search);
    return FilterEngine::apply(*m_columns, filter, filter.search.isEmpty() ? nullptr : &hits);
}

bool DocumentController::setNotes(const QString &id, const QString &notes, QString *errorMessage)
{
    if (!m_db) {
        if (errorMessage)
            *errorMessage = tr("No document is open.");
        return false;
    }
    return IncidentStore(*m_db).setNotes(id, notes, errorMessage);
}

UserRecords::State DocumentController::recordState(const QString &id) const
{
    if (!m_db)
        return UserRecords::State { id, UserRecords::Kind::Imported, std::nullopt, -1, std::nullopt };
    return UserRecords(*m_db).state(id);
}

UserRecords::State DocumentController::newRecordState(const Incident &record) const
{
    if (!m_db)
        return {};
    return UserRecords(*m_db).created(record);
}

bool DocumentController::changeRecord(const UserRecords::State &target, qint64 *rowid, QString *errorMessage)
{
    if (!m_db || !m_columns) {
        if (errorMessage)
            *errorMessage = tr("No document is open.");
        return false;
    }
    if (m_importing) {
        if (errorMessage)
            *errorMessage = tr("An import is running; save again when it has finished.");
        return false;
    }
    QElapsedTimer clock;
    clock.start();
    UserRecords user(*m_db);
    const qint64 oldRowid = user.rowidOf(target.id);
    qint64 newRowid = -1;
    if (!user.apply(target, &newRowid, errorMessage))
        return false;
    const qint64 storeMs = clock.restart();
    // The columns of before stay valid for whoever still holds them (a frame, a cache write);
    // the window moves to the patched copy.
    auto next = std::make_shared<IncidentColumns>(m_columns->copyWithRoom());
    const qint64 copyMs = clock.restart();
    if (oldRowid >= 0) {
        const qint64 index = next->indexOfRowid(oldRowid);
        if (index >= 0)
            next->removeAt(IncidentColumns::Index(index));
    }
    if (target.live)
        next->insertRecord(newRowid, *target.live, ActorNames::instance());
    m_columns = std::move(next);
    qCDebug(lcDocument) << "record" << target.id << "saved in" << storeMs << "ms; columns copied in" << copyMs
                        << "ms, patched in" << clock.elapsed() << "ms";
    if (rowid)
        *rowid = newRowid;
    if (!m_db->isReadOnly())
        m_cacheAfterEdits->start();
    emit recordsChanged(target.id);
    return true;
}

bool DocumentController::saveCopy(const QString &target, QString *errorMessage) const
{
    if (!m_db) {
        if (errorMessage)
            *errorMessage = tr("No document is open.");
        return false;
    }
    return m_db->saveCopy(target, errorMessage);
}

// --- imports ------------------------------------------------------------------------------

bool DocumentController::importFiles(
    const QStringList &files, QString *whyNot, const QHash<QString, std::shared_ptr<const CsvMapping>> &mappings)
{
    QString reason;
    if (!m_db)
        reason = tr("No document is open.");
    else if (m_db->isReadOnly())
        reason = tr("This document is read-only; nothing can be imported into it.");
    else if (m_importing)
        reason = tr("An import is already running.");
    if (!reason.isEmpty()) {
        if (whyNot)
            *whyNot = reason;
        return false;
    }
    m_importing = true;
    m_cancelImport = std::make_shared<std::atomic_bool>(false);
    const QString path = m_db->path();
    const quint64 serial = m_serial;
    auto *watcher = new QFutureWatcher<Importer::Result>(this);
    connect(
        watcher, &QFutureWatcher<Importer::Result>::progressValueChanged, this, &DocumentController::importProgress);
    connect(watcher, &QFutureWatcher<Importer::Result>::finished, this, [this, watcher, serial] {
        const Importer::Result result = watcher->result();
        watcher->deleteLater();
        m_importing = false;
        m_cancelImport.reset();
        if (serial == m_serial)
            reload();
        emit importFinished(result);
    });
    watcher->setFuture(QtConcurrent::run(importOnOwnConnection, path, files, mappings, m_cancelImport));
    return true;
}

void DocumentController::cancelImport()
{
    if (m_cancelImport)
        *m_cancelImport = true;
}

// --- the start incident -------------------------------------------------------------------

QString DocumentController::startIncidentId()
{
    static const QString id = [] {
        QFile seed(BundledDataset::files().value(0));
        if (!seed.open(QIODevice::ReadOnly))
            return QString();
        const QJsonObject root = QJsonDocument::fromJson(seed.readAll()).object();
        return root.value(u"incidents").toArray().at(0).toObject().value(u"id").toString();
    }();
    return id;
}
