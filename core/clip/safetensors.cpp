#include "core/clip/safetensors.h"

#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <limits>
#include <set>
#include <sstream>
#include <system_error>
#include <utility>

#include <nlohmann/json.hpp>

#include "core/error.h"
#include "core/runtime/atomic_file.h"

// Tensor bytes are handed out exactly as stored, and safetensors stores little-endian.
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ != __ORDER_LITTLE_ENDIAN__
#error "safetensors.cpp assumes a little-endian host"
#endif

namespace protext {
namespace {

using json = nlohmann::json;

// The reference implementation's limit: no real header comes near it, and it stops a
// corrupt length from making us parse (or allocate for) gigabytes of JSON.
constexpr uint64_t kMaxHeaderLength = 100'000'000;
const char kMetadataKey[] = "__metadata__";

std::string system_message(int error) {
  return std::error_code(error, std::generic_category()).message();
}

std::string shape_text(const std::vector<int64_t>& shape) {
  std::ostringstream out;
  out << '[';
  for (size_t i = 0; i < shape.size(); ++i) out << (i ? ", " : "") << shape[i];
  out << ']';
  return out.str();
}

bool parse_dtype(const std::string& name, DType& dtype) {
  if (name == "F32") dtype = DType::F32;
  else if (name == "F16") dtype = DType::F16;
  else if (name == "BF16") dtype = DType::BF16;
  else return false;
  return true;
}

// Bytes for `shape` × `dtype`, or false when that does not fit in 64 bits. A zero anywhere
// makes the tensor empty however large the other dimensions are, so it is checked first.
bool byte_count(const std::vector<int64_t>& shape, DType dtype, uint64_t& bytes) {
  bytes = 0;
  for (int64_t d : shape)
    if (d == 0) return true;
  uint64_t n = dtype_size(dtype);
  for (int64_t d : shape) {
    const auto u = static_cast<uint64_t>(d);
    if (n > std::numeric_limits<uint64_t>::max() / u) return false;
    n *= u;
  }
  bytes = n;
  return true;
}

// nlohmann keeps the last of repeated keys; the format allows a name once, and silently
// taking one of two tensors would hide a broken writer. Tracks the keys of each open object.
json parse_header(const std::string& text, std::string& duplicate) {
  std::vector<std::set<std::string>> open_objects;
  json::parser_callback_t on_event = [&](int, json::parse_event_t event, json& parsed) {
    if (event == json::parse_event_t::object_start) {
      open_objects.emplace_back();
    } else if (event == json::parse_event_t::object_end) {
      if (!open_objects.empty()) open_objects.pop_back();
    } else if (event == json::parse_event_t::key && !open_objects.empty()) {
      const std::string& key = parsed.get_ref<const std::string&>();
      if (!open_objects.back().insert(key).second && duplicate.empty())
        duplicate = open_objects.size() == 1 ? "the header names '" + key + "' twice"
                                             : "an object in the header has the key '" + key +
                                                   "' twice";
    }
    return true;
  };
  return json::parse(text, on_event);
}

// An mmap that unmaps itself unless released: the constructor may throw halfway.
struct Mapping {
  void* address = nullptr;
  size_t size = 0;
  ~Mapping() {
    if (address) ::munmap(address, size);
  }
};

std::string directory_of(const std::string& path) {
  const size_t slash = path.find_last_of('/');
  if (slash == std::string::npos) return ".";
  return slash == 0 ? "/" : path.substr(0, slash);
}

}  // namespace

size_t dtype_size(DType dtype) {
  switch (dtype) {
    case DType::F32: return 4;
    case DType::F16: return 2;
    case DType::BF16: return 2;
  }
  throw Error("invalid DType value " + std::to_string(static_cast<int>(dtype)));
}

std::string dtype_name(DType dtype) {
  switch (dtype) {
    case DType::F32: return "F32";
    case DType::F16: return "F16";
    case DType::BF16: return "BF16";
  }
  throw Error("invalid DType value " + std::to_string(static_cast<int>(dtype)));
}

SafetensorsFile::SafetensorsFile(const std::string& path) : path_(path) {
  auto fail = [&](const std::string& what) { return Error(path, what); };

  const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) throw fail("cannot open: " + system_message(errno));
  struct stat info {};
  if (::fstat(fd, &info) != 0) {
    const int error = errno;
    ::close(fd);
    throw fail("cannot stat: " + system_message(error));
  }
  if (!S_ISREG(info.st_mode)) {
    ::close(fd);
    throw fail("not a regular file");
  }
  const auto file_size = static_cast<uint64_t>(info.st_size);
  if (file_size == 0) {
    ::close(fd);
    throw fail("empty file (0 bytes), not a safetensors file");
  }
  if (file_size < 8) {
    ::close(fd);
    throw fail("file is " + std::to_string(file_size) +
               " bytes, shorter than the 8-byte header length");
  }
  Mapping mapping;
  mapping.size = static_cast<size_t>(file_size);
  void* address = ::mmap(nullptr, mapping.size, PROT_READ, MAP_PRIVATE, fd, 0);
  const int map_error = errno;
  ::close(fd);
  if (address == MAP_FAILED) throw fail("cannot map the file: " + system_message(map_error));
  mapping.address = address;
  const auto* base = static_cast<const uint8_t*>(address);

