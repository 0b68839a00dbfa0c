#pragma once
#include <memory>
#include <string>

#include "core/clip/tokenizer.h"

namespace protext {

// The tokenizer for a model. vocab_path, when given, is an OpenAI merges file
// (.txt.gz or .txt), a sentencepiece .model, a vocab.json or merges.txt with its partner
// beside it, or a folder holding any of these. Otherwise the tokenizer is looked for
// beside the weights (inside model_path if it is a folder, else in its folder):
// bpe_simple_vocab_16e6.txt.gz, vocab.json + merges.txt, tokenizer.model, spm.model;
// then in $PROTEXT_CLIP_VOCAB; then in the installed resources
// (tokenizers/bpe_simple_vocab_16e6.txt.gz). Nothing found: an Error that asks for --vocab.
std::unique_ptr<Tokenizer> load_tokenizer(const std::string& model_path, const std::string& vocab_path = "");

}  // namespace protext
