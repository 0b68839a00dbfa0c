#include "core/protext/image_folder.h"

#include <algorithm>
#include <filesystem>

#include "core/error.h"
#include "core/zeroshot/class_list.h"
#include "core/zeroshot/classifier.h"

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

ImageFolder read_unlabelled_folder(const std::string& dir) {
  std::error_code ec;
  if (!fs::exists(dir, ec)) throw Error(dir, "image folder does not exist");
  if (!fs::is_directory(dir, ec)) throw Error(dir, "not a folder");
  ImageFolder folder;
  folder.root = dir;
  folder.classes = {""};
  std::vector<fs::path> images;
  fs::recursive_directory_iterator it(dir, fs::directory_options::skip_permission_denied, ec), end;
  for (; !ec && it != end; it.increment(ec)) {
    const auto& p = it->path();
    if (hidden(p)) {
      if (it->is_directory(ec)) it.disable_recursion_pending();
      continue;
    }
    if (it->is_directory(ec)) continue;
    if (is_image_name(p))
      images.push_back(p);
    else
      folder.skipped.push_back({p.string(), "not an image file (extension ." + lower_extension(p) + ")"});
  }
  if (ec) throw Error(dir, "cannot list the folder (" + ec.message() + ")");
  if (images.empty()) throw Error(dir, "no images in the folder or its sub-folders (" + extension_list() + ")");
  std::sort(images.begin(), images.end());
  for (const auto& p : images) {
    folder.paths.push_back(p.string());
    folder.labels.push_back(0);
  }
  std::sort(folder.skipped.begin(), folder.skipped.end(),
            [](const SkippedImage& a, const SkippedImage& b) { return a.path < b.path; });
  return folder;
}

}  // namespace protext
