#pragma once
#include <string>

#include "core/clip/tensor_file.h"

namespace protext {

// A 64-bit hash (16 hex digits) of names, shapes and fp32 values: prompts saved with one
// CLIP can tell when they are loaded onto another. The same weights give the same
// fingerprint whichever format or storage dtype they came in, as long as the values are
// the same.
std::string weights_fingerprint(const TensorMap& tensors);

}  // namespace protext
