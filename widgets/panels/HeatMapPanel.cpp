#include "widgets/panels/HeatMapPanel.h"

#include <QCheckBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QSlider>
#include <QVBoxLayout>

#include "widgets/views/HeatMapStrip.h"

namespace protext {

HeatMapPanel::HeatMapPanel(QWidget* parent) : QWidget(parent) {
  toggle_ = new QCheckBox(tr("Heat maps"), this);
  toggle_->setObjectName(QStringLiteral("heatMapsToggle"));
  toggle_->setChecked(true);
  toggle_->setToolTip(tr("Under each chart, the parts of the image its top class's score comes from "
                         "(gradient-weighted attention relevance)"));
  opacity_ = new QSlider(Qt::Horizontal, this);
  opacity_->setObjectName(QStringLiteral("heatOpacity"));
  opacity_->setRange(0, 100);
  opacity_->setValue(50);
  opacity_->setMaximumWidth(120);
  opacity_->setToolTip(tr("How strongly the heat covers the image"));
  auto* opacityLabel = new QLabel(tr("Opacity:"), this);
  opacityLabel->setBuddy(opacity_);
  strip_ = new HeatMapStrip(this);

  auto* row = new QHBoxLayout;
  row->setContentsMargins(0, 0, 0, 0);
  row->addWidget(toggle_);
  row->addStretch(1);
  row->addWidget(opacityLabel);
  row->addWidget(opacity_);
  auto* layout = new QVBoxLayout(this);
  layout->setContentsMargins(0, 4, 0, 0);
  layout->addLayout(row);
  layout->addWidget(strip_, 1);

  connect(opacity_, &QSlider::valueChanged, this, [this](int value) { strip_->setOpacity(value / 100.0); });
  connect(toggle_, &QCheckBox::toggled, this, [this, opacityLabel](bool on) {
    strip_->setVisible(on);
    opacity_->setEnabled(on);
    opacityLabel->setEnabled(on);
    if (on) request();
  });
}

bool HeatMapPanel::isOn() const { return toggle_->isChecked(); }

void HeatMapPanel::showImage(const QString& path, int classifierGeneration, const QString& reason) {
  path_ = path;
  generation_ = classifierGeneration;
  if (path.isEmpty()) {
    requested_.clear();
    strip_->setMessage(reason);
    return;
  }
  request();
}

void HeatMapPanel::request() {
  if (!isOn() || path_.isEmpty()) return;
  const QString key = path_ + QLatin1Char('\n') + QString::number(generation_);
  if (key == requested_) return;
  requested_ = key;
  strip_->setMessage(tr("Computing the heat maps…"));
  emit explainRequested(path_);
}

void HeatMapPanel::onExplained(const ImageExplanation& explanation) {
  if (explanation.path != path_) return;  // an image no longer on screen
  strip_->setExplanation(explanation);
}

void HeatMapPanel::onExplainFailed(const QString& path, const QString& message) {
  if (path != path_) return;
  requested_.clear();  // asking again may work (another model, other classes)
  strip_->setMessage(tr("No heat maps: %1").arg(message));
}

}  // namespace protext
