#include "widgets/engine/EvaluationService.h"

#include <QMetaObject>

#include "core/protext/evaluate.h"
#include "core/protext/image_folder.h"
#include "widgets/engine/EngineModel.h"

namespace protext {

EvaluationService::EvaluationService(QObject* parent) : QObject(parent), worker_("protext-eval") {
  qRegisterMetaType<EvaluationResult>();
  qRegisterMetaType<ClassifierSet>();
  qRegisterMetaType<ModelHandlePtr>();
}

EvaluationService::~EvaluationService() {
  cancel_ = true;
  worker_.stop();
}

void EvaluationService::cancel() { cancel_ = true; }

void EvaluationService::start(ModelHandlePtr model, const QString& folder, const ClassifierSet& set,
                              const QString& cacheDir) {
  if (running_.exchange(true)) {
    emit failed(tr("An evaluation is already running."));
    return;
  }
  cancel_ = false;
  worker_.run(
      this,
      [this, model, folder, set, cacheDir] {
        if (!model) throw Error("evaluate", "no model is open");
        if (set.classes.isEmpty() || set.methods.isEmpty())
          throw Error("evaluate", "the class list is empty: add classes before evaluating");
        std::vector<std::string> classes;
        for (const auto& c : set.classes) classes.push_back(c.toStdString());
        const ImageFolder images = read_image_folder(folder.toStdString(), classes);
        ScoringOptions scoring;
        scoring.logit_multiplier = set.logitMultiplier;
        return std::make_shared<const EvalReport>(evaluate(
            *model->clip, images, method_set(set).by_name(), "all", scoring,
            [this](int64_t done, int64_t total) {
              QMetaObject::invokeMethod(this, [this, done, total] { emit progress(done, total); });
            },
            cancel_, cacheDir.toStdString()));
      },
      [this, methods = set.methods](const std::shared_ptr<const EvalReport>& report) {
        running_ = false;
        if (report->cancelled)
          emit cancelled();
        else
          emit finished(evaluationResult(report, methods));
      },
      [this](const QString& message) {
        running_ = false;
        emit failed(message);
      });
}

}  // namespace protext
