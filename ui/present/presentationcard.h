#pragma once

#include "domain/incident.h"
#include "render/flagcache.h"

#include <QStringList>
#include <QWidget>

class QHBoxLayout;
class QLabel;
struct PresentationTheme;

// The card of an incident step in presentation mode: title, date and precision, the
// countries with their flags, the attribution, the summary (as much as fits in whole
// sentences; at 1280x720 the bundled story's summaries fit whole) and one line of the
// sources' publishers (elided: the summary comes first). All text is plain text. As an aside (an incident
// clicked on the timeline during the story) it says so on top, and a click on it asks to go
// back to the story.
class PresentationCard : public QWidget
{
    Q_OBJECT
public:
    explicit PresentationCard(QWidget *parent = nullptr);

    void setTextSizes(int titlePx, int bodyPx);
    void setTheme(const PresentationTheme &theme);
    void showIncident(const Incident &incident, bool aside);
    void showMissing(const QString &heading, const QString &incidentId);
    bool isAside() const { return m_aside; }

    QString text() const; // every line of the card, for tests and screen readers
    QStringList flagCodes() const { return m_flagCodes; } // the flags shown, in order
    QFont titleFont() const;
    QFont bodyFont() const;

signals:
    void returnRequested(); // the aside was clicked

protected:
    void mouseReleaseEvent(QMouseEvent *event) override;
    void resizeEvent(QResizeEvent *event) override;
    void paintEvent(QPaintEvent *event) override;

private:
    void fillCountries(const Incident &incident);
    void addCountries(const QString &role, const QStringList &codes);
    QString fittedSummary(const QString &summary) const;
    void elideSources();

    QLabel *m_asideNote;
    QLabel *m_title;
    QLabel *m_date;
    QWidget *m_countries;
    QHBoxLayout *m_countriesLayout;
    QLabel *m_attribution;
    QLabel *m_summary;
    QLabel *m_sources;
    QString m_countriesText;
    QString m_sourcesText; // every publisher; the label shows one line of it
    QStringList m_flagCodes;
    FlagCache m_flags;
    QColor m_border;
    int m_bodyPx = 28;
    bool m_aside = false;
};
