#pragma once

#include <QDialog>

// Help > About Faultline: the program's version, the bundled dataset's version and date, and the
// licences of the data and of Qt. Plain text only.
class AboutDialog : public QDialog
{
    Q_OBJECT
public:
    static QString text();
    explicit AboutDialog(QWidget *parent = nullptr);
};
