#include "present/presentation.h"

#include "domain/countries.h"
#include "domain/enums.h"
#include "query/filterengine.h"
#include "timeline/timelineview.h"
#include "views/savedviews.h"

#include <QKeyEvent>
#include <QLabel>
#include <QRegularExpression>
#include <QScreen>
#include <QVBoxLayout>
#include <QVariantAnimation>
#include <QtMath>

namespace {
QLabel *plainLabel(QWidget *parent, const QString &objectName)
{
    auto *label = new QLabel(parent);
    label->setObjectName(objectName);
    label->setTextFormat(Qt::PlainText);
    label->setWordWrap(true);
    return label;
}

QString precisionText(Precision precision)
{
    switch (precision) {
    case Precision::Day:
        return Presentation::tr("to the day");
    case Precision::Month:
        return Presentation::tr("to the month");
    case Precision::Year:
        return Presentation::tr("to the year");
    }
    return {};
}

QString countryNames(const QStringList &codes)
{
    QStringList names;
    for (const QString &code : codes)
        names << Countries::instance().name(code);
    return names.join(QStringLiteral(", "));
}

QString metaText(const Incident &incident)
{
    QString date = incident.start.toString();
    if (incident.end.isValid() && incident.end.toString() != date)
        date += Presentation::tr(" to %1").arg(incident.end.toString());
    QStringList lines { Presentation::tr("%1 (dated %2)").arg(date, precisionText(incident.start.precision())) };
    QString countries = Presentation::tr("Victim: %1").arg(countryNames(incident.victims));
    if (!incident.attackers.isEmpty())
        countries += Presentation::tr(" · Attacker: %1").arg(countryNames(incident.attackers));
    lines << countries;
    QString attribution = Presentation::tr("Attribution: %1").arg(Vocabulary::attributionLabel(incident.attribution));
    if (incident.attributedOn.isValid())
        attribution += Presentation::tr(" (%1)").arg(incident.attributedOn.toString());
    if (!incident.actor.isEmpty())
        attribution += Presentation::tr(" · %1").arg(incident.actor);
    lines << attribution;
    return lines.join(u'\n');
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
                                : Presentation::tr("Sources: %1").arg(publishers.join(QStringLiteral(", ")));
}

QFont pixelFont(int px, bool bold)
{
    QFont font;
    font.setPixelSize(px);
    font.setBold(bold);
    return font;
}
} // namespace

Presentation::Presentation(
    Story story, std::shared_ptr<const IncidentColumns> columns, IncidentLookup lookup, QWidget *parent)
    : QWidget(parent, Qt::Window)
    , m_story(std::move(story))
    , m_columns(std::move(columns))
    , m_lookup(std::move(lookup))
    , m_animation(new QVariantAnimation(this))
{
    setObjectName(QStringLiteral("presentation"));
    setWindowTitle(tr("%1 — Faultline").arg(m_story.name));
    setAttribute(Qt::WA_DeleteOnClose);
    setFocusPolicy(Qt::StrongFocus);
    setAutoFillBackground(true);
    QPalette dark = palette();
    dark.setColor(QPalette::Window, QColor(0x10, 0x14, 0x1a));
    dark.setColor(QPalette::WindowText, QColor(0xf4, 0xf4, 0xf0));
    setPalette(dark);
    if (!m_columns)
        m_columns = std::make_shared<IncidentColumns>();
    createWidgets();
    m_animation->setDuration(s_animationMs);
    m_animation->setEasingCurve(QEasingCurve::InOutCubic);
    m_animation->setStartValue(0.0);
    m_animation->setEndValue(1.0);
    connect(m_animation, &QVariantAnimation::valueChanged, this, [this](const QVariant &value) {
        // The centre moves linearly and the span geometrically, so a zoom feels even.
        const double t = value.toDouble();
        const double fromSpan = m_fromEnd - m_fromFirst, toSpan = m_toEnd - m_toFirst;
        const double centre = (m_fromFirst + m_fromEnd) / 2 * (1 - t) + (m_toFirst + m_toEnd) / 2 * t;
        const double span = fromSpan > 0 && toSpan > 0 ? fromSpan * std::pow(toSpan / fromSpan, t) : toSpan;
        m_timeline->setVisibleRange(centre - span / 2, centre + span / 2);
    });
}

