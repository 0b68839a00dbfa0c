#include "core/protext/dassl_checkpoint.h"

#include <fcntl.h>
#include <unistd.h>

#include <c10/util/Exception.h>
#include <torch/serialize.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <regex>

#include "core/error.h"
#include "core/runtime/atomic_file.h"
#include "core/protext/torch_save.h"

namespace protext {

namespace {

const char kCtx[] = "prompt_learner.ctx";

bool is_prompt_name(const std::string& name) {
  static const std::regex kVpt(R"(text_encoder\.transformer\.resblocks\.\d+\.VPT_shallow)");
  return name == kCtx || std::regex_match(name, kVpt);
}

std::string shape_text(const torch::Tensor& t) {
  std::string text = "[";
  for (int64_t d = 0; d < t.dim(); ++d) text += (d ? ", " : "") + std::to_string(t.size(d));
  return text + "]";
}

std::map<std::string, torch::Tensor> read_prompts(const std::string& path) {
  const TorchSaveArchive archive(path);
  const PickleValue& root = *archive.root();
  if (root.kind != PickleValue::Kind::Dict) {
    throw Error(path, "top level is a " + root.describe() + ", expected the dict Dassl's save_checkpoint writes");
  }
  const PickleRef state_dict = root.find("state_dict");
  if (!state_dict) throw Error(path, "no \"state_dict\" entry: not a Dassl checkpoint");
  if (state_dict->kind != PickleValue::Kind::Dict) {
    throw Error(path, "\"state_dict\" is a " + state_dict->describe() + ", expected a dict of tensors");
  }

  std::map<std::string, torch::Tensor> prompts;
  for (const auto& [key, value] : state_dict->entries) {
    if (key->kind != PickleValue::Kind::String) continue;
    // nn.DataParallel prefixes every name with "module.".
    std::string name = key->text;
    if (name.rfind("module.", 0) == 0) name.erase(0, 7);
    if (!is_prompt_name(name)) continue;
    if (prompts.count(name)) throw Error(path, name + " appears twice in state_dict");
    torch::Tensor tensor = archive.tensor(*value, key->text);
    if (!torch::isFloatingType(tensor.scalar_type())) {
      throw Error(path, key->text + " has dtype " + std::string(c10::toString(tensor.scalar_type())) +
                            ", expected a floating-point tensor");
    }
    if (tensor.dim() != 2) {
      throw Error(path, key->text + " has shape " + shape_text(tensor) + ", expected 2-D [n_ctx, width]");
    }
    prompts.emplace(name, tensor.to(torch::kFloat).contiguous());
  }

  const auto ctx = prompts.find(kCtx);
  if (ctx == prompts.end()) throw Error(path, std::string("no ") + kCtx + " in state_dict");
  const int64_t width = ctx->second.size(1);
  for (const auto& [name, tensor] : prompts) {
    if (tensor.size(1) != width) {
      throw Error(path, name + " has shape " + shape_text(tensor) + ", but " + kCtx + " has width " +
                            std::to_string(width));
    }
  }
  return prompts;
}

}  // namespace

std::map<std::string, torch::Tensor> read_dassl_prompts(const std::string& path) {
  try {
    return read_prompts(path);
  } catch (const c10::Error& e) {
    const std::string message = e.what_without_backtrace();
    throw Error(path, "cannot read as a torch.save checkpoint: " + message.substr(0, message.find('\n')));
  }
}

void write_dassl_prompts(const std::string& path, const std::map<std::string, torch::Tensor>& tensors,
                         int epoch) {
  std::vector<char> bytes;
  try {
    c10::Dict<std::string, torch::Tensor> state_dict;
    for (const auto& [name, tensor] : tensors) {
      if (!tensor.defined()) throw Error(path, "tensor " + name + " is undefined");
      // A fresh compact copy: pickling a view would store the whole storage behind it.
      state_dict.insert(name, tensor.detach().to(torch::kCPU, torch::kFloat).clone(at::MemoryFormat::Contiguous));
    }
    c10::impl::GenericDict checkpoint(c10::StringType::get(), c10::AnyType::get());
    checkpoint.insert("state_dict", state_dict);
    checkpoint.insert("epoch", int64_t(epoch));
    checkpoint.insert("optimizer", c10::IValue());
    checkpoint.insert("scheduler", c10::IValue());
    bytes = torch::pickle_save(checkpoint);
  } catch (const c10::Error& e) {
    const std::string message = e.what_without_backtrace();
    throw Error(path, "cannot serialise the prompts: " + message.substr(0, message.find('\n')));
  }
  write_file_atomically(path, std::string(bytes.begin(), bytes.end()));
}

}  // namespace protext