  uint64_t header_length = 0;
  for (int i = 7; i >= 0; --i) header_length = (header_length << 8) | base[i];
  if (header_length > kMaxHeaderLength)
    throw fail("header length " + std::to_string(header_length) + " exceeds the limit of " +
               std::to_string(kMaxHeaderLength) + " bytes");
  if (header_length > file_size - 8)
    throw fail("header length " + std::to_string(header_length) + " exceeds file size " +
               std::to_string(file_size) + " (at most " + std::to_string(file_size - 8) +
               " bytes follow the length)");

  const std::string header_text(reinterpret_cast<const char*>(base + 8),
                                static_cast<size_t>(header_length));
  // nlohmann's lexer reads a NUL as the end of input and would ignore whatever follows.
  const size_t nul = header_text.find('\0');
  if (nul != std::string::npos)
    throw fail("header is not valid JSON: NUL byte at header offset " + std::to_string(nul));
  json header;
  std::string duplicate;
  try {
    header = parse_header(header_text, duplicate);
  } catch (const json::exception& e) {
    throw fail(std::string("header is not valid JSON: ") + e.what());
  }
  if (!duplicate.empty()) throw fail(duplicate);
  if (!header.is_object())
    throw fail(std::string("header is a JSON ") + header.type_name() + ", not an object");

  const uint8_t* data_section = base + 8 + header_length;
  const uint64_t data_size = file_size - 8 - header_length;
  struct Span {
    uint64_t begin, end;
    size_t entry;
  };
  std::vector<Span> spans;

  for (const auto& [name, value] : header.items()) {
    if (name == kMetadataKey) {
      if (!value.is_object())
        throw fail(std::string("__metadata__ is a JSON ") + value.type_name() +
                   ", not an object of strings");
      for (const auto& [key, text] : value.items()) {
        if (!text.is_string())
          throw fail("__metadata__ entry '" + key + "' is a JSON " + text.type_name() +
                     ", not a string");
        metadata_[key] = text.get<std::string>();
      }
      continue;
    }
    const std::string tensor = "tensor '" + name + "'";
    if (!value.is_object())
      throw fail(tensor + " is a JSON " + value.type_name() + ", not an object");
    for (const char* field : {"dtype", "shape", "data_offsets"})
      if (!value.contains(field)) throw fail(tensor + " has no \"" + field + "\"");

    SafetensorsEntry entry;
    entry.name = name;
    const json& dtype = value["dtype"];
    if (!dtype.is_string()) throw fail(tensor + " has a dtype that is not a string");
    if (!parse_dtype(dtype.get<std::string>(), entry.dtype))
      throw fail(tensor + " has dtype " + dtype.get<std::string>() +
                 "; only F32, F16 and BF16 are supported");

    const json& shape = value["shape"];
    if (!shape.is_array()) throw fail(tensor + " has a shape that is not an array");
    for (const json& d : shape) {
      if (!d.is_number_unsigned() ||
          d.get<uint64_t>() > static_cast<uint64_t>(std::numeric_limits<int64_t>::max()))
        throw fail(tensor + " has shape " + shape.dump() +
                   ", whose dimensions are not all non-negative 64-bit integers");
      entry.shape.push_back(static_cast<int64_t>(d.get<uint64_t>()));
    }

    const json& offsets = value["data_offsets"];
    if (!offsets.is_array() || offsets.size() != 2 || !offsets[0].is_number_unsigned() ||
        !offsets[1].is_number_unsigned())
      throw fail(tensor + " has data_offsets " + offsets.dump() +
                 ", not two non-negative integers [begin, end]");
    const auto begin = offsets[0].get<uint64_t>();
    const auto end = offsets[1].get<uint64_t>();
    const std::string range = "[" + std::to_string(begin) + ", " + std::to_string(end) + "]";
    if (begin > end) throw fail(tensor + " has data_offsets " + range + " with begin after end");
    if (end > data_size)
      throw fail(tensor + " has data_offsets " + range + " past the end of the data (" +
                 std::to_string(data_size) + " bytes; is the file truncated?)");

    uint64_t needed = 0;
    if (!byte_count(entry.shape, entry.dtype, needed))
      throw fail(tensor + " has shape " + shape_text(entry.shape) + " × " +
                 dtype_name(entry.dtype) + ", too large to address");
    if (end - begin != needed)
      throw fail(tensor + " data_offsets " + range + " but shape " + shape_text(entry.shape) +
                 " × " + dtype_name(entry.dtype) + " needs " + std::to_string(needed) +
                 " bytes");

    entry.data = data_section + begin;
    entry.nbytes = static_cast<size_t>(needed);
    spans.push_back({begin, end, entries_.size()});
    entries_.push_back(std::move(entry));
  }

