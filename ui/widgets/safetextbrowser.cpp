#include "widgets/safetextbrowser.h"

#include "domain/recordhtml.h"

SafeTextBrowser::SafeTextBrowser(QWidget *parent)
    : QTextBrowser(parent)
{
    setOpenLinks(false);
    setOpenExternalLinks(false);
    connect(this, &QTextBrowser::anchorClicked, this, [this](const QUrl &url) {
        if (isOpenable(url))
            emit linkActivated(url);
        else
            emit linkRefused(url);
    });
}

bool SafeTextBrowser::isOpenable(const QUrl &url)
{
    return RecordHtml::isOpenable(url);
}

QVariant SafeTextBrowser::loadResource(int type, const QUrl &name)
{
    Q_UNUSED(type)
    Q_UNUSED(name)
    ++m_resourceRequests;
    return {};
}
