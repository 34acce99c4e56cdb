// Issue 17 #9: data strings cannot reorder themselves or the text around them.
#include "domain/displaytext.h"

#include <QTest>

class TestDisplayText : public QObject
{
    Q_OBJECT
private slots:
    void bidiControlsAreVisibleAndTheStringIsolated()
    {
        const QString title = QStringLiteral("\u202Egnp.exe\u202C");
        const QString shown = DisplayText::isolated(title);
        QCOMPARE(shown, QStringLiteral("\u2068[U+202E]gnp.exe[U+202C]\u2069"));
        for (const QChar c : shown.mid(1, shown.size() - 2))
            QVERIFY(c.direction() != QChar::DirRLO && c.direction() != QChar::DirPDF);
        // Isolates in the data cannot close ours.
        QCOMPARE(
            DisplayText::isolated(QStringLiteral("a\u2069b\u2066")), QStringLiteral("\u2068a[U+2069]b[U+2066]\u2069"));
    }

    void rightToLeftTextIsUnchanged()
    {
        const QString arabic = QStringLiteral("هجوم إلكتروني على الوزارة");
        QCOMPARE(DisplayText::withVisibleControls(arabic), arabic);
        QCOMPARE(DisplayText::isolated(arabic), QChar(0x2068) + arabic + QChar(0x2069));
        QCOMPARE(DisplayText::withVisibleControls(QStringLiteral("emoji \U0001F600 ok")),
            QStringLiteral("emoji \U0001F600 ok"));
    }

    void urlsShowEveryHiddenCharacter()
    {
        QCOMPARE(DisplayText::url(QStringLiteral("https://ex\u202Eample.org")),
            QStringLiteral("\u2068https://ex[U+202E]ample.org\u2069"));
        QCOMPARE(DisplayText::url(QStringLiteral("https://a\u200Bb.org/\u0007x")),
            QStringLiteral("\u2068https://a[U+200B]b.org/[U+0007]x\u2069"));
        QVERIFY(DisplayText::hasHiddenCharacters(QStringLiteral("x\uFEFF")));
        QVERIFY(!DisplayText::hasHiddenCharacters(QStringLiteral("https://example.org/é")));
    }
};

QTEST_APPLESS_MAIN(TestDisplayText)
#include "tst_displaytext.moc"
