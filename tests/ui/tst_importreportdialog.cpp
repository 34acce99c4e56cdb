// The import report offscreen: counts, diagnostics (filtered, with the omitted count), the
// unknown country values, activation that selects a record or shows a line, the lines of a
// file read around a diagnostic, and the report copied and saved as plain text.
#include "domain/displaytext.h"
#include "import/importreportdialog.h"
#include "import/lineexcerpt.h"
#include "store/database.h"
#include "uitestsupport.h"

#include <QApplication>
#include <QClipboard>
#include <QFile>
#include <QLabel>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>

namespace {
Diagnostic diagnostic(const QString &file, int line, const QString &field, const QString &reason,
    const QString &id = {}, Diagnostic::Severity severity = Diagnostic::Severity::Error)
{
    return { file, line, field, reason, severity, id };
}

Importer::Result sampleResult()
{
    Importer::Result r;
    r.imported = 3;
    r.updated = 1;
    r.unchanged = 2;
    r.rejected = 2;
    r.documentRecords = 6;
    r.paths = { QStringLiteral("/data/tracker.csv") };
    r.diagnostics.append(diagnostic(QStringLiteral("/data/tracker.csv"), 4, QStringLiteral("start"),
        QStringLiteral("month 13 does not exist"), QStringLiteral("b-month")));
    r.diagnostics.append(diagnostic(QStringLiteral("/data/tracker.csv"), 7, QStringLiteral("sectors"),
        QStringLiteral("unknown sector \"space\" dropped"), QStringLiteral("b-ok"), Diagnostic::Severity::Warning));
    r.diagnostics.append(diagnostic(QStringLiteral("/data/tracker.csv"), 9, QStringLiteral("victims"),
        QStringLiteral("unknown country \"Atlantis\""), QStringLiteral("b-country")));
    return r;
}

QString cellText(const QTableView *view, int row, int column)
{
    return view->model()->index(row, column).data().toString();
}

const QLabel *labelNamed(const QWidget *parent, const QString &name)
{
    return parent->findChild<QLabel *>(name);
}
} // namespace

class TestImportReportDialog : public QObject
{
    Q_OBJECT
private:
    QTemporaryDir m_dir;

    QString write(const QString &name, const QByteArray &bytes)
    {
        const QString path = m_dir.filePath(name);
        QFile f(path);
        if (!f.open(QIODevice::WriteOnly) || f.write(bytes) != bytes.size())
            return {};
        return path;
    }

private slots:
    void fillsCountsAndDiagnostics()
    {
        ImportReportDialog dialog(sampleResult());
        QCOMPARE(dialog.windowTitle(), QStringLiteral("Import Report"));
        QCOMPARE(UiTestSupport::textFieldsThatTrapTab(&dialog), QStringList());
        QVERIFY2(
            dialog.countsLabel()->text().contains(QStringLiteral("Imported 3, updated 1, unchanged 2, rejected 2")),
            qPrintable(dialog.countsLabel()->text()));
        QVERIFY(dialog.countsLabel()->text().contains(QStringLiteral("holds 6 record")));
        QVERIFY(labelNamed(&dialog, QStringLiteral("importPaths"))->text().contains(QStringLiteral("tracker.csv")));
        const QTableView *view = dialog.diagnosticsView();
        QCOMPARE(view->model()->rowCount(), 3);
        QCOMPARE(cellText(view, 0, 0), QStringLiteral("error"));
        QCOMPARE(cellText(view, 0, 1), QStringLiteral("tracker.csv"));
        QCOMPARE(cellText(view, 0, 2), QStringLiteral("4"));
        QCOMPARE(cellText(view, 0, 3), QStringLiteral("start"));
        QCOMPARE(cellText(view, 0, 4), QStringLiteral("month 13 does not exist"));
        QCOMPARE(cellText(view, 0, 5), QStringLiteral("b-month"));
        QCOMPARE(cellText(view, 1, 0), QStringLiteral("warning"));
        QVERIFY(!dialog.omittedLabel()->isVisibleTo(&dialog));
        QVERIFY(!dialog.unknownValuesView());

        dialog.setShown(ImportReportDialog::Shown::Errors);
        QCOMPARE(view->model()->rowCount(), 2);
        QCOMPARE(dialog.diagnosticAt(1)->recordId, QStringLiteral("b-country"));
        dialog.setShown(ImportReportDialog::Shown::Warnings);
        QCOMPARE(view->model()->rowCount(), 1);
        QCOMPARE(dialog.diagnosticAt(0)->recordId, QStringLiteral("b-ok"));
        dialog.setShown(ImportReportDialog::Shown::All);
        QCOMPARE(view->model()->rowCount(), 3);
    }

