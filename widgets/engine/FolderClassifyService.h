#pragma once
#include <QObject>
#include <atomic>

#include "widgets/engine/EngineTypes.h"
#include "widgets/engine/WorkerThread.h"

namespace protext {

// Labels a folder of unlabelled images with every method of a classifier set on its own
// thread, with progress and cancel, into a .csv or .jsonl file: what
// `protext classify --folder` writes. Image embeddings are cached as evaluations cache them.
class FolderClassifyService : public QObject {
  Q_OBJECT
 public:
  explicit FolderClassifyService(QObject* parent = nullptr);
  ~FolderClassifyService() override;

  bool running() const { return running_.load(); }

 public slots:
  void start(protext::ModelHandlePtr model, const QString& folder, const protext::ClassifierSet& classifiers,
             const QString& outPath, const QString& cacheDir);
  void cancel();

 signals:
  void progress(qint64 done, qint64 total);
  // images: how many were classified; skipped: files left out, with the reason.
  void finished(int images, const QStringList& skipped, const QString& outPath);
  void cancelled();
  void failed(const QString& message);

 private:
  WorkerThread worker_;
  std::atomic<bool> cancel_{false};
  std::atomic<bool> running_{false};
};

}  // namespace protext
