#include "core/clip/clip_model.h"

#include <cmath>
#include <numeric>

#include "core/clip/fingerprint.h"
#include "core/clip/tokenizer_files.h"
#include "core/error.h"
#include "core/runtime/thread_budget.h"

namespace protext {

torch::Device parse_device(const std::string& name) {
  if (name == "cpu") return torch::kCPU;
  if (name.compare(0, 4, "cuda") == 0) {
    if (!torch::cuda::is_available())
      throw Error("device " + name, "CUDA is not available (this LibTorch build has no CUDA, or no GPU is visible)");
    try {
      torch::Device device(name);
      if (device.index() >= static_cast<int>(torch::cuda::device_count()))
        throw Error("device " + name, "only " + std::to_string(torch::cuda::device_count()) + " CUDA devices");
      return device;
    } catch (const c10::Error&) {
      throw Error("device " + name, "not a device name (cpu, cuda or cuda:N)");
    }
  }
  throw Error("device " + name, "not a device name (cpu, cuda or cuda:N)");
}

torch::Dtype parse_precision(const std::string& name, const torch::Device& device) {
  if (name == "fp32") return torch::kFloat32;
  if (name == "bf16") return torch::kBFloat16;
  if (name == "fp16") {
    if (!device.is_cuda()) throw Error("precision fp16", "needs a CUDA device; on the CPU use bf16 or fp32");
    return torch::kFloat16;
  }
  throw Error("precision " + name, "not a precision (fp32, fp16 or bf16)");
}

std::shared_ptr<ClipModel> ClipModel::open(const std::string& path, const LoadOptions& options) {
  const torch::Device device = parse_device(options.device);
  const torch::Dtype dtype = parse_precision(options.precision, device);
  ClipWeights weights = read_clip_weights(path);
  std::shared_ptr<const Tokenizer> tokenizer;
  if (options.need_tokenizer || !options.vocab.empty()) {
    tokenizer = load_tokenizer(path, options.vocab);
  } else {
    try {
      tokenizer = load_tokenizer(path, options.vocab);
    } catch (const Error&) {
      // Image work needs no tokenizer; text work will say what is missing.
    }
  }
  if (tokenizer && tokenizer->vocab_size() > weights.config.text.vocab_size)
    throw Error(path, "the tokenizer has " + std::to_string(tokenizer->vocab_size()) +
                          " tokens but the model's embedding only " +
                          std::to_string(weights.config.text.vocab_size));
  Clip module(weights.config);
  copy_into(module, weights.tensors, path);
  module->eval();
  module->to(device, dtype);
  const std::string fingerprint = weights_fingerprint(weights.tensors);
  return std::make_shared<ClipModel>(module, tokenizer, path, weights.format, fingerprint);
}

ClipModel::ClipModel(Clip module, std::shared_ptr<const Tokenizer> tokenizer, std::string path,
                     WeightFormat format, std::string fingerprint)
    : module_(std::move(module)),
      tokenizer_(std::move(tokenizer)),
      path_(std::move(path)),
      format_(format),
      fingerprint_(std::move(fingerprint)) {}

const Tokenizer& ClipModel::tokenizer() const {
  if (!tokenizer_) throw Error(path_, "this model was opened without a tokenizer; pass --vocab");
  return *tokenizer_;
}

torch::Device ClipModel::device() const { return module_->logit_scale.device(); }
torch::Dtype ClipModel::dtype() const { return module_->text->text_projection.scalar_type(); }

int64_t ClipModel::parameter_count() const {
  int64_t n = 0;
  for (const auto& p : module_->parameters()) n += p.numel();
  return n;
}

double ClipModel::logit_scale() const { return module_->logit_scale.to(torch::kFloat64).item<double>(); }

TokenBatch ClipModel::tokenize(const std::vector<std::string>& texts, int64_t pad_to) const {
  const int context = static_cast<int>(config().text.context_length);
  std::vector<std::vector<int64_t>> ids;
  ids.reserve(texts.size());
  int64_t longest = 0;
  for (const auto& text : texts) {
    ids.push_back(tokenizer().encode(text, context));
    longest = std::max<int64_t>(longest, static_cast<int64_t>(ids.back().size()));
  }
  const int64_t width = pad_to > 0 ? std::max(pad_to, longest) : longest;
  TokenBatch batch;
  batch.tokens = torch::zeros({static_cast<int64_t>(texts.size()), width}, torch::kInt64);
  batch.end = torch::empty({static_cast<int64_t>(texts.size())}, torch::kInt64);
  auto tokens = batch.tokens.accessor<int64_t, 2>();
  auto end = batch.end.accessor<int64_t, 1>();
  for (size_t i = 0; i < ids.size(); ++i) {
    for (size_t j = 0; j < ids[i].size(); ++j) tokens[i][j] = ids[i][j];
    end[i] = static_cast<int64_t>(ids[i].size()) - 1;
  }
  return batch;
}

torch::Tensor ClipModel::encode_text(const std::vector<std::string>& texts, bool normalize,
                                     int64_t batch_size) {
  if (texts.empty()) return torch::empty({0, config().embed_dim});
  torch::InferenceMode guard;
  const TokenBatch all = tokenize(texts);
  auto end = all.end.accessor<int64_t, 1>();
  auto out = torch::empty({static_cast<int64_t>(texts.size()), config().embed_dim});
  if (text_store_)
    std::call_once(text_store_loaded_, [this] {
      const int64_t dim = config().embed_dim;
      const auto loaded = text_store_->load([&](std::string_view key, const float* row) {
        memo_->insert_key(std::string(key), torch::from_blob(const_cast<float*>(row), {dim}));
      });
      std::lock_guard<std::mutex> lock(disk_stats_mutex_);
      disk_stats_.rows_read += loaded.rows;
      disk_stats_.damaged_segments += loaded.damaged;
    });
  // The rows to encode: all of them, or those the memo has not seen.
  std::vector<int64_t> order;
  std::vector<std::vector<int64_t>> ids;
  if (memo_) {
    const auto tokens = all.tokens.accessor<int64_t, 2>();
    ids.resize(texts.size());
    for (size_t i = 0; i < texts.size(); ++i) {
      ids[i].assign(&tokens[i][0], &tokens[i][0] + end[i] + 1);
      const torch::Tensor row = memo_->find(ids[i]);
      if (row.defined()) {
        out[static_cast<int64_t>(i)].copy_(row);
      } else {
        order.push_back(static_cast<int64_t>(i));
      }
    }
  } else {
    order.resize(texts.size());
    std::iota(order.begin(), order.end(), 0);
  }
  // Sorting by length lets each batch be cut to its own longest text.
  std::stable_sort(order.begin(), order.end(), [&](int64_t a, int64_t b) { return end[a] < end[b]; });
  for (size_t start = 0; start < order.size(); start += batch_size) {
    const size_t stop = std::min(order.size(), start + static_cast<size_t>(batch_size));
    auto index = torch::tensor(std::vector<int64_t>(order.begin() + start, order.begin() + stop));
    const int64_t longest = end[order[stop - 1]] + 1;
    auto tokens = all.tokens.index_select(0, index).narrow(1, 0, longest).to(device());
    auto ends = all.end.index_select(0, index).to(device());
    const double width = static_cast<double>(config().text.width);
    auto threads = ThreadBudget::process().lease(threads_worth(static_cast<double>(tokens.numel()) * width * width));
    auto features = module_->encode_text(tokens, ends).to(torch::kCPU, torch::kFloat32);
    out.index_copy_(0, index, features);
    if (memo_)
      for (size_t k = start; k < stop; ++k) memo_->insert(ids[order[k]], features[static_cast<int64_t>(k - start)]);
  }
  if (text_store_ && !order.empty()) {
    // One segment per call: a class edit writes one small file.
    std::vector<std::string> keys;
    for (int64_t i : order) keys.push_back(TextMemo::key_of(ids[static_cast<size_t>(i)]));
    const auto rows = out.index_select(0, torch::tensor(order)).contiguous();
    if (text_store_->append(keys, rows.data_ptr<float>())) {
      std::lock_guard<std::mutex> lock(disk_stats_mutex_);
      disk_stats_.rows_written += static_cast<int64_t>(keys.size());
    }
  }
  return normalize ? out / out.norm(2, -1, true) : out;
}

void ClipModel::cache_text_embeddings(const TextCacheOptions& options) {
  memo_ = options.memory_bytes > 0 ? std::make_shared<TextMemo>(options.memory_bytes) : nullptr;
  text_store_.reset();
  // A model built in memory without a fingerprint has no name to file its rows under.
  if (memo_ && !options.disk_root.empty() && !fingerprint_.empty())
    text_store_ = std::make_unique<EmbeddingStore>(options.disk_root, embedding_store_tag("text"), config().embed_dim,
                                                   options.disk_bytes);
}

std::string ClipModel::embedding_store_tag(const std::string& kind) const {
  return kind + "-" + fingerprint_ + "-" + c10::toString(dtype()) + "-" + c10::DeviceTypeName(device().type(), true);
}

TextMemo::Stats ClipModel::text_memo_stats() const { return memo_ ? memo_->stats() : TextMemo::Stats{}; }

ClipModel::DiskStats ClipModel::text_disk_stats() const {
  std::lock_guard<std::mutex> lock(disk_stats_mutex_);
  return disk_stats_;
}

torch::Tensor ClipModel::encode_images(const torch::Tensor& pixels, bool normalize, int64_t batch_size) {
  torch::InferenceMode guard;
  std::vector<torch::Tensor> parts;
  for (int64_t start = 0; start < pixels.size(0); start += batch_size) {
    auto chunk = pixels.narrow(0, start, std::min(batch_size, pixels.size(0) - start));
    const auto& v = config().vision;
    const double tokens = static_cast<double>(chunk.size(0)) * (1.0 + std::pow(v.image_size / std::max<int64_t>(1, v.patch_size), 2));
    auto threads = ThreadBudget::process().lease(threads_worth(tokens * v.width * v.width));
    parts.push_back(module_->encode_image(chunk.to(device(), dtype())).to(torch::kCPU, torch::kFloat32));
  }
  auto out = parts.empty() ? torch::empty({0, config().embed_dim}) : torch::cat(parts);
  return normalize ? out / out.norm(2, -1, true) : out;
}

}  // namespace protext