    void showsTheOmittedCount()
    {
        Importer::Result r;
        r.rejected = Diagnostics::s_cap + 25;
        for (int i = 0; i < Diagnostics::s_cap + 25; ++i)
            r.diagnostics.append(diagnostic(QStringLiteral("big.csv"), i + 2, QStringLiteral("start"),
                QStringLiteral("no date"), QStringLiteral("r%1").arg(i)));
        QCOMPARE(r.diagnostics.omitted(), 25);
        ImportReportDialog dialog(r);
        QCOMPARE(dialog.diagnosticsView()->model()->rowCount(), Diagnostics::s_cap);
        QVERIFY(dialog.omittedLabel()->isVisibleTo(&dialog));
        QVERIFY2(dialog.omittedLabel()->text().contains(QStringLiteral("25 more")),
            qPrintable(dialog.omittedLabel()->text()));
        QVERIFY(dialog.reportText().contains(QStringLiteral("25 more")));
    }

    void listsTheUnknownCountryValues()
    {
        Importer::Result r = sampleResult();
        // Two files each with their own counts: merged by value, whatever its case.
        r.unknownCountries[QStringLiteral("victims")]
            = { { QStringLiteral("Atlantis"), 2 }, { QStringLiteral("Narnia"), 1 }, { QStringLiteral("atlantis"), 2 } };
        r.unknownCountries[QStringLiteral("attackers")] = { { QStringLiteral("Mordor"), 5 } };
        ImportReportDialog dialog(r);
        const QTableView *unknown = dialog.unknownValuesView();
        QVERIFY(unknown);
        QCOMPARE(unknown->model()->rowCount(), 3);
        QCOMPARE(cellText(unknown, 0, 0), QStringLiteral("attackers"));
        QCOMPARE(cellText(unknown, 0, 1), QStringLiteral("Mordor"));
        QCOMPARE(cellText(unknown, 0, 2), QStringLiteral("5"));
        QCOMPARE(cellText(unknown, 1, 1), QStringLiteral("Atlantis"));
        QCOMPARE(cellText(unknown, 1, 2), QStringLiteral("4"));
        QCOMPARE(cellText(unknown, 2, 1), QStringLiteral("Narnia"));
        QVERIFY(dialog.reportText().contains(QStringLiteral("victims\tAtlantis\t4")));
    }

    void activatingSelectsTheRecordInTheDocument()
    {
        ImportReportDialog dialog(sampleResult());
        dialog.setRecordLookup([](const QString &id) { return id == u"b-ok"; });
        dialog.show();
        dialog.activateWindow();
        QVERIFY(QTest::qWaitForWindowActive(&dialog));
        QCOMPARE(QApplication::focusWidget(), dialog.diagnosticsView());
        QSignalSpy requested(&dialog, &ImportReportDialog::incidentRequested);

        dialog.diagnosticsView()->setCurrentIndex(dialog.diagnosticsView()->model()->index(1, 0));
        QVERIFY(dialog.showRecordButton()->isEnabled());
        QTest::keyClick(dialog.diagnosticsView(), Qt::Key_Return);
        QCOMPARE(requested.size(), 1);
        QCOMPARE(requested.first().first().toString(), QStringLiteral("b-ok"));
        QVERIFY(dialog.isVisible()); // Enter pressed no button

        // A rejected record is not in the document: its line is shown instead (the file is
        // absent here, which the line view says) and nothing is selected.
        dialog.diagnosticsView()->setCurrentIndex(dialog.diagnosticsView()->model()->index(0, 0));
        QVERIFY(!dialog.showRecordButton()->isEnabled());
        dialog.activateRow(0);
        QCOMPARE(requested.size(), 1);
        QVERIFY(dialog.lineView()->isVisibleTo(&dialog));
        QVERIFY(dialog.lineView()->toPlainText().isEmpty());

        QTest::keyClick(dialog.diagnosticsView(), Qt::Key_Escape);
        QVERIFY(!dialog.isVisible());
    }

