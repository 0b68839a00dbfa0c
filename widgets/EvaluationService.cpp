#include "widgets/EvaluationService.h"

#include <QMetaObject>

#include "core/protext/evaluate.h"
#include "core/protext/image_folder.h"
#include "widgets/EngineModel.h"
#include "widgets/Prediction.h"

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

namespace {

EvaluationResult to_result(const EvalReport& report, const ClassifierSet& set) {
  EvaluationResult r;
  for (const auto& c : report.classes) r.classes << QString::fromStdString(c);
  r.imageCount = static_cast<int>(report.n_images);
  for (const auto& s : report.skipped) r.skippedFiles << QString::fromStdString(s.path + ": " + s.error);
  for (const QString& method : set.methods) {
    const auto it = report.methods.find(method.toStdString());
    if (it == report.methods.end()) continue;
    const MethodResult& m = it->second;
    MethodScore score;
    score.method = methodDisplayName(method);
    score.top1 = m.top1;
    score.top5 = m.top5;
    score.total = static_cast<int>(report.n_images);
    for (double a : m.per_class) score.perClassAccuracy << a;
    for (size_t t = 0; t < m.confusion.size(); ++t) {
      QVector<int> row;
      for (int64_t v : m.confusion[t]) row << static_cast<int>(v);
      score.correct += row.value(static_cast<int>(t));
      score.confusion << row;
    }
    const auto bn = report.base_novel.find(method.toStdString());
    if (bn != report.base_novel.end()) {
      score.baseTop1 = bn->second.base_top1;
      score.novelTop1 = bn->second.novel_top1;
      score.harmonicMean = bn->second.harmonic_mean;
    }
    r.methods << score;
  }
  return r;
}

}  // namespace

void EvaluationService::start(ModelHandlePtr model, const QString& folder, const ClassifierSet& set,
                              const QString& cacheDir) {
  if (running_.exchange(true)) {
    emit failed(tr("An evaluation is already running."));
    return;
  }
  cancel_ = false;
  worker_.post([this, model, folder, set, cacheDir] {
    try {
      if (!model) throw Error("evaluate", "no model is open");
      if (set.classes.isEmpty() || set.methods.isEmpty())
        throw Error("evaluate", "the class list is empty: add classes before evaluating");
      std::vector<std::string> classes;
      for (const auto& c : set.classes) classes.push_back(c.toStdString());
      const ImageFolder images = read_image_folder(folder.toStdString(), classes);
      std::map<std::string, torch::Tensor> classifiers;
      for (const QString& method : set.methods)
        classifiers[method.toStdString()] = from_qvector(set.weights[method], set.classes.size(), set.dim);
      const EvalReport report = evaluate(
          *model->clip, images, classifiers, "all",
          [this](int64_t done, int64_t total) {
            QMetaObject::invokeMethod(this, [this, done, total] { emit progress(done, total); });
          },
          cancel_, cacheDir.toStdString());
      if (report.cancelled) {
        QMetaObject::invokeMethod(this, [this] {
          running_ = false;
          emit cancelled();
        });
        return;
      }
      const EvaluationResult result = to_result(report, set);
      QMetaObject::invokeMethod(this, [this, result] {
        running_ = false;
        emit finished(result);
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
