#pragma once

#include <QIODevice>
#include <QString>
#include <functional>

// Every export writes its file through here: into a temporary file beside the target
// (QSaveFile) that replaces the target only when everything was written and flushed. A
// failure or a cancel therefore leaves no file, or the old one unchanged, never half of one.
struct ExportResult
{
    bool ok = false;
    bool cancelled = false; // the progress callback asked to stop; error is empty
    QString error; // why it failed, naming the file

    static ExportResult success() { return { true, false, {} }; }
    static ExportResult failure(QString why) { return { false, false, std::move(why) }; }
    static ExportResult cancel() { return { false, true, {} }; }
};

namespace ExportFile {
// Called now and then with (units done, units total), e.g. records or pages; return false
// to cancel. May be empty.
using Progress = std::function<bool(qint64 done, qint64 total)>;

// What an export writes into the open device: an ExportResult saying whether to keep it.
using Body = std::function<ExportResult(QIODevice &device)>;

// Opens `path` atomically, runs `body` and commits only when it succeeded. An error of
// the file itself (a missing folder, a full disk) is reported as "cannot write PATH: reason".
ExportResult write(const QString &path, const Body &body);
} // namespace ExportFile
