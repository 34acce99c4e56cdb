// The detail pane on a narrow laptop: lines break between words, Tab leaves the notes, an
// incident the filter leaves out is marked as such, and mixed date precisions are worded.
#include "panes/detailpane.h"
#include "widgets/safetextbrowser.h"

#include <QAbstractTextDocumentLayout>
#include <QApplication>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QTest>
#include <QTextBlock>
#include <QTextLayout>
#include <QToolButton>

class TestDetailPane : public QObject
{
    Q_OBJECT
private:
    static Incident sample()
    {
        Incident r;
        r.id = QStringLiteral("t-1");
        r.title = QStringLiteral("Destructive attack on the September infrastructure ministries");
        r.start = PartialDate::day(2022, 9, 17);
        r.end = PartialDate::day(2022, 9, 30);
        r.victims = { QStringLiteral("AL") };
        r.attackers = { QStringLiteral("IR") };
        r.summary = QStringLiteral("Unrecoverable September disruption of government telecommunications "
                                   "infrastructure, attributed September 2022 by several governments.");
        r.sources = { { QStringLiteral("https://example.org/a"), QStringLiteral("Report"), QStringLiteral("Wire"),
            QStringLiteral("2022-09-30") } };
        return r;
    }

private slots:
    void linesBreakBetweenWords()
    {
        DetailPane pane;
        pane.resize(240, 700);
        pane.show();
        QVERIFY(QTest::qWaitForWindowExposed(&pane));
        pane.setIncident(sample());
        QTextDocument *doc = pane.browser()->document();
        doc->setTextWidth(pane.browser()->viewport()->width());
        doc->documentLayout()->documentSize(); // lays the document out
        int breaks = 0;
        for (QTextBlock block = doc->begin(); block.isValid(); block = block.next()) {
            QTextLayout *layout = block.layout();
            const QString text = block.text();
            for (int i = 0; i + 1 < layout->lineCount(); ++i) {
                const QTextLine line = layout->lineAt(i);
                const int end = line.textStart() + line.textLength();
                if (end <= 0 || end >= text.size())
                    continue;
                ++breaks;
                // The line ends after a space or punctuation, never between two letters.
                QVERIFY2(!(text.at(end - 1).isLetterOrNumber() && text.at(end).isLetterOrNumber()),
                    qPrintable(
                        QStringLiteral("broken inside a word: \"%1|%2\"").arg(text.mid(end - 8, 8), text.mid(end, 8))));
            }
        }
        QVERIFY(breaks > 0); // the pane is narrow enough to wrap
    }

    // Issue 17 #9: a title's bidi override cannot make it read as another name, in the title
    // label or the pane; a URL shows its control characters.
    void bidiControlsCannotDisguiseData()
    {
        Incident r = sample();
        r.title = QStringLiteral("\u202Egnp.exe\u202C");
        r.actor = QStringLiteral("\u202EpuorG");
        r.sources = { { QStringLiteral("https://ex\u202Eample.org"), QStringLiteral("T"), QStringLiteral("P"), {} } };
        DetailPane pane;
        pane.setIncident(r);
        const QString text = pane.plainText();
        QVERIFY2(!text.contains(QChar(0x202E)), qPrintable(text));
        QVERIFY2(text.contains(QStringLiteral("\u2068[U+202E]gnp.exe[U+202C]\u2069")), qPrintable(text));
        QVERIFY2(text.contains(QStringLiteral("[U+202E]puorG")), qPrintable(text));
        QVERIFY2(text.contains(QStringLiteral("ex[U+202E]ample.org")), qPrintable(text));
    }

    void tabLeavesTheNotes()
    {
        QWidget window;
        DetailPane *pane = new DetailPane(&window);
        window.resize(400, 600);
        window.show();
        QApplication::setActiveWindow(&window);
        QVERIFY(QTest::qWaitForWindowActive(&window));
        pane->setIncident(sample());
        pane->notesEdit()->setFocus();
        QTRY_VERIFY(pane->notesEdit()->hasFocus());
        QTest::keyClicks(pane->notesEdit(), QStringLiteral("ab"));
        QTest::keyClick(pane->notesEdit(), Qt::Key_Tab);
        QCOMPARE(pane->notesEdit()->toPlainText(), QStringLiteral("ab"));
        QVERIFY(!pane->notesEdit()->hasFocus());
    }

    void incidentOutsideTheFilterIsMarked()
    {
        DetailPane pane;
        pane.show();
        pane.setIncident(sample());
        QVERIFY(pane.copyButton()->isEnabled());
        QVERIFY(!pane.excludedNotice()->isVisible());

        pane.setExcludedByFilter(true);
        QVERIFY(pane.isExcludedByFilter());
        QVERIFY(pane.excludedNotice()->isVisible());
        QVERIFY(!pane.copyButton()->isEnabled());
        QVERIFY(pane.accessibleDescription().contains(QStringLiteral("not in the current filter")));
        QSignalSpy clear(&pane, &DetailPane::clearFilterRequested);
        auto *button = pane.excludedNotice()->findChild<QPushButton *>();
        QVERIFY(button);
        button->click();
        QCOMPARE(clear.count(), 1);

        // Showing an incident again clears the mark.
        pane.setIncident(sample());
        QVERIFY(!pane.isExcludedByFilter());
        QVERIFY(!pane.excludedNotice()->isVisible());
        QVERIFY(pane.copyButton()->isEnabled());
    }

    void mixedPrecisionIsWorded()
    {
        QLocale::setDefault(QLocale(QLocale::English, QLocale::UnitedKingdom));
        Incident r = sample();
        r.start = PartialDate::day(2013, 3, 18);
        r.end = PartialDate::month(2013, 3);
        const QString html = DetailPane::toHtml(r);
        QVERIFY(html.contains(QStringLiteral("start known to the day, end to the month")));
        QVERIFY(!html.contains(QStringLiteral("(day)")));
        r.end = PartialDate::day(2013, 3, 20);
        QVERIFY(DetailPane::toHtml(r).contains(QStringLiteral("(day)")));
    }
};

QTEST_MAIN(TestDetailPane)
#include "tst_detailpane.moc"
