// protext tokenize [--model PATH | --vocab FILE] TEXT...: token ids from <sot> to <eot>.
#include <nlohmann/json.hpp>

#include "app/cli/model_options.h"
#include "core/clip/tokenizer_files.h"
#include "core/clip/weights.h"

namespace protext::cli {
namespace {

int run(const Args& args) {
  // With neither --model nor --vocab, the embedded model's tokenizer.
  const std::string model = args.has("vocab") ? args.get("model") : model_path(args);
  int context = args.get_int("context-length", 77);
  if (!model.empty() && !args.has("context-length"))
    context = static_cast<int>(read_clip_weights(model).config.text.context_length);
  const auto tokenizer = load_tokenizer(model, args.get("vocab"));
  for (const auto& text : text_inputs(args, "tokenize"))
    print_json_line({{"text", text}, {"ids", tokenizer->encode(text, context)}});
  return 0;
}

const Command command{"tokenize", "Print the token ids of each text (JSON Lines).", "TEXT...",
                      {{"model", "PATH", "use the tokenizer and context length of this model"},
                       {"vocab", "FILE", "tokenizer file or folder"},
                       {"context-length", "N", "cut to N tokens (default: the model's, or 77)"}},
                      run};
const CommandRegistration registration{command};

}  // namespace
}  // namespace protext::cli
