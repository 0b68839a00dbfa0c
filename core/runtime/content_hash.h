#pragma once
#include <cstdint>
#include <string>
#include <string_view>

namespace protext {

// A 64-bit FNV-1a hash over a sequence of strings, for cache keys: each part ends with a
// separator, so ("ab", "c") and ("a", "bc") hash differently.
class ContentHash {
 public:
  ContentHash& add(std::string_view part);
  std::string hex() const;  // 16 hex digits

 private:
  uint64_t h_ = 0xcbf29ce484222325ULL;
};

// True for a zip archive (TorchScript and torch.save files are zips).
bool is_zip_archive(const std::string& path);

}  // namespace protext
