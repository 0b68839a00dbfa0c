#include "widgets/engine/TrainingService.h"

#include <QFile>
#include <QFileInfo>
#include <QMetaObject>

#include "core/error.h"
#include "core/protext/trainer.h"
#include "widgets/engine/EngineModel.h"

namespace protext {

// The core's note in the app's language: the settings it knows are translated here.
QString TrainingService::noteText(const ConfigNote& note) {
  if (note.key == "depth") return tr("prompt depth lowered to %1, the text tower's layer count").arg(note.value);
  return QString::fromStdString(note.text);
}

TrainingService::TrainingService(QObject* parent) : QObject(parent), worker_("protext-train") {
  qRegisterMetaType<TrainProgress>();
  qRegisterMetaType<TrainConfig>();
  qRegisterMetaType<TrainRequest>();
  qRegisterMetaType<ModelHandlePtr>();
}

TrainingService::~TrainingService() {
  cancel_ = true;
  worker_.stop();
}

void TrainingService::stop() { cancel_ = true; }

void TrainingService::start(ModelHandlePtr model, const QStringList& classes,
                            const QMap<QString, QStringList>& descriptions, const TrainRequest& request) {
  if (running_.exchange(true)) {
    emit failed(tr("A training run is already in progress."));
    return;
  }
  cancel_ = false;
  emit preparing();
  worker_.post([this, model, classes, descriptions, request] {
    try {
      if (!model) throw Error("train", "no model is open");
      TrainJob job;
      job.clip = model->clip;
      const ConfigCheck checked = check_for_model(request.config, job.clip->config().text.layers,
                                                  job.clip->config().text.context_length);
      job.config = checked.config;
      job.descriptions = description_set(classes, descriptions, "class list");
      if (job.descriptions.by_key.empty()) throw Error("train", "no class has LLM descriptions to learn from");
      job.out_path = QFile::encodeName(request.outPath).toStdString();
      job.resume_path = QFile::encodeName(request.resumePath).toStdString();
      QStringList notes;
      for (const ConfigNote& n : checked.notes) notes << noteText(n);
      bool announced = false;
      const TrainResult result = train(
          job,
          [this, &announced](const TrainProgress& q) {
            const bool first = !announced;
            announced = true;
            QMetaObject::invokeMethod(this, [this, q, first] {
              if (first) emit started(q.steps);
              emit progress(q);
            });
          },
          cancel_);
      const QString path = request.outPath;
      const bool cancelled = result.cancelled;
      if (cancelled && !QFileInfo::exists(path)) notes << tr("stopped before the first epoch ended; nothing was saved");
      const QString note = notes.join(QLatin1Char('\n'));
      QMetaObject::invokeMethod(this, [this, path, cancelled, note] {
        running_ = false;
        emit finished(QFileInfo::exists(path) ? path : QString(), cancelled, note);
      });
    } catch (const std::exception& e) {
      const QString message = QString::fromStdString(error_message(e));
      QMetaObject::invokeMethod(this, [this, message] {
        running_ = false;
        emit failed(message);
      });
    }
  });
}

}  // namespace protext
