// OpenAI .pt archives: zip, data.pkl's module tree, tensor extraction and the CLIP shape
// inference, as `protext info --model` reads them.
#include "core/clip/weights.h"
#include "fuzz_input.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string& path = protext::fuzz::write_input(data, size, ".pt");
  protext::fuzz::refusals_allowed([&] { protext::read_clip_weights(path); });
  return 0;
}
