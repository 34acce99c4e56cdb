#pragma once

#include <QStringList>

// The dataset Faultline ships with, embedded as resources under ":/data/incidents/".
namespace BundledDataset {
// Resource paths of its files in load order: the seed story first, then by period.
QStringList files();
} // namespace BundledDataset
