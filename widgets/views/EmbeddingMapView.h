#pragma once
#include <QPointF>
#include <QVector>
#include <QWidget>

#include "core/zeroshot/map_point.h"

class QCustomPlot;
class QCPGraph;
class QLabel;
class QStackedLayout;

namespace protext {

// The joint embedding space in two dimensions (core's EmbeddingMap, PCA): per class its
// template, ensemble, description-centroid and ProText points with an arrow from template
// to ProText, its descriptions as a faint cloud, and the images coloured by class. Hovering
// names a point; clicking a class's point highlights that class (highlightClass() does it
// from outside); clicking an image asks for it to be selected (imageClicked).
class EmbeddingMapView : public QWidget {
  Q_OBJECT
 public:
  explicit EmbeddingMapView(QWidget* parent = nullptr);

  void setMap(const protext::EmbeddingMap& map);
  void clear();
  const EmbeddingMap& map() const { return map_; }

  // -1: none. Its points are drawn larger and on top, the other classes fade.
  void highlightClass(int classIndex);
  int highlightedClass() const { return highlighted_; }
  // The point under a widget position (within a few pixels), -1 for none.
  int pointAt(const QPoint& position) const;
  QPoint positionOf(int point) const;  // in the view's coordinates
  // What hovering over the point says.
  QString describe(int point) const;
  // Whether a point is drawn as highlighted (its class is) or faded.
  bool isHighlighted(int point) const;
  static QColor classColor(int classIndex, int classCount);
  QCustomPlot* plot() const { return plot_; }

 signals:
  void imageClicked(const QString& path);
  void classClicked(const QString& className);

 protected:
  bool eventFilter(QObject* watched, QEvent* event) override;

 private:
  void rebuild();
  void restyle();

  EmbeddingMap map_;
  int highlighted_ = -1;
  QCustomPlot* plot_;
  QLabel* empty_;
  QStackedLayout* stack_;
  struct Series {
    QCPGraph* graph = nullptr;
    MapPointKind kind = MapPointKind::Template;
    int classIndex = -1;
  };
  QVector<Series> series_;
};

}  // namespace protext
