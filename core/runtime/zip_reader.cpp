#include "core/runtime/zip_reader.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <vector>

#include "core/error.h"

namespace protext {

namespace {

uint64_t le(const unsigned char* p, int n) {
  uint64_t v = 0;
  for (int i = n - 1; i >= 0; --i) v = (v << 8) | p[i];
  return v;
}

constexpr uint32_t kEndOfDirectory = 0x06054b50;
constexpr uint32_t kZip64End = 0x06064b50;
constexpr uint32_t kZip64Locator = 0x07064b50;
constexpr uint32_t kDirectoryEntry = 0x02014b50;
constexpr uint32_t kLocalHeader = 0x04034b50;

}  // namespace

ZipReader::ZipReader(const std::string& path) : path_(path) {
  fd_ = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd_ < 0) throw Error(path, std::string("cannot open: ") + std::strerror(errno));
  struct stat st {};
  if (::fstat(fd_, &st) != 0 || !S_ISREG(st.st_mode)) {
    ::close(fd_);
    fd_ = -1;
    throw Error(path, "not a regular file");
  }
  file_size_ = static_cast<uint64_t>(st.st_size);
  try {
    // The end-of-directory record is in the last 22 + 65535 (comment) bytes.
    const uint64_t tail_size = std::min<uint64_t>(file_size_, 22 + 65535);
    std::vector<unsigned char> tail(tail_size);
    pread_exact(file_size_ - tail_size, tail.data(), tail_size);
    int64_t at = -1;
    for (int64_t i = int64_t(tail_size) - 22; i >= 0; --i)
      if (le(&tail[i], 4) == kEndOfDirectory) {
        at = i;
        break;
      }
    if (at < 0) throw Error(path, "not a zip archive (no end-of-directory record)");
    const unsigned char* end = &tail[at];
    uint64_t count = le(end + 10, 2), dir_size = le(end + 12, 4), dir_offset = le(end + 16, 4);
    if (count == 0xffff || dir_size == 0xffffffff || dir_offset == 0xffffffff) {
      // Zip64: a locator just before the record points at the 64-bit end record.
      const uint64_t end_pos = file_size_ - tail_size + uint64_t(at);
      if (end_pos < 20) throw Error(path, "zip64 archive without its locator");
      unsigned char locator[20];
      pread_exact(end_pos - 20, locator, 20);
      if (le(locator, 4) != kZip64Locator) throw Error(path, "zip64 archive without its locator");
      const uint64_t end64 = le(locator + 8, 8);
      if (end64 > file_size_ || file_size_ - end64 < 56) throw Error(path, "zip64 end record outside the file");
      unsigned char record[56];
      pread_exact(end64, record, 56);
      if (le(record, 4) != kZip64End) throw Error(path, "zip64 end record is damaged");
      count = le(record + 32, 8);
      dir_size = le(record + 40, 8);
      dir_offset = le(record + 48, 8);
    }
    if (count > kMaxRecords)
      throw Error(path, "zip archive claims " + std::to_string(count) + " records (at most " +
                            std::to_string(kMaxRecords) + " are read)");
    if (dir_offset > file_size_ || dir_size > file_size_ - dir_offset)
      throw Error(path, "zip directory lies outside the file (truncated or damaged)");
    std::vector<unsigned char> dir(dir_size);
    pread_exact(dir_offset, dir.data(), dir_size);

    std::string prefix;
    size_t pos = 0;
    for (uint64_t n = 0; n < count; ++n) {
      if (dir_size - pos < 46 || le(&dir[pos], 4) != kDirectoryEntry)
        throw Error(path, "zip directory entry " + std::to_string(n) + " is damaged");
      const unsigned char* e = &dir[pos];
      Record r;
      r.method = static_cast<uint16_t>(le(e + 10, 2));
      uint64_t compressed = le(e + 20, 4), uncompressed = le(e + 24, 4), local = le(e + 42, 4);
      const size_t name_len = le(e + 28, 2), extra_len = le(e + 30, 2), comment_len = le(e + 32, 2);
      if (dir_size - pos - 46 < name_len + extra_len + comment_len)
        throw Error(path, "zip directory entry " + std::to_string(n) + " runs past the directory");
      std::string name(reinterpret_cast<const char*>(e + 46), name_len);
      // Zip64 sizes and offset, in this order, for the fields that hold 0xffffffff.
      const unsigned char* extra = e + 46 + name_len;
      for (size_t x = 0; x + 4 <= extra_len;) {
        const uint64_t id = le(extra + x, 2), len = le(extra + x + 2, 2);
        if (x + 4 + len > extra_len) break;
        if (id == 1) {
          const unsigned char* f = extra + x + 4;
          size_t used = 0;
          for (uint64_t* field : {&uncompressed, &compressed, &local})
            if (*field == 0xffffffff) {
              if (used + 8 > len) throw Error(path, "zip64 field of '" + name + "' is too short");
              *field = le(f + used, 8);
              used += 8;
            }
        }
        x += 4 + len;
      }
      pos += 46 + name_len + extra_len + comment_len;

      if (local > file_size_ || file_size_ - local < 30) throw Error(path, "record '" + name + "' starts outside the file");
      unsigned char header[30];
      pread_exact(local, header, 30);
      if (le(header, 4) != kLocalHeader) throw Error(path, "record '" + name + "' has no local header");
      r.data_offset = local + 30 + le(header + 26, 2) + le(header + 28, 2);
      r.size = compressed;
      if (r.method == 0 && compressed != uncompressed)
        throw Error(path, "stored record '" + name + "' gives two different sizes");
      if (r.data_offset > file_size_ || r.size > file_size_ - r.data_offset)
        throw Error(path, "record '" + name + "' runs past the end of the file (truncated?)");

      // PyTorch's archives keep everything under one top folder, named as the file was.
      const auto slash = name.find('/');
      if (slash == std::string::npos) throw Error(path, "record '" + name + "' is not inside the archive's folder");
      if (n == 0) prefix = name.substr(0, slash + 1);
      if (name.compare(0, prefix.size(), prefix) != 0)
        throw Error(path, "record '" + name + "' is outside the archive's folder '" + prefix + "'");
      records_[name.substr(prefix.size())] = r;
    }
  } catch (...) {
    ::close(fd_);
    fd_ = -1;
    throw;
  }
}

