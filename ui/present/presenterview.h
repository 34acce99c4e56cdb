#pragma once

#include "story/story.h"

#include <QElapsedTimer>
#include <QWidget>

class QLabel;
class QTimer;

// The presenter's screen when presentation mode has a second screen: the current step's
// heading and notes in large type, the next step's heading, the time of day and the time
// since the presentation began. Keys typed here drive the presentation (the laptop keeps the
// keyboard focus); all text is plain text.
class PresenterView : public QWidget
{
    Q_OBJECT
public:
    PresenterView(Story story, QWidget *presentation, QWidget *parent = nullptr);

    void setStep(int step); // 0-based
    void setTextSize(int bodyPx); // the notes; headings are larger
    QString currentText() const;
    QString nextText() const;
    QString notesText() const;
    QString clockText() const;
    QString elapsedText() const;

protected:
    void keyPressEvent(QKeyEvent *event) override;

private:
    void tick();

    Story m_story;
    QWidget *m_presentation;
    QElapsedTimer m_elapsed;
    QTimer *m_timer;
    QLabel *m_current;
    QLabel *m_notes;
    QLabel *m_next;
    QLabel *m_clock;
    QLabel *m_elapsedLabel;
};
