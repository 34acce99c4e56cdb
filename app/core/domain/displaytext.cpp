#include "domain/displaytext.h"

namespace {
constexpr QChar s_fsi(0x2068);
constexpr QChar s_pdi(0x2069);

bool isBidiControl(char32_t c)
{
    return (c >= 0x202A && c <= 0x202E) || (c >= 0x2066 && c <= 0x2069);
}

bool isHidden(char32_t c)
{
    return c < 0x20 || c == 0x7F || (c >= 0x80 && c <= 0x9F) || (c >= 0x200B && c <= 0x200F) || c == 0x2028
        || c == 0x2029 || (c >= 0x2060 && c <= 0x2064) || c == 0xFEFF || c == 0x00AD || isBidiControl(c);
}

QString mark(char32_t c)
{
    return QStringLiteral("[U+%1]").arg(QString::number(uint(c), 16).toUpper().rightJustified(4, u'0'));
}

template <typename Test> QString replaced(const QString &value, Test hidden)
{
    QString out;
    out.reserve(value.size());
    for (qsizetype i = 0; i < value.size(); ++i) {
        char32_t c = value.at(i).unicode();
        if (QChar::isHighSurrogate(c) && i + 1 < value.size() && value.at(i + 1).isLowSurrogate()) {
            out += value.at(i);
            out += value.at(++i);
            continue;
        }
        if (hidden(c))
            out += mark(c);
        else
            out += value.at(i);
    }
    return out;
}
} // namespace

namespace DisplayText {
QString withVisibleControls(const QString &value)
{
    bool any = false;
    for (const QChar ch : value)
        any = any || isBidiControl(ch.unicode());
    return any ? replaced(value, isBidiControl) : value;
}

QString isolated(const QString &value)
{
    return s_fsi + withVisibleControls(value) + s_pdi;
}

QString url(const QString &value)
{
    return s_fsi + (hasHiddenCharacters(value) ? replaced(value, isHidden) : value) + s_pdi;
}

bool hasHiddenCharacters(const QString &value)
{
    for (const QChar ch : value) {
        if (isHidden(ch.unicode()))
            return true;
    }
    return false;
}
} // namespace DisplayText
