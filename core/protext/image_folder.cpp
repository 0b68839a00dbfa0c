#include "core/protext/image_folder.h"

#include <algorithm>
#include <filesystem>
#include <iomanip>
#include <map>
#include <sstream>

#include <nlohmann/json.hpp>

#include "core/clip/tensor_file.h"
#include "core/error.h"
#include "core/runtime/content_hash.h"
#include "core/zeroshot/class_list.h"
#include "core/zeroshot/classifier.h"
#ifdef PROTEXT_WITH_IMAGES
#include "core/image/preprocess.h"
#endif

namespace fs = std::filesystem;

namespace protext {
namespace {

bool hidden(const fs::path& p) { return !p.filename().empty() && p.filename().string()[0] == '.'; }

std::string lower_extension(const fs::path& p) {
  std::string ext = p.extension().string();
  if (!ext.empty() && ext[0] == '.') ext.erase(0, 1);
  std::transform(ext.begin(), ext.end(), ext.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return ext;
}

bool is_image_name(const fs::path& p) {
  const auto& exts = image_extensions();
  return std::find(exts.begin(), exts.end(), lower_extension(p)) != exts.end();
}

std::string extension_list() {
  std::string list;
  for (const auto& e : image_extensions()) list += (list.empty() ? "." : ", .") + e;
  return list;
}

// Sorted sub-folders, by name as bytes, so the class order is the same on every system.
std::vector<fs::path> class_folders(const fs::path& root) {
  std::vector<fs::path> folders;
  std::error_code ec;
  for (fs::directory_iterator it(root, ec), end; !ec && it != end; it.increment(ec))
    if (!hidden(it->path()) && fs::is_directory(it->path(), ec)) folders.push_back(it->path());
  if (ec) throw Error(root.string(), "cannot list the folder (" + ec.message() + ")");
  std::sort(folders.begin(), folders.end());
  return folders;
}

// Everything that changes the embeddings: the weights, how they run, and each file's
// identity (a replaced file changes its size or its modification time).
std::string cache_key(ClipModel& clip, const ImageFolder& folder) {
  ContentHash h;
  h.add(clip.fingerprint());
  h.add(std::string(c10::toString(clip.dtype())) + "/" + clip.device().str());
  h.add(std::to_string(clip.config().vision.image_size));
  for (const auto& path : folder.paths) {
    std::error_code ec;
    const auto size = fs::file_size(path, ec);
    const auto mtime = fs::last_write_time(path, ec).time_since_epoch().count();
    h.add(fs::absolute(path, ec).string());
    h.add(std::to_string(ec ? 0 : size) + ":" + std::to_string(mtime));
  }
  return h.hex();
}

void fill_from_indices(ImageFeatures& out, const ImageFolder& folder, const std::vector<int64_t>& read) {
  for (int64_t i : read) {
    out.labels.push_back(folder.labels[static_cast<size_t>(i)]);
    out.paths.push_back(folder.paths[static_cast<size_t>(i)]);
  }
}

// A cache entry that is damaged or does not fit this folder is ignored (recomputed).
bool load_cache(const std::string& file, ClipModel& clip, const ImageFolder& folder, ImageFeatures& out) {
  std::error_code ec;
  if (!fs::exists(file, ec)) return false;
  try {
    std::map<std::string, std::string> meta;
    auto tensors = read_safetensors(file, &meta);
    const auto features = tensors.find("features");
    const auto info_text = meta.find("protext_images");
    if (features == tensors.end() || info_text == meta.end()) return false;
    const auto info = nlohmann::json::parse(info_text->second);
    const auto read = info.at("read").get<std::vector<int64_t>>();
    const auto& f = features->second;
    if (f.dim() != 2 || f.size(0) != static_cast<int64_t>(read.size()) || f.size(1) != clip.config().embed_dim)
      return false;
    for (int64_t i : read)
      if (i < 0 || i >= static_cast<int64_t>(folder.paths.size())) return false;
    out.features = f.to(torch::kFloat32);
    fill_from_indices(out, folder, read);
    for (const auto& s : info.at("skipped"))
      out.skipped.push_back({s.at("path").get<std::string>(), s.at("error").get<std::string>()});
    out.from_cache = true;
    return true;
  } catch (const Error&) {
    return false;
  } catch (const nlohmann::json::exception&) {
    return false;
  }
}

}  // namespace

const std::vector<std::string>& image_extensions() {
  static const std::vector<std::string> exts{"jpg", "jpeg", "png", "bmp", "webp", "tif", "tiff"};
  return exts;
}

ImageFolder read_image_folder(const std::string& dir, const std::vector<std::string>& classes_override) {
  std::error_code ec;
  if (!fs::exists(dir, ec)) throw Error(dir, "image folder does not exist");
  if (!fs::is_directory(dir, ec)) throw Error(dir, "not a folder (expected one sub-folder of images per class)");
  const auto folders = class_folders(dir);
  if (folders.empty()) throw Error(dir, "no class sub-folders (expected one sub-folder of images per class)");

  ImageFolder folder;
  folder.root = dir;
  std::vector<fs::path> chosen;
  if (classes_override.empty()) {
    chosen = folders;
    for (const auto& f : folders) folder.classes.push_back(display_name(f.filename().string()));
  } else {
    validate_class_list(classes_override, "--classes");
    std::map<std::string, fs::path> by_key;
    for (const auto& f : folders) {
      const auto key = class_key(f.filename().string());
      if (!by_key.emplace(key, f).second)
        throw Error(dir, "folders '" + by_key[key].filename().string() + "' and '" + f.filename().string() +
                             "' name the same class");
    }
    std::vector<std::string> missing;
    for (const auto& name : classes_override) {
      auto it = by_key.find(class_key(name));
      if (it == by_key.end()) {
        missing.push_back("'" + name + "'");
        continue;
      }
      chosen.push_back(it->second);
      folder.classes.push_back(display_name(name));
      by_key.erase(it);
    }
    if (!missing.empty()) {
      std::string list;
      for (size_t i = 0; i < missing.size() && i < 5; ++i) list += (i ? ", " : "") + missing[i];
      if (missing.size() > 5) list += " and " + std::to_string(missing.size() - 5) + " more";
      throw Error(dir, "no folder for the classes " + list);
    }
    for (const auto& f : folders)
      if (std::find(chosen.begin(), chosen.end(), f) == chosen.end()) folder.ignored_folders.push_back(f.string());
  }

  for (size_t c = 0; c < chosen.size(); ++c) {
    std::vector<fs::path> images;
    for (fs::directory_iterator it(chosen[c], ec), end; !ec && it != end; it.increment(ec)) {
      const auto& p = it->path();
      if (hidden(p) || fs::is_directory(p, ec)) continue;
      if (is_image_name(p))
        images.push_back(p);
      else
        folder.skipped.push_back({p.string(), "not an image file (extension ." + lower_extension(p) + ")"});
    }
    if (ec) throw Error(chosen[c].string(), "cannot list the folder (" + ec.message() + ")");
    if (images.empty()) throw Error(chosen[c].string(), "class folder has no images (" + extension_list() + ")");
    std::sort(images.begin(), images.end());
    for (const auto& p : images) {
      folder.paths.push_back(p.string());
      folder.labels.push_back(static_cast<int64_t>(c));
    }
  }
  std::sort(folder.skipped.begin(), folder.skipped.end(),
            [](const SkippedImage& a, const SkippedImage& b) { return a.path < b.path; });
  return folder;
}

ImageFeatures encode_image_folder(ClipModel& clip, const ImageFolder& folder, const std::string& cache_dir,
                                  const std::function<void(int64_t, int64_t)>& progress,
                                  const std::atomic<bool>& cancel, int64_t batch_size) {
  if (batch_size < 1) throw Error("encode_image_folder", "batch size must be at least 1");
  ImageFeatures out;
  const auto total = static_cast<int64_t>(folder.paths.size());
  const std::string cache =
      cache_dir.empty() ? "" : cache_dir + "/images-" + cache_key(clip, folder) + ".safetensors";
  if (!cache.empty() && load_cache(cache, clip, folder, out)) {
    if (progress) progress(total, total);
    return out;
  }
#ifdef PROTEXT_WITH_IMAGES
  const int size = static_cast<int>(clip.config().vision.image_size);
  std::vector<int64_t> read;
  std::vector<torch::Tensor> parts;
  int64_t position = 0;
  while (position < total) {
    if (cancel) {
      out.cancelled = true;
      return out;
    }
    std::vector<torch::Tensor> pixels;
    const int64_t stop = std::min(total, position + batch_size);
    for (; position < stop; ++position) {
      const auto& path = folder.paths[static_cast<size_t>(position)];
      // One unreadable file costs only itself: it is reported, never fatal.
      try {
        pixels.push_back(preprocess_image(path, size));
        read.push_back(position);
      } catch (const std::exception& e) {
        out.skipped.push_back({path, e.what()});
      }
    }
    if (!pixels.empty()) {
      parts.push_back(clip.encode_images(torch::stack(pixels), /*normalize=*/true, batch_size));
      out.encoded += static_cast<int64_t>(pixels.size());
    }
    if (progress) progress(position, total);
  }
  out.features = parts.empty() ? torch::zeros({0, clip.config().embed_dim}) : torch::cat(parts);
  fill_from_indices(out, folder, read);
  if (!cache.empty()) {
    nlohmann::json skipped = nlohmann::json::array();
    for (const auto& s : out.skipped) skipped.push_back({{"path", s.path}, {"error", s.error}});
    const nlohmann::json info = {{"read", read}, {"skipped", skipped}, {"root", folder.root}};
    std::error_code ec;
    fs::create_directories(cache_dir, ec);
    try {
      save_safetensors(cache, {{"features", out.features.contiguous()}},
                       {{"protext_images", info.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace)}});
    } catch (const Error&) {
      // The cache only saves time; the evaluation goes on without it.
    }
  }
  return out;
#else
  (void)cancel;
  throw Error(folder.root, "reading images needs a build with OpenCV (PROTEXT_WITH_IMAGES)");
#endif
}

}  // namespace protext
