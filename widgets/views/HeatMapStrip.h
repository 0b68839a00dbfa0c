#pragma once
#include <QImage>
#include <QRect>
#include <QWidget>

#include "widgets/engine/EngineTypes.h"

namespace protext {

// Under the charts: for each method, where in the image its class's score comes from (the
// heat map laid over what the model saw), side by side in the charts' order, and under the
// Descriptions method the class's descriptions the image matches best. Painted as one
// widget so the tiles keep one size and line up with each other.
class HeatMapStrip : public QWidget {
  Q_OBJECT
 public:
  explicit HeatMapStrip(QWidget* parent = nullptr);

  void setExplanation(const protext::ImageExplanation& explanation);
  // Shown instead of the tiles: "Computing the heat maps…", or why there are none.
  void setMessage(const QString& message);
  void clear() { setMessage({}); }
  void setOpacity(double opacity);  // of the heat over the image, 0 to 1

  double opacity() const { return opacity_; }
  QString message() const { return message_; }
  QString path() const { return explanation_.path; }
  int tileCount() const { return explanation_.methods.size(); }
  QString tileTitle(int tile) const;
  QRect imageRect(int tile) const;  // where the tile's overlay is drawn
  QImage overlay(int tile) const;   // the tile's overlay as drawn
  // The description lines under a tile: "0.31  a round blue shape", best first.
  QStringList descriptionLines(int tile) const;
  static constexpr int kDescriptionLines = 3;

  QSize sizeHint() const override;
  QSize minimumSizeHint() const override;

 protected:
  void paintEvent(QPaintEvent* event) override;
  void resizeEvent(QResizeEvent* event) override;
  bool event(QEvent* event) override;

 private:
  QRect tileRect(int tile) const;
  void renderOverlays();

  ImageExplanation explanation_;
  QString message_;
  double opacity_ = 0.5;
  QVector<QImage> overlays_;  // at the size they are drawn
};

}  // namespace protext
