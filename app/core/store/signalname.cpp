#include "store/signalname.h"

#include <cstring>

QString signalName(int signal)
{
    const char *abbreviation = sigabbrev_np(signal); // glibc: "TERM" for SIGTERM
    return abbreviation ? QStringLiteral("SIG") + QString::fromLatin1(abbreviation)
                        : QStringLiteral("signal %1").arg(signal);
}
