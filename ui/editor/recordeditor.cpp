#include "editor/recordeditor.h"

#include "domain/countries.h"
#include "render/flagcache.h"

#include <QAbstractItemView>
#include <QCheckBox>
#include <QComboBox>
#include <QCompleter>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QGridLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QPixmap>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QStringListModel>
#include <QTableWidget>
#include <QVBoxLayout>

namespace {
const QChar s_listSeparator = u',';

QStringList splitList(const QString &text)
{
    QStringList out;
    for (const QString &part : text.split(s_listSeparator, Qt::SkipEmptyParts)) {
        const QString v = part.trimmed();
        if (!v.isEmpty())
            out << v;
    }
    return out;
}

QString precisionText(const QString &typed)
{
    const PartialDate date = PartialDate::parse(typed.trimmed());
    if (!date.isValid())
        return QString();
    switch (date.precision()) {
    case Precision::Day:
        return RecordEditor::tr("day: %1").arg(date.toDisplayString());
    case Precision::Month:
        return RecordEditor::tr("month: %1").arg(date.toDisplayString());
    case Precision::Year:
        break;
    }
    return RecordEditor::tr("year: %1").arg(date.toDisplayString());
}

// Completes the word after the last comma of a list field, keeping what comes before it.
class ListCompleter : public QCompleter
{
public:
    ListCompleter(const QStringList &words, QLineEdit *edit)
        : QCompleter(words, edit)
    {
        setCaseSensitivity(Qt::CaseInsensitive);
        setFilterMode(Qt::MatchStartsWith);
        setWidget(edit);
        QObject::connect(edit, &QLineEdit::textEdited, this, [this](const QString &text) {
            const QString last = text.section(s_listSeparator, -1).trimmed();
            if (last.size() < 2) {
                popup()->hide();
                return;
            }
            setCompletionPrefix(last);
            complete();
        });
        QObject::connect(this, qOverload<const QString &>(&QCompleter::activated), edit, [edit](const QString &choice) {
            QString text = edit->text();
            const qsizetype cut = text.lastIndexOf(s_listSeparator);
            text = (cut >= 0 ? text.left(cut + 1) + u' ' : QString()) + choice;
            edit->setText(text);
        });
    }
};
} // namespace

RecordEditor::RecordEditor(const RecordForm &initial, std::shared_ptr<const IncidentColumns> columns, QWidget *parent)
    : QDialog(parent)
    , m_base(initial)
{
    setWindowTitle(initial.id.isEmpty() ? tr("New Incident") : tr("Edit Incident"));
    setAccessibleName(windowTitle());
    auto *layout = new QVBoxLayout(this);
    m_evidenceNote = new QLabel(this);
    m_evidenceNote->setObjectName(QStringLiteral("evidenceNote"));
    m_evidenceNote->setTextFormat(Qt::PlainText);
    m_evidenceNote->setWordWrap(true);
    m_evidenceNote->hide();
    layout->addWidget(m_evidenceNote);
    layout->addWidget(buildFields(std::move(columns)), 1);
    m_buttons = new QDialogButtonBox(QDialogButtonBox::Save | QDialogButtonBox::Cancel, this);
    m_save = m_buttons->button(QDialogButtonBox::Save);
    m_save->setAccessibleName(tr("Save incident"));
    layout->addWidget(m_buttons);
    connect(m_buttons, &QDialogButtonBox::accepted, this, [this] {
        check();
        if (m_checked.record)
            accept();
    });
    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    setForm(initial);
    check();
}

QLineEdit *RecordEditor::lineEdit(const QString &field, const QString &placeholder)
{
    auto *edit = new QLineEdit(this);
    edit->setObjectName(field);
    edit->setPlaceholderText(placeholder);
    m_inputs.insert(field, edit);
    connect(edit, &QLineEdit::textChanged, this, &RecordEditor::check);
    return edit;
}

QLabel *RecordEditor::errorLabel(const QString &field)
{
    auto *label = new QLabel(this);
    label->setObjectName(field + QStringLiteral("Error"));
    label->setTextFormat(Qt::PlainText);
    label->setWordWrap(true);
    QPalette p = label->palette();
    p.setColor(QPalette::WindowText, QColor(0xb0, 0x10, 0x10));
    label->setPalette(p);
    label->hide();
    m_errors.insert(field, label);
    return label;
}

