#pragma once
#include <QWidget>

#include "widgets/engine/EngineTypes.h"

class QCheckBox;
class QSlider;

namespace protext {

class HeatMapStrip;

// The heat maps under the charts, with their switch and opacity: it asks for the selected
// image's explanation (explainRequested) when it is on and the image or the classifiers
// changed, and shows the answer when it is still the image on screen.
class HeatMapPanel : public QWidget {
  Q_OBJECT
 public:
  explicit HeatMapPanel(QWidget* parent = nullptr);

  HeatMapStrip* strip() const { return strip_; }
  QCheckBox* toggle() const { return toggle_; }
  QSlider* opacitySlider() const { return opacity_; }
  bool isOn() const;

 public slots:
  // The image on screen and the classifiers' generation; an empty path: nothing to explain
  // (why is `reason`).
  void showImage(const QString& path, int classifierGeneration, const QString& reason = {});
  void onExplained(const protext::ImageExplanation& explanation);
  void onExplainFailed(const QString& path, const QString& message);

 signals:
  void explainRequested(const QString& path);

 private:
  void request();

  HeatMapStrip* strip_;
  QCheckBox* toggle_;
  QSlider* opacity_;
  QString path_;
  int generation_ = -1;
  QString requested_;  // path and generation last asked for
};

}  // namespace protext
