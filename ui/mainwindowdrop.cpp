#include "document/documentcontroller.h"
#include "editor/recordactions.h"
#include "mainwindow.h"

#include <QDragEnterEvent>
#include <QDropEvent>
#include <QFileInfo>
#include <QMimeData>
#include <QUrl>

// Files dropped on the window: imported, or with Alt one saved article opened in New Incident
// from Article.

QStringList MainWindow::droppableFiles(const QMimeData *mime)
{
    QStringList files;
    if (!mime || !mime->hasUrls())
        return files;
    for (const QUrl &url : mime->urls()) {
        // Faultline is offline: a dropped web address is never fetched.
        if (!url.isLocalFile())
            continue;
        const QFileInfo info(url.toLocalFile());
        if (info.isFile() || info.isDir()) // a folder imports every file in it; never a pipe or device
            files << info.absoluteFilePath();
    }
    return files;
}

QString MainWindow::droppedArticle(const QMimeData *mime)
{
    const QStringList files = droppableFiles(mime);
    if (files.size() != 1 || mime->urls().size() != 1)
        return {};
    const QFileInfo info(files.first());
    const QString suffix = info.suffix().toLower();
    const bool article = suffix == u"txt" || suffix == u"html" || suffix == u"htm";
    return article && info.isFile() ? files.first() : QString();
}

void MainWindow::dragEnterEvent(QDragEnterEvent *event)
{
    // An article is a regular file too: accepted here, and Alt is read when it is dropped.
    if (m_document->isOpen() && !m_document->isReadOnly() && !droppableFiles(event->mimeData()).isEmpty())
        event->acceptProposedAction();
}

void MainWindow::dropEvent(QDropEvent *event)
{
    if (event->modifiers().testFlag(Qt::AltModifier)) {
        const QString article = droppedArticle(event->mimeData());
        if (!article.isEmpty() && m_document->isOpen() && !m_document->isReadOnly()) {
            event->acceptProposedAction();
            m_records->openArticleDialog(article);
            return;
        }
    }
    const QStringList files = droppableFiles(event->mimeData());
    if (files.isEmpty())
        return;
    event->acceptProposedAction();
    importFiles(files);
}
