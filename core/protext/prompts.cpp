#include "core/protext/prompts.h"

#include <ATen/core/Generator.h>
#include <ATen/CPUGeneratorImpl.h>

#include <fstream>
#include <regex>

#include "core/clip/tensor_file.h"
#include "core/error.h"
#include "core/protext/dassl_checkpoint.h"
#include "core/runtime/content_hash.h"
#include "core/runtime/thread_budget.h"
#include "core/zeroshot/classifier.h"
#include "core/zeroshot/templates.h"

namespace protext {
namespace {

const char* kCtxName = "prompt_learner.ctx";

std::string deep_name(size_t layer) {
  return "text_encoder.transformer.resblocks." + std::to_string(layer) + ".VPT_shallow";
}

}  // namespace

PromptLearnerImpl::PromptLearnerImpl(const PromptConfig& c, int64_t width) : config(c) {
  if (c.n_ctx < 1) throw Error("prompts", "n_ctx must be at least 1");
  if (c.depth < 1) throw Error("prompts", "depth must be at least 1");
  ctx = register_parameter("ctx", torch::zeros({c.n_ctx, width}));
  for (int64_t i = 1; i < c.depth; ++i)
    deep.push_back(register_parameter("VPT_shallow_" + std::to_string(i), torch::zeros({c.n_ctx, width})));
}

PromptLearnerImpl::PromptLearnerImpl(ClipModel& clip, const PromptConfig& c, uint64_t seed)
    : PromptLearnerImpl(c, clip.config().text.width) {
  if (c.depth > clip.config().text.layers)
    throw Error("prompts", "depth " + std::to_string(c.depth) + " needs deep prompts before layer " +
                               std::to_string(c.depth - 1) + " but this CLIP's text tower has " +
                               std::to_string(clip.config().text.layers) + " layers");
  auto generator = at::make_generator<at::CPUGeneratorImpl>(seed);
  torch::NoGradGuard no_grad;
  const int64_t width = clip.config().text.width;
  std::vector<int64_t> init_ids;
  if (c.n_ctx <= 4 && !c.init_text.empty()) {
    init_ids = clip.tokenizer().encode(c.init_text, static_cast<int>(clip.config().text.context_length));
    init_ids = std::vector<int64_t>(init_ids.begin() + 1, init_ids.end() - 1);  // drop <sot>, <eot>
  }
  if (static_cast<int64_t>(init_ids.size()) >= c.n_ctx) {
    auto ids = torch::tensor(std::vector<int64_t>(init_ids.begin(), init_ids.begin() + c.n_ctx));
    auto& embedding = clip.module()->text->token_embedding->weight;
    ctx.copy_(embedding.index_select(0, ids.to(embedding.device())).to(torch::kCPU, torch::kFloat32));
  } else {
    ctx.copy_(torch::randn({c.n_ctx, width}, generator) * 0.02);
  }
  for (auto& d : deep) d.copy_(torch::randn({c.n_ctx, width}, generator) * 0.02);
}

PromptInjection PromptLearnerImpl::injection() const {
  PromptInjection injection;
  injection.input = ctx;
  injection.deep = deep;
  return injection;
}

std::map<std::string, torch::Tensor> PromptLearnerImpl::named_tensors() const {
  std::map<std::string, torch::Tensor> out{{kCtxName, ctx}};
  for (size_t i = 0; i < deep.size(); ++i) out[deep_name(i + 1)] = deep[i];
  return out;
}

void PromptLearnerImpl::load_named(const std::map<std::string, torch::Tensor>& tensors, const std::string& source) {
  torch::NoGradGuard no_grad;
  for (auto& [name, target] : named_tensors()) {
    auto it = tensors.find(name);
    if (it == tensors.end()) throw Error(source, "tensor '" + name + "' is missing");
    if (!it->second.sizes().equals(target.sizes()))
      throw Error(source, "tensor '" + name + "' has shape " + c10::str(it->second.sizes()) + ", expected " +
                              c10::str(target.sizes()));
    const_cast<torch::Tensor&>(target).copy_(it->second.to(target.device(), target.scalar_type()));
  }
}

std::vector<int64_t> prompted_tokens(const Tokenizer& tokenizer, const std::string& text_template,
                                     const std::string& class_name, const PromptConfig& config,
                                     int context_length) {
  validate_template(text_template, "prompt template");
  std::string rest = text_template;
  const std::string opening = config.init_text + " ";
  if (!config.init_text.empty() && rest.compare(0, opening.size(), opening) == 0) rest = rest.substr(opening.size());
  const std::string filled = fill_template(rest, display_name(class_name));
  // Encoded with room to spare, so a prompt that does not fit is seen, not silently cut:
  // a class name cut off would train and classify as no class at all.
  const std::vector<int64_t> body = tokenizer.encode(filled, 2 * context_length);
  const int64_t needed = 2 + config.n_ctx + static_cast<int64_t>(body.size()) - 2;
  if (needed > context_length)
    throw Error("prompts", "the prompt for class '" + class_name + "' needs " + std::to_string(needed) + " tokens (" +
                               std::to_string(config.n_ctx) + " context vectors, " + std::to_string(body.size() - 2) +
                               " for \"" + filled + "\", start and end) but this model reads " +
                               std::to_string(context_length) +
                               "; use fewer context vectors (n_ctx) or a shorter class name or template");
  // Where the tokenizer reads "X" as one token (CLIP's BPE), that is the placeholder, as in
  // the authors' code; the context vectors replace it either way.
  const std::vector<int64_t> x = tokenizer.encode("X", context_length);
  const int64_t placeholder = x.size() == 3 ? x[1] : body.size() > 2 ? body[1] : tokenizer.end_token();
  std::vector<int64_t> ids{tokenizer.start_token()};
  ids.insert(ids.end(), static_cast<size_t>(config.n_ctx), placeholder);
  ids.insert(ids.end(), body.begin() + 1, body.end() - 1);
  ids.push_back(tokenizer.end_token());
  return ids;
}

torch::Tensor encode_prompted_classes(ClipModel& clip, const PromptLearner& learner,
                                      const std::vector<std::string>& class_names, const std::string& text_template) {
  const int context = static_cast<int>(clip.config().text.context_length);
  std::vector<std::vector<int64_t>> ids;
  size_t longest = 0;
  for (const auto& name : class_names) {
    ids.push_back(prompted_tokens(clip.tokenizer(), text_template, name, learner->config, context));
    longest = std::max(longest, ids.back().size());
  }
  const auto n = static_cast<int64_t>(ids.size());
  auto tokens = torch::zeros({n, static_cast<int64_t>(longest)}, torch::kInt64);
  auto end = torch::empty({n}, torch::kInt64);
  for (int64_t i = 0; i < n; ++i) {
    std::copy(ids[i].begin(), ids[i].end(), tokens[i].data_ptr<int64_t>());
    end[i] = static_cast<int64_t>(ids[i].size()) - 1;
  }
  const PromptInjection injection = learner->injection();
  auto features = clip.module()->encode_text(tokens.to(clip.device()), end.to(clip.device()), &injection);
  features = features.to(torch::kFloat32);
  return features / features.norm(2, -1, true);
}

namespace {

// The prompts' values, so a memo entry never outlives the prompts it was computed with
// (the same learner keeps changing while it trains).
std::string prompts_hash(const PromptLearner& learner) {
  ContentHash h;
  for (const auto& [name, t] : learner->named_tensors()) {
    const auto values = t.detach().to(torch::kCPU, torch::kFloat32).contiguous();
    h.add(name);
    h.add(std::string_view(static_cast<const char*>(values.data_ptr()), static_cast<size_t>(values.numel()) * 4));
  }
  return h.hex();
}

}  // namespace

torch::Tensor protext_classifier(ClipModel& clip, const PromptLearner& learner,
                                 const std::vector<std::string>& class_names, const std::string& text_template) {
  torch::NoGradGuard no_grad;
  const auto n = static_cast<int64_t>(class_names.size());
  auto out = torch::empty({n, clip.config().embed_dim});
  // With a memo (the app's open model), a class edit encodes only the classes it changed.
  TextMemo* memo = clip.text_memo();
  std::vector<std::string> keys(class_names.size());
  std::vector<size_t> missing;
  if (memo) {
    const std::string prefix = "protext:" + prompts_hash(learner) + ":" + text_template + ":";
    const int context = static_cast<int>(clip.config().text.context_length);
    for (size_t i = 0; i < class_names.size(); ++i) {
      keys[i] = prefix + TextMemo::key_of(prompted_tokens(clip.tokenizer(), text_template, class_names[i],
                                                          learner->config, context));
      const auto row = memo->find_key(keys[i]);
      if (row.defined())
        out[static_cast<int64_t>(i)].copy_(row);
      else
        missing.push_back(i);
    }
  } else {
    for (size_t i = 0; i < class_names.size(); ++i) missing.push_back(i);
  }
  for (size_t start = 0; start < missing.size(); start += 256) {
    const auto stop = std::min(missing.size(), start + 256);
    std::vector<std::string> chunk;
    for (size_t k = start; k < stop; ++k) chunk.push_back(class_names[missing[k]]);
    auto threads = ThreadBudget::process().lease();
    const auto features = encode_prompted_classes(clip, learner, chunk, text_template).to(torch::kCPU);
    for (size_t k = start; k < stop; ++k) {
      const auto row = features[static_cast<int64_t>(k - start)];
      out[static_cast<int64_t>(missing[k])].copy_(row);
      if (memo) memo->insert_key(keys[missing[k]], row);
    }
  }
  return out;
}

void save_prompts(const std::string& path, const PromptLearner& learner, const nlohmann::json& metadata,
                  const std::map<std::string, torch::Tensor>& extra) {
  TensorMap tensors;
  for (const auto& [name, t] : extra) tensors[name] = t.detach().to(torch::kCPU, torch::kFloat32).contiguous();
  for (const auto& [name, t] : learner->named_tensors())
    tensors[name] = t.detach().to(torch::kCPU, torch::kFloat32).contiguous();
  nlohmann::json meta = metadata;
  meta["n_ctx"] = learner->config.n_ctx;
  meta["depth"] = learner->config.depth;
  meta["init_text"] = learner->config.init_text;
  // Bytes that are not UTF-8 (a template or a path from an odd file system) are kept as
  // U+FFFD: a run's prompts are never lost to its metadata.
  save_safetensors(path, tensors, {{"protext", meta.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace)}});
}

