#pragma once
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include <torch/types.h>

#include "core/clip/config.h"
#include "core/clip/model.h"
#include "core/clip/text_memo.h"
#include "core/clip/tokenizer.h"
#include "core/clip/weights.h"
#include "core/runtime/embedding_store.h"

namespace protext {

struct LoadOptions {
  std::string device = "cpu";      // "cpu", "cuda", "cuda:N"
  std::string precision = "fp32";  // "fp32", "fp16" (CUDA), "bf16"
  std::string vocab;               // tokenizer file or folder; empty: found beside the weights
  bool need_tokenizer = true;      // false: images only, open even where no tokenizer is found
};

// Where a model keeps the text embeddings it has computed (issue 10). Only for a model whose
// weights no longer change; the disk store is keyed by the weights' fingerprint, the
// precision and the device kind, so another model or precision never reads these rows.
struct TextCacheOptions {
  size_t memory_bytes = 0;  // the in-memory memo's bound; 0: none (and no disk cache)
  std::string disk_root;    // embedding_cache_root(); empty: memory only
  uint64_t disk_bytes = uint64_t{1} << 30;
};

// Token ids of a batch of texts, padded with 0 only to the batch's longest sequence.
struct TokenBatch {
  torch::Tensor tokens;  // [batch, longest] int64
  torch::Tensor end;     // [batch] position of each end-of-text token
};

torch::Device parse_device(const std::string& name);
torch::Dtype parse_precision(const std::string& name, const torch::Device& device);

// A CLIP ready to use: the module with its weights, its tokenizer, and where it came
// from. Encoding runs in inference mode and pads text batches only as far as needed.
class ClipModel {
 public:
  static std::shared_ptr<ClipModel> open(const std::string& path, const LoadOptions& options = {});
  // A model from weights already in memory (tests, the mini-model trainer).
  ClipModel(Clip module, std::shared_ptr<const Tokenizer> tokenizer, std::string path,
            WeightFormat format, std::string fingerprint);

  const ClipConfig& config() const { return module_->config; }
  const std::string& path() const { return path_; }
  WeightFormat format() const { return format_; }
  const std::string& fingerprint() const { return fingerprint_; }
  Clip& module() { return module_; }
  // Throws if the model was opened without a tokenizer (LoadOptions::need_tokenizer).
  const Tokenizer& tokenizer() const;
  std::shared_ptr<const Tokenizer> shared_tokenizer() const { return tokenizer_; }
  torch::Device device() const;
  torch::Dtype dtype() const;
  int64_t parameter_count() const;
  double logit_scale() const;

  // pad_to = 0: pad to the longest text of the batch; otherwise to pad_to (≥ longest).
  TokenBatch tokenize(const std::vector<std::string>& texts, int64_t pad_to = 0) const;

  // [n, embed_dim] fp32 on the CPU, L2-normalised unless normalize is false. Texts are
  // grouped by token length so each batch pads as little as possible.
  torch::Tensor encode_text(const std::vector<std::string>& texts, bool normalize = true,
                            int64_t batch_size = 256);
  // From now on encode_text() keeps text embeddings by token ids and encodes only texts
  // it has not seen, in this run or (with a disk root) an earlier one. Call it before the
  // model is shared between threads; default options forget everything.
  void cache_text_embeddings(const TextCacheOptions& options);
  TextMemo::Stats text_memo_stats() const;  // zeros when not remembering
  // The memo itself (null when not remembering), for encoders of other text forms (the
  // ProText classifier keeps its prompted class embeddings there, under keys of its own).
  TextMemo* text_memo() const { return memo_.get(); }
  struct DiskStats {
    int64_t rows_read = 0, rows_written = 0, damaged_segments = 0;
  };
  DiskStats text_disk_stats() const;
  // The embedding store's folder name for this model's `kind` of rows ("text", "image"):
  // rows computed in another precision or on another kind of device differ in their last
  // bits, so each keeps its own.
  std::string embedding_store_tag(const std::string& kind) const;
  // pixels: [n, 3, size, size] preprocessed. Returns [n, embed_dim] fp32 on the CPU.
  torch::Tensor encode_images(const torch::Tensor& pixels, bool normalize = true,
                              int64_t batch_size = 32);

 private:
  Clip module_;
  std::shared_ptr<const Tokenizer> tokenizer_;
  std::string path_;
  WeightFormat format_;
  std::string fingerprint_;
  std::shared_ptr<TextMemo> memo_;
  std::unique_ptr<EmbeddingStore> text_store_;
  std::once_flag text_store_loaded_;
  mutable std::mutex disk_stats_mutex_;
  DiskStats disk_stats_;
};

}  // namespace protext
