#include "editor/articledialog.h"

#include "draft/articlereader.h"

#include <QDialogButtonBox>
#include <QDir>
#include <QFile>
#include <QFileDialog>
#include <QFileInfo>
#include <QLabel>
#include <QMessageBox>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QShortcut>
#include <QVBoxLayout>

ArticleDialog::ArticleDialog(QWidget *parent)
    : QDialog(parent)
    , m_text(new QPlainTextEdit(this))
{
    setWindowTitle(tr("New Incident from Article"));
    auto *intro = new QLabel(tr("Paste the text of a news article, as copied or saved from a browser, or open a saved "
                                ".txt or .html file. Faultline proposes a record from it; you check each field."),
        this);
    intro->setWordWrap(true);
    intro->setTextFormat(Qt::PlainText);
    m_text->setObjectName(QStringLiteral("articleText"));
    m_text->setAccessibleName(tr("Article text"));
    m_text->setPlaceholderText(tr("Article text"));
    m_text->setTabChangesFocus(true); // Tab moves on to the buttons; a pasted article keeps its own tabs
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Cancel, this);
    m_draft = buttons->addButton(tr("Draft Record"), QDialogButtonBox::AcceptRole);
    m_draft->setEnabled(false);
    QPushButton *open = buttons->addButton(tr("Open File…"), QDialogButtonBox::ActionRole);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(intro);
    layout->addWidget(m_text, 1);
    layout->addWidget(buttons);
    resize(640, 480);
    m_draft->setToolTip(tr("Draft a record from the article (Ctrl+Return)"));
    auto *draft = new QShortcut(QKeySequence(Qt::CTRL | Qt::Key_Return), this);
    connect(draft, &QShortcut::activated, this, [this] {
        if (m_draft->isEnabled())
            accept();
    });
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_text, &QPlainTextEdit::textChanged, this, [this] {
        m_fileBytes.clear();
        m_draft->setEnabled(!m_text->toPlainText().trimmed().isEmpty());
    });
    connect(open, &QPushButton::clicked, this, [this] {
        const QString path = QFileDialog::getOpenFileName(
            this, tr("Open Article"), QDir::homePath(), tr("Articles (*.txt *.html *.htm);;All files (*)"));
        QString error;
        if (!path.isEmpty() && !readFile(path, &error))
            QMessageBox::warning(this, tr("Cannot read the article"), error);
    });
}

bool ArticleDialog::readFile(const QString &path, QString *errorMessage)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        if (errorMessage)
            *errorMessage = tr("%1: %2").arg(QFileInfo(path).fileName(), file.errorString());
        return false;
    }
    const QByteArray bytes = file.read(ArticleReader::maxInputBytes);
    m_text->setPlainText(QString::fromUtf8(bytes));
    m_fileBytes = bytes; // after setPlainText, which clears it
    return true;
}

QByteArray ArticleDialog::articleBytes() const
{
    return m_fileBytes.isEmpty() ? m_text->toPlainText().toUtf8() : m_fileBytes;
}