  // Sorted by begin, a tensor overlaps an earlier one exactly when it starts before the
  // furthest end seen so far (an empty tensor strictly inside another counts as overlap).
  std::sort(spans.begin(), spans.end(), [](const Span& a, const Span& b) {
    return a.begin != b.begin ? a.begin < b.begin : a.end < b.end;
  });
  const Span* furthest = nullptr;
  for (const Span& span : spans) {
    if (furthest && span.begin < furthest->end)
      throw fail("tensor '" + entries_[span.entry].name + "' at [" +
                 std::to_string(span.begin) + ", " + std::to_string(span.end) +
                 "] overlaps tensor '" + entries_[furthest->entry].name + "' at [" +
                 std::to_string(furthest->begin) + ", " + std::to_string(furthest->end) + "]");
    if (!furthest || span.end > furthest->end) furthest = &span;
  }

  mapping_ = mapping.address;
  mapped_size_ = mapping.size;
  mapping.address = nullptr;
}

SafetensorsFile::~SafetensorsFile() {
  if (mapping_) ::munmap(mapping_, mapped_size_);
}

SafetensorsFile::SafetensorsFile(SafetensorsFile&& other) noexcept
    : path_(std::move(other.path_)),
      mapping_(std::exchange(other.mapping_, nullptr)),
      mapped_size_(std::exchange(other.mapped_size_, 0)),
      entries_(std::move(other.entries_)),
      metadata_(std::move(other.metadata_)) {
  other.entries_.clear();
}

SafetensorsFile& SafetensorsFile::operator=(SafetensorsFile&& other) noexcept {
  if (this != &other) {
    if (mapping_) ::munmap(mapping_, mapped_size_);
    path_ = std::move(other.path_);
    mapping_ = std::exchange(other.mapping_, nullptr);
    mapped_size_ = std::exchange(other.mapped_size_, 0);
    entries_ = std::move(other.entries_);
    metadata_ = std::move(other.metadata_);
    other.entries_.clear();
  }
  return *this;
}

const SafetensorsEntry* SafetensorsFile::find(const std::string& name) const {
  for (const SafetensorsEntry& entry : entries_)
    if (entry.name == name) return &entry;
  return nullptr;
}

void write_safetensors(const std::string& path, const std::vector<SafetensorsTensor>& tensors,
                       const std::map<std::string, std::string>& metadata) {
  auto fail = [&](const std::string& what) { return Error(path, what); };

  // The header lists names in sorted order and the data follows that order, so the same
  // tensors always give the same bytes.
  std::vector<const SafetensorsTensor*> order;
  for (const SafetensorsTensor& t : tensors) order.push_back(&t);
  std::sort(order.begin(), order.end(),
            [](const SafetensorsTensor* a, const SafetensorsTensor* b) { return a->name < b->name; });

  json header = json::object();
  uint64_t offset = 0;
  for (size_t i = 0; i < order.size(); ++i) {
    const SafetensorsTensor& t = *order[i];
    const std::string tensor = "tensor '" + t.name + "'";
    if (t.name.empty()) throw fail("a tensor has an empty name");
    if (t.name == kMetadataKey) throw fail("__metadata__ is reserved and cannot name a tensor");
    if (i > 0 && order[i - 1]->name == t.name) throw fail(tensor + " is given twice");
    for (int64_t d : t.shape)
      if (d < 0) throw fail(tensor + " has negative dimension in shape " + shape_text(t.shape));
    uint64_t needed = 0;
    if (!byte_count(t.shape, t.dtype, needed))
      throw fail(tensor + " has shape " + shape_text(t.shape) + ", too large to address");
    if (t.nbytes != needed)
      throw fail(tensor + " has " + std::to_string(t.nbytes) + " bytes but shape " +
                 shape_text(t.shape) + " × " + dtype_name(t.dtype) + " needs " +
                 std::to_string(needed));
    if (needed > 0 && !t.data) throw fail(tensor + " has no data");
    header[t.name] = {{"dtype", dtype_name(t.dtype)},
                      {"shape", t.shape},
                      {"data_offsets", {offset, offset + needed}}};
    offset += needed;
  }
  if (!metadata.empty()) header[kMetadataKey] = metadata;

  std::string header_text;
  try {
    header_text = header.dump(-1, ' ', false, json::error_handler_t::replace);
  } catch (const json::exception& e) {
    throw fail(std::string("tensor names and metadata must be valid UTF-8: ") + e.what());
  }
  // The reference implementation pads with spaces so the data starts 8-byte aligned.
  header_text.append((8 - header_text.size() % 8) % 8, ' ');
  uint8_t length[8];
  for (int i = 0; i < 8; ++i) length[i] = static_cast<uint8_t>(header_text.size() >> (8 * i));

  AtomicFile file(path);
  file.write(length, sizeof length);
  file.write(header_text.data(), header_text.size());
  for (const SafetensorsTensor* t : order)
    if (t->nbytes > 0) file.write(t->data, t->nbytes);
  file.commit();
  // Makes the rename itself durable; a failure here loses nothing already written.
  const int dir = ::open(directory_of(path).c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (dir >= 0) {
    ::fsync(dir);
    ::close(dir);
  }
}

}  // namespace protext