QWidget *RecordEditor::buildFields(std::shared_ptr<const IncidentColumns> columns)
{
    auto *fields = new QWidget(this);
    auto *columnsLayout = new QHBoxLayout(fields);
    columnsLayout->setContentsMargins(0, 0, 0, 0);
    auto *left = new QFormLayout;
    auto *right = new QFormLayout;
    left->setFieldGrowthPolicy(QFormLayout::ExpandingFieldsGrow);
    right->setFieldGrowthPolicy(QFormLayout::ExpandingFieldsGrow);
    columnsLayout->addLayout(left, 1);
    columnsLayout->addSpacing(12);
    columnsLayout->addLayout(right, 1);

    addDateAndCountryRows(left);
    addVocabularyRows(left, std::move(columns));
    addRightRows(right);
    return fields;
}

// A field with its message under it.
void RecordEditor::addRow(QFormLayout *form, const QString &label, const QString &field, QWidget *input, QWidget *extra)
{
    auto *box = new QWidget(this);
    auto *v = new QVBoxLayout(box);
    v->setContentsMargins(0, 0, 0, 0);
    v->setSpacing(2);
    auto *line = new QHBoxLayout;
    line->addWidget(input, 1);
    if (extra)
        line->addWidget(extra);
    v->addLayout(line);
    v->addWidget(errorLabel(field));
    auto *name = new QLabel(label, this);
    name->setBuddy(input);
    input->setAccessibleName(QString(label).remove(u'&'));
    form->addRow(name, box);
}

void RecordEditor::addDateAndCountryRows(QFormLayout *left)
{
    addRow(left, tr("&Title"), QStringLiteral("title"), lineEdit(QStringLiteral("title"), tr("One line")));
    const QString datePlaceholder = tr("2022, 2022-07 or 2022-07-17");
    for (const auto &[field, label] :
        { std::pair { QStringLiteral("start"), tr("&Start") }, std::pair { QStringLiteral("end"), tr("&End") },
            std::pair { QStringLiteral("disclosed"), tr("&Disclosed") },
            std::pair { QStringLiteral("attributed_on"), tr("Attri&buted on") } }) {
        QLineEdit *edit
            = lineEdit(field, field == u"start" ? datePlaceholder : QString(tr("optional; ") + datePlaceholder));
        auto *precision = new QLabel(this);
        precision->setObjectName(field + QStringLiteral("Precision"));
        precision->setMinimumWidth(fontMetrics().horizontalAdvance(tr("month: September 2022")));
        precision->setTextFormat(Qt::PlainText);
        m_precision.insert(field, precision);
        addRow(left, label, field, edit, precision);
    }

    QStringList countryNames;
    for (const auto &[name, code] : Countries::instance().writtenNames())
        countryNames << name;
    for (const auto &[field, label] : { std::pair { QStringLiteral("victims"), tr("&Victims") },
             std::pair { QStringLiteral("attackers"), tr("Atta&ckers") } }) {
        QLineEdit *edit = lineEdit(field,
            field == u"victims" ? tr("Countries targeted, by name: Albania, Albanian, AL (XX when unknown)")
                                : tr("Countries it is attributed to (optional)"));
        new ListCompleter(countryNames, edit);
        auto *resolved = new QWidget(this);
        resolved->setObjectName(field + QStringLiteral("Resolved"));
        auto *resolvedLayout = new QHBoxLayout(resolved);
        resolvedLayout->setContentsMargins(0, 0, 0, 0);
        resolvedLayout->setSpacing(3);
        resolvedLayout->addStretch();
        m_resolved.insert(field, resolved);
        addRow(left, label, field, edit);
        left->addRow(QString(), resolved);
        connect(edit, &QLineEdit::textChanged, this, [this, field] { showCountries(field); });
    }
}

