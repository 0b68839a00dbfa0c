#pragma once
#include <cstdint>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include <torch/types.h>

namespace caffe2::serialize {
class PyTorchStreamReader;
}

namespace protext {

// Python's torch.save files (zip format, torch >= 1.6) read without Python.
//
// LibTorch's own unpickler only reads what its pickler writes: it rejects the SETITEM and
// APPEND opcodes Python's pickle emits for one-item dicts and lists, and every Python class
// (an optimiser inside a scheduler's state). So data.pkl is interpreted here into a plain
// tree; classes it does not know become opaque objects instead of errors, and tensors stay
// references into the archive until asked for, so a whole model's weights cost nothing.

struct PickleValue;
using PickleRef = std::shared_ptr<PickleValue>;

struct PickleValue {
  enum class Kind { None, Bool, Int, Float, String, Bytes, Tuple, List, Dict, Global, Object, Storage, Tensor };
  Kind kind = Kind::None;
  bool boolean = false;
  int64_t integer = 0;
  double real = 0.0;
  std::string text;                                // String, Bytes; "module.name" for Global, Object
  std::vector<PickleRef> items;                    // Tuple, List; an Object's arguments
  std::vector<std::pair<PickleRef, PickleRef>> entries;  // Dict, in insertion order

  // Storage: the archive record "data/<text>" holding storage_numel elements of dtype.
  // Tensor: a strided view (offset, sizes, strides in elements) of the storage in items[0].
  torch::ScalarType dtype = torch::kFloat;
  bool dtype_known = true;
  int64_t storage_numel = 0;
  int64_t offset = 0;
  std::vector<int64_t> sizes, strides;

  // The entry whose key is the string `key`, or nullptr (Dict only).
  PickleRef find(const std::string& key) const;
  // "dict", "list", "tensor", "AdamW" ...: for error messages.
  std::string describe() const;
};

class TorchSaveArchive {
 public:
  // Opens the zip and interprets data.pkl. Throws protext::Error naming the file: missing,
  // empty, not a zip archive (the pre-1.6 format included), or a pickle it cannot follow.
  explicit TorchSaveArchive(const std::string& path);
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
  std::unique_ptr<caffe2::serialize::PyTorchStreamReader> reader_;
  PickleRef root_;
};

}  // namespace protext
