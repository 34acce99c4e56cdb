#pragma once

#include <QDialog>
#include <QList>
#include <QString>

class QMainWindow;

// Help > Keyboard Shortcuts: a table read from the window's actions when it opens, so it lists
// what the keys really do and cannot drift from the menus.
class ShortcutsDialog : public QDialog
{
    Q_OBJECT
public:
    struct Entry
    {
        QString where; // the menu path, "View > Saved Views", or "Window" for actions in no menu
        QString command; // the action's text without mnemonics or ellipsis
        QString keys; // every shortcut of the action in the platform's notation, ", "-separated
    };
    // Every enabled or disabled action of the window with at least one shortcut, menus first in
    // menu order, each action once.
    static QList<Entry> collect(const QMainWindow &window);

    explicit ShortcutsDialog(const QMainWindow &window, QWidget *parent = nullptr);
};