void RecordEditor::addVocabularyRows(QFormLayout *left, std::shared_ptr<const IncidentColumns> columns)
{
    m_type = new QComboBox(this);
    m_type->setObjectName(QStringLiteral("type"));
    for (const QString &key : Vocabulary::allTypeKeys())
        m_type->addItem(Vocabulary::typeLabel(*Vocabulary::typeFromKey(key)), key);
    m_inputs.insert(QStringLiteral("type"), m_type);
    connect(m_type, &QComboBox::currentIndexChanged, this, &RecordEditor::check);
    addRow(left, tr("T&ype"), QStringLiteral("type"), m_type);

    m_attribution = new QComboBox(this);
    m_attribution->setObjectName(QStringLiteral("attribution"));
    for (const QString &key : Vocabulary::allAttributionKeys())
        m_attribution->addItem(Vocabulary::attributionLabel(*Vocabulary::attributionFromKey(key)), key);
    m_inputs.insert(QStringLiteral("attribution"), m_attribution);
    connect(m_attribution, &QComboBox::currentIndexChanged, this, &RecordEditor::check);
    addRow(left, tr("Attrib&ution"), QStringLiteral("attribution"), m_attribution);

    QLineEdit *actor = lineEdit(QStringLiteral("actor"), tr("Group or operation, e.g. HomeLand Justice"));
    if (columns) {
        QStringList actors = columns->actors;
        actors.removeAll(QString());
        actors.sort(Qt::CaseInsensitive);
        auto *completer = new QCompleter(actors, actor);
        completer->setCaseSensitivity(Qt::CaseInsensitive);
        completer->setFilterMode(Qt::MatchContains);
        actor->setCompleter(completer);
    }
    addRow(left, tr("Ac&tor"), QStringLiteral("actor"), actor);
}

void RecordEditor::addRightRows(QFormLayout *right)
{
    auto *sectors = new QWidget(this);
    sectors->setObjectName(QStringLiteral("sectors"));
    auto *grid = new QGridLayout(sectors);
    grid->setContentsMargins(0, 0, 0, 0);
    grid->setVerticalSpacing(0);
    int n = 0;
    for (const QString &key : Vocabulary::allSectorKeys()) {
        auto *box = new QCheckBox(Vocabulary::sectorLabel(*Vocabulary::sectorFromKey(key)), sectors);
        box->setProperty("key", key);
        box->setObjectName(QStringLiteral("sector-") + key);
        connect(box, &QCheckBox::toggled, this, &RecordEditor::check);
        m_sectors << box;
        grid->addWidget(box, n / 3, n % 3);
        ++n;
    }
    m_inputs.insert(QStringLiteral("sectors"), sectors);
    addRow(right, tr("Sectors"), QStringLiteral("sectors"), sectors);

    m_summary = new QPlainTextEdit(this);
    m_summary->setObjectName(QStringLiteral("summary"));
    m_summary->setTabChangesFocus(true);
    m_summary->setPlaceholderText(tr("A few sentences of plain text"));
    m_summary->setMinimumHeight(80);
    m_inputs.insert(QStringLiteral("summary"), m_summary);
    connect(m_summary, &QPlainTextEdit::textChanged, this, &RecordEditor::check);
    addRow(right, tr("Su&mmary"), QStringLiteral("summary"), m_summary);

    addSourcesRow(right);

    addRow(right, tr("Ta&gs"), QStringLiteral("tags"),
        lineEdit(QStringLiteral("tags"), tr("Keywords, separated by commas")));
    addRow(right, tr("&Related"), QStringLiteral("related"),
        lineEdit(QStringLiteral("related"), tr("Ids of related incidents, separated by commas")));
    auto *idLabel = new QLabel(this);
    idLabel->setObjectName(QStringLiteral("idLabel"));
    idLabel->setTextFormat(Qt::PlainText);
    idLabel->setText(m_base.id.isEmpty() ? tr("A new record of “My records”") : tr("Record %1").arg(m_base.id));
    right->addRow(tr("Id"), idLabel);
    errorLabel(QStringLiteral("id"));
    right->addRow(QString(), m_errors.value(QStringLiteral("id")));
}

void RecordEditor::setEvidence(const QList<DraftEvidence> &evidence)
{
    m_evidence.clear();
    for (const DraftEvidence &e : evidence) {
        if (e.sentence.isEmpty())
            continue;
        const QString field = e.field.startsWith(u"sources.") ? QStringLiteral("sources") : e.field;
        QString &text = m_evidence[field];
        const QString line = QStringLiteral("“%1”").arg(e.sentence.simplified().left(400));
        if (!text.contains(line))
            text += (text.isEmpty() ? QString() : QStringLiteral("\n")) + line;
    }
    for (auto it = m_evidence.cbegin(); it != m_evidence.cend(); ++it) {
        QWidget *input = m_inputs.value(it.key());
        if (!input)
            continue;
        input->setToolTip(tr("From the article:\n%1").arg(it.value()));
        input->setProperty("evidence", it.value());
        QPalette p = input->palette();
        p.setColor(QPalette::Base, QColor(0xff, 0xf6, 0xd5));
        p.setColor(QPalette::Text, Qt::black);
        input->setPalette(p);
        input->setAutoFillBackground(true);
    }
    m_evidenceNote->setText(tr("Proposed from the article: the tinted fields. Rest the pointer on one to see the "
                               "sentence it came from; change anything before saving."));
    m_evidenceNote->setVisible(!m_evidence.isEmpty());
}