LoadedPrompts load_prompts(const std::string& path, ClipModel& clip) {
  std::map<std::string, torch::Tensor> tensors;
  LoadedPrompts loaded;
  if (is_zip_archive(path)) {
    tensors = read_dassl_prompts(path);
    loaded.metadata = nlohmann::json::object();
    loaded.metadata["imported_from"] = "dassl";
  } else {
    std::map<std::string, std::string> meta;
    tensors = read_safetensors(path, &meta);
    auto it = meta.find("protext");
    try {
      loaded.metadata = it == meta.end() ? nlohmann::json::object() : nlohmann::json::parse(it->second);
    } catch (const nlohmann::json::exception& e) {
      throw Error(path, std::string("the 'protext' metadata is not valid JSON (") + e.what() + ")");
    }
  }
  auto ctx = tensors.find(kCtxName);
  if (ctx == tensors.end()) throw Error(path, std::string("no '") + kCtxName + "' tensor: not a ProText prompt file");
  if (ctx->second.dim() != 2) throw Error(path, std::string("'") + kCtxName + "' must be [n_ctx, width]");
  PromptConfig config;
  config.n_ctx = ctx->second.size(0);
  config.depth = 1;
  while (tensors.count(deep_name(config.depth))) ++config.depth;
  if (loaded.metadata.contains("init_text") && loaded.metadata["init_text"].is_string())
    config.init_text = loaded.metadata["init_text"].get<std::string>();
  const int64_t width = clip.config().text.width;
  if (ctx->second.size(1) != width)
    throw Error(path, "prompts are " + std::to_string(ctx->second.size(1)) + " wide but this CLIP's text width is " +
                          std::to_string(width));
  if (config.depth > clip.config().text.layers)
    throw Error(path, "prompts go " + std::to_string(config.depth) + " layers deep but this CLIP's text tower has " +
                          std::to_string(clip.config().text.layers));
  for (const auto& [name, tensor] : tensors)
    if (tensor.is_floating_point() && !torch::isfinite(tensor).all().item<bool>())
      throw Error(path, "tensor '" + name + "' holds NaN or infinite values: the run that wrote it diverged");
  loaded.learner = PromptLearner(config, width);
  loaded.learner->load_named(tensors, path);
  loaded.learner->to(clip.device());
  const auto fp = loaded.metadata.find("clip_fingerprint");
  if (fp != loaded.metadata.end() && fp->is_string() && fp->get<std::string>() != clip.fingerprint())
    loaded.warning = path + ": these prompts were trained on another CLIP (fingerprint " + fp->get<std::string>() +
                     ", this model " + clip.fingerprint() + "); predictions may be poor";
  return loaded;
}

}  // namespace protext
