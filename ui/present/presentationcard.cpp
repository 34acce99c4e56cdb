#include "present/presentationcard.h"

#include "domain/countries.h"
#include "domain/enums.h"
#include "present/presentationtheme.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QMouseEvent>
#include <QPainter>
#include <QRegularExpression>
#include <QVBoxLayout>

using PresentationText::pixelFont;
using PresentationText::plainLabel;

namespace {

QString precisionText(Precision precision)
{
    switch (precision) {
    case Precision::Day:
        return PresentationCard::tr("to the day");
    case Precision::Month:
        return PresentationCard::tr("to the month");
    case Precision::Year:
        return PresentationCard::tr("to the year");
    }
    return {};
}

QString dateText(const Incident &incident)
{
    // As the detail pane writes dates ("15 July 2022"), not as the data stores them.
    QString date = incident.start.toDisplayString();
    if (incident.end.isValid() && incident.end.toDisplayString() != date)
        date += PresentationCard::tr(" to %1").arg(incident.end.toDisplayString());
    return PresentationCard::tr("%1 (dated %2)").arg(date, precisionText(incident.start.precision()));
}

QString attributionText(const Incident &incident)
{
    QString text = PresentationCard::tr("Attribution: %1").arg(Vocabulary::attributionLabel(incident.attribution));
    if (incident.attributedOn.isValid())
        text += PresentationCard::tr(" (%1)").arg(incident.attributedOn.toDisplayString());
    if (!incident.actor.isEmpty())
        text += PresentationCard::tr(" · %1").arg(incident.actor);
    return text;
}

// One line: the publishers, in the record's order (the full references are in the handout
// and the detail pane).
QString sourcesText(const Incident &incident)
{
    QStringList publishers;
    for (const Source &source : incident.sources) {
        const QString name = source.publisher.isEmpty() ? source.title : source.publisher;
        if (!publishers.contains(name))
            publishers << name;
    }
    return publishers.isEmpty() ? QString()
                                : PresentationCard::tr("Sources: %1").arg(publishers.join(QStringLiteral(", ")));
}

constexpr int s_maxCountriesPerRole = 3; // more are counted, not named, to keep one line
} // namespace

PresentationCard::PresentationCard(QWidget *parent)
    : QWidget(parent)
{
    setObjectName(QStringLiteral("presentationCard"));
    setAutoFillBackground(true);
    auto *layout = new QVBoxLayout(this);
    m_asideNote = plainLabel(this, QStringLiteral("cardAside"));
    m_asideNote->setText(tr("Aside · Esc or a click on this card returns to the story"));
    m_asideNote->hide();
    m_title = plainLabel(this, QStringLiteral("cardTitle"));
    m_date = plainLabel(this, QStringLiteral("cardDate"));
    m_countries = new QWidget(this);
    m_countries->setObjectName(QStringLiteral("cardCountries"));
    m_countriesLayout = new QHBoxLayout(m_countries);
    m_countriesLayout->setContentsMargins(0, 0, 0, 0);
    m_attribution = plainLabel(this, QStringLiteral("cardAttribution"));
    m_summary = plainLabel(this, QStringLiteral("cardSummary"));
    m_sources = plainLabel(this, QStringLiteral("cardSources"));
    m_sources->setWordWrap(false);
    for (QWidget *w : std::initializer_list<QWidget *> {
             m_asideNote, m_title, m_date, m_countries, m_attribution, m_summary, m_sources })
        layout->addWidget(w);
    layout->addStretch();
}

void PresentationCard::setTextSizes(int titlePx, int bodyPx)
{
    m_bodyPx = bodyPx;
    m_title->setFont(pixelFont(titlePx, true));
    for (QLabel *label : { m_asideNote, m_date, m_attribution, m_summary, m_sources })
        label->setFont(pixelFont(bodyPx, false));
    for (QLabel *label : m_countries->findChildren<QLabel *>())
        label->setFont(pixelFont(bodyPx, false));
}

void PresentationCard::setTheme(const PresentationTheme &theme)
{
    setPalette(theme.cardPalette(palette()));
    QPalette accent = palette();
    accent.setColor(QPalette::WindowText, theme.accent);
    m_asideNote->setPalette(accent);
    m_border = theme.cardBorder;
    update();
}

void PresentationCard::showIncident(const Incident &incident, bool aside)
{
    m_aside = aside;
    m_asideNote->setVisible(aside);
    m_title->setText(incident.title);
    m_date->setText(dateText(incident));
    fillCountries(incident);
    m_countries->show();
    m_attribution->setText(attributionText(incident));
    m_sourcesText = sourcesText(incident);
    elideSources();
    m_summary->setText(fittedSummary(incident.summary));
}

void PresentationCard::showMissing(const QString &heading, const QString &incidentId)
{
    m_aside = false;
    m_asideNote->hide();
    m_title->setText(heading);
    m_date->setText(tr("The record %1 is not in this document.").arg(incidentId));
    m_countries->hide();
    m_countriesText.clear();
    m_flagCodes.clear();
    m_attribution->clear();
    m_summary->clear();
    m_sources->clear();
    m_sourcesText.clear();
}

