#include "present/presentation.h"

#include "present/presentationcard.h"
#include "present/presentationstage.h"
#include "present/presentationtheme.h"
#include "present/presenterview.h"
#include "present/screenplan.h"
#include "query/filterengine.h"
#include "story/stagerows.h"
#include "views/savedviews.h"

#include <QAction>
#include <QGuiApplication>
#include <QKeyEvent>
#include <QLabel>
#include <QScreen>
#include <QThreadPool>
#include <QTimer>
#include <QVariantAnimation>
#include <QtConcurrent>
using PresentationText::pixelFont;
using PresentationText::plainLabel;

Presentation::Presentation(
    Story story, std::shared_ptr<const IncidentColumns> columns, IncidentLookup lookup, QWidget *parent)
    : QWidget(parent, Qt::Window)
    , m_story(std::move(story))
    , m_columns(std::move(columns))
    , m_lookup(std::move(lookup))
    , m_theme(PresentationTheme::forSetting(PresentationTheme::highContrastSetting()))
    , m_animation(new QVariantAnimation(this))
    , m_prepareTimer(new QTimer(this))
    , m_workers(new QThreadPool(this))
{
    setObjectName(QStringLiteral("presentation"));
    setWindowTitle(tr("%1 — Faultline").arg(m_story.name));
    setAttribute(Qt::WA_DeleteOnClose);
    setFocusPolicy(Qt::StrongFocus);
    setAutoFillBackground(true);
    if (!m_columns)
        m_columns = std::make_shared<IncidentColumns>();
    createWidgets();
    applyTheme();
    auto *own = new QAction(tr("High-Contrast Presentation"), this);
    own->setCheckable(true);
    own->setChecked(m_theme.highContrast);
    useHighContrastAction(own);
    m_animation->setDuration(s_animationMs);
    m_animation->setEasingCurve(QEasingCurve::InOutCubic);
    m_animation->setStartValue(0.0);
    m_animation->setEndValue(1.0);
    connect(m_animation, &QVariantAnimation::valueChanged, this,
        [this](const QVariant &value) { m_stage->setProgress(value.toDouble()); });
    // Once a step has arrived, the rows of its neighbours are built while the presenter talks:
    // one worker, started after the last frame is drawn so it never competes with a frame.
    m_workers->setMaxThreadCount(1);
    m_prepareTimer->setSingleShot(true);
    m_prepareTimer->setInterval(s_prepareDelayMs);
    connect(m_prepareTimer, &QTimer::timeout, this, &Presentation::prepareNeighbours);
    connect(m_animation, &QVariantAnimation::finished, m_prepareTimer, qOverload<>(&QTimer::start));
}

Presentation::~Presentation()
{
    m_workers->waitForDone(); // its tasks hold their own columns, but not past the window
}

void Presentation::createWidgets()
{
    m_stage = new PresentationStage(this);
    m_stage->setColumns(m_columns);
    connect(m_stage, &PresentationStage::incidentClicked, this, &Presentation::showAside);
    m_card = new PresentationCard(this);
    connect(m_card, &PresentationCard::returnRequested, this, &Presentation::returnToStory);
    m_heading = plainLabel(this, QStringLiteral("presentationHeading"));
    m_progress = plainLabel(this, QStringLiteral("presentationProgress"));
    m_notes = plainLabel(this, QStringLiteral("presentationNotes"));
    m_notes->setAutoFillBackground(true);
    m_notes->setAlignment(Qt::AlignTop | Qt::AlignLeft);
    m_notes->setMargin(24);
    m_notes->hide();
    m_blank = new QWidget(this);
    m_blank->setObjectName(QStringLiteral("presentationBlank"));
    m_blank->setAutoFillBackground(true);
    QPalette black = palette();
    black.setColor(QPalette::Window, Qt::black);
    m_blank->setPalette(black);
    m_blank->hide();
}

void Presentation::applyTheme()
{
    setPalette(m_theme.palette(palette()));
    m_card->setTheme(m_theme);
    QPalette notes = m_theme.palette(palette());
    // Opaque: the card's large type showing through made the notes hard to read.
    notes.setColor(QPalette::Window, Qt::black);
    m_notes->setPalette(notes);
    m_stage->setTimelineTheme(m_theme.timeline);
}

void Presentation::setHighContrast(bool on)
{
    if (m_contrastAction)
        m_contrastAction->setChecked(on);
}

void Presentation::useHighContrastAction(QAction *action)
{
    if (!action || action == m_contrastAction)
        return;
    if (m_contrastAction) {
        disconnect(m_contrastAction, nullptr, this, nullptr);
        if (m_contrastAction->parent() == this)
            delete m_contrastAction.data();
    }
    m_contrastAction = action;
    action->setCheckable(true);
    connect(action, &QAction::toggled, this, &Presentation::followContrastAction);
    followContrastAction(action->isChecked());
}

void Presentation::followContrastAction(bool on)
{
    if (on != PresentationTheme::highContrastSetting())
        PresentationTheme::setHighContrastSetting(on);
    if (on == m_theme.highContrast)
        return;
    m_theme = PresentationTheme::forSetting(on);
    applyTheme();
}

