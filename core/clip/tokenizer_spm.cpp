#include "core/clip/tokenizer_spm.h"

#include <dlfcn.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <mutex>

#include "core/clip/spm_plugin.h"
#include "core/clip/text_clean.h"
#include "core/error.h"

namespace protext {
namespace {

struct SpmPlugin {
  protext_spm_load_fn load = nullptr;
  protext_spm_free_fn free = nullptr;
  protext_spm_id_fn bos = nullptr, eos = nullptr, size = nullptr;
  protext_spm_encode_fn encode = nullptr;
  protext_spm_release_fn release = nullptr;
  protext_spm_piece_fn piece = nullptr;
  protext_spm_train_fn train = nullptr;
};

std::vector<std::string> plugin_candidates() {
  std::vector<std::string> paths;
  if (const char* env = std::getenv("PROTEXT_SPM_PLUGIN"); env && *env) paths.push_back(env);
  std::error_code ec;
  const auto exe = std::filesystem::read_symlink("/proc/self/exe", ec);
  if (!ec) {
    paths.push_back((exe.parent_path() / "libprotext_spm.so").string());
    paths.push_back((exe.parent_path() / "../lib/libprotext_spm.so").string());
  }
  paths.push_back(PROTEXT_SPM_PLUGIN_PATH);
  return paths;
}

// AddressSanitizer's runtime refuses RTLD_DEEPBIND, so the sanitizer build loads the
// plug-in into a link-map namespace of its own instead (dlmopen), where sentencepiece
// equally sees only its own protobuf.
void* open_plugin(const std::string& path) {
#ifdef PROTEXT_SANITIZE
  return dlmopen(LM_ID_NEWLM, path.c_str(), RTLD_NOW | RTLD_LOCAL);
#else
  return dlopen(path.c_str(), RTLD_NOW | RTLD_LOCAL | RTLD_DEEPBIND);
#endif
}

const SpmPlugin& plugin() {
  static std::once_flag once;
  static SpmPlugin plugin;
  static std::string failure;
  std::call_once(once, [] {
    void* handle = nullptr;
    std::string tried;
    for (const auto& path : plugin_candidates()) {
      handle = open_plugin(path);
      if (handle) break;
      tried += std::string("\n  ") + dlerror();
    }
    if (!handle) {
      failure = "cannot load the sentencepiece plug-in libprotext_spm.so:" + tried;
      return;
    }
    auto symbol = [&](const char* name) {
      void* f = dlsym(handle, name);
      if (!f && failure.empty()) failure = std::string("the sentencepiece plug-in lacks ") + name;
      return f;
    };
    plugin.load = reinterpret_cast<protext_spm_load_fn>(symbol("protext_spm_load"));
    plugin.free = reinterpret_cast<protext_spm_free_fn>(symbol("protext_spm_free"));
    plugin.bos = reinterpret_cast<protext_spm_id_fn>(symbol("protext_spm_bos"));
    plugin.eos = reinterpret_cast<protext_spm_id_fn>(symbol("protext_spm_eos"));
    plugin.size = reinterpret_cast<protext_spm_id_fn>(symbol("protext_spm_size"));
    plugin.encode = reinterpret_cast<protext_spm_encode_fn>(symbol("protext_spm_encode"));
    plugin.release = reinterpret_cast<protext_spm_release_fn>(symbol("protext_spm_release"));
    plugin.piece = reinterpret_cast<protext_spm_piece_fn>(symbol("protext_spm_piece"));
    plugin.train = reinterpret_cast<protext_spm_train_fn>(symbol("protext_spm_train"));
  });
  if (!failure.empty()) throw Error("sentencepiece", failure);
  return plugin;
}

}  // namespace

SpmTokenizer::SpmTokenizer(protext_spm* model, std::string path) : model_(model), path_(std::move(path)) {
  start_ = plugin().bos(model_);
  end_ = plugin().eos(model_);
  if (start_ < 0 || end_ < 0) {
    plugin().free(model_);
    throw Error(path_, "the sentencepiece model has no bos or eos piece");
  }
}

SpmTokenizer::~SpmTokenizer() { plugin().free(model_); }

std::unique_ptr<SpmTokenizer> SpmTokenizer::from_file(const std::string& model_path) {
  {
    std::ifstream in(model_path, std::ios::binary);
    if (!in) throw Error(model_path, "cannot open the file");
    if (in.peek() == std::ifstream::traits_type::eof()) throw Error(model_path, "the file is empty");
  }
  char error[512] = {};
  protext_spm* model = plugin().load(model_path.c_str(), error, sizeof error);
  if (!model) throw Error(model_path, std::string("not a sentencepiece model: ") + error);
  return std::unique_ptr<SpmTokenizer>(new SpmTokenizer(model, model_path));
}

std::vector<int64_t> SpmTokenizer::encode(std::string_view text, int context_length) const {
  if (context_length < 2)
    throw Error(path_, "context length " + std::to_string(context_length) + " leaves no room for start and end tokens");
  const std::string folded = utf32_to_utf8(fold_whitespace(utf8_to_utf32(text)));
  int* pieces = nullptr;
  size_t count = 0;
  char error[512] = {};
  if (plugin().encode(model_, folded.data(), folded.size(), &pieces, &count, error, sizeof error) != 0)
    throw Error(path_, std::string("sentencepiece cannot encode the text: ") + error);
  std::vector<int64_t> ids;
  ids.reserve(std::min<std::size_t>(count + 2, static_cast<std::size_t>(context_length)));
  ids.push_back(start_);
  for (size_t i = 0; i < count && ids.size() + 1 < static_cast<std::size_t>(context_length); ++i)
    ids.push_back(pieces[i]);
  ids.push_back(end_);
  plugin().release(pieces);
  return ids;
}

int64_t SpmTokenizer::vocab_size() const { return plugin().size(model_); }

std::string SpmTokenizer::token_text(int64_t id) const {
  if (id < 0 || id >= vocab_size()) throw Error(path_, "no token has id " + std::to_string(id));
  std::string piece(256, '\0');
  const int length = plugin().piece(model_, static_cast<int>(id), piece.data(), piece.size());
  if (static_cast<size_t>(length) >= piece.size()) {
    piece.assign(length + 1, '\0');
    plugin().piece(model_, static_cast<int>(id), piece.data(), piece.size());
  }
  piece.resize(length);
  const std::string mark = "\xE2\x96\x81";  // U+2581, sentencepiece's word-start mark
  for (std::size_t at = piece.find(mark); at != std::string::npos; at = piece.find(mark, at + 1))
    piece.replace(at, mark.size(), " ");
  return piece;
}

Tokenizer::Joins SpmTokenizer::token_joins(int64_t id) const {
  Joins joins;
  const std::string text = token_text(id);
  // A piece with sentencepiece's word-start mark reads with a leading space.
  joins.previous = !text.empty() && text[0] != ' ' && id != start_token() && id != end_token();
  return joins;
}

void train_spm_model(const std::vector<std::string>& sentences, const std::string& model_prefix, int vocab_size) {
  if (sentences.empty()) throw Error(model_prefix, "no sentences to train a sentencepiece model on");
  if (vocab_size < 8) throw Error(model_prefix, "vocabulary size " + std::to_string(vocab_size) + " is too small");
  std::vector<const char*> pointers;
  for (const auto& s : sentences) pointers.push_back(s.c_str());
  char error[512] = {};
  if (plugin().train(pointers.data(), pointers.size(), model_prefix.c_str(), vocab_size, error, sizeof error) != 0)
    throw Error(model_prefix, std::string("sentencepiece training failed: ") + error);
}

}  // namespace protext
