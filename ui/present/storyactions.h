#pragma once

class MainWindow;
class Presentation;
class QMenu;

// The window's story actions, created here so the window needs one call per menu:
// View > Present (F5), View > Stories (the Stories pane, a dock) and View > High-Contrast
// Presentation (remembered); "Add to Story" and "Add View to Story" in the timeline's menus;
// File > Export Story as PDF.
namespace StoryActions {
void addViewActions(MainWindow *window, QMenu *viewMenu);
void addFileActions(MainWindow *window, QMenu *fileMenu);
// Presents the story chosen in the Stories pane, else the document's first story. Returns the
// presentation window (owned by `window`, deleted when it closes), or null with a message in
// the status bar when the document has no story.
Presentation *present(MainWindow *window);
} // namespace StoryActions
