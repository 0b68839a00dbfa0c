#pragma once
// Engine side of ModelHandle: included only by the services' .cpp files (LibTorch).
#include <memory>

#include "core/clip/clip_model.h"
#include "core/error.h"
#include "core/zeroshot/descriptions.h"
#include "core/zeroshot/method_set.h"
#include "widgets/engine/EngineTypes.h"

namespace protext {

struct ModelHandle {
  std::shared_ptr<ClipModel> clip;
  // The trainer and the model worker may use the model at the same time for inference;
  // nothing mutates its weights after opening, so no lock is needed for that.
};

ModelInfo describe_model(ClipModel& clip, const QString& device, bool embedded);
// A plain copy of a [rows, dim] float tensor, row-major.
QVector<float> to_qvector(const torch::Tensor& t);
torch::Tensor from_qvector(const QVector<float>& v, int64_t rows, int64_t dim);
// The core's classifiers behind a set on screen (the methods core knows by id), for the
// services that hand them to core: evaluation, folder classification, export.
MethodSet method_set(const ClassifierSet& set);
// The descriptions of `classes`, checked as a CuPL file is (empty or over-long descriptions
// are refused). Classes without any are left out; none at all gives an empty set.
DescriptionSet description_set(const QStringList& classes, const QMap<QString, QStringList>& descriptions,
                               const std::string& source);

}  // namespace protext
