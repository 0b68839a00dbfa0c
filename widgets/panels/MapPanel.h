#pragma once
#include <QWidget>

#include "core/zeroshot/map_point.h"

class QLabel;
class QTimer;

namespace protext {

class EmbeddingMapView;

// The Map panel: the embedding map of the classes, their descriptions and the images, with
// a line saying what it shows. It asks for a new map (mapRequested) a moment after the
// classifiers or the images change, and only while it is on screen.
class MapPanel : public QWidget {
  Q_OBJECT
 public:
  explicit MapPanel(QWidget* parent = nullptr);

  EmbeddingMapView* view() const { return view_; }
  QLabel* statusLabel() const { return status_; }
  bool isStale() const { return stale_; }

 public slots:
  // The classifiers or the images changed: the map is rebuilt soon if it is shown, else
  // when it next is.
  void markStale();
  void onMapReady(const protext::EmbeddingMap& map);
  void onMapFailed(const QString& message);
  // A class chosen elsewhere (the class list): its points stand out; empty for none.
  void highlightClass(const QString& className);

 signals:
  void mapRequested();
  void imageClicked(const QString& path);
  void classClicked(const QString& className);

 protected:
  void showEvent(QShowEvent* event) override;

 private:
  void requestIfShown();

  EmbeddingMapView* view_;
  QLabel* status_;
  QTimer* debounce_;
  bool stale_ = true;
  QString pendingHighlight_;
};

}  // namespace protext
