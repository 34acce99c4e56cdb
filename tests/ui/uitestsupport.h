#pragma once

#include "import/importer.h"
#include "store/database.h"

#include <QAction>
#include <QFile>
#include <QMenu>
#include <QMenuBar>
#include <QPlainTextEdit>
#include <QStringList>
#include <QTextEdit>

// Helpers shared by the widget tests. Header-only, like tests/support/testsupport.h.
namespace UiTestSupport {

// Writes a document of 3000 records at `path` and scribbles over b-tree pages in its middle,
// leaving the header intact: it still opens, but PRAGMA quick_check finds the damage.
inline bool writeDamagedDocument(const QString &path)
{
    {
        Database db;
        if (!db.open(path))
            return false;
        QByteArray csv = "title,start,victims,type,summary\n";
        for (int i = 0; i < 3000; ++i)
            csv += QStringLiteral("Record %1,2021,FR,ddos,%2\n").arg(i).arg(QString(200, u'x')).toUtf8();
        if (Importer::importBytes(db, csv, QStringLiteral("many.csv")).failed)
            return false;
    }
    QFile f(path);
    if (!f.open(QIODevice::ReadWrite))
        return false;
    const qint64 size = f.size();
    for (qint64 at = size / 3; at < size / 3 + 4096 * 8; at += 4096) {
        f.seek(at);
        f.write(QByteArray(512, '\xA5'));
    }
    return true;
}

// The editable multi-line text fields under `root` that take a Tab as a character instead of
// moving focus on: each one a keyboard trap (Ctrl+Tab still types a tab). Named by object and
// accessible name.
inline QStringList textFieldsThatTrapTab(const QWidget *root)
{
    QStringList trapped;
    for (const QPlainTextEdit *edit : root->findChildren<QPlainTextEdit *>()) {
        if (!edit->tabChangesFocus())
            trapped << edit->objectName() + u'/' + edit->accessibleName();
    }
    // A read-only QTextEdit (the detail pane's browser) walks its links on Tab, then moves on.
    for (const QTextEdit *edit : root->findChildren<QTextEdit *>()) {
        if (!edit->tabChangesFocus() && !edit->isReadOnly())
            trapped << edit->objectName() + u'/' + edit->accessibleName();
    }
    return trapped;
}

// The action whose text, without the & of its mnemonic, is `text`; null when none is.
inline QAction *actionByText(const QList<QAction *> &actions, const QString &text)
{
    for (QAction *action : actions) {
        if (QString(action->text()).remove(u'&') == text)
            return action;
    }
    return nullptr;
}

inline QAction *findAction(const QMenu *menu, const QString &text)
{
    return menu ? actionByText(menu->actions(), text) : nullptr;
}

inline QMenu *findSubmenu(const QMenu *menu, const QString &title)
{
    QAction *action = findAction(menu, title);
    return action ? action->menu() : nullptr;
}

inline QMenu *findMenu(const QMenuBar *bar, const QString &title)
{
    QAction *action = actionByText(bar->actions(), title);
    return action ? action->menu() : nullptr;
}

} // namespace UiTestSupport
