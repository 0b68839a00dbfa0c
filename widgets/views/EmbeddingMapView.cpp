#include "widgets/views/EmbeddingMapView.h"

#include <QFileInfo>
#include <QLabel>
#include <QMouseEvent>
#include <QStackedLayout>
#include <QToolTip>
#include <QVBoxLayout>
#include <qcustomplot.h>

#include <cmath>

namespace protext {
namespace {

constexpr int kPickRadius = 7;  // pixels

QCPScatterStyle styleOf(MapPointKind kind, const QColor& color, bool highlighted) {
  const double grow = highlighted ? 1.5 : 1.0;
  switch (kind) {
    case MapPointKind::Template: return QCPScatterStyle(QCPScatterStyle::ssCircle, QPen(color, 1.5), Qt::white, 8 * grow);
    case MapPointKind::Ensemble: return QCPScatterStyle(QCPScatterStyle::ssSquare, QPen(color, 1.5), Qt::white, 8 * grow);
    case MapPointKind::Description: {
      QColor faint = color;
      faint.setAlpha(highlighted ? 200 : std::min(color.alpha(), 110));
      return QCPScatterStyle(QCPScatterStyle::ssDisc, faint, 4 * grow);
    }
    case MapPointKind::Centroid: return QCPScatterStyle(QCPScatterStyle::ssDiamond, QPen(color.darker(130), 1), color, 10 * grow);
    case MapPointKind::ProText: return QCPScatterStyle(QCPScatterStyle::ssTriangle, QPen(color.darker(130), 1), color, 11 * grow);
    case MapPointKind::Image: return QCPScatterStyle(QCPScatterStyle::ssDisc, QPen(color.darker(150), 1), color, 7 * grow);
  }
  return {};
}

QString kindLabel(MapPointKind kind) {
  switch (kind) {
    case MapPointKind::Template: return EmbeddingMapView::tr("Template");
    case MapPointKind::Ensemble: return EmbeddingMapView::tr("Ensemble");
    case MapPointKind::Description: return EmbeddingMapView::tr("Description");
    case MapPointKind::Centroid: return EmbeddingMapView::tr("Descriptions' mean");
    case MapPointKind::ProText: return EmbeddingMapView::tr("ProText");
    case MapPointKind::Image: return EmbeddingMapView::tr("Image");
  }
  return {};
}

}  // namespace

EmbeddingMapView::EmbeddingMapView(QWidget* parent) : QWidget(parent) {
  plot_ = new QCustomPlot(this);
  plot_->setObjectName(QStringLiteral("embeddingMapPlot"));
  plot_->setMinimumSize(260, 220);
  plot_->setMouseTracking(true);
  plot_->installEventFilter(this);
  for (QCPAxis* axis : {plot_->xAxis, plot_->yAxis}) axis->grid()->setPen(QPen(QColor(235, 235, 235), 0, Qt::DashLine));
  empty_ = new QLabel(tr("The map appears once there are classes to place."), this);
  empty_->setAlignment(Qt::AlignCenter);
  empty_->setWordWrap(true);
  empty_->setStyleSheet(QStringLiteral("color: #808080;"));
  auto* legend = new QLabel(tr("○ template  □ ensemble  · description  ◆ descriptions' mean  ▲ ProText  ● image  "
                               "— template to ProText"),
                            this);
  legend->setWordWrap(true);
  legend->setStyleSheet(QStringLiteral("color: #505050;"));
  plot_->addLayer(QStringLiteral("highlight"), plot_->layer(QStringLiteral("main")), QCustomPlot::limAbove);
  stack_ = new QStackedLayout;
  stack_->addWidget(empty_);
  stack_->addWidget(plot_);
  auto* layout = new QVBoxLayout(this);
  layout->setContentsMargins(0, 0, 0, 0);
  layout->addLayout(stack_, 1);
  layout->addWidget(legend);
}

QColor EmbeddingMapView::classColor(int classIndex, int classCount) {
  if (classIndex < 0) return QColor(150, 150, 150);
  // Hues spread round the wheel, alternating lightness so neighbours differ.
  const int hue = (classIndex * 360 / std::max(1, classCount) + (classIndex % 2) * 180 / std::max(1, classCount)) % 360;
  return QColor::fromHsv(hue, 200, classIndex % 2 ? 170 : 215);
}

void EmbeddingMapView::setMap(const EmbeddingMap& map) {
  map_ = map;
  if (highlighted_ >= static_cast<int>(map_.classes.size())) highlighted_ = -1;
  rebuild();
}

void EmbeddingMapView::clear() { setMap({}); }

void EmbeddingMapView::rebuild() {
  plot_->clearGraphs();
  plot_->clearItems();
  series_.clear();
  stack_->setCurrentWidget(map_.points.empty() ? static_cast<QWidget*>(empty_) : plot_);
  if (map_.points.empty()) return;
  // One series per class and kind, so each can take its class's colour; descriptions first,
  // images next, the classifier rows on top.
  const MapPointKind order[] = {MapPointKind::Description, MapPointKind::Image,   MapPointKind::Template,
                                MapPointKind::Ensemble,    MapPointKind::Centroid, MapPointKind::ProText};
  const int classes = static_cast<int>(map_.classes.size());
  for (MapPointKind kind : order)
    for (int c = -1; c < classes; ++c) {
      QVector<double> xs, ys;
      for (const MapPoint& p : map_.points)
        if (p.kind == kind && p.class_index == c) {
          xs << p.x;
          ys << p.y;
        }
      if (xs.isEmpty()) continue;
      QCPGraph* graph = plot_->addGraph();
      graph->setLineStyle(QCPGraph::lsNone);
      graph->setData(xs, ys, /*alreadySorted=*/false);
      series_.push_back({graph, kind, c});
    }
  plot_->xAxis->setLabel(tr("Principal component 1 (%1% of the variance)").arg(100 * map_.explained[0], 0, 'f', 0));
  plot_->yAxis->setLabel(tr("Principal component 2 (%1%)").arg(100 * map_.explained[1], 0, 'f', 0));
  plot_->rescaleAxes();
  for (QCPAxis* axis : {plot_->xAxis, plot_->yAxis}) axis->scaleRange(1.1, axis->range().center());
  restyle();
}

void EmbeddingMapView::restyle() {
  plot_->clearItems();
  const int classes = static_cast<int>(map_.classes.size());
  for (Series& s : series_) {
    QColor color = classColor(s.classIndex, classes);
    const bool on = highlighted_ >= 0 && s.classIndex == highlighted_;
    if (highlighted_ >= 0 && !on) color.setAlpha(45);
    s.graph->setScatterStyle(styleOf(s.kind, color, on));
    s.graph->setLayer(on ? QStringLiteral("highlight") : QStringLiteral("main"));  // drawn over the faded
  }
  // Arrows from each class's template point to its ProText point: where the prompts moved it.
  for (int c = 0; c < classes; ++c) {
    const MapPoint *from = nullptr, *to = nullptr;
    for (const MapPoint& p : map_.points) {
      if (p.class_index != c) continue;
      if (p.kind == MapPointKind::Template) from = &p;
      if (p.kind == MapPointKind::ProText) to = &p;
    }
    if (!from || !to) continue;
    QColor color = classColor(c, classes);
    if (highlighted_ >= 0 && c != highlighted_) color.setAlpha(45);
    auto* arrow = new QCPItemLine(plot_);
    arrow->start->setCoords(from->x, from->y);
    arrow->end->setCoords(to->x, to->y);
    arrow->setPen(QPen(color, c == highlighted_ ? 2 : 1));
    arrow->setHead(QCPLineEnding(QCPLineEnding::esSpikeArrow, 7, 9));
  }
  plot_->replot();
}

void EmbeddingMapView::highlightClass(int classIndex) {
  if (classIndex >= static_cast<int>(map_.classes.size())) classIndex = -1;
  if (classIndex == highlighted_) return;
  highlighted_ = classIndex;
  restyle();
}

bool EmbeddingMapView::isHighlighted(int point) const {
  return point >= 0 && point < static_cast<int>(map_.points.size()) && highlighted_ >= 0 &&
         map_.points[static_cast<size_t>(point)].class_index == highlighted_;
}

QPoint EmbeddingMapView::positionOf(int point) const {
  const MapPoint& p = map_.points.at(static_cast<size_t>(point));
  const QPoint inPlot(qRound(plot_->xAxis->coordToPixel(p.x)), qRound(plot_->yAxis->coordToPixel(p.y)));
  return plot_->mapTo(this, inPlot);
}

int EmbeddingMapView::pointAt(const QPoint& position) const {
  int best = -1;
  double bestDistance = kPickRadius + 0.5;
  for (int i = 0; i < static_cast<int>(map_.points.size()); ++i) {
    const QPoint at = positionOf(i);
    const double d = std::hypot(at.x() - position.x(), at.y() - position.y());
    // On a tie a classifier point wins over the description cloud under it.
    if (d < bestDistance || (d == bestDistance && map_.points[static_cast<size_t>(i)].kind != MapPointKind::Description)) {
      bestDistance = d;
      best = i;
    }
  }
  return best;
}

QString EmbeddingMapView::describe(int point) const {
  const MapPoint& p = map_.points.at(static_cast<size_t>(point));
  const QString className = p.class_index >= 0 ? QString::fromStdString(map_.classes[static_cast<size_t>(p.class_index)])
                                               : tr("no true class");
  switch (p.kind) {
    case MapPointKind::Description:
      return tr("Description of %1: %2").arg(className, QString::fromStdString(p.text));
    case MapPointKind::Image:
      return tr("Image %1 (%2)").arg(QFileInfo(QString::fromStdString(p.text)).fileName(), className);
    default:
      return tr("%1 of %2").arg(kindLabel(p.kind), className);
  }
}

bool EmbeddingMapView::eventFilter(QObject* watched, QEvent* event) {
  if (watched != plot_) return QWidget::eventFilter(watched, event);
  if (event->type() == QEvent::MouseMove) {
    const auto* mouse = static_cast<QMouseEvent*>(event);
    const int point = pointAt(plot_->mapTo(this, mouse->position().toPoint()));
    if (point >= 0) QToolTip::showText(mouse->globalPosition().toPoint(), describe(point), plot_);
    else QToolTip::hideText();
  } else if (event->type() == QEvent::MouseButtonRelease) {
    const auto* mouse = static_cast<QMouseEvent*>(event);
    if (mouse->button() != Qt::LeftButton) return false;
    const int point = pointAt(plot_->mapTo(this, mouse->position().toPoint()));
    if (point < 0) {
      highlightClass(-1);
      return false;
    }
    const MapPoint& p = map_.points[static_cast<size_t>(point)];
    if (p.class_index >= 0) {
      highlightClass(p.class_index);
      emit classClicked(QString::fromStdString(map_.classes[static_cast<size_t>(p.class_index)]));
    }
    if (p.kind == MapPointKind::Image) emit imageClicked(QString::fromStdString(p.text));
  }
  return false;
}

}  // namespace protext
