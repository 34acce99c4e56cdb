#include "help/shortcutsdialog.h"

#include <QAction>
#include <QDialogButtonBox>
#include <QHeaderView>
#include <QLineEdit>
#include <QMainWindow>
#include <QMenu>
#include <QMenuBar>
#include <QRegularExpression>
#include <QSet>
#include <QTableWidget>
#include <QVBoxLayout>

namespace {
QString plainText(QString text)
{
    text.remove(QRegularExpression(QStringLiteral("&(?!&)")));
    text.replace(QStringLiteral("&&"), QStringLiteral("&"));
    if (text.endsWith(QChar(0x2026)))
        text.chop(1);
    return text.trimmed();
}

QString keysOf(const QAction *action)
{
    QStringList keys;
    for (const QKeySequence &sequence : action->shortcuts())
        keys << sequence.toString(QKeySequence::NativeText);
    return keys.join(QStringLiteral(", "));
}

void collectMenu(
    const QMenu *menu, const QString &where, QSet<const QAction *> &seen, QList<ShortcutsDialog::Entry> &entries)
{
    for (QAction *action : menu->actions()) {
        if (action->isSeparator())
            continue;
        if (QMenu *sub = action->menu()) {
            collectMenu(sub, where + QStringLiteral(" > ") + plainText(sub->title()), seen, entries);
            continue;
        }
        if (action->shortcuts().isEmpty() || seen.contains(action))
            continue;
        seen.insert(action);
        entries.append({ where, plainText(action->text()), keysOf(action) });
    }
}
} // namespace

QList<ShortcutsDialog::Entry> ShortcutsDialog::collect(const QMainWindow &window)
{
    QList<Entry> entries;
    QSet<const QAction *> seen;
    for (QAction *top : window.menuBar()->actions())
        if (const QMenu *menu = top->menu())
            collectMenu(menu, plainText(menu->title()), seen, entries);
    // Actions that live on widgets only (the timeline's keys, for example).
    for (const QAction *action : window.findChildren<QAction *>()) {
        if (action->shortcuts().isEmpty() || seen.contains(action) || action->menu())
            continue;
        seen.insert(action);
        entries.append({ tr("Window"), plainText(action->text()), keysOf(action) });
    }
    return entries;
}

ShortcutsDialog::ShortcutsDialog(const QMainWindow &window, QWidget *parent)
    : QDialog(parent)
{
    setWindowTitle(tr("Keyboard Shortcuts"));
    const QList<Entry> entries = collect(window);
    auto *table = new QTableWidget(int(entries.size()), 3, this);
    table->setObjectName(QStringLiteral("shortcutTable"));
    table->setHorizontalHeaderLabels({ tr("Menu"), tr("Command"), tr("Keys") });
    table->verticalHeader()->hide();
    table->verticalHeader()->setDefaultSectionSize(table->fontMetrics().height() + 8);
    table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    table->setSelectionBehavior(QAbstractItemView::SelectRows);
    table->setTabKeyNavigation(false);
    for (int row = 0; row < entries.size(); ++row) {
        table->setItem(row, 0, new QTableWidgetItem(entries.at(row).where));
        table->setItem(row, 1, new QTableWidgetItem(entries.at(row).command));
        table->setItem(row, 2, new QTableWidgetItem(entries.at(row).keys));
    }
    table->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    table->horizontalHeader()->setStretchLastSection(true);

    auto *filter = new QLineEdit(this);
    filter->setObjectName(QStringLiteral("shortcutFilter"));
    filter->setPlaceholderText(tr("Filter commands and keys"));
    filter->setClearButtonEnabled(true);
    connect(filter, &QLineEdit::textChanged, table, [table](const QString &text) {
        for (int row = 0; row < table->rowCount(); ++row) {
            bool match = text.isEmpty();
            for (int column = 0; column < 3 && !match; ++column)
                match = table->item(row, column)->text().contains(text, Qt::CaseInsensitive);
            table->setRowHidden(row, !match);
        }
    });

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(filter);
    layout->addWidget(table);
    layout->addWidget(buttons);
    resize(560, 480);
}
