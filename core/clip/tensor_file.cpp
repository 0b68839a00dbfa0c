#include "core/clip/tensor_file.h"

#include <cstring>
#include <vector>

#include <torch/torch.h>

#include "core/clip/safetensors.h"
#include "core/error.h"

namespace protext {
namespace {

torch::Dtype torch_dtype(DType dtype) {
  switch (dtype) {
    case DType::F32: return torch::kFloat32;
    case DType::F16: return torch::kFloat16;
    case DType::BF16: return torch::kBFloat16;
  }
  throw Error("invalid DType value " + std::to_string(static_cast<int>(dtype)));
}

bool stored_dtype(torch::Dtype dtype, DType& stored) {
  if (dtype == torch::kFloat32) stored = DType::F32;
  else if (dtype == torch::kFloat16) stored = DType::F16;
  else if (dtype == torch::kBFloat16) stored = DType::BF16;
  else return false;
  return true;
}

}  // namespace

TensorMap read_safetensors(const std::string& path,
                           std::map<std::string, std::string>* metadata) {
  const SafetensorsFile file(path);
  TensorMap tensors;
  for (const SafetensorsEntry& entry : file.entries()) {
    // Copied, not wrapped: the tensors outlive the mapping, and the mapped bytes need not be
    // aligned for the dtype.
    torch::Tensor tensor = torch::empty(entry.shape, torch::TensorOptions(torch_dtype(entry.dtype)));
    if (entry.nbytes > 0) std::memcpy(tensor.data_ptr(), entry.data, entry.nbytes);
    tensors.emplace(entry.name, std::move(tensor));
  }
  if (metadata) *metadata = file.metadata();
  return tensors;
}

void save_safetensors(const std::string& path, const TensorMap& tensors,
                      const std::map<std::string, std::string>& metadata) {
  // Holds the CPU contiguous copies alive until the bytes are written.
  std::vector<torch::Tensor> keep;
  std::vector<SafetensorsTensor> records;
  keep.reserve(tensors.size());
  records.reserve(tensors.size());
  for (const auto& [name, tensor] : tensors) {
    if (!tensor.defined()) throw Error(path, "tensor '" + name + "' is undefined");
    SafetensorsTensor record;
    record.name = name;
    if (!stored_dtype(tensor.scalar_type(), record.dtype))
      throw Error(path, "tensor '" + name + "' has dtype " +
                            std::string(c10::toString(tensor.scalar_type())) +
                            "; only float32, float16 and bfloat16 can be saved");
    keep.push_back(tensor.detach().to(torch::kCPU).contiguous());
    const torch::Tensor& cpu = keep.back();
    record.shape = cpu.sizes().vec();
    record.data = cpu.data_ptr();
    record.nbytes = cpu.numel() * cpu.element_size();
    records.push_back(std::move(record));
  }
  write_safetensors(path, records, metadata);
}

}  // namespace protext
