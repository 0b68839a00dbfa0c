#include "widgets/engine/DescriptionService.h"

#include <QMetaObject>
#include <QPointer>
#include <QThread>

#include "core/describe/wordnet.h"
#include "core/error.h"

namespace protext {

DescriptionService::DescriptionService(QObject* parent) : QObject(parent) {
  qRegisterMetaType<DescribedClasses>();
  wordnet_dir_ = QString::fromStdString(default_wordnet_dir());
}

DescriptionService::~DescriptionService() {
  cancel();
  if (thread_) thread_->wait();
}

bool DescriptionService::running() const { return thread_ && thread_->isRunning(); }

void DescriptionService::cancel() {
  if (cancel_) cancel_->store(true);
}

void DescriptionService::start(const QStringList& classes) {
  if (running()) return;
  if (thread_) thread_->deleteLater();
  cancel_ = std::make_shared<std::atomic<bool>>(false);
  const auto cancelled = cancel_;
  const QString dir = wordnet_dir_;
  QPointer<DescriptionService> self(this);
  thread_ = QThread::create([self, cancelled, dir, classes] {
    DescribedClasses result;
    try {
      const WordNet wordnet(dir.toStdString());
      for (int i = 0; i < classes.size(); ++i) {
        if (cancelled->load()) {
          result.cancelled = true;
          break;
        }
        const std::string name = classes[i].toStdString();
        if (const auto sense = wordnet.lookup(name)) {
          QStringList sentences;
          for (const auto& s : wordnet_descriptions(name, *sense)) sentences << QString::fromStdString(s);
          result.descriptions[classes[i]] = sentences;
          if (sense->sense_count > 1)
            result.notes[classes[i]] = DescriptionService::tr("sense %1 of %2: %3")
                                           .arg(sense->sense)
                                           .arg(sense->sense_count)
                                           .arg(QString::fromStdString(sense->gloss));
        } else {
          result.unknown << classes[i];
        }
        if (self) QMetaObject::invokeMethod(self, "progress", Qt::QueuedConnection, Q_ARG(int, i + 1), Q_ARG(int, classes.size()));
      }
    } catch (const std::exception& e) {
      result.error = QString::fromStdString(error_message(e));
    }
    if (self)
      QMetaObject::invokeMethod(self, "finished", Qt::QueuedConnection, Q_ARG(protext::DescribedClasses, result));
  });
  thread_->start();
}

}  // namespace protext