void Presentation::start()
{
    // The audience's screen is the one the plan chooses; the presenter's is the window's.
    QScreen *origin = parentWidget() ? parentWidget()->screen() : this->screen();
    const QList<QScreen *> screens = QGuiApplication::screens();
    QList<QRect> geometries;
    for (const QScreen *screen : screens)
        geometries << screen->geometry();
    const ScreenPlan plan = ScreenPlan::choose(geometries, int(screens.indexOf(origin)));
    ScreenPlan::showFullScreenOn(this, plan.audience >= 0 ? screens.at(plan.audience) : origin);
    if (plan.hasPresenterView())
        showPresenterView(screens.at(plan.presenter));
    else
        activateWindow();
    setFocus();
    relayout();
    goTo(0);
}

PresenterView *Presentation::showPresenterView(QScreen *screen)
{
    if (!m_presenter) {
        m_presenter = new PresenterView(m_story, this, this);
        m_presenter->setAttribute(Qt::WA_DeleteOnClose);
        connect(this, &Presentation::stepChanged, m_presenter.data(), &PresenterView::setStep);
    }
    if (screen)
        m_presenter->setTextSize(PresentationLayout::forSize(screen->size()).bodyPx);
    m_presenter->setStep(m_step);
    ScreenPlan::showFullScreenOn(m_presenter, screen);
    m_presenter->activateWindow();
    m_presenter->setFocus();
    return m_presenter;
}

PresenterView *Presentation::presenterView() const
{
    return m_presenter;
}

void Presentation::relayout()
{
    m_layout = PresentationLayout::forSize(size());
    m_card->setTextSizes(m_layout.titlePx, m_layout.bodyPx);
    m_notes->setFont(pixelFont(m_layout.bodyPx, false));
    m_heading->setFont(pixelFont(m_layout.titlePx, true));
    m_progress->setFont(pixelFont(m_layout.progressPx, false));
    m_card->setGeometry(m_layout.card);
    m_heading->setGeometry(m_layout.heading);
    m_progress->setGeometry(m_layout.progress);
    m_notes->setGeometry(m_layout.notes);
    m_blank->setGeometry(rect());
    const bool incident = m_step < stepCount() && m_story.steps.at(m_step).isIncident();
    m_stage->setScale(m_layout.stageScale);
    m_stage->setGeometry(incident ? m_layout.timelineWithCard : m_layout.timelineFull);
    m_card->raise();
    m_notes->raise();
    m_blank->raise();
}

void Presentation::resizeEvent(QResizeEvent *event)
{
    QWidget::resizeEvent(event);
    relayout();
}

void Presentation::closeEvent(QCloseEvent *event)
{
    m_animation->stop();
    if (m_presenter)
        m_presenter->close();
    emit finished();
    QWidget::closeEvent(event);
}

bool Presentation::isBlank() const
{
    return m_blank->isVisible();
}

bool Presentation::notesShown() const
{
    return m_notes->isVisible();
}

bool Presentation::isAnimating() const
{
    return m_animation->state() == QAbstractAnimation::Running;
}

bool Presentation::isAside() const
{
    return m_card->isAside() && !m_card->isHidden();
}

QString Presentation::cardText() const
{
    return m_card->isHidden() ? QString() : m_card->text();
}

QString Presentation::headingText() const
{
    return m_heading->isHidden() ? QString() : m_heading->text();
}

QString Presentation::progressText() const
{
    return m_progress->text();
}

QFont Presentation::titleFont() const
{
    return m_card->titleFont();
}

QFont Presentation::bodyFont() const
{
    return m_card->bodyFont();
}

void Presentation::goTo(int step)
{
    if (stepCount() == 0) {
        m_progress->setText(tr("This story has no steps yet"));
        m_card->hide();
        m_heading->hide();
        emit stepChanged(-1);
        return;
    }
    m_step = qBound(0, step, stepCount() - 1);
    m_jump.clear();
    m_prepareTimer->stop();
    showStep();
    emit stepChanged(m_step);
}

void Presentation::showStep()
{
    const StoryStep &step = m_story.steps.at(m_step);
    m_progress->setText(tr("step %1 of %2 · %3").arg(m_step + 1).arg(stepCount()).arg(step.heading));
    m_notes->setText(step.heading + QStringLiteral("\n\n") + step.notes);
    m_card->setVisible(step.isIncident());
    m_heading->setVisible(!step.isIncident());
    relayout();
    if (step.isIncident())
        showIncidentStep(step);
    else
        showViewStep(step);
}

void Presentation::showIncidentStep(const StoryStep &step)
{
    const qint64 index = m_columns->indexOfId(step.incidentId);
    const std::optional<Incident> incident = m_lookup ? m_lookup(step.incidentId) : std::nullopt;
    if (incident)
        m_card->showIncident(*incident, false);
    else
        m_card->showMissing(step.heading, step.incidentId);
    m_stage->selectIncident(index);
    if (index < 0)
        return;
    const auto i = IncidentColumns::Index(index);
    const double first = m_columns->firstDay[i];
    const double end = m_columns->lastDay[i] + 1.0;
    const double span = std::max(180.0, (end - first) * 8);
    const double centre = (first + end) / 2;
    m_stage->transitionToCountries(StageRows::stepCountries(*m_columns, i), centre - span / 2, centre + span / 2);
    animate();
}

