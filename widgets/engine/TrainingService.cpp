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
  struct Outcome {
    QString path;
    bool cancelled = false;
    QString note;
  };
  worker_.run(
      this,
      [this, model, classes, descriptions, request] {
        if (!model) throw Error("train", "no model is open");
        TrainJob job;
        job.clip = model->clip;
        const ConfigCheck checked = check_for_model(request.config, job.clip->config().text.layers,
                                                    job.clip->config().text.context_length);
        job.config = checked.config;
        job.descriptions = description_set(classes, descriptions, "class list");
        if (job.descriptions.by_key.empty()) throw Error("train", "no class has LLM descriptions to learn from");
        // The class list's order, as `protext train --classes` takes it: the order decides
        // the training pairs' order, so the same list gives the CLI's losses and prompts.
        for (const QString& name : classes)
          if (job.descriptions.find(name.toStdString())) job.classes.push_back(name.toStdString());
        job.out_path = QFile::encodeName(request.outPath).toStdString();
        job.resume_path = QFile::encodeName(request.resumePath).toStdString();
        QStringList notes;
        for (const ConfigNote& n : checked.notes) notes << noteText(n);
        bool announced = false;
        const TrainResult result = train(
            job,
            [this, &announced](const TrainProgress& p) {
              const bool first = !announced;
              announced = true;
              QMetaObject::invokeMethod(this, [this, p, first] {
                if (first) emit started(p.steps);
                emit progress(p);
              });
            },
            cancel_);
        Outcome outcome;
        outcome.cancelled = result.cancelled;
        if (QFileInfo::exists(request.outPath)) {
          outcome.path = request.outPath;
        } else if (result.cancelled) {
          notes << tr("stopped before the first epoch ended; nothing was saved");
        }
        outcome.note = notes.join(QLatin1Char('\n'));
        return outcome;
      },
      [this](const Outcome& outcome) {
        running_ = false;
        emit finished(outcome.path, outcome.cancelled, outcome.note);
      },
      [this](const QString& message) {
        running_ = false;
        emit failed(message);
      });
}

}  // namespace protext
