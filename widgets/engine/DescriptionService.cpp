#include "widgets/engine/DescriptionService.h"

#include <QMetaObject>
#include <QPointer>
#include <QThread>
#include <algorithm>

#include "core/describe/llm_describe.h"
#include "core/describe/wordnet.h"
#include "core/error.h"

namespace protext {

DescriptionService::DescriptionService(QObject* parent) : QObject(parent) {
  qRegisterMetaType<DescribedClasses>();
  // Not running any more once the answer is here, though the thread may still be ending.
  connect(this, &DescriptionService::finished, this, [this] { busy_ = false; });
  wordnet_dir_ = QString::fromStdString(default_wordnet_dir());
}

DescriptionService::~DescriptionService() {
  cancel();
  if (thread_) {
    thread_->wait();
    delete thread_;
  }
}

bool DescriptionService::running() const { return busy_; }

void DescriptionService::cancel() {
  if (cancel_) cancel_->store(true);
}

void DescriptionService::setLlm(const QString& endpoint, const QString& model, const QString& cacheDir,
                                const QString& apiKey) {
  llm_endpoint_ = endpoint;
  llm_model_ = model;
  llm_cache_ = cacheDir;
  llm_key_ = apiKey;
}

namespace {

DescribedClasses describe_by_llm(const QStringList& classes, const QString& endpoint, const QString& model,
                                 const QString& cache, const QString& key, const std::atomic<bool>& cancelled,
                                 const std::function<void(int, int)>& progress) {
  DescribedClasses result;
  LlmEndpoint e;
  e.url = endpoint.toStdString();
  e.model = model.toStdString();
  e.api_key = key.toStdString();
  const LlmClient client(e);
  LlmDescribeOptions options;
  options.cache_dir = cache.toStdString();
  options.on_progress = [&](size_t done, size_t total) {
    // Per class, as the WordNet source reports: the questions of one class are one step.
    const size_t per_class = total / std::max<size_t>(1, classes.size());
    progress(static_cast<int>(done / std::max<size_t>(1, per_class)), classes.size());
  };
  std::vector<std::string> names;
  for (const QString& c : classes) names.push_back(c.toStdString());
  const LlmDescribed described = describe_with_llm(names, client, options, &cancelled);
  for (const QString& c : classes) {
    const auto found = described.descriptions.find(c.toStdString());
    if (found == described.descriptions.end()) {
      result.unknown << c;
      continue;
    }
    QStringList sentences;
    for (const auto& s : found->second) sentences << QString::fromStdString(s);
    result.descriptions[c] = sentences;
  }
  if (result.descriptions.isEmpty() && !described.failed.empty())
    result.error = QString::fromStdString(described.failed.front());
  result.cancelled = described.cancelled;
  return result;
}

}  // namespace

void DescriptionService::start(const QStringList& classes) {
  if (running()) return;
  if (thread_) {
    thread_->wait();  // the last run has answered; its thread is at most returning
    delete thread_;
  }
  busy_ = true;
  cancel_ = std::make_shared<std::atomic<bool>>(false);
  const auto cancelled = cancel_;
  const QString dir = wordnet_dir_;
  const QString endpoint = llm_endpoint_, model = llm_model_, cache = llm_cache_, key = llm_key_;
  QPointer<DescriptionService> self(this);
  thread_ = QThread::create([self, cancelled, dir, classes, endpoint, model, cache, key] {
    DescribedClasses result;
    const auto report = [self](int done, int total) {
      if (self) QMetaObject::invokeMethod(self, "progress", Qt::QueuedConnection, Q_ARG(int, done), Q_ARG(int, total));
    };
    try {
      if (!endpoint.isEmpty()) {
        result = describe_by_llm(classes, endpoint, model, cache, key, *cancelled, report);
        if (self)
          QMetaObject::invokeMethod(self, "finished", Qt::QueuedConnection, Q_ARG(protext::DescribedClasses, result));
        return;
      }
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
        report(i + 1, classes.size());
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
