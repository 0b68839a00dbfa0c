// Why the methods answer as they do: the heat maps under the charts, the Map panel and the
// Prompts panel's reading by meaning, wired to the explain service. The classifiers, descriptions and images travel from the
// window's state with each request, so the answers are of what is on screen.
#include "widgets/engine/ExplainService.h"
#include "widgets/engine/ModelService.h"
#include "widgets/models/ClassListModel.h"
#include "widgets/models/ImageListModel.h"
#include "widgets/panels/ClassListEditor.h"
#include "widgets/panels/HeatMapPanel.h"
#include "widgets/panels/ImagesPanel.h"
#include "widgets/panels/MapPanel.h"
#include "widgets/panels/PromptsPanel.h"
#include "widgets/window/MainWindow.h"

namespace protext {

QVector<MapImage> MainWindow::mapImages() const {
  QVector<MapImage> out;
  const ImageListModel* model = images_->imageModel();
  for (int row = 0; row < model->rowCount(); ++row) {
    const ImageListModel::Image& image = model->image(row);
    if (image.embedding.isEmpty()) continue;  // not encoded (yet), or it failed
    out.push_back({image.path, static_cast<int>(classifiers_.classes.indexOf(image.trueClass)), image.embedding});
  }
  return out;
}

void MainWindow::wireExplanations() {
  HeatMapPanel* heat = images_->heatMaps();
  connect(heat, &HeatMapPanel::explainRequested, this, [this](const QString& path) {
    explain_->explain(models_->handle(), classifiers_, classes_->descriptionMap(), path);
  });
  connect(explain_, &ExplainService::explained, heat, &HeatMapPanel::onExplained);
  connect(explain_, &ExplainService::explainFailed, heat, &HeatMapPanel::onExplainFailed);

  // The map: rebuilt when the classifiers or the set of encoded images change.
  connect(mapPanel_, &MapPanel::mapRequested, this,
          [this] { explain_->buildMap(models_->handle(), classifiers_, classes_->descriptionMap(), mapImages()); });
  connect(explain_, &ExplainService::mapReady, mapPanel_, &MapPanel::onMapReady);
  connect(explain_, &ExplainService::mapFailed, mapPanel_, &MapPanel::onMapFailed);
  connect(this, &MainWindow::classifiersUpdated, mapPanel_, &MapPanel::markStale);
  const ImageListModel* images = images_->imageModel();
  connect(images, &ImageListModel::stateChanged, mapPanel_, &MapPanel::markStale);
  connect(images, &QAbstractItemModel::rowsRemoved, mapPanel_, &MapPanel::markStale);
  connect(images, &QAbstractItemModel::modelReset, mapPanel_, &MapPanel::markStale);
  // What the prompts mean, per class, for the classifiers on screen.
  connect(this, &MainWindow::classifiersUpdated, this, [this] {
    if (classifiers_.methods.contains(QStringLiteral("protext")))
      explain_->readMeaning(models_->handle(), classifiers_, classes_->descriptionMap());
    else
      promptsPanel_->setMeaning({});
  });
  connect(explain_, &ExplainService::meaningReady, promptsPanel_, &PromptsPanel::setMeaning);
  connect(explain_, &ExplainService::meaningFailed, promptsPanel_, &PromptsPanel::setMeaningError);

  // Picking on the map picks in the window, and the other way round.
  connect(mapPanel_, &MapPanel::imageClicked, images_, [this](const QString& path) { images_->selectPath(path); });
  connect(classEditor_, &ClassListEditor::currentClassChanged, mapPanel_, &MapPanel::highlightClass);
}

}  // namespace protext
