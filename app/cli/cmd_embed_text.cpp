// protext embed-text --model PATH TEXT...: CLIP text embeddings.
#include <nlohmann/json.hpp>

#include "app/cli/model_options.h"

namespace protext::cli {
namespace {

int run(const Args& args) {
  const auto texts = text_inputs(args, "embed-text");
  auto model = open_model(args);
  const auto embeddings = model->encode_text(texts, /*normalize=*/!args.has("raw"));
  for (size_t i = 0; i < texts.size(); ++i)
    print_json_line({{"text", texts[i]}, {"embedding", tensor_row(embeddings, static_cast<int64_t>(i))}});
  return 0;
}

std::vector<Option> options() {
  auto o = model_options();
  o.push_back({"raw", "", "print the projection output before L2 normalisation"});
  return o;
}

const Command command{"embed-text", "Print the CLIP embedding of each text (JSON Lines).", "TEXT...",
                      options(), run};
const CommandRegistration registration{command};

}  // namespace
}  // namespace protext::cli
