// bench_edit: a record saved in the window, from "Save" to the timeline repainted with it:
// the document written (UserRecords), the loaded columns patched (copy, remove, insert), the
// facets, filter, table and timeline rows redone and the frame painted, offscreen.
//   bench_edit N DB [RUNS]
// Also times the column patch alone: the copy of the columns and the insert into the copy.
#include "benchutil.h"
#include "document/documentcontroller.h"
#include "domain/actornames.h"
#include "editor/recordactions.h"
#include "import/recordform.h"
#include "mainwindow.h"
#include "query/filter.h"
#include "timeline/timelineview.h"

#include <QApplication>
#include <QSignalSpy>
#include <QStandardPaths>

int main(int argc, char *argv[])
{
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    QStandardPaths::setTestModeEnabled(true);
    QApplication app(argc, argv);
    const QStringList args = app.arguments();
    if (args.size() < 3)
        return 2;
    const qint64 n = args.at(1).toLongLong();
    const int runs = args.size() > 3 ? args.at(3).toInt() : 5;

    MainWindow window;
    window.resize(1920, 1080);
    window.show();
    QCoreApplication::processEvents();
    if (!window.openDocument(args.at(2)))
        qFatal("cannot open %s", qPrintable(args.at(2)));
    QSignalSpy checked(window.document(), &DocumentController::documentChecked);
    checked.wait(120000);
    window.timeline()->repaint();
    DocumentController *document = window.document();
    RecordActions *records = window.recordActions();

    RecordForm form;
    form.title = QStringLiteral("Albania closes government systems after a cyber attack");
    form.start = QStringLiteral("2022-07-17");
    form.victims = { QStringLiteral("Albania") };
    form.type = QStringLiteral("destructive");
    form.sectors = { QStringLiteral("government") };
    form.summary = QStringLiteral("Government online services were shut down.");
    const Incident record = *form.check().record;

    QList<double> created, edited, deleted, copies, inserts, filters;
    for (int r = 0; r < runs; ++r) {
        // The column patch alone, on a copy the window never sees.
        const auto columns = document->columns();
        std::optional<IncidentColumns> copy;
        copies << Bench::timeMs([&] { copy.emplace(columns->copyWithRoom()); });
        inserts << Bench::timeMs([&] { copy->insertRecord(copy->rowid.back() + 1, record, ActorNames::instance()); });
        copy.reset();

        UserRecords::State after = document->newRecordState(record);
        const UserRecords::State none { after.id, UserRecords::Kind::Imported, std::nullopt, -1, std::nullopt };
        created << Bench::timeMs([&] {
            if (!records->change(none, after, QStringLiteral("New Incident")))
                qFatal("cannot save");
            window.timeline()->repaint();
        });
        if (window.visibleCount() != n + 1)
            qFatal("expected %lld incidents, the window shows %d", n + 1, window.visibleCount());
        const UserRecords::State before = document->recordState(after.id);
        Incident changed = *before.live;
        changed.title += QStringLiteral(" (updated)");
        changed.start = PartialDate::month(2022, 7);
        edited << Bench::timeMs([&] {
            if (!records->change(before, UserRecords::edited(before, changed), QStringLiteral("Edit Incident")))
                qFatal("cannot edit");
            window.timeline()->repaint();
        });
        const UserRecords::State last = document->recordState(after.id);
        deleted << Bench::timeMs([&] {
            if (!records->change(last, UserRecords::deleted(last), QStringLiteral("Delete Incident")))
                qFatal("cannot delete");
            window.timeline()->repaint();
        });
        if (window.visibleCount() != n)
            qFatal("expected %lld incidents after the delete, the window shows %d", n, window.visibleCount());
        // For scale, in the same run: the window redoing the same work for a filter change.
        Filter ransomware;
        ransomware.types = { IncidentType::Ransomware };
        filters << Bench::timeMs([&] {
            window.setFilter(ransomware);
            window.timeline()->repaint();
        });
        window.setFilter(Filter());
    }
    Bench::report(QStringLiteral("save to shown: new record"), n, created);
    Bench::report(QStringLiteral("save to shown: edit"), n, edited);
    Bench::report(QStringLiteral("save to shown: delete"), n, deleted);
    Bench::report(QStringLiteral("filter change in the window, same run (for scale)"), n, filters);
    Bench::report(QStringLiteral("columns: copy"), n, copies);
    Bench::report(QStringLiteral("columns: insert a record"), n, inserts);
    return 0;
}
