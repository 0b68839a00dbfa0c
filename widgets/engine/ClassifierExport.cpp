#include "widgets/engine/ClassifierExport.h"

#include "core/zeroshot/classifier_export.h"
#include "widgets/engine/EngineModel.h"

namespace protext {

QStringList exportClassifier(const ClassifierSet& set, const QString& method, const QString& modelFingerprint,
                             const QString& path) {
  if (!set.methods.contains(method) || !set.weights.contains(method))
    throw Error("export classifier", "the " + method.toStdString() + " classifier is not built for this class list");
  ExportedClassifier classifier;
  classifier.method = method.toStdString();
  for (const QString& c : set.classes) classifier.classes.push_back(c.toStdString());
  classifier.weights = from_qvector(set.weights.value(method), set.classes.size(), set.dim);
  classifier.logit_scale = set.logitMultiplier;
  classifier.model_fingerprint = modelFingerprint.toStdString();
  QStringList written;
  for (const auto& file : write_classifier(classifier, path.toStdString())) written << QString::fromStdString(file);
  return written;
}

}  // namespace protext
