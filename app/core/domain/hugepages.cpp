#include "domain/hugepages.h"

#include <cstdint>
#include <sys/mman.h>

void HugePages::advise(void *data, std::size_t bytes)
{
    constexpr std::uintptr_t huge = std::uintptr_t(2) << 20;
    if (!data || bytes < 2 * huge)
        return;
    const auto begin = reinterpret_cast<std::uintptr_t>(data);
    const std::uintptr_t from = (begin + huge - 1) & ~(huge - 1);
    const std::uintptr_t to = (begin + bytes) & ~(huge - 1);
#ifdef MADV_HUGEPAGE
    if (to > from)
        madvise(reinterpret_cast<void *>(from), to - from, MADV_HUGEPAGE); // a hint: failure changes nothing
#endif
}
