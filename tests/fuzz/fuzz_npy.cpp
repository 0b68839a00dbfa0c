// .npy arrays (image embeddings, preprocessed images).
#include "core/npy.h"
#include "fuzz_input.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string& path = protext::fuzz::write_input(data, size, ".npy");
  protext::fuzz::refusals_allowed([&] {
    std::vector<int64_t> shape;
    protext::read_npy(path, &shape);
  });
  return 0;
}
