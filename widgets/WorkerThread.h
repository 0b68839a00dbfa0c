#pragma once
#include <QObject>
#include <QThread>
#include <functional>

namespace protext {

// A named thread with an event loop that runs posted work in order: the engine services
// each own one, so slow LibTorch calls never run on the GUI thread. Destruction waits for
// the work in hand to finish (services cancel theirs first).
class WorkerThread {
 public:
  explicit WorkerThread(const QString& name);
  ~WorkerThread();
  WorkerThread(const WorkerThread&) = delete;
  WorkerThread& operator=(const WorkerThread&) = delete;

  void post(std::function<void()> work);
  // Finishes the work in hand, drops the rest and ends the thread. Services call it first
  // in their destructors, while the members their work touches still exist.
  void stop();

 private:
  QThread thread_;
  QObject* context_;  // lives in thread_
};

}  // namespace protext
