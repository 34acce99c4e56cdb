#include "present/presentationtheme.h"

#include <QLabel>
#include <QSettings>

namespace {
const QString s_settingKey = QStringLiteral("presentation/highContrast");
} // namespace

QPalette PresentationTheme::palette(const QPalette &base) const
{
    QPalette p = base;
    p.setColor(QPalette::Window, window);
    p.setColor(QPalette::WindowText, text);
    p.setColor(QPalette::Text, text);
    p.setColor(QPalette::Base, window);
    return p;
}

QPalette PresentationTheme::cardPalette(const QPalette &base) const
{
    QPalette p = palette(base);
    p.setColor(QPalette::Window, card);
    return p;
}

PresentationTheme PresentationTheme::normal()
{
    PresentationTheme t;
    t.window = QColor(0x10, 0x14, 0x1a);
    t.text = QColor(0xf4, 0xf4, 0xf0);
    t.card = QColor(0x1c, 0x22, 0x2b);
    t.cardBorder = Qt::transparent;
    t.accent = QColor(0x4d, 0xa3, 0xff);
    t.timeline = Theme::darkTheme();
    t.timeline.background = t.window;
    t.timeline.headerBackground = QColor(0x16, 0x1b, 0x22);
    return t;
}

PresentationTheme PresentationTheme::highContrastTheme()
{
    PresentationTheme t;
    t.highContrast = true;
    t.window = Qt::black;
    t.text = Qt::white;
    t.card = Qt::black;
    t.cardBorder = Qt::white;
    t.accent = QColor(0xff, 0xe0, 0x00);
    Theme &m = t.timeline;
    m = Theme::darkTheme();
    m.background = Qt::black;
    m.headerBackground = Qt::black;
    m.rowBand = QColor(0xff, 0xff, 0xff, 0x18);
    m.text = Qt::white;
    m.mutedText = QColor(0xe0, 0xe0, 0xe0);
    m.grid = QColor(0x70, 0x70, 0x70);
    m.gridMajor = QColor(0xc0, 0xc0, 0xc0);
    m.axisLine = Qt::white;
    m.density = Qt::white;
    m.clusterText = Qt::black;
    m.hover = Qt::white;
    m.selection = QColor(0xff, 0xe0, 0x00);
    // The type colours stay the dark theme's: made for a dark ground and distinct for
    // colour-blind viewers, which more saturation would undo.
    return t;
}

bool PresentationTheme::highContrastSetting()
{
    return QSettings().value(s_settingKey, false).toBool();
}

void PresentationTheme::setHighContrastSetting(bool on)
{
    QSettings().setValue(s_settingKey, on);
}

QLabel *PresentationText::plainLabel(QWidget *parent, const QString &objectName, bool wrap)
{
    auto *label = new QLabel(parent);
    label->setObjectName(objectName);
    label->setTextFormat(Qt::PlainText);
    label->setWordWrap(wrap);
    return label;
}

QFont PresentationText::pixelFont(int px, bool bold)
{
    QFont font;
    font.setPixelSize(px);
    font.setBold(bold);
    return font;
}
