#include "import/csvreader.h"

#include <QCoreApplication>
#include <QStringDecoder>

namespace {
QString tr(const char *text)
{
    return QCoreApplication::translate("CsvReader", text);
}
constexpr qint64 s_chunk = 1 << 20;
} // namespace

CsvReader::CsvReader(QIODevice *device)
    : m_device(device)
{ }

QChar CsvReader::detectDelimiter(QByteArrayView bytes)
{
    const char candidates[] = { ',', ';', '\t', '|' };
    int counts[4] = { 0, 0, 0, 0 };
    bool quoted = false;
    for (const char c : bytes) {
        if (c == '"')
            quoted = !quoted;
        else if (!quoted && (c == '\n' || c == '\r'))
            break;
        else if (!quoted)
            for (int i = 0; i < 4; ++i)
                counts[i] += c == candidates[i];
    }
    int best = 0;
    for (int i = 1; i < 4; ++i) {
        if (counts[i] > counts[best])
            best = i;
    }
    return QChar::fromLatin1(candidates[best]);
}

void CsvReader::fail(int line, int column, const QString &reason)
{
    m_error = tr("%1:%2: %3").arg(line).arg(column).arg(reason);
    m_errorLine = line;
}

// Appends decoded text to m_buffer; false when nothing more came. A chunk can decode to nothing
// (one byte of a UTF-16 character), so reading goes on until text arrives or the input ends.
bool CsvReader::fill()
{
    const qsizetype before = m_buffer.size();
    while (fillChunk()) {
        if (m_buffer.size() > before)
            return true;
    }
    return false;
}

bool CsvReader::fillChunk()
{
    if (m_eof)
        return false;
    QByteArray bytes = m_pending + m_device->read(s_chunk);
    m_pending.clear();
    if (!m_started) {
        m_started = true;
        qsizetype bom = 0;
        if (bytes.startsWith("\xEF\xBB\xBF")) {
            bom = 3;
            m_encoding = Encoding::Utf8;
        } else if (bytes.startsWith("\xFF\xFE")) {
            bom = 2;
            m_encoding = Encoding::Utf16LE;
        } else if (bytes.startsWith("\xFE\xFF")) {
            bom = 2;
            m_encoding = Encoding::Utf16BE;
        } else if (m_encoding == Encoding::Detect) {
            m_encoding = Encoding::Utf8;
        }
        bytes.remove(0, bom);
        m_consumed += bom;
    }
    if (bytes.isEmpty()) {
        m_eof = true;
        return false;
    }
    if (m_device->atEnd())
        m_eof = true;
    switch (m_encoding) {
    case Encoding::Utf16LE:
    case Encoding::Utf16BE:
        return appendUtf16(bytes);
    case Encoding::Windows1252:
        m_buffer += fromWindows1252(bytes);
        m_consumed += bytes.size();
        return true;
    case Encoding::Latin1:
        m_buffer += QString::fromLatin1(bytes);
        m_consumed += bytes.size();
        return true;
    case Encoding::Detect:
    case Encoding::Utf8:
        break;
    }
    return appendUtf8(bytes);
}

bool CsvReader::appendUtf16(QByteArray &bytes)
{
    if (bytes.size() % 2 && m_eof) {
        fail(m_line, 0, tr("the UTF-16 text ends in the middle of a character"));
        return false;
    }
    if (bytes.size() % 2) {
        m_pending = bytes.right(1);
        bytes.chop(1);
    }
    if (m_encoding == Encoding::Utf16BE) {
        for (qsizetype i = 0; i + 1 < bytes.size(); i += 2)
            std::swap(bytes[i], bytes[i + 1]);
    }
    m_buffer += QString::fromUtf16(reinterpret_cast<const char16_t *>(bytes.constData()), bytes.size() / 2);
    m_consumed += bytes.size();
    return true;
}

bool CsvReader::appendUtf8(QByteArray &bytes)
{
    // Keep an incomplete UTF-8 sequence at the end for the next chunk.
    if (!m_eof) {
        qsizetype cut = bytes.size();
        for (int back = 1; back <= 3 && back <= bytes.size(); ++back) {
            const uchar c = uchar(bytes.at(bytes.size() - back));
            if ((c & 0xC0) == 0x80)
                continue;
            const int need = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : c >= 0xC0 ? 2 : 1;
            if (need > back)
                cut = bytes.size() - back;
            break;
        }
        m_pending = bytes.mid(cut);
        bytes.truncate(cut);
    }
    QStringDecoder decoder(QStringDecoder::Utf8, QStringDecoder::Flag::Stateless);
    const QString text = decoder.decode(bytes);
    if (decoder.hasError()) {
        // Find the line of the first bad byte for the message.
        const QString good = QString::fromUtf8(bytes);
        int line = m_line;
        for (qsizetype i = m_pos; i < m_buffer.size(); ++i)
            line += m_buffer.at(i) == u'\n';
        const qsizetype bad = good.indexOf(QChar(QChar::ReplacementCharacter));
        for (qsizetype i = 0; i < bad; ++i)
            line += good.at(i) == u'\n';
        fail(line, 0, tr("invalid UTF-8; expected a UTF-8 text file (save it as UTF-8 or pick its encoding)"));
        m_eof = true;
        return false;
    }
    m_buffer += text;
    m_consumed += bytes.size();
    return true;
}

