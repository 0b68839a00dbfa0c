// The restricted pickle reader and the zip reader under it, through the Dassl prompt
// checkpoint reader (torch.save files from strangers).
#include "core/protext/dassl_checkpoint.h"
#include "fuzz_input.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string& path = protext::fuzz::write_input(data, size, ".pth");
  protext::fuzz::refusals_allowed([&] { protext::read_dassl_prompts(path); });
  return 0;
}