// The sources as a table (publisher, title, date, URL) with Add and Remove beside it.
void RecordEditor::addSourcesRow(QFormLayout *right)
{
    m_sources = new QTableWidget(0, 4, this);
    m_sources->setObjectName(QStringLiteral("sources"));
    m_sources->setHorizontalHeaderLabels({ tr("Publisher"), tr("Title"), tr("Date"), tr("URL") });
    // Publisher and date are short and read whole; title and URL share what is left, and a
    // cell's tooltip holds its whole text.
    m_sources->horizontalHeader()->setSectionResizeMode(QHeaderView::Stretch);
    m_sources->horizontalHeader()->setSectionResizeMode(0, QHeaderView::ResizeToContents);
    m_sources->horizontalHeader()->setSectionResizeMode(2, QHeaderView::ResizeToContents);
    m_sources->setWordWrap(false);
    m_sources->setTabKeyNavigation(false); // Tab leaves the table; the arrows move between cells
    m_sources->verticalHeader()->hide();
    m_sources->setMinimumHeight(90);
    m_inputs.insert(QStringLiteral("sources"), m_sources);
    connect(m_sources, &QTableWidget::itemChanged, this, [this](QTableWidgetItem *item) {
        const bool blocked = m_sources->blockSignals(true);
        item->setToolTip(item->text());
        m_sources->blockSignals(blocked);
        check();
    });
    auto *sourceButtons = new QWidget(this);
    auto *sb = new QVBoxLayout(sourceButtons);
    sb->setContentsMargins(0, 0, 0, 0);
    auto *addSource = new QPushButton(tr("Add"), sourceButtons);
    addSource->setAccessibleName(tr("Add source"));
    auto *removeSource = new QPushButton(tr("Remove"), sourceButtons);
    removeSource->setAccessibleName(tr("Remove source"));
    sb->addWidget(addSource);
    sb->addWidget(removeSource);
    sb->addStretch();
    connect(addSource, &QPushButton::clicked, this, [this] {
        addSourceRow({});
        m_sources->setCurrentCell(m_sources->rowCount() - 1, 0);
        m_sources->editItem(m_sources->item(m_sources->rowCount() - 1, 0));
    });
    connect(removeSource, &QPushButton::clicked, this, [this] {
        if (m_sources->currentRow() >= 0)
            m_sources->removeRow(m_sources->currentRow());
        check();
    });
    addRow(right, tr("S&ources"), QStringLiteral("sources"), m_sources, sourceButtons);
}

void RecordEditor::addSourceRow(const Source &source)
{
    const bool blocked = m_sources->blockSignals(true);
    const int row = m_sources->rowCount();
    m_sources->insertRow(row);
    const QString cells[] = { source.publisher, source.title, source.date, source.url };
    for (int c = 0; c < 4; ++c) {
        auto *item = new QTableWidgetItem(cells[c]);
        item->setToolTip(cells[c]);
        m_sources->setItem(row, c, item);
    }
    m_sources->blockSignals(blocked);
}

