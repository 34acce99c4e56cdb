#include "interruption.h"

#include <csignal>
#include <cstring>

namespace {
volatile std::sig_atomic_t s_signal = 0;
constexpr int s_signals[] = { SIGINT, SIGTERM, SIGHUP };

extern "C" void note(int signal)
{
    s_signal = signal;
}
} // namespace

namespace Interruption {
Scope::Scope()
{
    s_signal = 0;
    struct sigaction action = {};
    action.sa_handler = note;
    sigemptyset(&action.sa_mask);
    action.sa_flags = SA_RESETHAND; // the second one ends the process
    for (const int s : s_signals)
        sigaction(s, &action, nullptr);
}

Scope::~Scope()
{
    for (const int s : s_signals)
        std::signal(s, SIG_DFL);
}

int signal()
{
    return s_signal;
}

bool carryOn()
{
    return s_signal == 0;
}
} // namespace Interruption
