#pragma once
#include <QObject>
#include <atomic>

#include "widgets/engine/EngineTypes.h"
#include "widgets/engine/WorkerThread.h"

namespace protext {

// Owns the open CLIP and a worker thread that does everything slow with it: opening
// weights, building the zero-shot classifiers of a class list, encoding images, reading
// prompts. Requests return at once; results come back as signals on the GUI thread.
// Newer class lists supersede older ones still queued, so typing never builds a backlog.
class ModelService : public QObject {
  Q_OBJECT
 public:
  explicit ModelService(QObject* parent = nullptr);
  ~ModelService() override;

  // "cpu" and "cuda:N" for each CUDA device LibTorch sees.
  static QStringList availableDevices();
  static QString embeddedModelPath();

  ModelHandlePtr handle() const;  // null until a model is open
  ModelInfo info() const { return info_; }
  bool hasPrompts() const { return !promptsPath_.isEmpty(); }
  QString promptsPath() const { return promptsPath_; }
  bool busy() const { return pending_.load() > 0; }
  // The classifiers last emitted are those of the latest class list, prompts and model:
  // no rebuild is queued or running.
  bool classifiersCurrent() const { return ready_generation_ == generation_.load(); }
  // Where models opened from now on keep their text embeddings between sessions (the
  // Preferences' cache folder); empty: in memory only.
  void setCacheDir(const QString& dir) { cacheDir_ = dir; }
  QString cacheDir() const { return cacheDir_; }

 public slots:
  void open(const QString& path, const QString& device = "cpu");
  void setClasses(const QStringList& classes, const QMap<QString, QStringList>& descriptions,
                  const QString& textTemplate = "a photo of a {}.");
  // A ProText checkpoint (ours or the authors' Dassl file); it becomes the "protext" method.
  void loadPrompts(const QString& path);
  void clearPrompts();
  // The loaded prompts in the other format (by `path`'s extension): *.safetensors, or the
  // authors' Dassl checkpoint for their code.
  void exportPrompts(const QString& path);
  // Embeddings are cached per path and file time, so re-dropping an image is free.
  void encodeImages(const QStringList& paths);

 signals:
  void opening(const QString& path);
  void opened(const protext::ModelInfo& info);
  void openFailed(const QString& path, const QString& message);
  // A rebuild for a new class list, new prompts or a new model has begun; classifiersReady()
  // or classifiersFailed() follows.
  void classifiersUpdating();
  void classifiersReady(const protext::ClassifierSet& set);
  void classifiersFailed(const QString& message);
  void promptsLoaded(const QString& path, const QString& warning, const protext::PromptWords& words);
  void promptsFailed(const QString& path, const QString& message);
  void promptsExported(const QString& path);
  void imageEncoded(const QString& path, const QVector<float>& embedding);
  void imageFailed(const QString& path, const QString& message);
  void busyChanged(bool busy);

 public:
  struct State;  // the worker side, defined in the .cpp

 private:
  // Work on the model thread, counted for busy(); done/failed come back on the GUI thread.
  template <typename Work, typename Done, typename Failed>
  void run(Work work, Done done, Failed failed);
  void rebuildClassifiers();

  WorkerThread worker_;
  std::shared_ptr<State> state_;
  ModelInfo info_;
  QString promptsPath_;
  QString cacheDir_;
  std::atomic<int> pending_{0};
  std::atomic<int> generation_{0};
  int ready_generation_ = 0;  // of the set last emitted (or failed), GUI thread
  QStringList classes_;
  QMap<QString, QStringList> descriptions_;
  QString template_ = "a photo of a {}.";
};

}  // namespace protext
