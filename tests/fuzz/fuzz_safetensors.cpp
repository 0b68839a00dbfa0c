// safetensors files: header JSON, offsets, dtypes and shapes.
#include "core/clip/tensor_file.h"
#include "fuzz_input.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string& path = protext::fuzz::write_input(data, size, ".safetensors");
  protext::fuzz::refusals_allowed([&] {
    std::map<std::string, std::string> metadata;
    protext::read_safetensors(path, &metadata);
  });
  return 0;
}
