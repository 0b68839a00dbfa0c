// protext bench: how fast the core encodes text and images on this machine, beside the
// machine's own fp32 GEMM ceiling. tests/bench/pytorch_eager.py measures the same work in
// PyTorch eager on the same weights; tests/bench/run_bench.sh puts the two side by side.
#include <ATen/Parallel.h>
#include <torch/torch.h>
#include <torch/version.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <functional>
#include <nlohmann/json.hpp>

#include "app/cli/model_options.h"
#include "core/clip/tensor_file.h"
#include "core/clip/tokenizer_files.h"
#include "core/error.h"
#include "core/runtime/omp_waits.h"

namespace protext::cli {
namespace {

// CIFAR-100's class names: real, short nouns, so "a photo of a {class}." gives the 8–10
// token prompts that zero-shot classification actually encodes.
const char* const kClassNames[] = {
    "apple", "aquarium fish", "baby", "bear", "beaver", "bed", "bee", "beetle", "bicycle", "bottle",
    "bowl", "boy", "bridge", "bus", "butterfly", "camel", "can", "castle", "caterpillar", "cattle",
    "chair", "chimpanzee", "clock", "cloud", "cockroach", "couch", "crab", "crocodile", "cup",
    "dinosaur", "dolphin", "elephant", "flatfish", "forest", "fox", "girl", "hamster", "house",
    "kangaroo", "keyboard", "lamp", "lawn mower", "leopard", "lion", "lizard", "lobster", "man",
    "maple tree", "motorcycle", "mountain", "mouse", "mushroom", "oak tree", "orange", "orchid",
    "otter", "palm tree", "pear", "pickup truck", "pine tree", "plain", "plate", "poppy",
    "porcupine", "possum", "rabbit", "raccoon", "ray", "road", "rocket", "rose", "sea", "seal",
    "shark", "shrew", "skunk", "skyscraper", "snail", "snake", "spider", "squirrel", "streetcar",
    "sunflower", "sweet pepper", "table", "tank", "telephone", "television", "tiger", "tractor",
    "train", "trout", "tulip", "turtle", "wardrobe", "whale", "willow tree", "wolf", "woman", "worm"};

// ViT-B/16's shape (the config defaults) with seeded random weights. Every parameter is set,
// so no uninitialised memory (possibly denormals or NaN, which would distort timings) is
// ever multiplied; LayerNorm gains near 1 and fan-in scaling keep activations in range.
Clip random_vit_b16(uint64_t seed) {
  torch::manual_seed(seed);
  Clip clip(ClipConfig{});
  torch::NoGradGuard no_grad;
  for (auto& item : clip->named_parameters()) {
    const std::string& name = item.key();
    auto& p = item.value();
    const bool layer_norm_gain = name.find("ln_") != std::string::npos && name.size() > 7 &&
                                 name.compare(name.size() - 7, 7, ".weight") == 0;
    if (name == "logit_scale") continue;
    if (layer_norm_gain)
      p.copy_(1.0 + 0.1 * torch::randn(p.sizes()));
    else if (p.dim() == 1)
      p.copy_(0.05 * torch::randn(p.sizes()));
    else
      p.copy_(torch::randn(p.sizes()) / std::sqrt(static_cast<double>(p[0].numel())));
  }
  return clip;
}

double median(std::vector<double> v) {
  std::sort(v.begin(), v.end());
  const size_t n = v.size();
  return n % 2 ? v[n / 2] : 0.5 * (v[n / 2 - 1] + v[n / 2]);
}

// Median wall time of `work` in milliseconds, after `warmup` untimed runs (first-call
// allocations and OpenBLAS thread start-up are not what we want to measure).
double time_ms(const std::function<void()>& work, int repeats, int warmup = 1) {
  for (int i = 0; i < warmup; ++i) work();
  std::vector<double> ms;
  for (int i = 0; i < repeats; ++i) {
    const auto start = std::chrono::steady_clock::now();
    work();
    ms.push_back(std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count());
  }
  return median(ms);
}

std::string blas_library() {
  std::error_code error;
  const auto path = std::filesystem::canonical("/usr/lib/x86_64-linux-gnu/libblas.so.3", error);
  return error ? "unknown (libblas.so.3 not found)" : path.string();
}

nlohmann::ordered_json gemm(int64_t n, int repeats) {
  torch::manual_seed(1);
  const auto a = torch::randn({n, n}), b = torch::randn({n, n});
  torch::Tensor c;
  const double ms = time_ms([&] { c = torch::matmul(a, b); }, repeats);
  return {{"n", n}, {"ms", ms}, {"gflops", 2.0 * n * n * n / (ms * 1e6)}};
}

nlohmann::ordered_json text_result(double ms, int64_t batch) {
  return {{"ms_per_batch", ms}, {"texts_per_s", batch * 1000.0 / ms}};
}

int run(const Args& args) {
  const int repeats = args.get_int("repeats", 10);
  const int text_batch = args.get_int("text-batch", 64);
  const int image_batch = args.get_int("image-batch", 8);
  if (repeats < 1 || text_batch < 1 || image_batch < 1)
    throw Error("protext bench", "--repeats, --text-batch and --image-batch must be at least 1");

  std::shared_ptr<ClipModel> model;
  std::string model_name;
  if (args.has("model")) {
    model = open_model(args);
    model_name = args.get("model");
  } else {
    std::shared_ptr<const Tokenizer> tokenizer = load_tokenizer("", args.get("vocab"));
    model = std::make_shared<ClipModel>(random_vit_b16(0), tokenizer, "", WeightFormat::Safetensors, "");
    model_name = "random ViT-B/16 shape (seed 0)";
  }
  if (model->device() != torch::kCPU || model->dtype() != torch::kFloat32)
    throw Error("protext bench", "measures the CPU fp32 path only; drop --device/--precision");
  if (args.has("save-weights")) {
    TensorMap tensors;
    for (const auto& item : model->module()->named_parameters()) tensors[item.key()] = item.value().detach();
    save_safetensors(args.get("save-weights"), tensors);
  }

  torch::InferenceMode inference;
  const int64_t context = model->config().text.context_length;
  std::vector<std::string> prompts;
  const size_t classes = sizeof(kClassNames) / sizeof(kClassNames[0]);
  for (int i = 0; i < text_batch; ++i) prompts.push_back(std::string("a photo of a ") + kClassNames[i % classes] + ".");
  // Tokenising is outside the timed region: both variants share it, and PyTorch's side gets
  // these very ids.
  const TokenBatch padded = model->tokenize(prompts, context);
  const TokenBatch trimmed = model->tokenize(prompts);
  Clip& clip = model->module();
  const double padded_ms = time_ms([&] { clip->encode_text(padded.tokens, padded.end); }, repeats);
  const double trimmed_ms = time_ms([&] { clip->encode_text(trimmed.tokens, trimmed.end); }, repeats);

  const int64_t size = model->config().vision.image_size;
  torch::manual_seed(2);
  const auto pixels = torch::randn({image_batch, 3, size, size});
  const double image_ms = time_ms([&] { clip->encode_image(pixels); }, repeats);

  std::vector<std::vector<int64_t>> ids;
  auto tokens = trimmed.tokens.accessor<int64_t, 2>();
  auto end = trimmed.end.accessor<int64_t, 1>();
  for (int64_t i = 0; i < trimmed.tokens.size(0); ++i)
    ids.emplace_back(&tokens[i][0], &tokens[i][0] + end[i] + 1);
  const auto lengths = (trimmed.end + 1).to(torch::kFloat64);

  nlohmann::ordered_json result{
      {"engine", "protext (LibTorch C++)"},
      {"libtorch", TORCH_VERSION},
      {"threads", at::get_num_threads()},
      {"omp_wait_policy", omp_wait_policy()},
      {"blas", blas_library()},
      {"model", model_name},
      {"repeats", repeats},
      {"text",
       {{"batch", text_batch},
        {"prompt", "a photo of a {class}. (CIFAR-100 class names), BPE-tokenised"},
        {"tokens_min", lengths.min().item<double>()},
        {"tokens_mean", lengths.mean().item<double>()},
        {"tokens_max", lengths.max().item<double>()},
        {"padded_77", text_result(padded_ms, text_batch)},
        {"trimmed", text_result(trimmed_ms, text_batch)},
        {"trim_speedup", padded_ms / trimmed_ms},
        {"token_ids", ids}}},
      {"image",
       {{"batch", image_batch},
        {"ms_per_batch", image_ms},
        {"ms_per_image", image_ms / image_batch},
        {"images_per_s", image_batch * 1000.0 / image_ms}}},
      {"gemm_fp32", {gemm(1024, repeats), gemm(2048, repeats)}}};
  print_json_line(result);
  if (args.has("out")) {
    const std::string out = args.get("out");
    std::ofstream file(out);
    file << result.dump(2) << '\n';
    if (!file) throw Error(out, "could not write the benchmark results");
  }
  return 0;
}

const Command command{
    "bench",
    "Time text encoding (77-padded vs trimmed), image encoding and fp32 GEMM; print JSON.",
    "",
    {{"model", "PATH", "CLIP weights (default: random weights of ViT-B/16 shape, made in memory)"},
     {"vocab", "FILE", "tokenizer (default: found beside the weights, $PROTEXT_CLIP_VOCAB, or installed)"},
     {"out", "FILE.json", "also write the results here"},
     {"repeats", "N", "timed runs per measurement, after 1 warm-up run; medians are reported (default 10)"},
     {"text-batch", "N", "prompts per text batch (default 64)"},
     {"image-batch", "N", "images per image batch (default 8)"},
     {"save-weights", "FILE.safetensors", "write the weights used, for tests/bench/pytorch_eager.py"}},
    run};
const CommandRegistration registration{command};

}  // namespace
}  // namespace protext::cli