Presentation::~Presentation() = default;

void Presentation::createWidgets()
{
    m_timeline = new TimelineView(this);
    m_timeline->setFocusPolicy(Qt::NoFocus);
    m_card = new QWidget(this);
    m_card->setObjectName(QStringLiteral("presentationCard"));
    m_card->setAutoFillBackground(true);
    QPalette cardPalette = palette();
    cardPalette.setColor(QPalette::Window, QColor(0x1c, 0x22, 0x2b));
    m_card->setPalette(cardPalette);
    auto *cardLayout = new QVBoxLayout(m_card);
    m_title = plainLabel(m_card, QStringLiteral("cardTitle"));
    m_meta = plainLabel(m_card, QStringLiteral("cardMeta"));
    m_summary = plainLabel(m_card, QStringLiteral("cardSummary"));
    m_sources = plainLabel(m_card, QStringLiteral("cardSources"));
    for (QLabel *label : { m_title, m_meta, m_summary, m_sources })
        cardLayout->addWidget(label);
    cardLayout->addStretch();
    m_heading = plainLabel(this, QStringLiteral("presentationHeading"));
    m_progress = plainLabel(this, QStringLiteral("presentationProgress"));
    m_notes = plainLabel(this, QStringLiteral("presentationNotes"));
    m_notes->setAutoFillBackground(true);
    m_notes->setAlignment(Qt::AlignTop | Qt::AlignLeft);
    m_notes->setMargin(24);
    QPalette notesPalette = palette();
    notesPalette.setColor(QPalette::Window, QColor(0x00, 0x00, 0x00, 0xe8));
    m_notes->setPalette(notesPalette);
    m_notes->hide();
    m_blank = new QWidget(this);
    m_blank->setObjectName(QStringLiteral("presentationBlank"));
    m_blank->setAutoFillBackground(true);
    QPalette black = palette();
    black.setColor(QPalette::Window, Qt::black);
    m_blank->setPalette(black);
    m_blank->hide();
}

void Presentation::start()
{
    // The whole screen of the window it came from, also where no window manager applies
    // the full-screen state.
    if (QScreen *screen = parentWidget() ? parentWidget()->screen() : this->screen())
        setGeometry(screen->geometry());
    showFullScreen();
    activateWindow();
    setFocus();
    relayout();
    goTo(0);
}

