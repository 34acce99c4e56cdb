#include "domain/spreadsheetcell.h"

namespace {
bool isTrigger(QChar c)
{
    return c == u'=' || c == u'+' || c == u'-' || c == u'@' || c == u'\t' || c == u'\r' || c == u'\'';
}
} // namespace

namespace SpreadsheetCell {
QString neutralise(const QString &text)
{
    return !text.isEmpty() && isTrigger(text.front()) ? u'\'' + text : text;
}

bool needsApostrophe(QByteArrayView utf8)
{
    return !utf8.isEmpty() && isTrigger(QChar::fromLatin1(utf8.front()));
}

QString restore(const QString &text)
{
    return text.size() >= 2 && text.front() == u'\'' && isTrigger(text.at(1)) ? text.mid(1) : text;
}
} // namespace SpreadsheetCell
