#pragma once
#include <cstdint>
#include <map>
#include <string>

namespace protext {

// The records of a zip archive as torch.save and torch.jit.save write them, read with
// nothing but the file's own bytes: the central directory (zip64 included) is parsed here,
// every count, offset and size is checked against the file before it is used, and a record
// is only ever read stored (uncompressed), as PyTorch writes the ones that matter, so a
// deflate bomb cannot expand. Names are relative to the archive's top folder
// ("archive/data.pkl" is "data.pkl"), as in PyTorch's own reader.
class ZipReader {
 public:
  struct Record {
    uint64_t data_offset = 0;  // where the record's bytes start in the file
    uint64_t size = 0;         // stored bytes
    uint16_t method = 0;       // 0: stored; 8: deflated
  };

  // Throws protext::Error naming `path`: missing, not a zip, a directory that lies about
  // its sizes, more than kMaxRecords records.
  explicit ZipReader(const std::string& path);
  ~ZipReader();
  ZipReader(const ZipReader&) = delete;
  ZipReader& operator=(const ZipReader&) = delete;

  const std::string& path() const { return path_; }
  uint64_t file_size() const { return file_size_; }
  bool has(const std::string& name) const { return records_.count(name) != 0; }
  // The stored record `name`; a missing or compressed record is refused naming it.
  const Record& stored(const std::string& name) const;
  // The whole record, refused above `max_bytes`.
  std::string read(const std::string& name, uint64_t max_bytes) const;
  // `bytes` bytes of `record` from `offset` on, which must lie inside it.
  void read_at(const Record& record, uint64_t offset, void* out, uint64_t bytes) const;

  static constexpr uint64_t kMaxRecords = 1'000'000;

 private:
  void pread_exact(uint64_t offset, void* out, uint64_t bytes) const;

  std::string path_;
  int fd_ = -1;
  uint64_t file_size_ = 0;
  std::map<std::string, Record> records_;
};

}  // namespace protext
