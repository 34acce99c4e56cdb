#pragma once

#include "export/figureexporter.h"
#include "export/figurestate.h"

#include <QDialog>
#include <QImage>
#include <QMap>

class QCheckBox;
class QComboBox;
class QDateEdit;
class QDoubleSpinBox;
class QLabel;
class QLineEdit;
class QListWidget;
class QSpinBox;
class QTimer;

// File > Export Figure…: the timeline as a PNG, SVG or PDF figure, with a live preview drawn
// by FigureExporter (the renderer the screen uses). The dialog chooses the format; what to
// draw (the visible range or two dates; the rows on screen, all rows, the N busiest or a
// hand-picked list, checked in a list that a search field narrows); the
// size in pixels, millimetres or inches with a dpi (PNG and SVG) or the page size and
// orientation (PDF); the theme; a transparent background (PNG and SVG); the title, proposed
// from the filters, and a subtitle. The caption states the filters, dates, the number of
// incidents and the datasets. Exporting asks for a file name, shows progress that can cancel,
// writes atomically (ExportFile), and remembers the settings for next time (QSettings).
class ExportFigureDialog : public QDialog
{
    Q_OBJECT
public:
    explicit ExportFigureDialog(FigureViewState state, QWidget *parent = nullptr);

    // What Export writes: every choice of the dialog as FigureOptions.
    FigureOptions options() const;

    // The preview as last drawn, and how many times it was drawn. The preview follows a
    // change after a short delay; updatePreviewNow() draws it at once.
    QImage preview() const { return m_preview; }
    int previewCount() const { return m_previewCount; }
    void updatePreviewNow();

    // Writes the figure to `path` with a progress dialog; on success remembers the settings
    // and closes the dialog (accepted). A failure is shown in the dialog, which stays open.
    ExportResult exportTo(const QString &path);

    // The file name Export proposes: the last folder and the title, with the format's extension.
    QString suggestedPath() const;

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    enum class Rows { OnScreen, All, Top, Picked };

    void buildForm();
    QWidget *contentGroup();
    QWidget *sizeGroup();
    QWidget *lookGroup();
    QWidget *textGroup();
    QWidget *pickList();
    void filterPickList(const QString &text);
    void checkPicked(const QStringList &keys);
    QStringList pickedKeys() const;
    QStringList pickedLabels() const;
    bool picking() const;
    void connectChanges();
    void loadSettings();
    void saveSettings(const QString &path) const;
    void convertUnit(int previousUnit);
    void updateEnabled();
    void schedulePreview();
    void chooseFileAndExport();
    std::shared_ptr<const TimelineRows> chosenRows() const;
    std::pair<double, double> chosenRange() const;
    void applySize(FigureOptions &o) const;
    QSizeF previewLogicalSize(const FigureOptions &o, const FigureExporter &exporter) const;

    FigureViewState m_state;
    mutable QMap<int, std::shared_ptr<const TimelineRows>> m_topRows; // by N
    mutable std::pair<QStringList, std::shared_ptr<const TimelineRows>> m_pickedRows; // by keys
    QComboBox *m_format;
    QComboBox *m_range;
    QDateEdit *m_from;
    QDateEdit *m_to;
    QComboBox *m_rows;
    QSpinBox *m_top;
    QLineEdit *m_pickSearch;
    QListWidget *m_pickList;
    QComboBox *m_unit;
    QDoubleSpinBox *m_width;
    QDoubleSpinBox *m_height;
    QSpinBox *m_dpi;
    QComboBox *m_pageSize;
    QComboBox *m_orientation;
    QComboBox *m_theme;
    QCheckBox *m_transparent;
    QCheckBox *m_fitHeight = nullptr; // PNG and SVG: the height shrinks to what the rows need
    QLineEdit *m_title;
    QLineEdit *m_subtitle;
    QLabel *m_previewLabel;
    QLabel *m_status;
    QTimer *m_previewTimer;
    QImage m_preview;
    QSize m_previewBox; // the label's contents when the preview was last drawn
    int m_previewCount = 0;
    int m_lastUnit = 0;
};
