#include "core/npy.h"

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <unistd.h>

#include "core/error.h"
#include "core/runtime/atomic_file.h"

namespace protext {
namespace {

constexpr char kMagic[] = "\x93NUMPY";
constexpr size_t kMagicSize = 6;

std::string shape_text(const std::vector<int64_t>& shape) {
  std::string s = "(";
  for (size_t i = 0; i < shape.size(); ++i) {
    if (i) s += ", ";
    s += std::to_string(shape[i]);
  }
  if (shape.size() == 1) s += ",";
  return s + ")";
}

int64_t element_count(const std::vector<int64_t>& shape, const std::string& where) {
  int64_t n = 1;
  for (int64_t d : shape) {
    if (d < 0) throw Error(where, "negative dimension in shape " + shape_text(shape));
    if (d != 0 && n > INT64_MAX / 4 / d) throw Error(where, "shape " + shape_text(shape) + " is too large");
    n *= d;
  }
  return n;
}

// The value after 'key': in the header dict, or Error when the key is absent.
size_t value_start(const std::string& header, const std::string& key, const std::string& path) {
  const size_t at = header.find("'" + key + "'");
  if (at == std::string::npos) throw Error(path, "npy header has no '" + key + "': " + header);
  size_t i = header.find(':', at);
  if (i == std::string::npos) throw Error(path, "npy header is malformed: " + header);
  ++i;
  while (i < header.size() && header[i] == ' ') ++i;
  return i;
}

}  // namespace

void write_npy(const std::string& path, const float* data, const std::vector<int64_t>& shape) {
  const int64_t count = element_count(shape, path);
  std::string header = "{'descr': '<f4', 'fortran_order': False, 'shape': " + shape_text(shape) + ", }";
  // numpy pads so the data starts on a 64-byte boundary; the header ends with '\n'.
  const size_t unpadded = kMagicSize + 2 + 2 + header.size() + 1;
  header.append((64 - unpadded % 64) % 64, ' ');
  header += '\n';
  if (header.size() > 65535) throw Error(path, "shape " + shape_text(shape) + " is too long for npy v1.0");

  AtomicFile out(path);
  const unsigned char version_and_length[4] = {1, 0, static_cast<unsigned char>(header.size() & 0xFF),
                                               static_cast<unsigned char>(header.size() >> 8)};
  out.write(kMagic, kMagicSize);
  out.write(version_and_length, 4);
  out.write(header.data(), header.size());
  // float32 in memory is already little-endian on every platform LibTorch supports.
  out.write(data, static_cast<size_t>(count) * 4);
  out.commit();
}

std::vector<float> read_npy(const std::string& path, std::vector<int64_t>* shape_out) {
  std::ifstream in(path, std::ios::binary | std::ios::ate);
  if (!in) throw Error(path, "cannot open for reading");
  const int64_t file_size = in.tellg();
  in.seekg(0);
  char prefix[12] = {};
  if (file_size < 10 || !in.read(prefix, 10) || std::memcmp(prefix, kMagic, kMagicSize) != 0)
    throw Error(path, "not a NumPy .npy file (magic bytes missing)");
  const int major = static_cast<unsigned char>(prefix[6]);
  size_t header_size = 0, data_at = 0;
  if (major == 1) {
    header_size = static_cast<unsigned char>(prefix[8]) | (static_cast<unsigned char>(prefix[9]) << 8);
    data_at = 10 + header_size;
  } else if (major == 2 || major == 3) {
    if (file_size < 12 || !in.read(prefix + 10, 2)) throw Error(path, "npy header is truncated");
    header_size = 0;
    for (int i = 3; i >= 0; --i) header_size = header_size << 8 | static_cast<unsigned char>(prefix[8 + i]);
    data_at = 12 + header_size;
  } else {
    throw Error(path, "npy format version " + std::to_string(major) + " is not supported");
  }
  if (static_cast<int64_t>(data_at) > file_size)
    throw Error(path, "npy header length " + std::to_string(header_size) + " exceeds file size " +
                          std::to_string(file_size));
  std::string header(header_size, '\0');
  in.read(header.data(), static_cast<std::streamsize>(header_size));

  size_t i = value_start(header, "descr", path);
  if (header.compare(i, 5, "'<f4'") != 0)
    throw Error(path, "npy dtype is " + header.substr(i, header.find(',', i) - i) +
                          ", expected float32 '<f4'");
  i = value_start(header, "fortran_order", path);
  if (header.compare(i, 5, "False") != 0) throw Error(path, "npy array is in Fortran order, expected C order");
  i = value_start(header, "shape", path);
  if (i >= header.size() || header[i] != '(') throw Error(path, "npy shape is malformed: " + header);
  const size_t close = header.find(')', i);
  if (close == std::string::npos) throw Error(path, "npy shape is malformed: " + header);
  std::vector<int64_t> shape;
  for (size_t p = i + 1; p < close;) {
    while (p < close && (header[p] == ' ' || header[p] == ',')) ++p;
    if (p >= close) break;
    size_t used = 0;
    try {
      shape.push_back(std::stoll(header.substr(p, close - p), &used));
    } catch (const std::exception&) {
      throw Error(path, "npy shape is malformed: " + header.substr(i, close - i + 1));
    }
    p += used;
  }
  const int64_t count = element_count(shape, path);
  if (file_size - static_cast<int64_t>(data_at) != count * 4)
    throw Error(path, "npy data is " + std::to_string(file_size - static_cast<int64_t>(data_at)) +
                          " bytes, shape " + shape_text(shape) + " needs " + std::to_string(count * 4));
  std::vector<float> values(static_cast<size_t>(count));
  if (!in.read(reinterpret_cast<char*>(values.data()), count * 4)) throw Error(path, "read error");
  if (shape_out) *shape_out = std::move(shape);
  return values;
}

}  // namespace protext
