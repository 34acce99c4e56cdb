#pragma once

class QCommandLineParser;

// `faultline export --story NAME --out FILE.pdf`: the story's handout (StoryHandout: a cover
// page and one page per step). --story takes no filters or figure options; a missing or
// unknown name, or an --out that is not a .pdf, is a usage error naming the option.
namespace Cli::StoryExport {
int run(const QCommandLineParser &parser);
} // namespace Cli::StoryExport
