#pragma once
#include <QMetaObject>
#include <QObject>
#include <QString>
#include <QThread>
#include <exception>
#include <functional>
#include <type_traits>
#include <utility>

#include "core/error.h"

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
  // The services' one pattern: runs `work` here; then `done` with its result (or with
  // nothing for void work), or `failed` with the exception's one readable line (core's
  // error_message, no LibTorch backtrace), both called on `receiver`'s thread.
  template <typename Work, typename Done, typename Failed>
  void run(QObject* receiver, Work work, Done done, Failed failed) {
    post([receiver, work = std::move(work), done = std::move(done), failed = std::move(failed)]() mutable {
      try {
        if constexpr (std::is_void_v<std::invoke_result_t<Work&>>) {
          work();
          QMetaObject::invokeMethod(receiver, [done]() mutable { done(); });
        } else {
          auto result = work();
          QMetaObject::invokeMethod(receiver, [done, result = std::move(result)]() mutable { done(result); });
        }
      } catch (const std::exception& e) {
        QMetaObject::invokeMethod(receiver, [failed, message = QString::fromStdString(error_message(e))]() mutable {
          failed(message);
        });
      }
    });
  }
  // Finishes the work in hand, drops the rest and ends the thread. Services call it first
  // in their destructors, while the members their work touches still exist.
  void stop();

 private:
  QThread thread_;
  QObject* context_;  // lives in thread_
};

}  // namespace protext
