#include "render/timelineframe.h"

#include <algorithm>
#include <cmath>

bool TimelineFrame::isSelected(Index i) const
{
    return std::binary_search(selected.begin(), selected.end(), i);
}

int TimelineFrame::visibleRowCapacity() const
{
    return rowHeight > 0 ? int(std::ceil(size.height() / rowHeight)) : 0;
}
