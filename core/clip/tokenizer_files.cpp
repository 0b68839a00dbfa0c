#include "core/clip/tokenizer_files.h"

#include <cstdlib>
#include <filesystem>
#include <system_error>

#include "core/clip/tokenizer_bpe.h"
#include "core/error.h"
#ifdef PROTEXT_WITH_SENTENCEPIECE
#include "core/clip/tokenizer_spm.h"
#endif

namespace protext {
namespace {

namespace fs = std::filesystem;

bool is_file(const fs::path& path) {
  std::error_code error;
  return fs::is_regular_file(path, error);
}

bool is_folder(const fs::path& path) {
  std::error_code error;
  return fs::is_directory(path, error);
}

bool ends_with(const std::string& text, const std::string& suffix) {
  return text.size() >= suffix.size() && text.compare(text.size() - suffix.size(), suffix.size(), suffix) == 0;
}

std::unique_ptr<Tokenizer> load_spm(const fs::path& path) {
#ifdef PROTEXT_WITH_SENTENCEPIECE
  return SpmTokenizer::from_file(path.string());
#else
  throw Error(path.string(), "this build has no sentencepiece support (PROTEXT_WITH_SENTENCEPIECE is off)");
#endif
}

// The tokenizer files a folder holds, in order of preference; null if none.
std::unique_ptr<Tokenizer> load_from_folder(const fs::path& folder) {
  if (is_file(folder / "bpe_simple_vocab_16e6.txt.gz"))
    return BpeTokenizer::from_openai_merges((folder / "bpe_simple_vocab_16e6.txt.gz").string());
  if (is_file(folder / "vocab.json") && is_file(folder / "merges.txt"))
    return BpeTokenizer::from_hf_files((folder / "vocab.json").string(), (folder / "merges.txt").string());
  for (const char* name : {"tokenizer.model", "spm.model"})
    if (is_file(folder / name)) return load_spm(folder / name);
  return nullptr;
}

std::unique_ptr<Tokenizer> load_given(const fs::path& path) {
  if (is_folder(path)) {
    if (auto tokenizer = load_from_folder(path)) return tokenizer;
    throw Error(path.string(), "the folder holds no tokenizer (bpe_simple_vocab_16e6.txt.gz, vocab.json + "
                               "merges.txt, tokenizer.model or spm.model)");
  }
  if (!is_file(path)) throw Error(path.string(), "no such tokenizer file");
  const std::string name = path.filename().string();
  if (ends_with(name, ".model")) return load_spm(path);
  if (name == "vocab.json" || name == "merges.txt") {
    const fs::path vocab = path.parent_path() / "vocab.json", merges = path.parent_path() / "merges.txt";
    if (!is_file(vocab) || !is_file(merges))
      throw Error(path.string(), "a Hugging Face tokenizer needs vocab.json and merges.txt side by side");
    return BpeTokenizer::from_hf_files(vocab.string(), merges.string());
  }
  if (ends_with(name, ".json")) throw Error(path.string(), "a vocab.json needs merges.txt beside it; pass the folder");
  return BpeTokenizer::from_openai_merges(path.string());
}

}  // namespace

std::unique_ptr<Tokenizer> load_tokenizer(const std::string& model_path, const std::string& vocab_path) {
  if (!vocab_path.empty()) return load_given(vocab_path);
  if (!model_path.empty()) {
    const fs::path model(model_path);
    const fs::path folder = is_folder(model) ? model : model.parent_path().empty() ? fs::path(".") : model.parent_path();
    if (auto tokenizer = load_from_folder(folder)) return tokenizer;
  }
  if (const char* from_environment = std::getenv("PROTEXT_CLIP_VOCAB"); from_environment && *from_environment)
    return load_given(from_environment);
  const fs::path installed = fs::path(PROTEXT_RESOURCE_DIR) / "tokenizers" / "bpe_simple_vocab_16e6.txt.gz";
  if (is_file(installed)) return BpeTokenizer::from_openai_merges(installed.string());
  throw Error(model_path.empty() ? std::string("tokenizer") : model_path,
              "no tokenizer found beside the model, in $PROTEXT_CLIP_VOCAB or in " + installed.parent_path().string() +
                  "; pass --vocab with bpe_simple_vocab_16e6.txt.gz, a folder with vocab.json + merges.txt, "
                  "or a sentencepiece .model");
}

}  // namespace protext
