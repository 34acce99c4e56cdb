#pragma once

#include <QString>

// Text from files as the window shows it. Unicode's bidirectional controls can make a string
// read as something it is not ("\u202Egnp.exe" shows as "exe.png") and reorder the labels
// around it, so every data string is shown isolated (FSI ... PDI) with its explicit
// embedding, override and isolate controls (U+202A-U+202E, U+2066-U+2069) shown as visible
// marks ("[U+202E]"); legitimate right-to-left text needs none of them and is unchanged.
// Addresses also show every control and invisible character (C0, C1, zero-width, line and
// paragraph separators, BOM), so two addresses that look alike can be told apart.
namespace DisplayText {
// `value` with its bidi controls made visible, wrapped in FSI ... PDI.
QString isolated(const QString &value);
// `value` with its bidi controls made visible, without the isolate (for a whole widget text
// whose direction Qt takes from the text itself, such as a table cell).
QString withVisibleControls(const QString &value);
// A URL with every control, bidi or invisible character shown as "[U+XXXX]", isolated.
QString url(const QString &value);
// True when `value` holds a character url() would make visible.
bool hasHiddenCharacters(const QString &value);
} // namespace DisplayText
