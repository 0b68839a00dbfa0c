// protext_spm: sentencepiece behind a C interface, loaded at run time (see spm_plugin.h).
#include "core/clip/spm_plugin.h"

#include <sentencepiece_processor.h>
#include <sentencepiece_trainer.h>

#include <cstdlib>
#include <cstring>
#include <string>
#include <unordered_map>
#include <vector>

#define PROTEXT_SPM_EXPORT extern "C" __attribute__((visibility("default")))

struct protext_spm {
  sentencepiece::SentencePieceProcessor processor;
};

namespace {

void set_error(char* error, size_t size, const std::string& message) {
  if (!error || size == 0) return;
  std::strncpy(error, message.c_str(), size - 1);
  error[size - 1] = '\0';
}

class SentenceList : public sentencepiece::SentenceIterator {
 public:
  SentenceList(const char* const* sentences, size_t count) : sentences_(sentences), count_(count) {
    if (count_) current_ = sentences_[0];
  }
  bool done() const override { return next_ >= count_; }
  void Next() override {
    if (++next_ < count_) current_ = sentences_[next_];
  }
  const std::string& value() const override { return current_; }
  sentencepiece::util::Status status() const override { return {}; }

 private:
  const char* const* sentences_;
  size_t count_;
  size_t next_ = 0;
  std::string current_;
};

}  // namespace

PROTEXT_SPM_EXPORT protext_spm* protext_spm_load(const char* model_path, char* error, size_t error_size) {
  auto* model = new protext_spm;
  const auto status = model->processor.Load(model_path);
  if (!status.ok()) {
    set_error(error, error_size, status.ToString());
    delete model;
    return nullptr;
  }
  return model;
}

PROTEXT_SPM_EXPORT void protext_spm_free(protext_spm* model) { delete model; }
PROTEXT_SPM_EXPORT int protext_spm_bos(const protext_spm* model) { return model->processor.bos_id(); }
PROTEXT_SPM_EXPORT int protext_spm_eos(const protext_spm* model) { return model->processor.eos_id(); }
PROTEXT_SPM_EXPORT int protext_spm_size(const protext_spm* model) { return model->processor.GetPieceSize(); }

PROTEXT_SPM_EXPORT int protext_spm_encode(const protext_spm* model, const char* text, size_t length, int** ids,
                                          size_t* count, char* error, size_t error_size) {
  std::vector<int> pieces;
  const auto status = model->processor.Encode(std::string(text, length), &pieces);
  if (!status.ok()) {
    set_error(error, error_size, status.ToString());
    return -1;
  }
  *count = pieces.size();
  *ids = static_cast<int*>(std::malloc(sizeof(int) * (pieces.empty() ? 1 : pieces.size())));
  if (!*ids) {
    set_error(error, error_size, "out of memory");
    return -1;
  }
  std::memcpy(*ids, pieces.data(), sizeof(int) * pieces.size());
  return 0;
}

PROTEXT_SPM_EXPORT void protext_spm_release(int* ids) { std::free(ids); }

PROTEXT_SPM_EXPORT int protext_spm_piece(const protext_spm* model, int id, char* out, size_t capacity) {
  const std::string piece = model->processor.IdToPiece(id);
  set_error(out, capacity, piece);
  return static_cast<int>(piece.size());
}

PROTEXT_SPM_EXPORT int protext_spm_train(const char* const* sentences, size_t count, const char* model_prefix,
                                         int vocab_size, char* error, size_t error_size) {
  SentenceList list(sentences, count);
  // One thread and no sampling or shuffling, so the same sentences give the same model.
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
  if (!status.ok()) {
    set_error(error, error_size, status.ToString());
    return -1;
  }
  return 0;
}
