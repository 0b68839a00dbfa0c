#include "core/clip/tokenizer_spm.h"

#include <sentencepiece_processor.h>
#include <sentencepiece_trainer.h>

#include <fstream>
#include <unordered_map>

#include "core/clip/text_clean.h"
#include "core/error.h"

namespace protext {
namespace {

class SentenceList : public sentencepiece::SentenceIterator {
 public:
  explicit SentenceList(const std::vector<std::string>& sentences) : sentences_(sentences) {}
  bool done() const override { return next_ >= sentences_.size(); }
  void Next() override { ++next_; }
  const std::string& value() const override { return sentences_[next_]; }
  sentencepiece::util::Status status() const override { return {}; }

 private:
  const std::vector<std::string>& sentences_;
  std::size_t next_ = 0;
};

}  // namespace

SpmTokenizer::SpmTokenizer(std::unique_ptr<sentencepiece::SentencePieceProcessor> processor, std::string path)
    : processor_(std::move(processor)), path_(std::move(path)) {
  start_ = processor_->bos_id();
  end_ = processor_->eos_id();
  if (start_ < 0 || end_ < 0) throw Error(path_, "the sentencepiece model has no bos or eos piece");
}

SpmTokenizer::~SpmTokenizer() = default;

std::unique_ptr<SpmTokenizer> SpmTokenizer::from_file(const std::string& model_path) {
  {
    std::ifstream in(model_path, std::ios::binary);
    if (!in) throw Error(model_path, "cannot open the file");
    if (in.peek() == std::ifstream::traits_type::eof()) throw Error(model_path, "the file is empty");
  }
  auto processor = std::make_unique<sentencepiece::SentencePieceProcessor>();
  const auto status = processor->Load(model_path);
  if (!status.ok()) throw Error(model_path, "not a sentencepiece model: " + status.ToString());
  return std::unique_ptr<SpmTokenizer>(new SpmTokenizer(std::move(processor), model_path));
}

std::vector<int64_t> SpmTokenizer::encode(std::string_view text, int context_length) const {
  if (context_length < 2)
    throw Error(path_, "context length " + std::to_string(context_length) + " leaves no room for start and end tokens");
  std::vector<int> pieces;
  const auto status = processor_->Encode(utf32_to_utf8(fold_whitespace(utf8_to_utf32(text))), &pieces);
  if (!status.ok()) throw Error(path_, "sentencepiece cannot encode the text: " + status.ToString());
  std::vector<int64_t> ids;
  ids.reserve(std::min<std::size_t>(pieces.size() + 2, static_cast<std::size_t>(context_length)));
  ids.push_back(start_);
  for (int id : pieces) {
    if (ids.size() + 1 >= static_cast<std::size_t>(context_length)) break;
    ids.push_back(id);
  }
  ids.push_back(end_);
  return ids;
}

int64_t SpmTokenizer::vocab_size() const { return processor_->GetPieceSize(); }

std::string SpmTokenizer::token_text(int64_t id) const {
  if (id < 0 || id >= vocab_size()) throw Error(path_, "no token has id " + std::to_string(id));
  std::string piece = processor_->IdToPiece(static_cast<int>(id));
  const std::string mark = "\xE2\x96\x81";  // U+2581
  for (std::size_t at = piece.find(mark); at != std::string::npos; at = piece.find(mark, at + 1))
    piece.replace(at, mark.size(), " ");
  return piece;
}

void train_spm_model(const std::vector<std::string>& sentences, const std::string& model_prefix, int vocab_size) {
  if (sentences.empty()) throw Error(model_prefix, "no sentences to train a sentencepiece model on");
  if (vocab_size < 8) throw Error(model_prefix, "vocabulary size " + std::to_string(vocab_size) + " is too small");
  SentenceList list(sentences);
  const std::unordered_map<std::string, std::string> options{
      {"model_prefix", model_prefix},
      {"vocab_size", std::to_string(vocab_size)},
      {"model_type", "unigram"},
      {"hard_vocab_limit", "false"},
      {"character_coverage", "1.0"},
      {"unk_id", "0"},
      {"bos_id", "1"},
      {"eos_id", "2"},
      {"pad_id", "-1"},
      {"num_threads", "1"},
      {"input_sentence_size", "0"},
      {"shuffle_input_sentence", "false"},
      {"minloglevel", "2"},
  };
  const auto status = sentencepiece::SentencePieceTrainer::Train(options, &list);
  if (!status.ok()) throw Error(model_prefix, "sentencepiece training failed: " + status.ToString());
}

}  // namespace protext
