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

bool CsvReader::atEnd() const
{
    return m_eof && m_pos >= m_buffer.size();
}

void CsvReader::fail(int line, int column, const QString &reason)
{
    m_error = tr("%1:%2: %3").arg(line).arg(column).arg(reason);
    m_errorLine = line;
}

// Appends the next chunk of decoded text to m_buffer; false when nothing more came.
bool CsvReader::fill()
{
    if (m_eof)
        return false;
    QByteArray bytes = m_pending + m_device->read(s_chunk);
    m_pending.clear();
    if (!m_started) {
        m_started = true;
        if (bytes.startsWith("\xEF\xBB\xBF")) {
            bytes.remove(0, 3);
            m_consumed += 3;
        } else if (bytes.startsWith("\xFF\xFE")) {
            m_utf16 = true;
            bytes.remove(0, 2);
            m_consumed += 2;
        }
    }
    if (bytes.isEmpty()) {
        m_eof = true;
        return false;
    }
    if (m_device->atEnd())
        m_eof = true;
    if (m_utf16) {
        if (bytes.size() % 2 && !m_eof) {
            m_pending = bytes.right(1);
            bytes.chop(1);
        }
        m_buffer += QString::fromUtf16(reinterpret_cast<const char16_t *>(bytes.constData()), bytes.size() / 2);
        m_consumed += bytes.size();
        return true;
    }
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
    if (m_pos >= m_buffer.size() && !fill())
        return false;

    // Skip a Ctrl-Z at the very end and blank lines between rows.
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
        break;
    }

    row.line = m_line;
    QString field;
    bool quoted = false; // inside a quoted field
    bool wasQuoted = false; // current field began with a quote
    int quoteLine = 0, quoteColumn = 0, column = 1;
    while (true) {
        if (m_pos >= m_buffer.size()) {
            if (!fill()) {
                if (hasError())
                    return false;
                if (quoted) {
                    fail(quoteLine, quoteColumn, tr("quote opened here is never closed"));
                    return false;
                }
                row.fields.append(field);
                return true;
            }
        }
        // Copy runs of ordinary characters in one append; stop at the characters that matter.
        if (quoted) {
            const qsizetype quote = m_buffer.indexOf(u'"', m_pos);
            const qsizetype runEnd = quote < 0 ? m_buffer.size() : quote;
            if (runEnd > m_pos) {
                const QStringView run = QStringView(m_buffer).sliced(m_pos, runEnd - m_pos);
                for (qsizetype k = 0; k < run.size(); ++k) {
                    const QChar ch = run[k];
                    if (ch == u'\n'
                        || (ch == u'\r' && !(k + 1 < run.size() && run[k + 1] == u'\n')
                            && !(k + 1 == run.size() && runEnd < m_buffer.size() && m_buffer.at(runEnd) == u'\n'))) {
                        ++m_line;
                        column = 1;
                    }
                }
                field.append(run);
                column += int(run.size());
                m_pos = runEnd;
                if (field.size() > s_maxFieldBytes) {
                    fail(row.line, column, tr("a field longer than %1 characters").arg(s_maxFieldBytes));
                    return false;
                }
                continue;
            }
        } else if (!wasQuoted) {
            qsizetype runEnd = m_pos;
            const qsizetype size = m_buffer.size();
            const QChar *data = m_buffer.constData();
            while (runEnd < size) {
                const QChar ch = data[runEnd];
                if (ch == m_delimiter || ch == u'\n' || ch == u'\r'
                    || (ch == u'"' && runEnd == m_pos && field.isEmpty()))
                    break;
                ++runEnd;
            }
            if (runEnd > m_pos) {
                field.append(QStringView(m_buffer).sliced(m_pos, runEnd - m_pos));
                column += int(runEnd - m_pos);
                m_pos = runEnd;
                if (field.size() > s_maxFieldBytes) {
                    fail(row.line, column, tr("a field longer than %1 characters").arg(s_maxFieldBytes));
                    return false;
                }
                continue;
            }
        }
        const QChar c = m_buffer.at(m_pos++);
        ++column;
        if (quoted) {
            // Only a quote reaches here: the run above consumed everything else.
            if (m_pos >= m_buffer.size())
                fill();
            if (m_pos < m_buffer.size() && m_buffer.at(m_pos) == u'"') {
                field.append(u'"');
                ++m_pos;
            } else {
                quoted = false;
            }
        } else if (c == u'"' && field.isEmpty() && !wasQuoted) {
            quoted = wasQuoted = true;
            quoteLine = m_line;
            quoteColumn = column - 1;
        } else if (c == m_delimiter) {
            row.fields.append(field);
            field.clear();
            wasQuoted = false;
            if (row.fields.size() > s_maxFields) {
                fail(row.line, column, tr("more than %1 fields").arg(s_maxFields));
                return false;
            }
        } else if (c == u'\r' || c == u'\n') {
            if (c == u'\r') {
                if (m_pos >= m_buffer.size())
                    fill();
                if (m_pos < m_buffer.size() && m_buffer.at(m_pos) == u'\n')
                    ++m_pos;
            }
            ++m_line;
            row.fields.append(field);
            return true;
        } else {
            // Text after a closing quote ("abc"def) is kept, as spreadsheets do.
            field.append(c);
        }
        if (field.size() > s_maxFieldBytes) {
            fail(row.line, column, tr("a field longer than %1 characters").arg(s_maxFieldBytes));
            return false;
        }
    }
}