CsvReader::Encoding CsvReader::detectEncoding(QByteArrayView bytes)
{
    if (bytes.startsWith("\xEF\xBB\xBF"))
        return Encoding::Utf8;
    if (bytes.startsWith("\xFF\xFE"))
        return Encoding::Utf16LE;
    if (bytes.startsWith("\xFE\xFF"))
        return Encoding::Utf16BE;
    // A sample cut in the middle of a sequence is still UTF-8: drop an incomplete tail.
    qsizetype end = bytes.size();
    for (int back = 1; back <= 3 && back <= bytes.size(); ++back) {
        const uchar c = uchar(bytes.at(bytes.size() - back));
        if ((c & 0xC0) == 0x80)
            continue;
        const int need = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : c >= 0xC0 ? 2 : 1;
        if (need > back)
            end = bytes.size() - back;
        break;
    }
    QStringDecoder decoder(QStringDecoder::Utf8, QStringDecoder::Flag::Stateless);
    [[maybe_unused]] const QString text = decoder.decode(bytes.first(end)); // decodes when converted
    return decoder.hasError() ? Encoding::Windows1252 : Encoding::Utf8;
}

std::optional<CsvReader::Encoding> CsvReader::encodingFromName(QStringView name)
{
    QString key = name.trimmed().toString().toLower();
    key.remove(u'-');
    key.remove(u'_');
    key.remove(u' ');
    if (key == u"utf8")
        return Encoding::Utf8;
    if (key == u"utf16le" || key == u"utf16")
        return Encoding::Utf16LE;
    if (key == u"utf16be")
        return Encoding::Utf16BE;
    if (key == u"windows1252" || key == u"cp1252")
        return Encoding::Windows1252;
    if (key == u"latin1" || key == u"iso88591")
        return Encoding::Latin1;
    if (key == u"auto" || key.isEmpty())
        return Encoding::Detect;
    return std::nullopt;
}

QString CsvReader::encodingName(Encoding encoding)
{
    switch (encoding) {
    case Encoding::Detect:
        return QStringLiteral("auto");
    case Encoding::Utf8:
        return QStringLiteral("utf-8");
    case Encoding::Utf16LE:
        return QStringLiteral("utf-16le");
    case Encoding::Utf16BE:
        return QStringLiteral("utf-16be");
    case Encoding::Windows1252:
        return QStringLiteral("windows-1252");
    case Encoding::Latin1:
        return QStringLiteral("latin-1");
    }
    return {};
}

QString CsvReader::fromWindows1252(QByteArrayView bytes)
{
    // 0x80-0x9F; the five bytes Windows-1252 leaves undefined decode as Latin-1 does.
    static constexpr char16_t high[32] = { 0x20AC, 0x0081, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6,
        0x2030, 0x0160, 0x2039, 0x0152, 0x008D, 0x017D, 0x008F, 0x0090, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013,
        0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0x009D, 0x017E, 0x0178 };
    QString text(bytes.size(), Qt::Uninitialized);
    QChar *out = text.data();
    for (const char byte : bytes) {
        const uchar c = uchar(byte);
        *out++ = c >= 0x80 && c < 0xA0 ? QChar(high[c - 0x80]) : QChar(char16_t(c));
    }
    return text;
}

bool CsvReader::readRow(Row &row)
{
    row.fields.clear();
    if (hasError())
        return false;
    // Drop what earlier rows consumed.
    if (m_pos > (1 << 20)) {
        m_buffer.remove(0, m_pos);
        m_pos = 0;
    }
    if (!skipToRow())
        return false;
    row.line = m_line;
    FieldState state;
    while (true) {
        if (m_pos >= m_buffer.size() && !fill())
            return finishAtEnd(row, state);
        if (!takeRun(state)) {
            const Step step = takeCharacter(row, state);
            if (step != Step::More)
                return step == Step::RowEnds;
        }
        if (fieldTooLong(row, state))
            return false;
    }
}

