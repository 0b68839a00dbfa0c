#include "core/runtime/embedding_store.h"

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <set>
#include <unordered_map>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include "core/error.h"
#include "core/runtime/atomic_file.h"

namespace fs = std::filesystem;

namespace protext {
namespace {

// Segment layout, little-endian: magic, dim (u32), zero (u32), count (u64), key bytes
// (u64), checksum (u64) of everything after the header; then per row its key length (u32)
// and key; then count × dim fp32 values.
constexpr char kMagic[8] = {'P', 'T', 'X', 'E', 'M', 'B', '0', '1'};
constexpr size_t kHeaderBytes = 40;
constexpr uint64_t kMaxSegmentBytes = uint64_t{1} << 31;
constexpr const char* kSuffix = ".emb";

// Word-at-a-time so a cache of hundreds of megabytes is checked in a fraction of a second.
uint64_t checksum(const char* data, size_t bytes) {
  uint64_t h = 0x9e3779b97f4a7c15ULL ^ bytes;
  size_t i = 0;
  for (; i + 8 <= bytes; i += 8) {
    uint64_t w;
    std::memcpy(&w, data + i, 8);
    h = (h ^ w) * 0xff51afd7ed558ccdULL;
    h ^= h >> 32;
  }
  for (; i < bytes; ++i) h = (h ^ static_cast<unsigned char>(data[i])) * 0x100000001b3ULL;
  h ^= h >> 29;
  return h * 0xc4ceb9fe1a85ec53ULL;
}

template <typename T>
T read_at(const std::string& bytes, size_t at) {
  T v;
  std::memcpy(&v, bytes.data() + at, sizeof v);
  return v;
}

template <typename T>
void put(std::string& out, T v) {
  out.append(reinterpret_cast<const char*>(&v), sizeof v);
}

std::string segment_name() {
  static std::atomic<uint64_t> counter{0};
  const auto now = std::chrono::system_clock::now().time_since_epoch();
  char name[96];
  std::snprintf(name, sizeof name, "seg-%020lld-%d-%llu%s",
                static_cast<long long>(std::chrono::duration_cast<std::chrono::nanoseconds>(now).count()),
                static_cast<int>(::getpid()), static_cast<unsigned long long>(counter++), kSuffix);
  return name;
}

bool is_segment(const fs::path& p) { return p.extension() == kSuffix && p.filename().string().rfind("seg-", 0) == 0; }

std::vector<fs::path> segments_in(const std::string& dir) {
  std::vector<fs::path> out;
  std::error_code ec;
  for (fs::directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec))
    if (is_segment(it->path())) out.push_back(it->path());
  std::sort(out.begin(), out.end());  // names start with their creation time
  return out;
}

// Every segment of every store under a cache root.
void for_each_segment(const std::string& root, const std::function<void(const fs::path&)>& visit) {
  std::error_code ec;
  for (fs::directory_iterator store(root, ec), end; !ec && store != end; store.increment(ec)) {
    if (!store->is_directory(ec)) continue;
    for (const auto& path : segments_in(store->path().string())) visit(path);
  }
}

struct Segment {
  std::string bytes;
  std::vector<std::pair<std::string_view, const float*>> rows;
};

// Reads and checks one segment; false if it is damaged, cut short or not `dim` wide.
bool read_segment(const fs::path& path, int64_t dim, Segment& out) {
  std::error_code ec;
  const auto size = fs::file_size(path, ec);
  if (ec || size < kHeaderBytes || size > kMaxSegmentBytes) return false;
  std::ifstream in(path, std::ios::binary);
  out.bytes.resize(size);
  if (!in.read(out.bytes.data(), static_cast<std::streamsize>(size))) return false;
  const std::string& b = out.bytes;
  if (std::memcmp(b.data(), kMagic, 8) != 0) return false;
  const auto file_dim = read_at<uint32_t>(b, 8);
  const auto count = read_at<uint64_t>(b, 16);
  const auto key_bytes = read_at<uint64_t>(b, 24);
  if (file_dim != dim || key_bytes > size - kHeaderBytes) return false;
  const uint64_t row_bytes = static_cast<uint64_t>(dim) * sizeof(float);
  if (count > (size - kHeaderBytes - key_bytes) / row_bytes) return false;
  if (kHeaderBytes + key_bytes + count * row_bytes != size) return false;
  if (checksum(b.data() + kHeaderBytes, size - kHeaderBytes) != read_at<uint64_t>(b, 32)) return false;
  size_t at = kHeaderBytes;
  const size_t keys_end = kHeaderBytes + key_bytes;
  const char* values = b.data() + keys_end;
  out.rows.reserve(count);
  for (uint64_t i = 0; i < count; ++i) {
    if (at + 4 > keys_end) return false;
    const auto length = read_at<uint32_t>(b, at);
    at += 4;
    if (length > EmbeddingStore::kMaxKeyBytes || at + length > keys_end) return false;
    out.rows.emplace_back(std::string_view(b.data() + at, length),
                          reinterpret_cast<const float*>(values + i * row_bytes));
    at += length;
  }
  return at == keys_end;
}

bool write_segment(const std::string& path, int64_t dim, const std::vector<std::string_view>& keys,
                   const std::vector<const float*>& rows) {
  std::string body;
  for (const auto& key : keys) {
    put(body, static_cast<uint32_t>(key.size()));
    body.append(key);
  }
  const uint64_t key_bytes = body.size();
  for (const float* row : rows) body.append(reinterpret_cast<const char*>(row), static_cast<size_t>(dim) * sizeof(float));
  std::string header(kMagic, 8);
  put(header, static_cast<uint32_t>(dim));
  put(header, uint32_t{0});
  put(header, static_cast<uint64_t>(keys.size()));
  put(header, key_bytes);
  put(header, checksum(body.data(), body.size()));
  try {
    AtomicFile file(path);
    file.write(header.data(), header.size());
    file.write(body.data(), body.size());
    file.commit();
    return true;
  } catch (const Error&) {
    return false;
  }
}

}  // namespace

