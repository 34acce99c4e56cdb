#pragma once

#include "import/diagnostic.h"
#include "import/importer.h"

#include <QByteArray>
#include <QIODevice>
#include <QList>
#include <QString>

// One input of an import: a file, a file in a folder, or an entry of a ZIP archive.
struct ImportInput
{
    QString name; // how diagnostics name it: a path, or ARCHIVE/ENTRY
    QByteArray bytes; // the content, when it is in memory
    QIODevice *device = nullptr; // a single CSV file streams from here
    qint64 size = 0;
    QString dataset; // the dataset its records belong to (empty: the reader's default)
    QString path; // a file on disk, read when its turn comes (folders)
    ImportFormat format = ImportFormat::Auto;
    QList<ImportInput> group; // further STIX files read as one graph with this one
};

// Gathers the inputs of a folder (recursively) or a ZIP archive. Every file is recognised
// by its content; files that are none of the formats (READMEs, licences, JSON schemas) are
// skipped with a warning. A MISP feed folder (one with a manifest.json) yields the events
// its manifest lists. STIX files of one folder or archive become one input whose `group`
// holds the others, so relationships resolve across files. Records are named after the
// folder or archive (their dataset). Returns false with `error` set when nothing can be
// read (no such folder, a damaged archive, over the limits).
namespace ImportSources {
constexpr qint64 s_maxTotalBytes = 1024ll * 1024 * 1024; // an archive's entries, uncompressed
constexpr int s_maxFiles = 200000;

bool collectFolder(
    const QString &folder, ImportFormat format, QList<ImportInput> &inputs, Diagnostics &diagnostics, QString *error);
bool collectZip(
    const QString &archive, ImportFormat format, QList<ImportInput> &inputs, Diagnostics &diagnostics, QString *error);
bool isZip(const QString &path);
// The content of an input (reading its file when it has a path); false with `error` set.
bool load(ImportInput &input, QString *error);
// The first bytes, for format detection.
QByteArray head(const ImportInput &input);
} // namespace ImportSources
