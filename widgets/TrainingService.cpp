#include "widgets/TrainingService.h"

#include <QFileInfo>
#include <QMetaObject>

#include "core/protext/trainer.h"
#include "widgets/EngineModel.h"

namespace protext {

TrainingService::TrainingService(QObject* parent) : QObject(parent), worker_("protext-train") {
  qRegisterMetaType<TrainProgress>();
  qRegisterMetaType<TrainSettings>();
  qRegisterMetaType<ModelHandlePtr>();
}

TrainingService::~TrainingService() {
  cancel_ = true;
  worker_.stop();
}

void TrainingService::stop() { cancel_ = true; }

void TrainingService::start(ModelHandlePtr model, const QStringList& classes,
                            const QMap<QString, QStringList>& descriptions, const TrainSettings& s) {
  if (running_.exchange(true)) {
    emit failed(tr("A training run is already in progress."));
    return;
  }
  cancel_ = false;
  worker_.post([this, model, classes, descriptions, s] {
    try {
      if (!model) throw Error("train", "no model is open");
      TrainJob job;
      job.clip = model->clip;
      job.config = preset_config(s.preset.toStdString());
      TrainConfig& c = job.config;
      c.epochs = s.epochs;
      c.steps = s.steps;
      c.batch_size = s.batchSize;
      c.full_batch = s.fullBatch;
      c.shuffle = s.shuffle;
      c.lr = s.lr;
      c.weight_decay = s.weightDecay;
      c.schedule = s.schedule.toStdString();
      c.loss = s.loss.toStdString();
      c.prompts.n_ctx = s.nCtx;
      c.prompts.depth = std::min<int64_t>(s.depth, job.clip->config().text.layers);
      c.text_template = s.textTemplate.toStdString();
      c.seed = static_cast<uint64_t>(s.seed);
      job.descriptions = description_set(classes, descriptions, "class list");
      if (job.descriptions.by_key.empty()) throw Error("train", "no class has LLM descriptions to learn from");
      job.out_path = s.outPath.toStdString();
      job.resume_path = s.resumePath.toStdString();
      QString note;
      if (s.depth > job.clip->config().text.layers)
        note = tr("prompt depth lowered to %1, the text tower's layer count").arg(job.clip->config().text.layers);
      bool announced = false;
      const TrainResult result = train(
          job,
          [this, &announced](const Progress& p) {
            TrainProgress q;
            q.epoch = p.epoch;
            q.epochs = p.epochs;
            q.step = p.step;
            q.steps = p.steps;
            q.loss = p.loss;
            q.lr = p.lr;
            q.samplesPerSecond = p.samples_per_s;
            q.etaSeconds = p.eta_s;
            q.epochMeanLoss = p.epoch_mean_loss;
            const bool first = !announced;
            announced = true;
            QMetaObject::invokeMethod(this, [this, q, first] {
              if (first) emit started(q.steps);
              emit progress(q);
            });
          },
          cancel_);
      const QString path = s.outPath;
      const bool cancelled = result.cancelled;
      if (cancelled && !QFileInfo::exists(path))
        note = tr("stopped before the first epoch ended; nothing was saved");
      QMetaObject::invokeMethod(this, [this, path, cancelled, note] {
        running_ = false;
        emit finished(QFileInfo::exists(path) ? path : QString(), cancelled, note);
      });
    } catch (const std::exception& e) {
      const QString message = QString::fromUtf8(e.what());
      QMetaObject::invokeMethod(this, [this, message] {
        running_ = false;
        emit failed(message);
      });
    }
  });
}

}  // namespace protext