EmbeddingStore::EmbeddingStore(std::string root, std::string tag, int64_t dim, uint64_t max_bytes)
    : root_(std::move(root)), dir_(root_ + "/" + tag), dim_(dim), max_bytes_(max_bytes) {
  if (dim < 1 || dim > kMaxDim) throw Error("embedding cache", "row width " + std::to_string(dim) + " is out of range");
  if (tag.empty() || tag.find('/') != std::string::npos || tag[0] == '.')
    throw Error("embedding cache", "'" + tag + "' is not a folder name");
}

EmbeddingStore::Loaded EmbeddingStore::load(const std::function<void(std::string_view, const float*)>& visit) {
  Loaded loaded;
  const auto paths = segments_in(dir_);
  const bool merge = static_cast<int>(paths.size()) > kMergeAbove;
  std::vector<Segment> kept;
  std::vector<fs::path> read;
  for (const auto& path : paths) {
    Segment segment;
    std::error_code ec;
    if (!read_segment(path, dim_, segment)) {
      // Ours and useless: a damaged file would be checked (and refused) on every start.
      fs::remove(path, ec);
      ++loaded.damaged;
      continue;
    }
    ::utimensat(AT_FDCWD, path.c_str(), nullptr, 0);  // used now: the last to be evicted
    for (const auto& [key, row] : segment.rows) visit(key, row);
    loaded.rows += static_cast<int64_t>(segment.rows.size());
    ++loaded.segments;
    read.push_back(path);
    if (merge) kept.push_back(std::move(segment));
  }
  if (merge) {
    // Newest first, so a key written twice keeps its latest row.
    std::unordered_map<std::string_view, const float*> seen;
    std::vector<std::string_view> keys;
    std::vector<const float*> rows;
    for (auto s = kept.rbegin(); s != kept.rend(); ++s)
      for (const auto& [key, row] : s->rows)
        if (seen.emplace(key, row).second) {
          keys.push_back(key);
          rows.push_back(row);
        }
    std::reverse(keys.begin(), keys.end());
    std::reverse(rows.begin(), rows.end());
    if (write_segment(dir_ + "/" + segment_name(), dim_, keys, rows)) {
      std::error_code ec;
      for (const auto& path : read) fs::remove(path, ec);
    }
  }
  return loaded;
}

bool EmbeddingStore::append(const std::vector<std::string>& keys, const float* rows) {
  if (keys.empty()) return true;
  std::error_code ec;
  fs::create_directories(dir_, ec);
  if (ec) return false;
  std::vector<std::string_view> views;
  std::vector<const float*> pointers;
  for (size_t i = 0; i < keys.size(); ++i) {
    if (keys[i].size() > kMaxKeyBytes) return false;
    views.emplace_back(keys[i]);
    pointers.push_back(rows + i * static_cast<size_t>(dim_));
  }
  const bool ok = write_segment(dir_ + "/" + segment_name(), dim_, views, pointers);
  evict();
  return ok;
}

void EmbeddingStore::evict() {
  struct File {
    fs::path path;
    fs::file_time_type used;
    uint64_t bytes;
  };
  std::vector<File> files;
  uint64_t total = 0;
  for_each_segment(root_, [&](const fs::path& path) {
    std::error_code e;
    const auto bytes = fs::file_size(path, e);
    const auto used = fs::last_write_time(path, e);
    if (e) return;
    files.push_back({path, used, bytes});
    total += bytes;
  });
  if (total <= max_bytes_) return;
  std::sort(files.begin(), files.end(), [](const File& a, const File& b) { return a.used < b.used; });
  for (const auto& f : files) {
    if (total <= max_bytes_) break;
    std::error_code e;
    if (fs::remove(f.path, e)) total -= f.bytes;
  }
}

uint64_t EmbeddingStore::bytes_used(const std::string& root) {
  uint64_t total = 0;
  for_each_segment(root, [&](const fs::path& path) {
    std::error_code e;
    const auto bytes = fs::file_size(path, e);
    if (!e) total += bytes;
  });
  return total;
}

void EmbeddingStore::clear(const std::string& root) {
  std::set<fs::path> stores;
  for_each_segment(root, [&](const fs::path& path) {
    std::error_code e;
    fs::remove(path, e);
    stores.insert(path.parent_path());
  });
  for (const auto& store : stores) {
    std::error_code e;
    fs::remove(store, e);  // only if now empty
  }
}

}  // namespace protext
