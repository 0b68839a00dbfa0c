#include "widgets/engine/WorkerThread.h"

#include <QMetaObject>

namespace protext {

WorkerThread::WorkerThread(const QString& name) : context_(new QObject) {
  context_->moveToThread(&thread_);
  QObject::connect(&thread_, &QThread::finished, context_, &QObject::deleteLater);
  thread_.setObjectName(name);
  thread_.start();
}

WorkerThread::~WorkerThread() { stop(); }

void WorkerThread::stop() {
  thread_.quit();
  thread_.wait();
}

void WorkerThread::post(std::function<void()> work) { QMetaObject::invokeMethod(context_, std::move(work)); }

}  // namespace protext
