#include "widgets/common/DrillDown.h"

#include <QFileInfo>
#include <algorithm>

#include "widgets/common/MethodStyle.h"

namespace protext {
namespace {

// The method's per-image results, or null when the report has none for every image.
const MethodResult* coreMethod(const EvaluationResult& result, const QString& id) {
  if (!result.report) return nullptr;
  const auto it = result.report->methods.find(id.toStdString());
  if (it == result.report->methods.end()) return nullptr;
  const size_t n = result.report->image_paths.size();
  return it->second.top.size() == n && it->second.right.size() == n ? &it->second : nullptr;
}

QString pathOf(const EvaluationResult& result, size_t image) {
  return QFileInfo(QString::fromStdString(result.report->image_paths[image])).absoluteFilePath();
}

int labelOf(const EvaluationResult& result, size_t image) {
  return static_cast<int>(result.report->image_labels[image]);
}

size_t imageCount(const EvaluationResult& result) {
  return result.report ? std::min(result.report->image_paths.size(), result.report->image_labels.size()) : 0;
}

}  // namespace

DrillDown DrillDowns::confusionCell(const EvaluationResult& result, int method, int trueClass, int predicted) {
  DrillDown out;
  if (method < 0 || method >= result.methods.size() || trueClass < 0 || trueClass >= result.classes.size() ||
      predicted < 0 || predicted >= result.classes.size())
    return out;
  const QString id = result.methods[method].method;
  out.title = tr("%1: %2 → %3").arg(MethodStyle::label(id), result.classes[trueClass], result.classes[predicted]);
  const MethodResult* m = coreMethod(result, id);
  if (!m) return out;
  for (size_t i = 0; i < imageCount(result); ++i)
    if (labelOf(result, i) == trueClass && m->top[i].front().index == predicted) out.paths << pathOf(result, i);
  return out;
}

DrillDown DrillDowns::ofClass(const EvaluationResult& result, int trueClass) {
  DrillDown out;
  if (trueClass < 0 || trueClass >= result.classes.size()) return out;
  out.title = tr("Class %1").arg(result.classes[trueClass]);
  for (size_t i = 0; i < imageCount(result); ++i)
    if (labelOf(result, i) == trueClass) out.paths << pathOf(result, i);
  return out;
}

DrillDown DrillDowns::pairCell(const EvaluationResult& result, int pair, PairOutcome outcome, int trueClass) {
  DrillDown out;
  if (pair < 0 || pair >= result.pairs.size()) return out;
  const PairScore& p = result.pairs[pair];
  const QString a = MethodStyle::label(p.a), b = MethodStyle::label(p.b);
  switch (outcome) {
    case PairOutcome::BothRight: out.title = tr("Right by %1 and %2").arg(a, b); break;
    case PairOutcome::OnlyA: out.title = tr("Right by %1 only, not %2").arg(a, b); break;
    case PairOutcome::OnlyB: out.title = tr("Right by %1 only, not %2").arg(b, a); break;
    case PairOutcome::BothWrong: out.title = tr("Wrong by %1 and %2").arg(a, b); break;
  }
  if (trueClass >= 0 && trueClass < result.classes.size())
    out.title += QStringLiteral(" · ") + result.classes[trueClass];
  const MethodResult* ma = coreMethod(result, p.a);
  const MethodResult* mb = coreMethod(result, p.b);
  if (!ma || !mb) return out;
  for (size_t i = 0; i < imageCount(result); ++i) {
    if (trueClass >= 0 && labelOf(result, i) != trueClass) continue;
    const bool ra = ma->right[i] != 0, rb = mb->right[i] != 0;
    const bool take = outcome == PairOutcome::BothRight ? ra && rb
                      : outcome == PairOutcome::OnlyA   ? ra && !rb
                      : outcome == PairOutcome::OnlyB   ? !ra && rb
                                                        : !ra && !rb;
    if (take) out.paths << pathOf(result, i);
  }
  return out;
}

}  // namespace protext
