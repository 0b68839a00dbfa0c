#pragma once
#include <cstddef>
#include <string>

namespace protext {

// A file written beside its target under a fresh, unpredictable name (mkstemp: O_EXCL, so
// a planted link is never followed), fsync'd, then renamed over the target, so a reader
// sees the old file or the whole new one, never half of either. A target that exists and
// is not a regular file (a device, a folder) is refused. Destroying an uncommitted file
// removes the temporary.
class AtomicFile {
 public:
  explicit AtomicFile(std::string path);
  ~AtomicFile();
  AtomicFile(const AtomicFile&) = delete;
  AtomicFile& operator=(const AtomicFile&) = delete;

  void write(const void* data, size_t bytes);
  void commit();

 private:
  std::string path_, tmp_;
  int fd_ = -1;
};

void write_file_atomically(const std::string& path, const std::string& bytes);

// Throws the Error an AtomicFile for `path` would, now: a command checks where its output
// goes before hours of work, not after.
void check_writable(const std::string& path);

}  // namespace protext
