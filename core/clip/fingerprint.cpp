#include "core/clip/fingerprint.h"

#include <cstring>
#include <iomanip>
#include <sstream>

namespace protext {
namespace {

// splitmix64's finaliser: cheap, and every input bit reaches every output bit.
uint64_t mix(uint64_t h, uint64_t v) {
  h ^= v + 0x9e3779b97f4a7c15ULL + (h << 6) + (h >> 2);
  h ^= h >> 30;
  h *= 0xbf58476d1ce4e5b9ULL;
  h ^= h >> 27;
  h *= 0x94d049bb133111ebULL;
  return h ^ (h >> 31);
}

}  // namespace

std::string weights_fingerprint(const TensorMap& tensors) {
  uint64_t h = 0x50726f5465787431ULL;
  for (const auto& [name, tensor] : tensors) {
    for (unsigned char c : name) h = mix(h, c);
    for (int64_t s : tensor.sizes()) h = mix(h, static_cast<uint64_t>(s));
    const auto values = tensor.to(torch::kFloat32).contiguous();
    const auto* bytes = static_cast<const uint8_t*>(values.data_ptr());
    const size_t n = values.numel() * sizeof(float);
    size_t i = 0;
    for (; i + 8 <= n; i += 8) {
      uint64_t word;
      std::memcpy(&word, bytes + i, 8);
      h = mix(h, word);
    }
    for (; i < n; ++i) h = mix(h, bytes[i]);
  }
  std::ostringstream out;
  out << std::hex << std::setw(16) << std::setfill('0') << h;
  return out.str();
}

}  // namespace protext
