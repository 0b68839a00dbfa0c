// protext interpret --model PATH --prompts FILE: the vocabulary tokens nearest to each
// learned input context vector (JSON Lines, one per vector). With --classes FILE (and
// --descriptions): one more line per class, the texts nearest to its ProText embedding
// and how far ProText moved it from the template toward its descriptions.
#include <iostream>
#include <nlohmann/json.hpp>

#include "app/cli/class_files.h"
#include "app/cli/method_options.h"
#include "app/cli/model_options.h"
#include "core/protext/interpret.h"
#include "core/protext/prompt_meaning.h"
#include "core/protext/prompts.h"

namespace protext::cli {
namespace {

TokenRanking ranking_from(const std::string& name) {
  if (name == "distance") return TokenRanking::Distance;
  if (name == "cosine") return TokenRanking::Cosine;
  throw Error("--rank", "must be distance or cosine, not '" + name + "'");
}

void print_tokens(ClipModel& model, const torch::Tensor& ctx, int k, TokenRanking ranking) {
  const auto nearest = nearest_tokens(model, ctx, k, ranking);
  for (size_t i = 0; i < nearest.size(); ++i) {
    nlohmann::ordered_json tokens = nlohmann::ordered_json::array();
    for (const auto& t : nearest[i])
      tokens.push_back({{"token", t.token}, {"id", t.id}, {"distance", t.distance}, {"cosine", t.cosine},
                        {"subword", t.subword()}, {"shown", t.shown()}});
    print_json_line({{"index", i}, {"nearest", tokens}});
  }
}

void print_meaning(ClipModel& model, const MethodSet& methods, const MethodInputs& inputs, int k) {
  const auto meaning = prompt_meaning(model, methods, inputs.descriptions ? &*inputs.descriptions : nullptr,
                                      inputs.ensemble_templates, k);
  for (const auto& m : meaning) {
    nlohmann::ordered_json nearest = nlohmann::ordered_json::array();
    for (const auto& t : m.nearest)
      nearest.push_back({{"text", t.text}, {"kind", t.is_template ? "template" : "description"},
                         {"class", methods.classes[static_cast<size_t>(t.class_index)]}, {"cosine", t.cosine}});
    nlohmann::ordered_json line = {{"class", methods.classes[static_cast<size_t>(m.class_index)]},
                                   {"protext_to_template", m.protext_to_template}};
    if (m.has_descriptions) {
      line["template_to_centroid"] = m.template_to_centroid;
      line["protext_to_centroid"] = m.protext_to_centroid;
    }
    line["nearest"] = nearest;
    print_json_line(line);
  }
}

int run(const Args& args) {
  const int k = args.get_int("top-k", 5);
  if (k < 1) throw Error("protext interpret", "--top-k must be at least 1");
  const TokenRanking ranking = ranking_from(args.get("rank", "distance"));
  const std::string prompts_path = args.require("prompts");
  if (!args.has("classes")) {
    auto model = open_model(args);
    const auto prompts = load_prompts(prompts_path, *model);
    if (!prompts.warning.empty()) std::cerr << "warning: " << prompts.warning << '\n';
    print_tokens(*model, prompts.learner->ctx, k, ranking);
    return 0;
  }
  const auto classes = class_list_from(args.get("classes"));
  auto model = open_model_with_text_cache(args);
  const MethodInputs inputs = method_inputs(args, *model, classes);
  const MethodSet methods = build_methods(*model, inputs);
  print_tokens(*model, inputs.prompts->ctx, k, ranking);
  print_meaning(*model, methods, inputs, args.get_int("nearest", 5));
  return 0;
}

std::vector<Option> options() {
  auto o = model_options();
  o.push_back({"prompts", "FILE", "ProText prompt checkpoint (.safetensors or a Dassl checkpoint)"});
  o.push_back({"top-k", "K", "tokens per context vector (default 5)"});
  o.push_back({"rank", "BY", "rank the tokens by distance (CoOp's way, the default) or cosine"});
  o.push_back({"classes", "FILE", "also, per class: the texts nearest to its ProText embedding"});
  o.push_back({"descriptions", "FILE", "CuPL JSON: the descriptions those texts are drawn from"});
  o.push_back({"templates", "FILE", "the templates they are drawn from (default: CLIP's 80 ImageNet prompts)"});
  for (auto& option : cache_options()) o.push_back(option);
  o.push_back({"nearest", "N", "texts per class (default 5)"});
  return o;
}

const Command command{"interpret", "What learned prompts mean: nearest tokens, and per class nearest texts (JSON Lines).",
                      "", options(), run};
const CommandRegistration registration{command};

}  // namespace
}  // namespace protext::cli