void RecordEditor::setForm(const RecordForm &f)
{
    m_filling = true;
    auto set = [this](const char *field, const QString &value) {
        static_cast<QLineEdit *>(m_inputs.value(QString::fromLatin1(field)))->setText(value);
    };
    set("title", f.title);
    static_cast<QLineEdit *>(m_inputs.value(QStringLiteral("title")))->setCursorPosition(0);
    set("start", f.start);
    set("end", f.end);
    set("disclosed", f.disclosed);
    set("attributed_on", f.attributedOn);
    QStringList victims, attackers;
    for (const QString &code : f.victims)
        victims << Countries::instance().name(code);
    for (const QString &code : f.attackers)
        attackers << Countries::instance().name(code);
    set("victims", victims.join(QStringLiteral(", ")));
    set("attackers", attackers.join(QStringLiteral(", ")));
    set("actor", f.actor);
    set("tags", f.tags.join(QStringLiteral(", ")));
    set("related", f.related.join(QStringLiteral(", ")));
    m_type->setCurrentIndex(std::max(0, m_type->findData(f.type.isEmpty() ? QStringLiteral("other") : f.type)));
    m_attribution->setCurrentIndex(
        std::max(0, m_attribution->findData(f.attribution.isEmpty() ? QStringLiteral("none") : f.attribution)));
    for (QCheckBox *box : std::as_const(m_sectors))
        box->setChecked(f.sectors.contains(box->property("key").toString()));
    m_summary->setPlainText(f.summary);
    m_sources->setRowCount(0);
    for (const Source &s : f.sources)
        addSourceRow(s);
    if (f.sources.isEmpty())
        addSourceRow({});
    m_filling = false;
    showCountries(QStringLiteral("victims"));
    showCountries(QStringLiteral("attackers"));
}

RecordForm RecordEditor::form() const
{
    RecordForm f = m_base;
    auto text = [this](const char *field) {
        return static_cast<QLineEdit *>(m_inputs.value(QString::fromLatin1(field)))->text();
    };
    f.title = text("title");
    f.start = text("start");
    f.end = text("end");
    f.disclosed = text("disclosed");
    f.attributedOn = text("attributed_on");
    f.victims = splitList(text("victims"));
    f.attackers = splitList(text("attackers"));
    f.actor = text("actor");
    f.tags = splitList(text("tags"));
    f.related = splitList(text("related"));
    f.type = m_type->currentData().toString();
    f.attribution = m_attribution->currentData().toString();
    f.sectors.clear();
    for (const QCheckBox *box : m_sectors)
        if (box->isChecked())
            f.sectors << box->property("key").toString();
    f.summary = m_summary->toPlainText();
    f.sources.clear();
    for (int row = 0; row < m_sources->rowCount(); ++row) {
        auto cell = [&](int c) { return m_sources->item(row, c) ? m_sources->item(row, c)->text() : QString(); };
        f.sources.append({ cell(3), cell(1), cell(0), cell(2) });
    }
    return f;
}

QString RecordEditor::errorText(const QString &field) const
{
    return m_checked.errors.value(field);
}

void RecordEditor::check()
{
    if (m_filling)
        return;
    m_checked = form().check();
    for (auto it = m_errors.cbegin(); it != m_errors.cend(); ++it) {
        const QString message = m_checked.errors.value(it.key());
        it.value()->setText(message);
        it.value()->setVisible(!message.isEmpty());
        if (QWidget *input = m_inputs.value(it.key())) {
            const QString evidence = m_evidence.value(it.key());
            input->setToolTip(
                message.isEmpty() && !evidence.isEmpty() ? tr("From the article:\n%1").arg(evidence) : message);
        }
    }
    for (auto it = m_precision.cbegin(); it != m_precision.cend(); ++it)
        it.value()->setText(precisionText(static_cast<QLineEdit *>(m_inputs.value(it.key()))->text()));
    m_save->setEnabled(m_checked.record.has_value());
}

void RecordEditor::showCountries(const QString &field)
{
    QWidget *row = m_resolved.value(field);
    if (!row || m_filling)
        return;
    static FlagCache flags;
    const qreal dpr = devicePixelRatioF();
    const int h = fontMetrics().height() - 2;
    qDeleteAll(row->findChildren<QLabel *>(Qt::FindDirectChildrenOnly));
    auto *layout = static_cast<QHBoxLayout *>(row->layout());
    for (const QString &name : splitList(static_cast<QLineEdit *>(m_inputs.value(field))->text())) {
        const auto code = Countries::instance().resolve(name);
        if (!code)
            continue;
        QImage image = flags.flag(*code, QSize(int(h * 4 / 3 * dpr), int(h * dpr)));
        if (!image.isNull()) {
            image.setDevicePixelRatio(dpr);
            auto *flag = new QLabel(row);
            flag->setPixmap(QPixmap::fromImage(image));
            layout->insertWidget(layout->count() - 1, flag);
        }
        auto *text
            = new QLabel(Countries::instance().name(*code) + QStringLiteral(" (") + *code + QStringLiteral(")  "), row);
        text->setTextFormat(Qt::PlainText);
        text->setObjectName(QStringLiteral("country-") + *code);
        layout->insertWidget(layout->count() - 1, text);
    }
}
