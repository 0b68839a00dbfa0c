#pragma once
#include <string>
#include <vector>

#include "core/protext/eval_report.h"

namespace protext {

// A labelled image folder: one sub-folder per class.
struct ImageFolder {
  std::string root;
  std::vector<std::string> classes;  // as they go into templates ('_' read as ' ')
  std::vector<std::string> paths;    // image files, grouped by class, sorted within each
  std::vector<int64_t> labels;       // index into classes, one per path
  std::vector<SkippedImage> skipped;        // files that are not images (by extension)
  std::vector<std::string> ignored_folders;  // sub-folders the --classes list does not name
};

// The image extensions read, lower case, without the dot.
const std::vector<std::string>& image_extensions();

// Classes are the sub-folders in sorted order, or the order of classes_override (a
// --classes list), each of whose names must match a folder through class_key(); folders
// it does not name are left out and listed in ignored_folders. Hidden entries are
// ignored. A missing folder, no class folders, a class folder without images, or a
// listed class with no folder is an error naming the folder.
ImageFolder read_image_folder(const std::string& dir, const std::vector<std::string>& classes_override = {});

// An unlabelled folder: its images and those of its sub-folders, at any depth, sorted by
// path, all labelled 0 under one class "". Hidden entries are ignored and links to folders
// are not followed (no loops); other files are listed in skipped. No image is an error.
ImageFolder read_unlabelled_folder(const std::string& dir);

}  // namespace protext
