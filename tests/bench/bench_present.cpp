// bench_present: presentation mode over a benchmark document, offscreen at 1920x1080.
//   bench_present N DB RUNS
// Reports "enter presentation" (the window built, shown and its first step painted),
// "present step change" (a key's goTo and the whole window painted: the card, the labels and
// the first frame), "present step animation frame" (every frame of a step's 600 ms
// animation: the range set and the timeline painted, per-frame times, 36 frames per step)
// and "story handout, 10 steps" (StoryHandout's PDF). Between two steps the bench waits for
// the worker threads, as a presenter talks while the next step's rows are built.
#include "benchutil.h"
#include "present/presentation.h"
#include "present/presentationstage.h"
#include "store/database.h"
#include "store/incidentstore.h"
#include "story/storyhandout.h"
#include "timeline/timelineview.h"

#include <QApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QThreadPool>
#include <QVariantAnimation>

namespace {
// Ten steps: nine incidents spread over the document and a view of one year.
Story benchStory(const IncidentColumns &columns)
{
    Story story;
    story.name = QStringLiteral("Benchmark");
    for (int k = 1; k <= 9; ++k) {
        StoryStep step;
        step.incidentId = columns.id(IncidentColumns::Index(columns.size() * qint64(k) / 10));
        step.heading = QStringLiteral("Step %1").arg(k);
        story.steps << step;
    }
    StoryStep view;
    const double middle = columns.firstDay[columns.size() / 2];
    view.view = { { QStringLiteral("firstDay"), middle }, { QStringLiteral("endDay"), middle + 365 } };
    view.heading = QStringLiteral("One year");
    story.steps << view;
    return story;
}
} // namespace

int main(int argc, char *argv[])
{
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    QStandardPaths::setTestModeEnabled(true);
    QApplication app(argc, argv);
    const QStringList args = app.arguments();
    if (args.size() != 4)
        return 2;
    const qint64 n = args.at(1).toLongLong();
    const int runs = args.at(3).toInt();
    Database db;
    if (!db.open(args.at(2), Database::Mode::ReadOnly))
        qFatal("cannot open %s", qPrintable(args.at(2)));
    IncidentStore store(db);
    const auto columns = std::make_shared<const IncidentColumns>(store.loadColumns());
    const Story story = benchStory(*columns);
    auto lookup = [&store](const QString &id) { return store.incident(id); };

    QList<double> enter, change, frames;
    for (int run = 0; run < runs; ++run) {
        Presentation *presentation = nullptr;
        enter << Bench::timeMs([&] {
            presentation = new Presentation(story, columns, lookup);
            presentation->setAttribute(Qt::WA_DeleteOnClose, false);
            presentation->resize(1920, 1080);
            presentation->show();
            QCoreApplication::processEvents(); // exposed: the window can paint
            presentation->goTo(0);
            presentation->repaint();
        });
        auto *animation = presentation->findChild<QVariantAnimation *>();
        for (int step = 1; step < presentation->stepCount(); ++step) {
            change << Bench::timeMs([&] {
                presentation->goTo(step);
                presentation->repaint();
            });
            animation->pause();
            for (int frame = 1; frame <= 36; ++frame) {
                frames << Bench::timeMs([&] {
                    animation->setCurrentTime(Presentation::s_animationMs * frame / 36);
                    presentation->timeline()->repaint();
                });
            }
            animation->stop();
            // The presenter talks: the rows of the next step are built meanwhile.
            QElapsedTimer talk;
            talk.start();
            while (talk.elapsed() < Presentation::s_prepareDelayMs + 50)
                QCoreApplication::processEvents(QEventLoop::AllEvents, 10);
            presentation->findChild<QThreadPool *>()->waitForDone();
        }
        delete presentation;
    }
    Bench::report(QStringLiteral("enter presentation"), n, enter);
    Bench::report(QStringLiteral("present step change"), n, change);
    Bench::report(QStringLiteral("present step animation frame"), n, frames);

    QTemporaryDir dir;
    StoryHandout handout(story, columns, lookup);
    const QList<double> pdf = Bench::repeat(runs, [&] {
        if (!handout.write(dir.filePath(QStringLiteral("handout.pdf"))).ok)
            qFatal("cannot write the handout");
    });
    Bench::report(QStringLiteral("story handout, 10 steps"), n, pdf);
    return 0;
}
