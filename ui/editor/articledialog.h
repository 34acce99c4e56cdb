#pragma once

#include <QDialog>

class QPlainTextEdit;
class QPushButton;

// Edit > New Incident from Article…: the text of a news article, pasted or read from a saved
// .txt or .html file, for the article reader (ArticleReader) to draft a record from. Reading
// a file only reads its bytes; nothing is fetched or rendered.
class ArticleDialog : public QDialog
{
    Q_OBJECT
public:
    explicit ArticleDialog(QWidget *parent = nullptr);

    // What the reader gets: the pasted text, or the bytes of the file read (UTF-8 or UTF-16).
    QByteArray articleBytes() const;
    QPlainTextEdit *textEdit() const { return m_text; }
    bool readFile(const QString &path, QString *errorMessage = nullptr);

private:
    QPlainTextEdit *m_text;
    QPushButton *m_draft;
    QByteArray m_fileBytes; // when a file was read and not edited since
};