void PresentationCard::fillCountries(const Incident &incident)
{
    while (QLayoutItem *item = m_countriesLayout->takeAt(0)) {
        delete item->widget();
        delete item;
    }
    m_flagCodes.clear();
    m_countriesText.clear();
    addCountries(tr("Victim:"), incident.victims);
    if (!incident.attackers.isEmpty()) {
        m_countriesText += QStringLiteral(" · ");
        auto *separator = plainLabel(m_countries, QString());
        separator->setFont(pixelFont(m_bodyPx, false));
        separator->setText(QStringLiteral(" · "));
        m_countriesLayout->addWidget(separator);
        addCountries(tr("Attacker:"), incident.attackers);
    }
    m_countriesLayout->addStretch();
}

// "Victim:" and each country as its flag and name; the text form goes to text().
void PresentationCard::addCountries(const QString &role, const QStringList &codes)
{
    auto label = [this](const QString &text) {
        QLabel *l = plainLabel(m_countries, QString());
        l->setWordWrap(false);
        l->setFont(pixelFont(m_bodyPx, false));
        l->setText(text);
        m_countriesLayout->addWidget(l);
        return l;
    };
    label(role);
    QStringList names;
    const int flagHeight = m_bodyPx;
    const QSize flagSize(flagHeight * 4 / 3, flagHeight);
    const qreal dpr = devicePixelRatioF();
    for (int k = 0; k < codes.size() && k < s_maxCountriesPerRole; ++k) {
        const QString &code = codes.at(k);
        const QImage flag = m_flags.flag(code, flagSize * dpr);
        if (!flag.isNull()) {
            QPixmap pixmap = QPixmap::fromImage(flag);
            pixmap.setDevicePixelRatio(dpr);
            label(QString())->setPixmap(pixmap);
            m_flagCodes << code.toUpper();
        }
        names << Countries::instance().name(code);
        label(names.last());
    }
    if (codes.size() > s_maxCountriesPerRole) {
        const QString more = tr("and %n more", nullptr, int(codes.size() - s_maxCountriesPerRole));
        names << more;
        label(more);
    }
    m_countriesText += role + u' ' + names.join(QStringLiteral(", "));
}

QString PresentationCard::text() const
{
    QStringList lines;
    if (m_aside)
        lines << m_asideNote->text();
    lines << m_title->text() << m_date->text() << m_countriesText << m_attribution->text() << m_summary->text()
          << m_sourcesText;
    return lines.join(u'\n');
}

QFont PresentationCard::titleFont() const
{
    return m_title->font();
}

QFont PresentationCard::bodyFont() const
{
    return m_summary->font();
}

// As many whole sentences of the summary as fit the card at the presentation's text size,
// with an ellipsis when some are left out; the detail pane and the handout have it all.
QString PresentationCard::fittedSummary(const QString &summary) const
{
    const QMargins margins = layout()->contentsMargins();
    const int width = this->width() - margins.left() - margins.right();
    const int spacing = layout()->spacing() * 5;
    int room = height() - margins.top() - margins.bottom() - spacing;
    for (const QLabel *label : { m_title, m_date, m_attribution })
        room -= label->heightForWidth(width);
    room -= m_sources->sizeHint().height(); // one line
    room -= m_countries->isHidden() ? 0 : std::max(m_countries->sizeHint().height(), m_bodyPx + 8);
    if (m_aside)
        room -= m_asideNote->heightForWidth(width);
    const QFontMetrics metrics(m_summary->font());
    auto height = [&](const QString &text) {
        return metrics.boundingRect(QRect(0, 0, width, 100000), Qt::TextWordWrap, text).height();
    };
    if (height(summary) <= room)
        return summary;
    const QStringList sentences = summary.split(QRegularExpression(QStringLiteral("(?<=[.!?])\\s+")));
    QString fitted;
    for (const QString &sentence : sentences) {
        const QString longer = fitted.isEmpty() ? sentence : fitted + u' ' + sentence;
        if (height(longer + QStringLiteral(" …")) > room)
            break;
        fitted = longer;
    }
    if (!fitted.isEmpty())
        return fitted + QStringLiteral(" …");
    // Not even the first sentence fits: as many of its words as do.
    const QStringList words = sentences.value(0).split(u' ');
    for (qsizetype n = words.size() - 1; n > 0; --n) {
        const QString shorter = QStringList(words.mid(0, n)).join(u' ') + QStringLiteral(" …");
        if (height(shorter) <= room)
            return shorter;
    }
    return metrics.elidedText(summary, Qt::ElideRight, width);
}

// The sources on one line, cut with an ellipsis when the publishers are many.
void PresentationCard::elideSources()
{
    const QMargins margins = layout()->contentsMargins();
    const int width = this->width() - margins.left() - margins.right();
    m_sources->setText(QFontMetrics(m_sources->font()).elidedText(m_sourcesText, Qt::ElideRight, width));
    m_sources->setToolTip(m_sourcesText);
}

void PresentationCard::resizeEvent(QResizeEvent *event)
{
    QWidget::resizeEvent(event);
    elideSources();
}

void PresentationCard::mouseReleaseEvent(QMouseEvent *event)
{
    if (m_aside && event->button() == Qt::LeftButton) {
        emit returnRequested();
        event->accept();
        return;
    }
    QWidget::mouseReleaseEvent(event);
}

void PresentationCard::paintEvent(QPaintEvent *event)
{
    QWidget::paintEvent(event);
    if (m_border.alpha() == 0)
        return;
    QPainter painter(this);
    painter.setPen(QPen(m_border, 3));
    painter.drawRect(rect().adjusted(1, 1, -2, -2));
}