    void showsTheLineOfARealImport()
    {
        // bad.csv imported for real: the diagnostic's line is the record's line in the file.
        const QString csv = QFINDTESTDATA("../data/bad.csv");
        QVERIFY(!csv.isEmpty());
        Database db;
        QVERIFY(db.open(m_dir.filePath(QStringLiteral("show-line.faultline"))));
        const Importer::Result result = Importer::importFile(db, csv);
        QVERIFY(!result.failed);
        ImportReportDialog dialog(result);
        int row = -1;
        for (int i = 0; i < dialog.diagnosticsView()->model()->rowCount(); ++i) {
            if (dialog.diagnosticAt(i)->recordId == u"b-month")
                row = i;
        }
        QVERIFY(row >= 0);
        QCOMPARE(dialog.diagnosticAt(row)->line, 3);
        QVERIFY(dialog.showLine(row));
        const QStringList lines = dialog.lineView()->toPlainText().split(u'\n');
        QCOMPARE(lines.size(), 6); // lines 1 to 6: three before would be line 0
        QVERIFY2(lines.at(0).startsWith(QStringLiteral("  1 | id,title,start")), qPrintable(lines.at(0)));
        QCOMPARE(lines.at(2), QStringLiteral("> 3 | b-month,Bad month,2019-13,,FR,,none,,ddos,,Bad.,,"));
        QVERIFY(lines.at(5).startsWith(QStringLiteral("  6 | b-type,")));
        QCOMPARE(dialog.lineView()->textCursor().blockNumber(), 2);
        QVERIFY(dialog.lineView()->isReadOnly());
    }

    void excerptReadsOnlyTheLinesAsked()
    {
        // CRLF, a lone CR and LF each end a line; a long line is cut; controls are shown.
        QByteArray bytes = "one\r\ntwo\rthree\nfour ";
        bytes += QByteArray(5000, 'x') + "\nfi\x1b[31mve\xe2\x80\xae\nsix";
        const QString path = write(QStringLiteral("lines.txt"), bytes);
        auto excerpt = LineExcerpt::read(path, 4, 1);
        QVERIFY(excerpt);
        QCOMPARE(excerpt->firstLine, 3);
        QCOMPARE(excerpt->lines.size(), 3);
        QCOMPARE(excerpt->lines.at(0), QStringLiteral("three"));
        QCOMPARE(excerpt->lines.at(1).size(), LineExcerpt::s_maxLineBytes);
        QCOMPARE(excerpt->cut, (QList<bool> { false, true, false }));
        QCOMPARE(excerpt->lines.at(2), QStringLiteral("fi\u241b[31mve[U+202E]"));
        QVERIFY(excerpt->toText().contains(QStringLiteral("cut at 2000 bytes")));

        excerpt = LineExcerpt::read(path, 6, 3); // the last line, without a line break
        QVERIFY(excerpt);
        QCOMPARE(excerpt->lines.constLast(), QStringLiteral("six"));
        QString error;
        QVERIFY(!LineExcerpt::read(path, 7, 3, &error));
        QVERIFY2(error.contains(QStringLiteral("no line 7")), qPrintable(error));
        QVERIFY(!LineExcerpt::read(m_dir.filePath(QStringLiteral("absent.csv")), 1, 3, &error));
        QVERIFY(!LineExcerpt::read(m_dir.path(), 1, 3, &error)); // a folder is not read
    }

