#include "widgets/engine/ClassifierExport.h"

#include "core/zeroshot/classifier_export.h"
#include "widgets/engine/EngineModel.h"

namespace protext {

QStringList exportClassifier(const ClassifierSet& set, const QString& method, const QString& modelFingerprint,
                             const QString& path) {
  const MethodSet methods = method_set(set);
  const auto id = method_from_name(method.toStdString());
  const MethodClassifier* built = id ? methods.find(*id) : nullptr;
  if (!built)
    throw Error("export classifier", "the " + method.toStdString() + " classifier is not built for this class list");
  ExportedClassifier classifier;
  classifier.method = method.toStdString();
  classifier.classes = methods.classes;
  classifier.weights = built->weights;
  classifier.logit_scale = methods.logit_multiplier;
  classifier.model_fingerprint = modelFingerprint.toStdString();
  QStringList written;
  for (const auto& file : write_classifier(classifier, path.toStdString())) written << QString::fromStdString(file);
  return written;
}

}  // namespace protext
