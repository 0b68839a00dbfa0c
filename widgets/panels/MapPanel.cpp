#include "widgets/panels/MapPanel.h"

#include <QLabel>
#include <QTimer>
#include <QVBoxLayout>

#include "widgets/views/EmbeddingMapView.h"

namespace protext {

MapPanel::MapPanel(QWidget* parent) : QWidget(parent) {
  status_ = new QLabel(this);
  status_->setObjectName(QStringLiteral("mapStatus"));
  status_->setWordWrap(true);
  view_ = new EmbeddingMapView(this);
  debounce_ = new QTimer(this);
  debounce_->setSingleShot(true);
  debounce_->setInterval(400);  // a burst of edits or encoded images asks once
  connect(debounce_, &QTimer::timeout, this, [this] {
    stale_ = false;
    status_->setText(tr("Placing the classes, descriptions and images…"));
    emit mapRequested();
  });
  connect(view_, &EmbeddingMapView::imageClicked, this, &MapPanel::imageClicked);
  connect(view_, &EmbeddingMapView::classClicked, this, &MapPanel::classClicked);
  auto* layout = new QVBoxLayout(this);
  layout->addWidget(status_);
  layout->addWidget(view_, 1);
}

void MapPanel::markStale() {
  stale_ = true;
  requestIfShown();
}

void MapPanel::showEvent(QShowEvent* event) {
  QWidget::showEvent(event);
  requestIfShown();
}

void MapPanel::requestIfShown() {
  if (stale_ && isVisible()) debounce_->start();
}

void MapPanel::onMapReady(const EmbeddingMap& map) {
  view_->setMap(map);
  int images = 0;
  for (const MapPoint& p : map.points) images += p.kind == MapPointKind::Image;
  status_->setText(tr("%1 and %2; the two axes carry %3% of the points' variance. Hover over a point to name "
                      "it; click a class's point to pick the class out.")
                       .arg(tr("%n classes", nullptr, static_cast<int>(map.classes.size())),
                            tr("%n images", nullptr, images))
                       .arg(100 * (map.explained[0] + map.explained[1]), 0, 'f', 0));
  if (!pendingHighlight_.isEmpty()) highlightClass(pendingHighlight_);
}

void MapPanel::onMapFailed(const QString& message) {
  view_->clear();
  status_->setText(tr("No map: %1").arg(message));
}

void MapPanel::highlightClass(const QString& className) {
  pendingHighlight_ = className;
  int index = -1;
  const auto& classes = view_->map().classes;
  for (size_t i = 0; i < classes.size(); ++i)
    if (QString::fromStdString(classes[i]) == className) index = static_cast<int>(i);
  view_->highlightClass(index);
}

}  // namespace protext
