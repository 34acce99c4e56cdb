#include "present/presenterview.h"

#include "present/presentationtheme.h"

#include <QCoreApplication>
#include <QGridLayout>
#include <QKeyEvent>
#include <QLabel>
#include <QTime>
#include <QTimer>

using PresentationText::pixelFont;
using PresentationText::plainLabel;

PresenterView::PresenterView(Story story, QWidget *presentation, QWidget *parent)
    : QWidget(parent, Qt::Window)
    , m_story(std::move(story))
    , m_presentation(presentation)
    , m_timer(new QTimer(this))
{
    setObjectName(QStringLiteral("presenterView"));
    setWindowTitle(tr("Presenter view — %1").arg(m_story.name));
    setFocusPolicy(Qt::StrongFocus);
    setAutoFillBackground(true);
    QPalette dark = palette();
    dark.setColor(QPalette::Window, QColor(0x10, 0x10, 0x10));
    dark.setColor(QPalette::WindowText, QColor(0xf0, 0xf0, 0xf0));
    setPalette(dark);
    m_current = plainLabel(this, QStringLiteral("presenterCurrent"));
    m_notes = plainLabel(this, QStringLiteral("presenterNotes"));
    m_notes->setAlignment(Qt::AlignTop | Qt::AlignLeft);
    m_next = plainLabel(this, QStringLiteral("presenterNext"));
    QPalette muted = palette();
    muted.setColor(QPalette::WindowText, QColor(0xa8, 0xa8, 0xa8));
    m_next->setPalette(muted);
    m_clock = plainLabel(this, QStringLiteral("presenterClock"), false);
    m_elapsedLabel = plainLabel(this, QStringLiteral("presenterElapsed"), false);
    QPalette accent = palette();
    accent.setColor(QPalette::WindowText, QColor(0xff, 0xd0, 0x40));
    m_elapsedLabel->setPalette(accent);
    auto *grid = new QGridLayout(this);
    grid->setContentsMargins(32, 24, 32, 24);
    grid->addWidget(m_current, 0, 0);
    grid->addWidget(m_clock, 0, 1, Qt::AlignRight | Qt::AlignTop);
    grid->addWidget(m_notes, 1, 0, 1, 2);
    grid->addWidget(m_next, 2, 0);
    grid->addWidget(m_elapsedLabel, 2, 1, Qt::AlignRight | Qt::AlignBottom);
    grid->setRowStretch(1, 1);
    grid->setColumnStretch(0, 1);
    setTextSize(32);
    m_elapsed.start();
    m_timer->setInterval(1000);
    connect(m_timer, &QTimer::timeout, this, &PresenterView::tick);
    m_timer->start();
    tick();
}

void PresenterView::setTextSize(int bodyPx)
{
    m_notes->setFont(pixelFont(bodyPx, false));
    m_current->setFont(pixelFont(bodyPx * 3 / 2, true));
    m_next->setFont(pixelFont(bodyPx, false));
    m_clock->setFont(pixelFont(bodyPx * 3 / 2, true));
    m_elapsedLabel->setFont(pixelFont(bodyPx * 3 / 2, true));
}

void PresenterView::setStep(int step)
{
    const int count = int(m_story.steps.size());
    if (step < 0 || step >= count) {
        m_current->setText(tr("This story has no steps yet"));
        m_notes->clear();
        m_next->clear();
        return;
    }
    const StoryStep &current = m_story.steps.at(step);
    m_current->setText(tr("Step %1 of %2: %3").arg(step + 1).arg(count).arg(current.heading));
    m_notes->setText(current.notes.isEmpty() ? tr("(no notes for this step)") : current.notes);
    m_next->setText(
        step + 1 < count ? tr("Next: %1").arg(m_story.steps.at(step + 1).heading) : tr("Next: the end of the story"));
}

QString PresenterView::currentText() const
{
    return m_current->text();
}

QString PresenterView::nextText() const
{
    return m_next->text();
}

QString PresenterView::notesText() const
{
    return m_notes->text();
}

QString PresenterView::clockText() const
{
    return m_clock->text();
}

QString PresenterView::elapsedText() const
{
    return m_elapsedLabel->text();
}

void PresenterView::tick()
{
    m_clock->setText(QTime::currentTime().toString(QStringLiteral("HH:mm")));
    const qint64 seconds = m_elapsed.elapsed() / 1000;
    m_elapsedLabel->setText(tr("%1:%2:%3 elapsed")
                                .arg(seconds / 3600)
                                .arg(seconds / 60 % 60, 2, 10, QLatin1Char('0'))
                                .arg(seconds % 60, 2, 10, QLatin1Char('0')));
}

void PresenterView::keyPressEvent(QKeyEvent *event)
{
    // The presentation's keys work from the presenter's screen too.
    QKeyEvent copy(event->type(), event->key(), event->modifiers(), event->text());
    QCoreApplication::sendEvent(m_presentation, &copy);
    event->accept();
}
