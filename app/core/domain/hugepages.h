#pragma once

#include <cstddef>
#include <vector>

// Large buffers backed by 2 MiB pages. Filling a fresh buffer costs a page fault per 4 KiB
// page the first time it is touched; on the virtual machines laptops and CI often are, those
// faults were most of the time spent loading a million incidents and building their rows.
// Linux's transparent huge pages, in their default "madvise" setting, give a buffer 2 MiB
// pages when asked before it is touched: 512 times fewer faults. Elsewhere, or for small
// buffers, these do nothing more than reserve.
namespace HugePages {
// Asks for huge pages over the 2 MiB-aligned part of [data, data + bytes) (4 MiB or more).
void advise(void *data, std::size_t bytes);

// v.reserve(n), with the new, untouched storage advised (call it on an empty vector).
template <typename T> void reserve(std::vector<T> &v, std::size_t n)
{
    v.reserve(n);
    advise(v.data(), v.capacity() * sizeof(T));
}
} // namespace HugePages