    void excerptDecodesUtf16AndWindows1252()
    {
        const QString text = QStringLiteral("a,b\nBogotá,Zürich\nc,d\n");
        QByteArray utf16 = "\xFF\xFE";
        utf16.append(reinterpret_cast<const char *>(text.utf16()), text.size() * 2);
        auto excerpt = LineExcerpt::read(write(QStringLiteral("utf16.csv"), utf16), 2, 0);
        QVERIFY(excerpt);
        QCOMPARE(excerpt->lines, QStringList { QStringLiteral("Bogotá,Zürich") });
        excerpt = LineExcerpt::read(write(QStringLiteral("cp1252.csv"), "a\n\x93quoted\x94 caf\xe9\n"), 2, 0);
        QVERIFY(excerpt);
        QCOMPARE(excerpt->lines, QStringList { QStringLiteral("\u201Cquoted\u201D café") });
    }

    void reportIsPlainTextOnClipboardAndFile()
    {
        Importer::Result r = sampleResult();
        r.diagnostics.append(diagnostic(QStringLiteral("/data/tracker.csv"), 12, QStringLiteral("title"),
            QStringLiteral("<b>not bold</b> \u202Etxt.exe"), QStringLiteral("b-html")));
        ImportReportDialog dialog(r);
        QCOMPARE(cellText(dialog.diagnosticsView(), 3, 4), QStringLiteral("<b>not bold</b> [U+202E]txt.exe"));
        const QString report = dialog.reportText();
        for (const Diagnostic &d : r.diagnostics)
            QVERIFY2(report.contains(DisplayText::withVisibleControls(d.toString())), qPrintable(d.toString()));
        QVERIFY(report.contains(QStringLiteral("Imported 3, updated 1, unchanged 2, rejected 2")));
        QVERIFY(!report.contains(QChar(0x202E)));
        QVERIFY(report.contains(QStringLiteral("<b>not bold</b> [U+202E]txt.exe")));

        dialog.copyReport();
        QCOMPARE(QApplication::clipboard()->text(), report);

        const QString path = m_dir.filePath(QStringLiteral("report.txt"));
        QVERIFY(dialog.saveReport(path));
        QFile saved(path);
        QVERIFY(saved.open(QIODevice::ReadOnly));
        QCOMPARE(QString::fromUtf8(saved.readAll()), report);
        QString error;
        QVERIFY(!dialog.saveReport(m_dir.filePath(QStringLiteral("no/such/folder/report.txt")), &error));
        QVERIFY(!error.isEmpty());
    }

    void failedImportShowsTheErrorOnTop()
    {
        Importer::Result r;
        r.failed = true;
        r.rejected = 1;
        r.documentRecords = 40;
        r.error = QStringLiteral("/data/x.json: not JSON <i>at all</i>");
        r.paths = { QStringLiteral("/data/x.json") };
        r.diagnostics.append(
            diagnostic(QStringLiteral("/data/x.json"), 0, {}, QStringLiteral("not JSON <i>at all</i>")));
        ImportReportDialog dialog(r);
        QCOMPARE(dialog.windowTitle(), QStringLiteral("Nothing Imported"));
        const QLabel *error = labelNamed(&dialog, QStringLiteral("importError"));
        QVERIFY(error);
        QCOMPARE(error->textFormat(), Qt::PlainText);
        QCOMPARE(error->text(), r.error);
        QVERIFY2(dialog.countsLabel()->text().contains(QStringLiteral("still holds 40 record")),
            qPrintable(dialog.countsLabel()->text()));
        QVERIFY(!dialog.showLineButton()->isEnabled()); // a whole-file error has no line
        QVERIFY(dialog.reportText().contains(QStringLiteral("Error: /data/x.json: not JSON")));
    }
};

QTEST_MAIN(TestImportReportDialog)
#include "tst_importreportdialog.moc"
