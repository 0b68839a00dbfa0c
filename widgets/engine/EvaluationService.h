#pragma once
#include <QObject>
#include <atomic>

#include "widgets/common/EvaluationResult.h"
#include "widgets/engine/EngineTypes.h"
#include "widgets/engine/WorkerThread.h"

namespace protext {

// Scores every method of a classifier set on a labelled image folder (one sub-folder per
// class) on its own thread, with progress and cancel. Image embeddings are cached on disk.
class EvaluationService : public QObject {
  Q_OBJECT
 public:
  explicit EvaluationService(QObject* parent = nullptr);
  ~EvaluationService() override;
  bool running() const { return running_.load(); }

 public slots:
  void start(protext::ModelHandlePtr model, const QString& folder, const protext::ClassifierSet& classifiers,
             const QString& cacheDir);
  void cancel();

 signals:
  void progress(qint64 done, qint64 total);
  void finished(const protext::EvaluationResult& result);
  void cancelled();
  void failed(const QString& message);

 private:
  WorkerThread worker_;
  std::atomic<bool> cancel_{false};
  std::atomic<bool> running_{false};
};

}  // namespace protext
