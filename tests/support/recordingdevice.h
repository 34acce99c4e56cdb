#pragma once

#include <QPaintDevice>
#include <QPaintEngine>
#include <QPainterPath>
#include <QPolygonF>
#include <QTextItem>
#include <QTransform>
#include <vector>

namespace TestSupport {

// A paint device that draws nothing and records what was drawn on it, in device units (the
// painter's transform applied): each text with the box its glyphs take, each line and each
// filled or stroked shape's bounds. Tests assert where things went (a label inside the plot,
// no line at an edge) without comparing pixels. 96 dpi, like a screen at scale 1.
class RecordingDevice : public QPaintDevice
{
public:
    struct Text
    {
        QString text;
        QRectF rect; // from the baseline's start: ascent above, descent below, the advance wide
    };
    struct Line
    {
        QPointF from, to;
    };

    explicit RecordingDevice(QSize size)
        : m_size(size)
        , m_engine(this)
    { }

    QPaintEngine *paintEngine() const override { return const_cast<Engine *>(&m_engine); }

    std::vector<Text> texts;
    std::vector<Line> lines;
    std::vector<QRectF> shapes; // rectangles, paths, polygons, images: their bounds

protected:
    int metric(PaintDeviceMetric metric) const override
    {
        switch (metric) {
        case PdmWidth:
            return m_size.width();
        case PdmHeight:
            return m_size.height();
        case PdmWidthMM:
            return int(m_size.width() * 25.4 / 96);
        case PdmHeightMM:
            return int(m_size.height() * 25.4 / 96);
        case PdmNumColors:
            return 0x7fffffff;
        case PdmDepth:
            return 32;
        case PdmDpiX:
        case PdmDpiY:
        case PdmPhysicalDpiX:
        case PdmPhysicalDpiY:
            return 96;
        case PdmDevicePixelRatio:
            return 1;
        case PdmDevicePixelRatioScaled:
            return int(devicePixelRatioFScale());
        }
        return 0;
    }

private:
    class Engine : public QPaintEngine
    {
    public:
        explicit Engine(RecordingDevice *device)
            : QPaintEngine(QPaintEngine::AllFeatures)
            , m_device(device)
        { }
        bool begin(QPaintDevice *) override { return true; }
        bool end() override { return true; }
        Type type() const override { return QPaintEngine::User; }
        void updateState(const QPaintEngineState &state) override
        {
            if (state.state() & QPaintEngine::DirtyTransform)
                m_transform = state.transform();
        }
        void drawTextItem(const QPointF &p, const QTextItem &item) override
        {
            const QRectF r(p.x(), p.y() - item.ascent(), item.width(), item.ascent() + item.descent());
            m_device->texts.push_back({ item.text(), m_transform.mapRect(r) });
        }
        void drawLines(const QLineF *lines, int count) override
        {
            for (int i = 0; i < count; ++i)
                m_device->lines.push_back({ m_transform.map(lines[i].p1()), m_transform.map(lines[i].p2()) });
        }
        void drawRects(const QRectF *rects, int count) override
        {
            for (int i = 0; i < count; ++i)
                m_device->shapes.push_back(m_transform.mapRect(rects[i]));
        }
        void drawPath(const QPainterPath &path) override
        {
            m_device->shapes.push_back(m_transform.mapRect(path.boundingRect()));
        }
        void drawPolygon(const QPointF *points, int count, PolygonDrawMode) override
        {
            m_device->shapes.push_back(
                m_transform.mapRect(QPolygonF(QList<QPointF>(points, points + count)).boundingRect()));
        }
        void drawPixmap(const QRectF &r, const QPixmap &, const QRectF &) override
        {
            m_device->shapes.push_back(m_transform.mapRect(r));
        }
        void drawImage(const QRectF &r, const QImage &, const QRectF &, Qt::ImageConversionFlags) override
        {
            m_device->shapes.push_back(m_transform.mapRect(r));
        }

    private:
        RecordingDevice *m_device;
        QTransform m_transform;
    };

    QSize m_size;
    Engine m_engine;
};

} // namespace TestSupport
