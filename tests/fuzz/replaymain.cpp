// Runs a fuzz harness once over every file of the folders (or files) named on the command line:
// the seed corpus and every input that once made a harness fail, replayed by CTest in every build
// (and under the sanitizers in ./dev test --sanitize). Exit code 0 when all ran, 1 when a folder is
// missing or empty; a failing input aborts, as it does under libFuzzer.
#include "fuzzsupport.h"

#include <QDirIterator>
#include <QFile>
#include <QFileInfo>
#include <cstdio>

int main(int argc, char **argv)
{
    int runs = 0;
    for (int i = 1; i < argc; ++i) {
        const QString path = QString::fromLocal8Bit(argv[i]);
        QStringList files;
        if (QFileInfo(path).isDir()) {
            QDirIterator it(path, QDir::Files, QDirIterator::Subdirectories);
            while (it.hasNext())
                files << it.next();
        } else {
            files << path;
        }
        files.sort();
        if (files.isEmpty()) {
            std::fprintf(stderr, "fuzz replay: nothing to replay in %s\n", argv[i]);
            return 1;
        }
        for (const QString &file : files) {
            QFile in(file);
            if (!in.open(QIODevice::ReadOnly)) {
                std::fprintf(stderr, "fuzz replay: cannot read %s\n", qPrintable(file));
                return 1;
            }
            const QByteArray data = in.readAll();
            std::fprintf(
                stderr, "fuzz replay: %s (%lld bytes)\n", qPrintable(file), static_cast<long long>(data.size()));
            LLVMFuzzerTestOneInput(reinterpret_cast<const std::uint8_t *>(data.constData()), std::size_t(data.size()));
            ++runs;
        }
    }
    std::fprintf(stderr, "fuzz replay: %d inputs ran\n", runs);
    return runs > 0 ? 0 : 1;
}
