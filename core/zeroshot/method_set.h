#pragma once
#include <map>
#include <optional>
#include <string>
#include <vector>

#include <torch/types.h>

#include "core/clip/clip_model.h"
#include "core/protext/prompts.h"
#include "core/zeroshot/descriptions.h"
#include "core/zeroshot/method.h"
#include "core/zeroshot/templates.h"

namespace protext {

// Everything the four methods are built from. The CLI's classify and eval and the app's
// model service fill this and call build_method_set(), so a chart and `protext classify`
// start from the same classifier weights.
struct MethodInputs {
  std::vector<std::string> classes;
  std::string text_template = kDefaultTemplate;    // the single-template method
  std::vector<std::string> ensemble_templates;     // the ensemble (CLIP's 80 by default)
  std::optional<DescriptionSet> descriptions;      // none: no descriptions method
  PromptLearner prompts{nullptr};                  // null: no ProText method
  std::string prompts_template = kDefaultTemplate;  // see prompts_template()
};

struct MethodClassifier {
  Method method;
  torch::Tensor weights;  // [classes, embed_dim], rows L2-normalised, fp32 on the CPU
};

struct MethodSet {
  std::vector<std::string> classes;
  std::vector<MethodClassifier> methods;  // in all_methods() order, those that could be built
  double logit_multiplier = 100;          // applied to cosines (logit_multiplier(logit_scale))
  // A method left out, and why: "the descriptions method is skipped: no descriptions for 'dax', 'wug'".
  std::vector<std::string> notes;

  const MethodClassifier* find(Method method) const;
  std::map<std::string, torch::Tensor> by_name() const;  // method id → weights
};

// Builds every method the inputs allow. The descriptions method needs every class to
// have descriptions; when some have none it is left out with a note naming them (the other
// methods still run). An empty class list or template set is an error.
MethodSet build_method_set(ClipModel& model, const MethodInputs& inputs);

// The template a ProText checkpoint is used with: an explicit one when given, else the
// template it was trained with (its metadata), else "a photo of a {}.".
std::string prompts_template(const LoadedPrompts& prompts, const std::string& explicit_template = {});

}  // namespace protext
