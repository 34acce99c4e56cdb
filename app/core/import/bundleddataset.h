#pragma once

#include <QDate>
#include <QString>
#include <QStringList>

// The dataset Faultline ships with, embedded as resources under ":/data/incidents/".
namespace BundledDataset {
// Resource paths of its files in load order: the seed story first, then by period.
QStringList files();

// The release the binary carries (":/data/release.json"): a version such as "2026.12", the day it
// was released, and the last month its records reach (the last year is partial).
struct Release
{
    QString version;
    QDate released;
    QString coversTo;
};
Release release();
} // namespace BundledDataset
