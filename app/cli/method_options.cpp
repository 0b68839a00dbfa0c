#include "app/cli/method_options.h"

#include <iostream>

#include "app/cli/class_files.h"
#include "core/zeroshot/description_match.h"
#include "core/zeroshot/descriptions.h"

namespace protext::cli {

std::vector<Option> method_options() {
  return {{"template", "T", "the single template, and ProText's (default: the checkpoint's, else \"a photo of a {}.\")"},
          {"templates", "FILE", "template set for the ensemble (default: CLIP's 80 ImageNet prompts)"},
          {"descriptions", "FILE", "CuPL JSON {\"class\": [\"description\", ...]}: adds the descriptions method"},
          {"prompts", "FILE", "ProText prompt checkpoint: adds the protext method"}};
}

MethodInputs method_inputs(const Args& args, ClipModel& model, const std::vector<std::string>& classes) {
  MethodInputs in;
  in.classes = classes;
  in.text_template = args.get("template", kDefaultTemplate);
  in.ensemble_templates = read_templates(args.get("templates", default_template_set_path()));
  if (args.has("descriptions")) {
    in.descriptions = descriptions_from(args.get("descriptions"));
    for (const auto& warning : match_descriptions(classes, *in.descriptions).warnings())
      std::cerr << "warning: " << warning << '\n';
  }
  if (args.has("prompts")) {
    const auto prompts = load_prompts(args.get("prompts"), model);
    if (!prompts.warning.empty()) std::cerr << "warning: " << prompts.warning << '\n';
    in.prompts = prompts.learner;
    in.prompts_template = prompts_template(prompts, args.get("template"));
  }
  return in;
}

MethodSet build_methods(const Args& args, ClipModel& model, const std::vector<std::string>& classes) {
  return build_methods(model, method_inputs(args, model, classes));
}

MethodSet build_methods(ClipModel& model, const MethodInputs& inputs) {
  MethodSet set = build_method_set(model, inputs);
  for (const auto& note : set.notes) std::cerr << "warning: " << note << '\n';
  return set;
}

}  // namespace protext::cli
