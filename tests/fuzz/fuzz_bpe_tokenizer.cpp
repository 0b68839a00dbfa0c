// CLIP's byte-level BPE on any bytes: cleaning, lower-casing, the word pattern and merges.
#include "core/clip/tokenizer_bpe.h"
#include "fuzz_input.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static const auto tokenizer = protext::BpeTokenizer::from_openai_merges(PROTEXT_FUZZ_BPE_MERGES);
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  protext::fuzz::refusals_allowed([&] {
    const auto ids = tokenizer->encode(text, 77);
    if (ids.size() < 2 || ids.size() > 77) std::abort();
  });
  return 0;
}