// The rows of a view step, built once per distinct filter and grouping while presenting,
// on a worker thread (a pass over every incident: about 0.1 s at 1M).
QFuture<std::shared_ptr<const TimelineRows>> Presentation::prepareViewRows(const QVariantMap &view)
{
    ViewState state = ViewState::fromMap(view);
    state.filter.search.clear(); // full-text search needs the store; the other criteria apply
    const RowOptions &rows = state.rows;
    const QString key = state.filter.toQueryString() + u'|' + QString::number(int(rows.key)) + u'|'
        + QString::number(int(rows.sort)) + u'|' + QString::number(int(rows.collapse)) + u'|' + rows.hidden.join(u',')
        + u'|' + rows.pinned.join(u',');
    if (auto found = m_viewRows.constFind(key); found != m_viewRows.constEnd())
        return found.value();
    auto future = QtConcurrent::run(m_workers, [columns = m_columns, filter = state.filter, rows] {
        const FilterEngine::Result result = FilterEngine::apply(*columns, filter, nullptr, false);
        return TimelineRows::build(columns, result.indices, rows);
    });
    m_viewRows.insert(key, future);
    return future;
}

std::shared_ptr<const TimelineRows> Presentation::viewRows(const QVariantMap &view)
{
    return prepareViewRows(view).result();
}

void Presentation::prepareNeighbours()
{
    for (const int k : { m_step + 1, m_step - 1 }) {
        if (k < 0 || k >= stepCount())
            continue;
        const StoryStep &step = m_story.steps.at(k);
        if (!step.isIncident()) {
            prepareViewRows(step.view);
        } else if (const qint64 index = m_columns->indexOfId(step.incidentId); index >= 0) {
            m_stage->prepareCountries(StageRows::stepCountries(*m_columns, IncidentColumns::Index(index)), m_workers);
        }
    }
}

void Presentation::showViewStep(const StoryStep &step)
{
    m_heading->setText(step.heading);
    const ViewState state = ViewState::fromMap(step.view);
    m_stage->selectIncident(-1);
    const bool ranged = state.endDay > state.firstDay;
    m_stage->transitionToRows(
        viewRows(step.view), ranged ? state.firstDay : m_stage->firstDay(), ranged ? state.endDay : m_stage->endDay());
    animate();
}

void Presentation::animate()
{
    m_animation->stop();
    if (!isVisible()) {
        m_stage->setProgress(1);
        return;
    }
    m_animation->start();
}

void Presentation::showAside(quint32 incident)
{
    const std::optional<Incident> record = m_lookup ? m_lookup(m_columns->id(incident)) : std::nullopt;
    if (!record)
        return;
    m_card->setGeometry(m_layout.card);
    m_card->show();
    m_card->raise();
    m_card->showIncident(*record, true);
    m_stage->selectIncident(qint64(incident));
    m_notes->raise();
    m_blank->raise();
}

void Presentation::returnToStory()
{
    if (isAside())
        goTo(m_step);
}

bool Presentation::handleNavigation(int key)
{
    switch (key) {
    case Qt::Key_Right:
    case Qt::Key_Down:
    case Qt::Key_Space:
    case Qt::Key_PageDown:
        goTo(m_step + 1);
        return true;
    case Qt::Key_Return:
    case Qt::Key_Enter:
        goTo(m_jump.isEmpty() ? m_step + 1 : m_jump.toInt() - 1);
        return true;
    case Qt::Key_Left:
    case Qt::Key_Up:
    case Qt::Key_PageUp:
    case Qt::Key_Backspace:
        goTo(m_step - 1);
        return true;
    case Qt::Key_Home:
        goTo(0);
        return true;
    case Qt::Key_End:
        goTo(stepCount() - 1);
        return true;
    default:
        return false;
    }
}

bool Presentation::handleToggle(int key)
{
    switch (key) {
    case Qt::Key_B:
    case Qt::Key_Period:
        m_blank->setVisible(!m_blank->isVisible());
        return true;
    case Qt::Key_P:
        m_notes->setVisible(!m_notes->isVisible());
        return true;
    case Qt::Key_H:
        if (m_contrastAction)
            m_contrastAction->toggle();
        return true;
    default:
        return false;
    }
}

void Presentation::keyPressEvent(QKeyEvent *event)
{
    const int key = event->key();
    if (key == Qt::Key_Escape) {
        if (isAside())
            returnToStory();
        else
            close();
    } else if (key >= Qt::Key_0 && key <= Qt::Key_9) {
        if (m_jump.size() < 4)
            m_jump += QChar(u'0' + (key - Qt::Key_0));
        m_progress->setText(tr("go to step %1…").arg(m_jump));
    } else if (!handleToggle(key) && !handleNavigation(key)) {
        QWidget::keyPressEvent(event);
    }
}
