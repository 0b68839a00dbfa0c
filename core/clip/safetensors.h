#pragma once
#include <cstddef>
#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <vector>

namespace protext {

// The safetensors format (8-byte little-endian header length, JSON header, raw data),
// read without LibTorch so it can be checked and fuzzed on its own.
enum class DType { F32, F16, BF16 };

size_t dtype_size(DType dtype);
std::string dtype_name(DType dtype);  // "F32", "F16", "BF16"

struct SafetensorsEntry {
  std::string name;
  DType dtype = DType::F32;
  std::vector<int64_t> shape;
  const uint8_t* data = nullptr;  // points into the mapped file
  size_t nbytes = 0;
};

// A safetensors file, memory-mapped and validated on open: header length bounded and
// inside the file, header valid JSON, dtypes F32/F16/BF16, every [begin, end) inside the
// data section, sized as dtype × shape, and no two tensors overlapping. Anything else
// throws protext::Error naming the file and the problem.
class SafetensorsFile {
 public:
  explicit SafetensorsFile(const std::string& path);
  ~SafetensorsFile();
  SafetensorsFile(const SafetensorsFile&) = delete;
  SafetensorsFile& operator=(const SafetensorsFile&) = delete;
  // Moving hands over the mapping; entries keep pointing into it, so they stay valid.
  SafetensorsFile(SafetensorsFile&& other) noexcept;
  SafetensorsFile& operator=(SafetensorsFile&& other) noexcept;

  const std::string& path() const { return path_; }
  const std::vector<SafetensorsEntry>& entries() const { return entries_; }
  const SafetensorsEntry* find(const std::string& name) const;  // nullptr if absent
  const std::map<std::string, std::string>& metadata() const { return metadata_; }

 private:
  std::string path_;
  void* mapping_ = nullptr;
  size_t mapped_size_ = 0;
  std::vector<SafetensorsEntry> entries_;
  std::map<std::string, std::string> metadata_;
};

// One tensor to write: contiguous little-endian bytes.
struct SafetensorsTensor {
  std::string name;
  DType dtype = DType::F32;
  std::vector<int64_t> shape;
  const void* data = nullptr;
  size_t nbytes = 0;
};

// Writes to "<path>.tmp-<pid>" and renames it into place, so a reader never sees half a
// file and a crash mid-write leaves the old file intact.
void write_safetensors(const std::string& path, const std::vector<SafetensorsTensor>& tensors,
                       const std::map<std::string, std::string>& metadata = {});

}  // namespace protext
