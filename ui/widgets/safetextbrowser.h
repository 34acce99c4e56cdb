#pragma once

#include <QTextBrowser>

// A QTextBrowser for text built from untrusted data: it never loads a resource (no images,
// no style sheets, no files), never follows a link itself, and hands only http(s) links with
// a host to linkActivated(); every other scheme (javascript:, file:, data:, smb:, custom
// handlers) is refused through linkRefused(), so a record cannot make the system open a
// local file or start a program.
class SafeTextBrowser : public QTextBrowser
{
    Q_OBJECT
public:
    explicit SafeTextBrowser(QWidget *parent = nullptr);

    static bool isOpenable(const QUrl &url); // http or https with a host (RecordHtml::isOpenable)

    QVariant loadResource(int type, const QUrl &name) override;
    int resourceRequests() const { return m_resourceRequests; }

signals:
    void linkActivated(const QUrl &url);
    void linkRefused(const QUrl &url);

private:
    int m_resourceRequests = 0;
};
