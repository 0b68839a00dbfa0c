#pragma once
#include <cstdint>
#include <limits>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "core/clip/tokenizer.h"

namespace protext {

// OpenAI CLIP's byte-level BPE, as OpenAI's simple_tokenizer.py does it: text cleaned
// (see text_clean.h), lower-cased with Unicode's full case mapping, split by CLIP's
// pre-tokenizer pattern, each piece's UTF-8 bytes mapped to printable characters, the
// last one marked with "</w>", then merged pair by pair in merge-rank order.
// encode() may be called from several threads at once.
class BpeTokenizer : public Tokenizer {
 public:
  // OpenAI's bpe_simple_vocab_16e6.txt.gz (gzip, or the same text uncompressed): ids are
  // the 256 byte characters, the same with "</w>", the first 48,894 merges in order, then
  // <|startoftext|> 49406 and <|endoftext|> 49407.
  static std::unique_ptr<BpeTokenizer> from_openai_merges(const std::string& path);
  // A Hugging Face CLIP tokenizer's vocab.json (token → id) and merges.txt.
  static std::unique_ptr<BpeTokenizer> from_hf_files(const std::string& vocab_json,
                                                     const std::string& merges_txt);
  ~BpeTokenizer() override;

  std::vector<int64_t> encode(std::string_view text, int context_length) const override;
  int64_t start_token() const override { return start_; }
  int64_t end_token() const override { return end_; }
  int64_t vocab_size() const override { return static_cast<int64_t>(tokens_.size()); }
  std::string token_text(int64_t id) const override;
  Joins token_joins(int64_t id) const override;

  // The ids of the cleaned, lower-cased text without start and end tokens, stopping once
  // `max_ids` are there (encode() needs no more than its context holds).
  std::vector<int32_t> encode_words(std::string_view text,
                                    std::size_t max_ids = std::numeric_limits<std::size_t>::max()) const;

  // BPE's work grows with the square of a word's length, so a longer word is cut to this
  // many bytes first. Its first tokens are those of the whole word for any real text (the
  // longest CLIP tokens are about 20 bytes, so 4096 bytes make hundreds of tokens, far more
  // than a context holds); a 1 MB "word" then costs milliseconds, not hours.
  static constexpr std::size_t kMaxWordBytes = 4096;

 private:
  struct Merge {
    int32_t rank;
    int32_t id;
  };
  using Merges = std::vector<std::pair<std::string, std::string>>;
  BpeTokenizer(std::unordered_map<std::string, int32_t> vocab, const Merges& merges,
               const std::string& where);
  void append_word_ids(const std::string& utf8_word, std::vector<int32_t>& out) const;
  std::vector<int32_t> merge_word(const std::string& utf8_word) const;

  std::vector<std::string> tokens_;  // id → token in byte characters
  int32_t byte_id_[256];             // byte → id of its character
  int32_t byte_end_id_[256];         // byte → id of its character + "</w>"
  std::unordered_map<uint64_t, Merge> merges_;  // (left id << 32 | right id) → merge
  int32_t start_ = -1;
  int32_t end_ = -1;

  mutable std::mutex cache_mutex_;
  mutable std::unordered_map<std::string, std::vector<int32_t>> cache_;
};

}  // namespace protext
