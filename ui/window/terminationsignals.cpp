#include "window/terminationsignals.h"

#include <QSocketNotifier>
#include <array>
#include <csignal>
#include <cstring>
#include <fcntl.h>
#include <sys/socket.h>
#include <unistd.h>

namespace {
constexpr std::array<int, 3> s_signals { SIGINT, SIGTERM, SIGHUP };
int s_pair[2] = { -1, -1 }; // [0] written by the handler, [1] read by the notifier

void restoreDefaults()
{
    for (const int s : s_signals) {
        struct sigaction action
        {
        };
        action.sa_handler = SIG_DFL;
        sigemptyset(&action.sa_mask);
        sigaction(s, &action, nullptr);
    }
}

extern "C" void onSignal(int signal)
{
    // Only async-signal-safe calls: sigaction and write.
    restoreDefaults();
    const unsigned char number = static_cast<unsigned char>(signal);
    [[maybe_unused]] const ssize_t written = ::write(s_pair[0], &number, 1);
}
} // namespace

TerminationSignals::TerminationSignals(QObject *parent)
    : QObject(parent)
{
    if (s_pair[0] >= 0 || ::socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, s_pair) != 0)
        return; // another instance, or no socket: the default actions stay
    ::fcntl(s_pair[0], F_SETFL, ::fcntl(s_pair[0], F_GETFL) | O_NONBLOCK);
    m_notifier = new QSocketNotifier(s_pair[1], QSocketNotifier::Read, this);
    connect(m_notifier, &QSocketNotifier::activated, this, &TerminationSignals::readSignal);
    for (const int s : s_signals) {
        struct sigaction action
        {
        };
        action.sa_handler = onSignal;
        sigemptyset(&action.sa_mask);
        action.sa_flags = SA_RESTART;
        sigaction(s, &action, nullptr);
    }
}

TerminationSignals::~TerminationSignals()
{
    if (!m_notifier)
        return;
    restoreDefaults();
    delete m_notifier;
    ::close(s_pair[0]);
    ::close(s_pair[1]);
    s_pair[0] = s_pair[1] = -1;
}

void TerminationSignals::readSignal()
{
    unsigned char number = 0;
    if (::read(s_pair[1], &number, 1) == 1)
        emit received(int(number));
}
