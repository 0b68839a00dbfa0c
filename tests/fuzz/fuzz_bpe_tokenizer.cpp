// CLIP's byte-level BPE on any bytes: cleaning, lower-casing, the word pattern and merges.
#include "core/clip/tokenizer_bpe.h"
#include "fuzz_input.h"

namespace {
std::unique_ptr<protext::BpeTokenizer> tokenizer;
}

// Loading 49 152 merges takes seconds under ASan: done once here, outside any input's
// timeout.
extern "C" int LLVMFuzzerInitialize(int*, char***) {
  tokenizer = protext::BpeTokenizer::from_openai_merges(PROTEXT_FUZZ_BPE_MERGES);
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  protext::fuzz::refusals_allowed([&] {
    const auto ids = tokenizer->encode(text, 77);
    if (ids.size() < 2 || ids.size() > 77) std::abort();
  });
  return 0;
}
