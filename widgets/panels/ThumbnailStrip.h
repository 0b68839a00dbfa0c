#pragma once
#include <QColor>
#include <QListView>

namespace protext {

// The images panel's thumbnail strip: cells of a picture over its file name, a warning badge
// and red frame on a failed image, a grey dot while one waits to be encoded; scrolls sideways
// with the mouse wheel and, while empty, says what can be dropped. Drops are left to the
// panel, which owns the strip.
class ThumbnailStrip : public QListView {
 public:
  explicit ThumbnailStrip(QWidget* parent);
  static QSize cellSize(const QFontMetrics& metrics);
  static QColor failedColor();

 protected:
  void wheelEvent(QWheelEvent* event) override;
  void paintEvent(QPaintEvent* event) override;
};

}  // namespace protext
