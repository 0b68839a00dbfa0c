// protext interpret --model PATH --prompts FILE: the vocabulary tokens nearest to each
// learned input context vector (JSON Lines, one per vector).
#include <iostream>
#include <nlohmann/json.hpp>

#include "app/cli/model_options.h"
#include "core/protext/interpret.h"
#include "core/protext/prompts.h"

namespace protext::cli {
namespace {

int run(const Args& args) {
  const int k = args.get_int("top-k", 5);
  if (k < 1) throw Error("protext interpret", "--top-k must be at least 1");
  auto model = open_model(args);
  const auto prompts = load_prompts(args.require("prompts"), *model);
  if (!prompts.warning.empty()) std::cerr << "warning: " << prompts.warning << '\n';
  const auto nearest = nearest_tokens(*model, prompts.learner->ctx, k);
  for (size_t i = 0; i < nearest.size(); ++i) {
    nlohmann::ordered_json tokens = nlohmann::ordered_json::array();
    for (const auto& t : nearest[i])
      tokens.push_back({{"token", t.token}, {"id", t.id}, {"distance", t.distance}, {"cosine", t.cosine}});
    print_json_line({{"index", i}, {"nearest", tokens}});
  }
  return 0;
}

std::vector<Option> options() {
  auto o = model_options();
  o.push_back({"prompts", "FILE", "ProText prompt checkpoint (.safetensors or a Dassl checkpoint)"});
  o.push_back({"top-k", "K", "tokens per context vector (default 5)"});
  return o;
}

const Command command{"interpret", "Nearest vocabulary tokens to each learned context vector (JSON Lines).", "",
                      options(), run};
const CommandRegistration registration{command};

}  // namespace
}  // namespace protext::cli
