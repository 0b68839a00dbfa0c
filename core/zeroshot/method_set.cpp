#include "core/zeroshot/method_set.h"

#include "core/error.h"
#include "core/zeroshot/classifier.h"
#include "core/zeroshot/class_list.h"
#include "core/zeroshot/probabilities.h"

namespace protext {

const MethodClassifier* MethodSet::find(Method method) const {
  for (const auto& m : methods)
    if (m.method == method) return &m;
  return nullptr;
}

std::map<std::string, torch::Tensor> MethodSet::by_name() const {
  std::map<std::string, torch::Tensor> out;
  for (const auto& m : methods) out[method_name(m.method)] = m.weights;
  return out;
}

MethodSet build_method_set(ClipModel& model, const MethodInputs& in) {
  validate_class_list(in.classes, "class list");
  if (in.ensemble_templates.empty()) throw Error("template ensemble", "no templates");
  MethodSet set;
  set.classes = in.classes;
  set.logit_multiplier = logit_multiplier(model.logit_scale());
  set.methods.push_back({Method::Template, template_classifier(model, in.classes, in.text_template)});
  set.methods.push_back({Method::Ensemble, ensemble_classifier(model, in.classes, in.ensemble_templates)});
  if (in.descriptions) {
    std::vector<std::string> missing;
    for (const auto& c : in.classes)
      if (!in.descriptions->find(c)) missing.push_back(c);
    if (missing.empty())
      set.methods.push_back({Method::Descriptions, description_classifier(model, in.classes, *in.descriptions)});
    else
      set.notes.push_back("the " + method_name(Method::Descriptions) + " method is skipped: no descriptions for " +
                          quoted_names(missing));
  }
  if (in.prompts)
    set.methods.push_back({Method::ProText, protext_classifier(model, in.prompts, in.classes, in.prompts_template)});
  for (auto& m : set.methods) m.weights = m.weights.to(torch::kCPU, torch::kFloat32).contiguous();
  return set;
}

std::string prompts_template(const LoadedPrompts& prompts, const std::string& explicit_template) {
  if (!explicit_template.empty()) return explicit_template;
  const auto it = prompts.metadata.find("template");
  if (it != prompts.metadata.end() && it->is_string()) return it->get<std::string>();
  return kDefaultTemplate;
}

}  // namespace protext
