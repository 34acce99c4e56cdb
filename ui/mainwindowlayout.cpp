// The main window's layout on the screen: the first size and the restored geometry kept on
// the screen, the Tab order, and the View actions that change the layout (the table shown or
// collapsed, full screen, text size).
#include "import/bundleddataset.h"
#include "mainwindow.h"
#include "panes/detailpane.h"
#include "panes/filterpane.h"
#include "timeline/timelineview.h"
#include "window/screenfit.h"

#include <QAction>
#include <QApplication>
#include <QDockWidget>
#include <QHeaderView>
#include <QLineEdit>
#include <QMenu>
#include <QScreen>
#include <QSettings>
#include <QSplitter>
#include <QStyle>
#include <QTableView>

namespace {
QPalette darkPalette()
{
    QPalette p;
    const QColor window(0x2b, 0x2d, 0x30), base(0x1e, 0x1f, 0x22), text(0xe8, 0xe8, 0xe8);
    for (const auto role : { QPalette::Window, QPalette::Button })
        p.setColor(role, window);
    p.setColor(QPalette::Base, base);
    p.setColor(QPalette::AlternateBase, QColor(0x26, 0x28, 0x2b));
    p.setColor(QPalette::ToolTipBase, QColor(0x3a, 0x3c, 0x40));
    for (const auto role : { QPalette::WindowText, QPalette::Text, QPalette::ButtonText, QPalette::ToolTipText })
        p.setColor(role, text);
    p.setColor(QPalette::PlaceholderText, QColor(0x9a, 0x9a, 0x9a));
    p.setColor(QPalette::Highlight, QColor(0x2f, 0x6f, 0xb5));
    p.setColor(QPalette::HighlightedText, Qt::white);
    p.setColor(QPalette::Link, QColor(0x7a, 0xb7, 0xff));
    p.setColor(QPalette::Disabled, QPalette::Text, QColor(0x80, 0x80, 0x80));
    p.setColor(QPalette::Disabled, QPalette::WindowText, QColor(0x80, 0x80, 0x80));
    p.setColor(QPalette::Disabled, QPalette::ButtonText, QColor(0x80, 0x80, 0x80));
    return p;
}
} // namespace

void MainWindow::setUpTabOrder()
{
    // Tab goes round the window in reading order: search, filters, timeline, table, the
    // incident, and back to the search. Tab never changes the current incident.
    QList<QWidget *> order { m_search };
    order += m_filterPane->focusOrder();
    order += { m_timeline, m_table };
    order += m_detail->focusOrder();
    for (qsizetype i = 1; i < order.size(); ++i)
        setTabOrder(order.at(i - 1), order.at(i));
    setTabOrder(order.constLast(), m_search);
}

void MainWindow::restoreWindowGeometry()
{
    QSettings settings;
    restoreGeometry(settings.value(QStringLiteral("window/geometry")).toByteArray());
    restoreState(settings.value(QStringLiteral("window/state")).toByteArray());
    m_splitter->restoreState(settings.value(QStringLiteral("window/splitter")).toByteArray());
    if (!settings.contains(QStringLiteral("window/geometry"))) {
        // The first size fits the screen; on a laptop the panes share what there is.
        const QRect available = screen() ? screen()->availableGeometry() : QRect();
        const QSize size = ScreenFit::firstSize(QSize(1500, 940), available);
        resize(size);
        m_splitter->setSizes({ size.height() * 6 / 10, size.height() * 4 / 10 });
        resizeDocks({ findChild<QDockWidget *>(QStringLiteral("detailDock")),
                        findChild<QDockWidget *>(QStringLiteral("filterDock")) },
            { std::min(430, size.width() * 27 / 100), std::min(260, size.width() * 18 / 100) }, Qt::Horizontal);
    }
    // A geometry saved on a larger screen is brought inside this one.
    ScreenFit::clampToScreen(this);
}

