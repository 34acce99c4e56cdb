#include "import/lineexcerpt.h"

#include "domain/displaytext.h"
#include "import/csvreader.h"

#include <QCoreApplication>
#include <QFile>
#include <QFileInfo>
#include <QStringDecoder>
#include <algorithm>
#include <climits>

namespace {
QString tr(const char *text)
{
    return QCoreApplication::translate("LineExcerpt", text);
}

// Splits a byte stream into physical lines, keeping the bytes of the lines in [first, last].
class LineCollector
{
public:
    LineCollector(int first, int last, int unit, bool bigEndian)
        : m_first(first)
        , m_last(last)
        , m_unit(unit)
        , m_bigEndian(bigEndian)
    { }

    bool done() const { return m_line > m_last; }
    int nextLine() const { return m_line; }
    const QList<QByteArray> &lines() const { return m_lines; }
    const QList<bool> &cut() const { return m_cut; }

    void feed(QByteArrayView bytes)
    {
        m_pending.append(bytes.data(), bytes.size());
        qsizetype at = 0;
        while (at + m_unit <= m_pending.size() && !done()) {
            if (m_unit == 1 && m_line < m_first && !m_afterCr) {
                // Before the lines wanted only the line breaks matter: jump to the next one.
                const char *begin = m_pending.constData() + at;
                const char *end = m_pending.constData() + m_pending.size();
                const char *next = std::find_if(begin, end, [](char c) { return c == '\n' || c == '\r'; });
                at += next - begin;
                if (next == end)
                    break;
            }
            take(QByteArrayView(m_pending).sliced(at, m_unit));
            at += m_unit;
        }
        m_pending.remove(0, at);
    }

    // At the end of the file: its last line, when it does not end with a line break.
    void finish()
    {
        if (!done() && (!m_current.isEmpty() || m_currentCut))
            endLine();
    }

private:
    void take(QByteArrayView unit)
    {
        const char16_t c = m_unit == 1
            ? char16_t(uchar(unit[0]))
            : char16_t(m_bigEndian ? (uchar(unit[0]) << 8) | uchar(unit[1]) : (uchar(unit[1]) << 8) | uchar(unit[0]));
        const bool afterCr = m_afterCr;
        m_afterCr = false;
        if (c == u'\n' && afterCr)
            return; // the LF of a CRLF: the CR ended the line
        if (c == u'\n' || c == u'\r') {
            m_afterCr = c == u'\r';
            endLine();
            return;
        }
        if (m_line < m_first)
            return;
        if (m_current.size() + unit.size() <= LineExcerpt::s_maxLineBytes)
            m_current.append(unit.data(), unit.size());
        else
            m_currentCut = true;
    }

    void endLine()
    {
        if (m_line >= m_first) {
            m_lines << m_current;
            m_cut << m_currentCut;
        }
        m_current.clear();
        m_currentCut = false;
        ++m_line;
    }

    int m_first;
    int m_last;
    int m_unit;
    bool m_bigEndian;
    int m_line = 1;
    bool m_afterCr = false;
    QByteArray m_pending;
    QByteArray m_current;
    bool m_currentCut = false;
    QList<QByteArray> m_lines;
    QList<bool> m_cut;
};

QString decode(const QByteArray &bytes, CsvReader::Encoding encoding)
{
    switch (encoding) {
    case CsvReader::Encoding::Utf16LE:
        return QStringDecoder(QStringDecoder::Utf16LE, QStringDecoder::Flag::Stateless).decode(bytes);
    case CsvReader::Encoding::Utf16BE:
        return QStringDecoder(QStringDecoder::Utf16BE, QStringDecoder::Flag::Stateless).decode(bytes);
    case CsvReader::Encoding::Windows1252:
        return CsvReader::fromWindows1252(bytes);
    case CsvReader::Encoding::Latin1:
        return QString::fromLatin1(bytes);
    default:
        return QString::fromUtf8(bytes); // a sequence cut at the cap decodes as U+FFFD
    }
}

// Control characters as their visible pictures (U+2400...), separators that would break the
// line as "[U+2028]", bidi controls as DisplayText shows them; tabs stay.
QString visible(const QString &text)
{
    QString out;
    out.reserve(text.size());
    for (const QChar ch : text) {
        const char16_t c = ch.unicode();
        if (c < 0x20 && c != u'\t')
            out += QChar(char16_t(0x2400 + c));
        else if (c == 0x7F)
            out += QChar(char16_t(0x2421));
        else if (c == 0x2028 || c == 0x2029 || c == 0x0085)
            out += QStringLiteral("[U+%1]").arg(QString::number(c, 16).toUpper().rightJustified(4, u'0'));
        else
            out += ch;
    }
    return DisplayText::withVisibleControls(out);
}

std::optional<LineExcerpt> fail(QString *error, const QString &why)
{
    if (error)
        *error = why;
    return std::nullopt;
}
} // namespace

std::optional<LineExcerpt> LineExcerpt::read(const QString &path, int line, int context, QString *error)
{
    if (line < 1)
        return fail(error, tr("no line to show"));
    const QFileInfo info(path);
    if (!info.exists())
        return fail(error, tr("%1: no such file").arg(path));
    if (!info.isFile()) // never a folder, pipe or device (a pipe would block the window)
        return fail(error, tr("%1: not a regular file").arg(path));
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return fail(error, QStringLiteral("%1: %2").arg(path, file.errorString()));
    const CsvReader::Encoding encoding = CsvReader::detectEncoding(file.peek(65536));
    const QByteArray bom = file.peek(3);
    if (encoding == CsvReader::Encoding::Utf16LE || encoding == CsvReader::Encoding::Utf16BE)
        file.skip(2);
    else if (bom.startsWith("\xEF\xBB\xBF"))
        file.skip(3);
    const bool wide = encoding == CsvReader::Encoding::Utf16LE || encoding == CsvReader::Encoding::Utf16BE;
    context = std::max(0, context);
    LineCollector collector(std::max(1, line - context), line > INT_MAX - context ? INT_MAX : line + context,
        wide ? 2 : 1, encoding == CsvReader::Encoding::Utf16BE);
    while (!collector.done()) {
        const QByteArray chunk = file.read(1 << 16);
        if (chunk.isEmpty())
            break;
        collector.feed(chunk);
    }
    if (file.error() != QFileDevice::NoError)
        return fail(error, QStringLiteral("%1: %2").arg(path, file.errorString()));
    collector.finish();
    LineExcerpt excerpt;
    excerpt.firstLine = std::max(1, line - context);
    excerpt.line = line;
    if (excerpt.firstLine + collector.lines().size() <= line)
        return fail(error, tr("%1: the file has no line %2").arg(path, QString::number(line)));
    for (const QByteArray &bytes : collector.lines())
        excerpt.lines << visible(decode(bytes, encoding));
    excerpt.cut = collector.cut();
    return excerpt;
}

QString LineExcerpt::toText() const
{
    const int width = int(QString::number(firstLine + lines.size()).size());
    QStringList out;
    for (qsizetype i = 0; i < lines.size(); ++i) {
        const int number = firstLine + int(i);
        QString text = QStringLiteral("%1 %2 | %3")
                           .arg(number == line ? QStringLiteral(">") : QStringLiteral(" "))
                           .arg(number, width)
                           .arg(lines.at(i));
        if (cut.value(i))
            text += tr(" … (cut at %1 bytes)").arg(s_maxLineBytes);
        out << text;
    }
    return out.join(u'\n');
}
