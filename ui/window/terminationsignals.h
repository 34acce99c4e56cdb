#pragma once

#include <QObject>

class QSocketNotifier;

// SIGINT, SIGTERM and SIGHUP for the window: a logout, a `kill`, Ctrl+C in the terminal that
// started it. A signal handler may do almost nothing, so it only writes the signal's number
// into a socket pair; a QSocketNotifier reads it in the GUI thread and emits received(), where
// the window can cancel its import (rolled back), keep the user's notes and close as it does
// on File > Quit. The handler also puts the default actions back, so a second signal ends the
// process at once, as on the command line; SQLite then rolls a half-written import back from
// its journal at the next open. One instance at a time; the destructor restores the defaults.
class TerminationSignals : public QObject
{
    Q_OBJECT
public:
    explicit TerminationSignals(QObject *parent = nullptr);
    ~TerminationSignals() override;
    TerminationSignals(const TerminationSignals &) = delete;
    TerminationSignals &operator=(const TerminationSignals &) = delete;

    bool isActive() const { return m_notifier != nullptr; }

signals:
    void received(int signal);

private:
    void readSignal();

    QSocketNotifier *m_notifier = nullptr;
};
