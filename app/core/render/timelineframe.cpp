#include "render/timelineframe.h"

#include <algorithm>

bool TimelineFrame::isSelected(Index i) const
{
    return std::binary_search(selected.begin(), selected.end(), i);
}
