#include "help/aboutdialog.h"

#include "import/bundleddataset.h"

#include <QApplication>
#include <QDialogButtonBox>
#include <QLabel>
#include <QLocale>
#include <QMessageBox>
#include <QPushButton>
#include <QVBoxLayout>

QString AboutDialog::text()
{
    const BundledDataset::Release release = BundledDataset::release();
    const QLocale locale;
    const QDate coversTo = QDate::fromString(release.coversTo, QStringLiteral("yyyy-MM"));
    const QString coversToText
        = coversTo.isValid() ? locale.toString(coversTo, QStringLiteral("MMMM yyyy")) : release.coversTo;
    QStringList lines;
    lines << tr("Faultline %1").arg(QCoreApplication::applicationVersion());
    lines << tr("An offline timeline of cyber incidents, by country and date.");
    lines << QString();
    lines << tr("Bundled dataset: version %1, released %2, with records up to %3.")
                 .arg(release.version, locale.toString(release.released, QLocale::LongFormat), coversToText);
    lines << tr("The dataset is released under the Creative Commons Attribution 4.0 licence (CC BY 4.0); "
                "credit it as \"Faultline contributors, Faultline significant cyber incidents dataset\". "
                "The sources it cites belong to their publishers.");
    lines << QString();
    lines << tr("Built with Qt %1 (running on Qt %2), used under the GNU LGPL version 3, and SQLite, "
                "which is in the public domain. Country names come from Debian's iso-codes, flags from "
                "iso-flags-svg.")
                 .arg(QStringLiteral(QT_VERSION_STR), QString::fromLatin1(qVersion()));
    return lines.join(QLatin1Char('\n'));
}

AboutDialog::AboutDialog(QWidget *parent)
    : QDialog(parent)
{
    setWindowTitle(tr("About Faultline"));
    auto *label = new QLabel(text(), this);
    label->setObjectName(QStringLiteral("aboutText"));
    label->setTextFormat(Qt::PlainText);
    label->setWordWrap(true);
    label->setTextInteractionFlags(Qt::TextSelectableByMouse | Qt::TextSelectableByKeyboard);

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    QPushButton *aboutQt = buttons->addButton(tr("About &Qt"), QDialogButtonBox::HelpRole);
    connect(aboutQt, &QPushButton::clicked, this, [this] { QMessageBox::aboutQt(this); });
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(label);
    layout->addWidget(buttons);
    setMinimumWidth(440);
}
