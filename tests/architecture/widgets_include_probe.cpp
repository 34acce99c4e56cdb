// Compiled only by the core_rejects_widgets_include test, which expects this to fail: the
// core's include path has no QtWidgets, so a widget cannot creep into the core library.
#include <QWidget>

int probe()
{
    return sizeof(QWidget);
}