void Presentation::relayout()
{
    m_layout = PresentationLayout::forSize(size());
    m_title->setFont(pixelFont(m_layout.titlePx, true));
    for (QLabel *label : { m_meta, m_summary, m_sources, m_notes })
        label->setFont(pixelFont(m_layout.bodyPx, false));
    m_heading->setFont(pixelFont(m_layout.titlePx, true));
    m_progress->setFont(pixelFont(m_layout.progressPx, false));
    m_card->setGeometry(m_layout.card);
    m_heading->setGeometry(m_layout.heading);
    m_progress->setGeometry(m_layout.progress);
    m_notes->setGeometry(m_layout.notes);
    m_blank->setGeometry(rect());
    const bool incident = m_step < stepCount() && m_story.steps.at(m_step).isIncident();
    m_timeline->setGeometry(incident ? m_layout.timelineWithCard : m_layout.timelineFull);
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

QString Presentation::cardText() const
{
    if (m_card->isHidden())
        return {};
    return QStringList { m_title->text(), m_meta->text(), m_summary->text(), m_sources->text() }.join(u'\n');
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
    return m_title->font();
}

QFont Presentation::bodyFont() const
{
    return m_summary->font();
}

void Presentation::goTo(int step)
{
    if (stepCount() == 0) {
        m_progress->setText(tr("This story has no steps yet"));
        m_card->hide();
        m_heading->hide();
        return;
    }
    m_step = qBound(0, step, stepCount() - 1);
    m_jump.clear();
    showStep();
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

void Presentation::setRows(const std::vector<IncidentColumns::Index> &indices, const QVariantMap &view)
{
    const ViewState state = ViewState::fromMap(view);
    RowOptions rows = view.isEmpty() ? RowOptions {} : state.rows;
    const QString key = state.filter.toQueryString() + QString::number(int(rows.key)) + QString::number(int(rows.sort))
        + QString::number(int(rows.collapse));
    if (key == m_rowsKey && m_timeline->rows())
        return;
    m_rowsKey = key;
    m_timeline->setRowOptions(rows);
    m_timeline->setIncidents(m_columns, indices);
}

void Presentation::showIncidentStep(const StoryStep &step)
{
    const qint64 index = m_columns->indexOfId(step.incidentId);
    const std::optional<Incident> incident = m_lookup ? m_lookup(step.incidentId) : std::nullopt;
    if (!incident) {
        m_title->setText(step.heading);
        m_meta->setText(tr("The record %1 is not in this document.").arg(step.incidentId));
        m_summary->clear();
        m_sources->clear();
    } else {
        fillCard(*incident);
    }
    std::vector<IncidentColumns::Index> all(m_columns->size());
    for (IncidentColumns::Index i = 0; i < m_columns->size(); ++i)
        all[i] = i;
    setRows(all, {});
    if (index < 0)
        return;
    const auto i = IncidentColumns::Index(index);
    const double first = m_columns->firstDay[i];
    const double end = m_columns->lastDay[i] + 1.0;
    const double span = std::max(180.0, (end - first) * 8);
    const double centre = (first + end) / 2;
    m_timeline->selectIncidents({ i });
    animateTo(centre - span / 2, centre + span / 2);
    m_timeline->revealIncident(i);
}

void Presentation::showViewStep(const StoryStep &step)
{
    m_heading->setText(step.heading);
    ViewState state = ViewState::fromMap(step.view);
    state.filter.search.clear(); // full-text search needs the store; the other criteria apply
    const FilterEngine::Result result = FilterEngine::apply(*m_columns, state.filter, nullptr, false);
    setRows(result.indices, step.view);
    m_timeline->selectIncidents({});
    m_timeline->setScrollY(0);
    if (state.endDay > state.firstDay)
        animateTo(state.firstDay, state.endDay);
}

void Presentation::fillCard(const Incident &incident)
{
    m_title->setText(incident.title);
    m_meta->setText(metaText(incident));
    m_sources->setText(sourcesText(incident));
    m_summary->setText(fittedSummary(incident.summary));
}

// As many whole sentences of the summary as fit the card at the presentation's text size,
// with an ellipsis when some are left out; the detail pane and the handout have it all.
QString Presentation::fittedSummary(const QString &summary) const
{
    const QMargins margins = m_card->layout()->contentsMargins();
    const int width = m_layout.card.width() - margins.left() - margins.right();
    const int spacing = m_card->layout()->spacing() * 3;
    int room = m_layout.card.height() - margins.top() - margins.bottom() - spacing;
    for (const QLabel *label : { m_title, m_meta, m_sources })
        room -= label->heightForWidth(width);
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
    return fitted.isEmpty() ? metrics.elidedText(summary, Qt::ElideRight, width) : fitted + QStringLiteral(" …");
}

void Presentation::animateTo(double firstDay, double endDay)
{
    m_animation->stop();
    m_fromFirst = m_timeline->firstDay();
    m_fromEnd = m_timeline->endDay();
    m_toFirst = firstDay;
    m_toEnd = endDay;
    if (!isVisible()) {
        m_timeline->setVisibleRange(firstDay, endDay);
        return;
    }
    m_animation->start();
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

void Presentation::keyPressEvent(QKeyEvent *event)
{
    const int key = event->key();
    if (key == Qt::Key_Escape) {
        close();
    } else if (key >= Qt::Key_0 && key <= Qt::Key_9) {
        if (m_jump.size() < 4)
            m_jump += QChar(u'0' + (key - Qt::Key_0));
        m_progress->setText(tr("go to step %1…").arg(m_jump));
    } else if (key == Qt::Key_B || key == Qt::Key_Period) {
        m_blank->setVisible(!m_blank->isVisible());
    } else if (key == Qt::Key_P) {
        m_notes->setVisible(!m_notes->isVisible());
    } else if (!handleNavigation(key)) {
        QWidget::keyPressEvent(event);
    }
}
