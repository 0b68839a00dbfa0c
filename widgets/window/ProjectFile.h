#pragma once
#include <QJsonObject>
#include <QMap>
#include <QString>
#include <QStringList>
#include <optional>
#include <stdexcept>

#include "core/protext/train_config.h"

namespace protext {

// What went wrong reading or writing a project; what() names the file and the problem.
class ProjectFileError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// Everything a .protext project remembers. Paths are absolute in memory (or Qt resource
// paths such as ":/models/mini"); the file stores them relative to its own folder when
// they lie under it, so a project folder can be moved or shared as a whole.
struct ProjectData {
  QString modelPath;
  QString device;
  QStringList classes;
  QMap<QString, QStringList> descriptions;  // class name -> LLM descriptions (CuPL)
  QString promptsPath;
  // The Training panel's settings, in the core's JSON form and checked by the core
  // (config_from_json); absent when the file keeps none.
  std::optional<TrainConfig> training;
  QJsonObject imageSettings;
  QStringList images;
  int version = 1;

  bool operator==(const ProjectData& other) const;
  bool operator!=(const ProjectData& other) const { return !(*this == other); }
};

// Reads and writes ProjectData as UTF-8 JSON. Qt Core and the torch-free core only, so the
// CLI could share it.
class ProjectFile {
 public:
  static constexpr int kVersion = 1;  // the newest format this build reads and writes
  static constexpr const char* kSuffix = "protext";

  // Throws ProjectFileError: unreadable file, malformed JSON (with the byte offset), a top
  // level that is not an object, a field of the wrong type, training settings the core
  // refuses (naming the setting), or a version newer than kVersion.
  static ProjectData read(const QString& path);
  // Writes to a temporary file and renames it into place, so a crash never leaves half a
  // project behind. Throws ProjectFileError when the folder is not writable.
  static void write(const QString& path, const ProjectData& data);
};

}  // namespace protext
