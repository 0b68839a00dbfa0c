#pragma once
#include <QObject>
#include <atomic>

#include "widgets/engine/EngineTypes.h"
#include "widgets/engine/WorkerThread.h"

namespace protext {

// Runs ProText training on its own thread through the core trainer; progress arrives as
// queued signals, stop() is honoured at the next optimiser step.
class TrainingService : public QObject {
  Q_OBJECT
 public:
  explicit TrainingService(QObject* parent = nullptr);
  ~TrainingService() override;
  bool running() const { return running_.load(); }

 public slots:
  // Trains on the descriptions of `classes` (all classes that have descriptions), with the
  // request's configuration fitted to the model by the core (check_for_model: a depth beyond
  // the text tower is lowered, with a note in finished()).
  void start(protext::ModelHandlePtr model, const QStringList& classes,
             const QMap<QString, QStringList>& descriptions, const protext::TrainRequest& request);
  void stop();

 signals:
  // The run was taken; its data is being prepared (emitted before start() returns).
  void preparing();
  void started(qint64 steps);
  void progress(const protext::TrainProgress& progress);
  // path: the prompt checkpoint written; cancelled: stopped early (the checkpoint holds the
  // last finished epoch, or nothing when none finished).
  void finished(const QString& path, bool cancelled, const QString& note);
  void failed(const QString& message);

 private:
  static QString noteText(const ConfigNote& note);

  WorkerThread worker_;
  std::atomic<bool> cancel_{false};
  std::atomic<bool> running_{false};
};

}  // namespace protext
