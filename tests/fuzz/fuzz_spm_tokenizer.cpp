// The embedded mini model's sentencepiece tokenizer on any bytes, through the plug-in.
#include "core/clip/tokenizer.h"
#include "core/clip/tokenizer_files.h"
#include "fuzz_input.h"

namespace {
std::unique_ptr<protext::Tokenizer> tokenizer;
}

// Loaded once, outside any input's timeout.
extern "C" int LLVMFuzzerInitialize(int*, char***) {
  tokenizer = protext::load_tokenizer(PROTEXT_RESOURCE_DIR "/models/mini");
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  protext::fuzz::refusals_allowed([&] {
    const auto ids = tokenizer->encode(text, 32);
    if (ids.size() < 2 || ids.size() > 32) std::abort();
  });
  return 0;
}
