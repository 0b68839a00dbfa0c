#pragma once
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "core/clip/tokenizer.h"

struct protext_spm;

namespace protext {

// A sentencepiece model behind the Tokenizer interface (the embedded mini model reads
// text this way). The text goes in as it is, after white space is folded; start and end
// are the model's bos and eos pieces. encode() may be called from several threads.
// sentencepiece itself lives in the protext_spm plug-in (spm_plugin.h says why).
class SpmTokenizer : public Tokenizer {
 public:
  static std::unique_ptr<SpmTokenizer> from_file(const std::string& model_path);
  ~SpmTokenizer() override;

  std::vector<int64_t> encode(std::string_view text, int context_length) const override;
  int64_t start_token() const override { return start_; }
  int64_t end_token() const override { return end_; }
  int64_t vocab_size() const override;
  // The piece with sentencepiece's word-start mark "▁" shown as a space.
  std::string token_text(int64_t id) const override;
  Joins token_joins(int64_t id) const override;

 private:
  SpmTokenizer(protext_spm* model, std::string path);
  protext_spm* model_;
  std::string path_;
  int64_t start_ = -1;
  int64_t end_ = -1;
};

// Trains a unigram sentencepiece model on `sentences` and writes <model_prefix>.model and
// <model_prefix>.vocab: unk 0, bos 1, eos 2, no pad; one thread, so the same sentences
// always give the same model. vocab_size is an upper bound when the text is too small.
void train_spm_model(const std::vector<std::string>& sentences, const std::string& model_prefix,
                     int vocab_size);

}  // namespace protext