bool CsvReader::skipToRow()
{
    // Skip blank lines between rows and a Ctrl-Z at the very end.
    while (true) {
        if (m_pos >= m_buffer.size() && !fill())
            return false;
        const QChar c = m_buffer.at(m_pos);
        if (c == u'\r' || c == u'\n') {
            ++m_pos;
            if (c == u'\r' && (m_pos < m_buffer.size() || fill()) && m_pos < m_buffer.size()
                && m_buffer.at(m_pos) == u'\n')
                ++m_pos;
            ++m_line;
            continue;
        }
        if (c == QChar(0x1A) && m_eof && m_pos + 1 >= m_buffer.size()) {
            ++m_pos;
            return false;
        }
        return true;
    }
}

bool CsvReader::finishAtEnd(Row &row, FieldState &state)
{
    if (hasError())
        return false;
    if (state.quoted) {
        fail(state.quoteLine, state.quoteColumn, tr("quote opened here is never closed"));
        return false;
    }
    row.fields.append(state.field);
    return true;
}

bool CsvReader::fieldTooLong(const Row &row, const FieldState &state)
{
    if (state.field.size() <= s_maxFieldChars)
        return false;
    fail(row.line, state.column, tr("a field longer than %1 characters").arg(s_maxFieldChars));
    return true;
}

bool CsvReader::takeRun(FieldState &state)
{
    // Runs of ordinary characters are copied in one append; they stop at the characters that matter.
    if (state.quoted)
        return takeQuotedRun(state);
    if (!state.wasQuoted)
        return takePlainRun(state);
    return false;
}

bool CsvReader::takeQuotedRun(FieldState &state)
{
    const qsizetype quote = m_buffer.indexOf(u'"', m_pos);
    const qsizetype runEnd = quote < 0 ? m_buffer.size() : quote;
    if (runEnd == m_pos)
        return false;
    const QStringView run = QStringView(m_buffer).sliced(m_pos, runEnd - m_pos);
    for (qsizetype k = 0; k < run.size(); ++k) {
        // A line break inside the field: LF, or a CR that no LF follows (in the run or just after it).
        const QChar ch = run[k];
        if (ch == u'\n'
            || (ch == u'\r' && !(k + 1 < run.size() && run[k + 1] == u'\n')
                && !(k + 1 == run.size() && runEnd < m_buffer.size() && m_buffer.at(runEnd) == u'\n'))) {
            ++m_line;
            state.column = 1;
        }
    }
    state.field.append(run);
    state.column += int(run.size());
    m_pos = runEnd;
    return true;
}

bool CsvReader::takePlainRun(FieldState &state)
{
    qsizetype runEnd = m_pos;
    const qsizetype size = m_buffer.size();
    const QChar *data = m_buffer.constData();
    while (runEnd < size) {
        const QChar ch = data[runEnd];
        if (ch == m_delimiter || ch == u'\n' || ch == u'\r' || (ch == u'"' && runEnd == m_pos && state.field.isEmpty()))
            break;
        ++runEnd;
    }
    if (runEnd == m_pos)
        return false;
    state.field.append(QStringView(m_buffer).sliced(m_pos, runEnd - m_pos));
    state.column += int(runEnd - m_pos);
    m_pos = runEnd;
    return true;
}

CsvReader::Step CsvReader::takeCharacter(Row &row, FieldState &state)
{
    const QChar c = m_buffer.at(m_pos++);
    ++state.column;
    if (state.quoted) {
        // Only a quote reaches here: the run consumed everything else. Doubled, it is one quote.
        if (m_pos >= m_buffer.size())
            fill();
        if (m_pos < m_buffer.size() && m_buffer.at(m_pos) == u'"') {
            state.field.append(u'"');
            ++m_pos;
        } else {
            state.quoted = false;
        }
    } else if (c == u'"' && state.field.isEmpty() && !state.wasQuoted) {
        state.quoted = state.wasQuoted = true;
        state.quoteLine = m_line;
        state.quoteColumn = state.column - 1;
    } else if (c == m_delimiter) {
        row.fields.append(state.field);
        state.field.clear();
        state.wasQuoted = false;
        if (row.fields.size() > s_maxFields) {
            fail(row.line, state.column, tr("more than %1 fields").arg(s_maxFields));
            return Step::Failed;
        }
    } else if (c == u'\r' || c == u'\n') {
        if (c == u'\r') {
            if (m_pos >= m_buffer.size())
                fill();
            if (m_pos < m_buffer.size() && m_buffer.at(m_pos) == u'\n')
                ++m_pos;
        }
        ++m_line;
        row.fields.append(state.field);
        return Step::RowEnds;
    } else {
        // Text after a closing quote ("abc"def) is kept, as spreadsheets do.
        state.field.append(c);
    }
    return Step::More;
}