ZipReader::~ZipReader() {
  if (fd_ >= 0) ::close(fd_);
}

const ZipReader::Record& ZipReader::stored(const std::string& name) const {
  const auto found = records_.find(name);
  if (found == records_.end()) throw Error(path_, "archive has no record '" + name + "'");
  if (found->second.method != 0)
    throw Error(path_, "record '" + name + "' is compressed (method " + std::to_string(found->second.method) +
                           "); PyTorch stores it uncompressed, and a compressed one is not expanded");
  return found->second;
}

std::string ZipReader::read(const std::string& name, uint64_t max_bytes) const {
  const Record& r = stored(name);
  if (r.size > max_bytes)
    throw Error(path_, "record '" + name + "' holds " + std::to_string(r.size) + " bytes, more than the " +
                           std::to_string(max_bytes) + " it may have");
  std::string bytes(r.size, '\0');
  pread_exact(r.data_offset, bytes.data(), r.size);
  return bytes;
}

void ZipReader::read_at(const Record& record, uint64_t offset, void* out, uint64_t bytes) const {
  if (offset > record.size || bytes > record.size - offset) throw Error(path_, "read past the end of a record");
  pread_exact(record.data_offset + offset, out, bytes);
}

void ZipReader::pread_exact(uint64_t offset, void* out, uint64_t bytes) const {
  auto* to = static_cast<char*>(out);
  while (bytes > 0) {
    const ssize_t n = ::pread(fd_, to, std::min<uint64_t>(bytes, 1u << 30), static_cast<off_t>(offset));
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) throw Error(path_, n == 0 ? "file ends early (truncated?)" : std::string("read failed: ") + std::strerror(errno));
    to += n;
    offset += uint64_t(n);
    bytes -= uint64_t(n);
  }
}

}  // namespace protext
