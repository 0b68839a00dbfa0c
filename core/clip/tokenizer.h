#pragma once
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace protext {

// Text to token ids, the way the model was trained to read them. Implementations:
// BpeTokenizer (OpenAI CLIP's byte-level BPE) and SpmTokenizer (sentencepiece, used by
// the embedded mini model).
class Tokenizer {
 public:
  virtual ~Tokenizer() = default;

  // Ids from the start token to the end token, no padding. Text longer than
  // context_length tokens is cut, keeping the end token last.
  virtual std::vector<int64_t> encode(std::string_view text, int context_length) const = 0;

  virtual int64_t start_token() const = 0;
  virtual int64_t end_token() const = 0;
  virtual int64_t vocab_size() const = 0;

  // Readable text of one token id (BPE: "photo</w>" → "photo"), for showing the
  // nearest words to a learned prompt vector.
  virtual std::string token_text(int64_t id) const = 0;

  // Whether a token is only part of a word, as far as the vocabulary says: BPE marks the
  // pieces that end a word (a piece without the mark goes on into the next), sentencepiece
  // the pieces that start one (a piece without it goes on from the previous).
  struct Joins {
    bool previous = false, next = false;
  };
  virtual Joins token_joins(int64_t id) const = 0;
};

}  // namespace protext
