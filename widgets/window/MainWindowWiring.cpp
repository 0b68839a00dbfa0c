// Where the panels meet the engine services: every connection between them is made here,
// so the panels know no service and the services no panel.
#include <QDir>
#include <QFileInfo>
#include <QLabel>
#include <QStatusBar>
#include <QUndoStack>

#include "widgets/common/StudioSettings.h"
#include "widgets/engine/EvaluationService.h"
#include "widgets/engine/ModelService.h"
#include "widgets/engine/TrainingService.h"
#include "widgets/models/ClassListModel.h"
#include "widgets/panels/ClassListEditor.h"
#include "widgets/panels/EvaluatePanel.h"
#include "widgets/panels/ImagesPanel.h"
#include "widgets/panels/ModelPanel.h"
#include "widgets/panels/PromptsPanel.h"
#include "widgets/panels/TrainingPanel.h"
#include "widgets/views/EvaluationView.h"
#include "widgets/window/MainWindow.h"

namespace protext {

void MainWindow::wireServices() {
  // Model panel ↔ model service.
  connect(modelPanel_, &ModelPanel::openRequested, models_, &ModelService::open);
  connect(models_, &ModelService::opening, modelPanel_, &ModelPanel::onOpening);
  // A model opening (a project from the command line, say) is work under way, not an
  // invitation to open one; a failed open ends it.
  connect(models_, &ModelService::opening, this, [this] { images_->setUpdating(true); });
  connect(models_, &ModelService::openFailed, this, [this] { images_->setUpdating(false); });
  connect(models_, &ModelService::opened, modelPanel_, &ModelPanel::onOpened);
  connect(models_, &ModelService::openFailed, modelPanel_, &ModelPanel::onOpenFailed);

  // Images panel ↔ model service. Embeddings of the previous model mean nothing to the new
  // one's classifiers, so every image is encoded again when another model opens.
  connect(images_, &ImagesPanel::encodeRequested, models_, &ModelService::encodeImages);
  connect(models_, &ModelService::imageEncoded, images_, &ImagesPanel::onImageEncoded);
  connect(models_, &ModelService::imageFailed, images_, &ImagesPanel::onImageFailed);
  connect(models_, &ModelService::opened, images_, &ImagesPanel::reencodeAll);

  // Training panel ↔ training service.
  connect(trainingPanel_, &TrainingPanel::stopRequested, training_, &TrainingService::stop);
  connect(training_, &TrainingService::preparing, trainingPanel_, &TrainingPanel::onPreparing);
  connect(training_, &TrainingService::started, trainingPanel_, &TrainingPanel::onStarted);
  connect(training_, &TrainingService::progress, trainingPanel_, &TrainingPanel::onProgress);
  connect(training_, &TrainingService::finished, trainingPanel_, &TrainingPanel::onFinished);
  connect(training_, &TrainingService::failed, trainingPanel_, &TrainingPanel::onFailed);

  // The rest needs the window's state: the open model, the classes, the classifiers.
  connect(classes_, &ClassListModel::classesChanged, this, &MainWindow::pushClassesToModel);
  connect(models_, &ModelService::opened, this, [this](const ModelInfo& info) {
    trainingPanel_->setMaxDepth(info.textLayers);
    updateStatus();
    updateTitle();
    // The service rebuilds the classifiers of the class list it holds by itself.
    if (!pendingPrompts_.isEmpty()) {
      models_->loadPrompts(pendingPrompts_);
      pendingPrompts_.clear();
    }
  });
  // Only an open model rebuilds anything; without one there is nothing to wait for.
  connect(models_, &ModelService::classifiersUpdating, this,
          [this] { images_->setUpdating(models_->handle() != nullptr); });
  connect(models_, &ModelService::classifiersReady, this, [this](const ClassifierSet& set) {
    classifiers_ = set;
    images_->setClassifiers(set);
    images_->setUpdating(!models_->classifiersCurrent());
    if (!set.notes.isEmpty()) statusBar()->showMessage(set.notes.join("; "), 8000);
    emit classifiersUpdated();
    startPendingEvaluation();
  });
  connect(models_, &ModelService::classifiersFailed, this, [this](const QString& message) {
    images_->setUpdating(!models_->classifiersCurrent());
    if (!pendingEvaluation_.isEmpty()) {
      pendingEvaluation_.clear();
      evaluatePanel_->onFailed(tr("The classifiers could not be built: %1").arg(message));
    }
    showError(tr("Classifiers"), message);
  });
  connect(models_, &ModelService::promptsLoaded, this, [this](const QString& path, const QString& warning, const PromptWords& words) {
    promptsPanel_->setPromptWords(path, words, warning);
    trainingPanel_->setPromptsFile(path);
    exportDassl_->setEnabled(true);
    statusBar()->showMessage(tr("Prompts loaded: %1").arg(QFileInfo(path).fileName()), 6000);
  });
  connect(models_, &ModelService::promptsFailed, this, [this](const QString& path, const QString& message) {
    showError(tr("Prompts"), tr("Could not load the prompts %1:\n%2").arg(QFileInfo(path).fileName(), message));
  });
  connect(models_, &ModelService::promptsExported, this, [this](const QString& path) {
    statusBar()->showMessage(tr("Prompts exported to %1").arg(path), 6000);
  });
  // Every panel's account of what it just did (added, saved, imported, started) reaches
  // the status bar: no action ends silently.
  const auto show = [this](const QString& message) { statusBar()->showMessage(message, 8000); };
  connect(images_, &ImagesPanel::statusMessage, this, show);
  connect(classEditor_, &ClassListEditor::statusMessage, this, show);
  connect(trainingPanel_, &TrainingPanel::statusMessage, this, show);
  connect(evaluatePanel_, &EvaluatePanel::statusMessage, this, show);
  connect(evaluatePanel_->evaluationView(), &EvaluationView::exported, this, [this](const QStringList& paths) {
    if (paths.isEmpty()) return;
    statusBar()->showMessage(tr("Exported %n files to %1", nullptr, int(paths.size()))
                                 .arg(QDir::toNativeSeparators(QFileInfo(paths.first()).absolutePath())),
                             8000);
  });
  connect(models_, &ModelService::busyChanged, this, [this](bool busy) {
    busyStatus_->setText(busy ? tr("Working…") : QString());
  });

  connect(trainingPanel_, &TrainingPanel::startRequested, this, [this](const TrainRequest& request) {
    if (!models_->handle()) {
      showError(tr("Training"), tr("Open a model before training."));
      trainingPanel_->onFailed(tr("no model is open"));
      return;
    }
    training_->start(models_->handle(), classes_->classes(), classes_->descriptionMap(), request);
  });
  connect(trainingPanel_, &TrainingPanel::promptsReady, models_, &ModelService::loadPrompts);
  connect(trainingPanel_, &TrainingPanel::loadPromptsRequested, models_, &ModelService::loadPrompts);

  connect(evaluatePanel_, &EvaluatePanel::runRequested, this, [this](const QString& folder) {
    if (!models_->handle()) {
      evaluatePanel_->onFailed(tr("Open a model before evaluating."));
      return;
    }
    // Never score a class list older than the one on screen: wait for its classifiers.
    pendingEvaluation_ = folder;
    startPendingEvaluation();
  });
  connect(evaluatePanel_, &EvaluatePanel::cancelRequested, this, [this] {
    if (pendingEvaluation_.isEmpty()) {
      evaluation_->cancel();
      return;
    }
    pendingEvaluation_.clear();  // it never started
    evaluatePanel_->onCancelled();
  });
  connect(evaluatePanel_->evaluationView(), &EvaluationView::drillDownRequested, images_,
          &ImagesPanel::showDrillDown);
  connect(evaluation_, &EvaluationService::progress, evaluatePanel_, &EvaluatePanel::onProgress);
  connect(evaluation_, &EvaluationService::finished, evaluatePanel_, &EvaluatePanel::onFinished);
  connect(evaluation_, &EvaluationService::cancelled, evaluatePanel_, &EvaluatePanel::onCancelled);
  connect(evaluation_, &EvaluationService::failed, evaluatePanel_, &EvaluatePanel::onFailed);
  connect(undo_, &QUndoStack::cleanChanged, this, &MainWindow::updateTitle);
}

void MainWindow::startPendingEvaluation() {
  if (pendingEvaluation_.isEmpty() || !models_->classifiersCurrent()) return;
  const QString folder = pendingEvaluation_;
  pendingEvaluation_.clear();
  if (!models_->handle()) {
    evaluatePanel_->onFailed(tr("Open a model before evaluating."));
    return;
  }
  evaluation_->start(models_->handle(), folder, classifiers_, StudioSettings().embeddingCacheDir());
}

}  // namespace protext
