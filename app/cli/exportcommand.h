#pragma once

#include <QString>

class QCommandLineParser;

// `faultline export`: the incidents `list` would print, written to --out as a figure (.png,
// .svg, .pdf, drawn by FigureExporter) or as data (.csv, .json: faultline formats; .stix.json:
// a STIX 2.1 bundle). Needs a QGuiApplication for the figures' fonts, on any platform
// (main.cpp starts the offscreen one, so no display is needed). Every option is checked
// before the document is opened; a bad one is a usage error naming it. With --story, the
// story's handout instead (StoryExport).
namespace Cli::ExportCommand {
// The options export adds to those of `list`, as long names.
QStringList optionNames();
int run(const QCommandLineParser &parser);
} // namespace Cli::ExportCommand
