#pragma once
#include <cstdint>
#include <string>
#include <vector>

namespace protext {

// NumPy .npy v1.0, float32, C order, little-endian: the array format of reports and
// of `protext preprocess`. Written to a temporary name and renamed into place, so a
// reader never sees half a file.
void write_npy(const std::string& path, const float* data, const std::vector<int64_t>& shape);

// Reads what write_npy writes (and what numpy.save writes for a float32 array, any
// header version 1.0-3.0). Other dtypes, Fortran order, a header that does not parse or
// a data size that disagrees with the shape: protext::Error naming the file.
std::vector<float> read_npy(const std::string& path, std::vector<int64_t>* shape = nullptr);

}  // namespace protext
