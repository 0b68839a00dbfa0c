#pragma once
#include <cstdint>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include <torch/types.h>

namespace protext {

// Python's torch.save files (zip format, torch >= 1.6) read without Python.
//
// LibTorch's own unpickler only reads what its pickler writes: it rejects the SETITEM and
// APPEND opcodes Python's pickle emits for one-item dicts and lists, and every Python class
// (an optimiser inside a scheduler's state). So data.pkl is interpreted here into a plain
// tree; classes it does not know become opaque objects instead of errors, and tensors stay
// references into the archive until asked for, so a whole model's weights cost nothing.
//
// Files come from strangers, so nothing here runs code from them (no class is ever
// instantiated: a TorchScript module is an inert Object holding its attributes), and the
// interpreter's work, the values it builds and the bytes it reads are bounded (Limits):
// a pickle bomb or a deflated storage is refused with a message, not paid for.

struct PickleValue;
using PickleRef = std::shared_ptr<PickleValue>;

struct PickleValue {
  PickleValue() = default;
  PickleValue(const PickleValue&) = delete;
  PickleValue& operator=(const PickleValue&) = delete;
  // Iterative: a list nested a million levels deep is freed without a deep recursion.
  ~PickleValue();

  enum class Kind { None, Bool, Int, Float, String, Bytes, Tuple, List, Dict, Global, Object, Storage, Tensor };
  Kind kind = Kind::None;
  bool boolean = false;
  int64_t integer = 0;
  double real = 0.0;
  std::string text;                                // String, Bytes; "module.name" for Global, Object
  std::vector<PickleRef> items;                    // Tuple, List; an Object's arguments
  // Dict, in insertion order; an Object's attributes (its BUILD state when that is a dict,
  // as for a TorchScript module)
  std::vector<std::pair<PickleRef, PickleRef>> entries;

  // Storage: the archive record "data/<text>" holding storage_numel elements of dtype.
  // Tensor: a strided view (offset, sizes, strides in elements) of the storage in items[0].
  torch::ScalarType dtype = torch::kFloat;
  bool dtype_known = true;
  int64_t storage_numel = 0;
  int64_t offset = 0;
  std::vector<int64_t> sizes, strides;

  // The entry whose key is the string `key`, or nullptr (Dict, Object).
  PickleRef find(const std::string& key) const;
  // "dict", "list", "tensor", "AdamW" ...: for error messages.
  std::string describe() const;
};

class ZipReader;

class TorchSaveArchive {
 public:
  // What one archive may cost to read. Real checkpoints and CLIP archives use a small
  // fraction: ViT-L/14's data.pkl is under 100 KB and builds about 20 000 values.
  struct Limits {
    uint64_t pickle_bytes = 64ull << 20;  // data.pkl
    // The interpreter's budget, in bytes of memory it may hold: each value built costs
    // about 200, each stack slot, memo entry or copied reference 16 to 64.
    uint64_t interpreter_bytes = 256ull << 20;
    // Tensor bytes read, in all: a storage shared by many views cannot multiply the file.
    uint64_t tensor_bytes_over_file = 64ull << 20;  // on top of twice the file's size
  };

  // Opens the zip and interprets data.pkl. Throws protext::Error naming the file: missing,
  // empty, not a zip archive (the pre-1.6 format included), or a pickle it cannot follow.
  explicit TorchSaveArchive(const std::string& path);
  TorchSaveArchive(const std::string& path, const Limits& limits);
  ~TorchSaveArchive();
  TorchSaveArchive(const TorchSaveArchive&) = delete;
  TorchSaveArchive& operator=(const TorchSaveArchive&) = delete;

  const std::string& path() const { return path_; }
  const PickleRef& root() const { return root_; }

  // A Tensor value as an owned, contiguous CPU tensor in its stored dtype, after checking
  // that its view lies inside its storage record. `what` names it in error messages.
  torch::Tensor tensor(const PickleValue& value, const std::string& what) const;

 private:
  std::string path_;
  std::unique_ptr<ZipReader> zip_;
  PickleRef root_;
  uint64_t tensor_budget_ = 0;
  mutable uint64_t tensor_bytes_read_ = 0;
};

}  // namespace protext