void MainWindow::addLayoutActions(QMenu *view)
{
    // The table below the timeline can be dragged shut; this brings it back (or closes it).
    m_tableAction = view->addAction(tr("&Table"));
    m_tableAction->setCheckable(true);
    m_tableAction->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_T));
    m_tableAction->setChecked(true);
    connect(m_tableAction, &QAction::toggled, this, &MainWindow::setTableShown);
    connect(m_splitter, &QSplitter::splitterMoved, this, [this] {
        const QSignalBlocker block(m_tableAction);
        m_tableAction->setChecked(m_splitter->sizes().value(1) > 0);
    });
    view->addSeparator();
    QAction *fullScreen = view->addAction(tr("&Full Screen"));
    fullScreen->setCheckable(true);
    fullScreen->setShortcut(QKeySequence(Qt::Key_F11));
    connect(fullScreen, &QAction::toggled, this, [this](bool on) {
        if (on)
            showFullScreen();
        else
            showNormal();
    });
    // A dark palette whatever the desktop's; the timeline follows the palette.
    QAction *dark = view->addAction(tr("&Dark Theme"));
    dark->setCheckable(true);
    connect(dark, &QAction::toggled, this, [](bool on) {
        QSettings().setValue(QStringLiteral("window/dark"), on);
        QApplication::setPalette(on ? darkPalette() : QApplication::style()->standardPalette());
    });
    dark->setChecked(QSettings().value(QStringLiteral("window/dark"), false).toBool());
    QMenu *text = view->addMenu(tr("Text &Size"));
    // Ctrl++ and Ctrl+- (the timeline's own + and - zoom it); window-wide, unlike those.
    text->addAction(tr("&Larger"), QKeySequence::ZoomIn, this, [this] { setTextScale(m_textScale + 0.1); });
    text->addAction(tr("&Smaller"), QKeySequence::ZoomOut, this, [this] { setTextScale(m_textScale - 0.1); });
    text->addAction(tr("&Normal"), QKeySequence(Qt::CTRL | Qt::Key_0), this, [this] { setTextScale(1.0); });
    setTextScale(QSettings().value(QStringLiteral("window/textScale"), 1.0).toDouble());
}

bool MainWindow::isTableShown() const
{
    return m_splitter->sizes().value(1) > 0;
}

void MainWindow::setTableShown(bool shown)
{
    if (shown == isTableShown()) {
        const QSignalBlocker block(m_tableAction);
        m_tableAction->setChecked(shown);
        return;
    }
    const int total = std::max(2, m_splitter->height());
    m_splitter->setSizes(shown ? QList<int> { total * 6 / 10, total * 4 / 10 } : QList<int> { total, 0 });
    const QSignalBlocker block(m_tableAction);
    m_tableAction->setChecked(shown);
}

void MainWindow::setTextScale(double scale)
{
    m_textScale = std::clamp(std::round(scale * 10) / 10, 0.7, 2.0);
    QFont f = QApplication::font();
    if (f.pointSizeF() > 0)
        f.setPointSizeF(f.pointSizeF() * m_textScale);
    else
        f.setPixelSize(std::max(6, int(f.pixelSize() * m_textScale)));
    // Panes and table alike; the timeline draws with its own theme's sizes.
    for (QWidget *w : { static_cast<QWidget *>(m_filterPane), static_cast<QWidget *>(m_detail),
             static_cast<QWidget *>(m_table), static_cast<QWidget *>(m_search) })
        w->setFont(f);
    m_table->verticalHeader()->setDefaultSectionSize(QFontMetrics(f).height() + 8);
    QSettings().setValue(QStringLiteral("window/textScale"), m_textScale);
}

void MainWindow::addBundledDataset()
{
    // Records already in the document are left unchanged; the user's notes are kept.
    importFiles(BundledDataset::files());
}

void MainWindow::showEvent(QShowEvent *event)
{
    QMainWindow::showEvent(event);
    // The first show knows the frame and the screen the window really opens on.
    if (!m_shown) {
        m_shown = true;
        ScreenFit::clampToScreen(this);
    }
}
