#include "widgets/window/ProjectFile.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonParseError>
#include <QSaveFile>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/error.h"

namespace protext {

bool ProjectData::operator==(const ProjectData& o) const {
  return modelPath == o.modelPath && device == o.device && classes == o.classes &&
         descriptions == o.descriptions && promptsPath == o.promptsPath &&
         training == o.training && imageSettings == o.imageSettings &&
         images == o.images && version == o.version;
}

namespace {

// Field names in the file; kept apart from the struct's so either can be renamed alone.
constexpr const char* kVersionKey = "version";
constexpr const char* kModelKey = "model";
constexpr const char* kDeviceKey = "device";
constexpr const char* kClassesKey = "classes";
constexpr const char* kDescriptionsKey = "descriptions";
constexpr const char* kPromptsKey = "prompts";
constexpr const char* kTrainingKey = "trainingSettings";
constexpr const char* kImageKey = "imageSettings";
constexpr const char* kImagesKey = "images";

[[noreturn]] void fail(const QString& path, const QString& problem) {
  throw ProjectFileError(QStringLiteral("%1: %2").arg(QDir::toNativeSeparators(path), problem).toStdString());
}

bool isResourcePath(const QString& p) { return p.startsWith(QLatin1Char(':')) || p.startsWith(QLatin1String("qrc:")); }

QString storedPath(const QDir& folder, const QString& p) {
  if (p.isEmpty() || isResourcePath(p) || QDir::isRelativePath(p)) return QDir::fromNativeSeparators(p);
  const QString absolute = QDir::cleanPath(QDir::fromNativeSeparators(p));
  const QString relative = folder.relativeFilePath(absolute);
  // A path outside the folder stays absolute: "../../x" breaks as soon as the folder moves.
  if (relative.startsWith(QLatin1String("../")) || relative == QLatin1String("..") || QDir::isAbsolutePath(relative))
    return absolute;
  return relative;
}

QString loadedPath(const QDir& folder, const QString& p) {
  if (p.isEmpty() || isResourcePath(p) || QDir::isAbsolutePath(p)) return p;
  return QDir::cleanPath(folder.absoluteFilePath(p));
}

QString typeName(const QJsonValue& v) {
  switch (v.type()) {
    case QJsonValue::Null: return QStringLiteral("null");
    case QJsonValue::Bool: return QStringLiteral("a boolean");
    case QJsonValue::Double: return QStringLiteral("a number");
    case QJsonValue::String: return QStringLiteral("a string");
    case QJsonValue::Array: return QStringLiteral("an array");
    case QJsonValue::Object: return QStringLiteral("an object");
    case QJsonValue::Undefined: break;
  }
  return QStringLiteral("undefined");
}

// Reads fields of a parsed project, naming the file and the field in every complaint.
class FieldReader {
 public:
  FieldReader(QString path, QJsonObject root) : path_(std::move(path)), root_(std::move(root)) {}

  QString string(const char* key) const {
    const QJsonValue v = root_.value(QLatin1String(key));
    if (v.isUndefined() || v.isNull()) return {};
    if (!v.isString()) wrongType(QLatin1String(key), v, "a string");
    return v.toString();
  }

  QJsonObject object(const char* key) const {
    const QJsonValue v = root_.value(QLatin1String(key));
    if (v.isUndefined() || v.isNull()) return {};
    if (!v.isObject()) wrongType(QLatin1String(key), v, "an object");
    return v.toObject();
  }

  QStringList strings(const char* key) const { return stringsOf(QLatin1String(key), root_.value(QLatin1String(key))); }

  QStringList stringsOf(const QString& what, const QJsonValue& v) const {
    if (v.isUndefined() || v.isNull()) return {};
    if (!v.isArray()) wrongType(what, v, "an array of strings");
    QStringList out;
    const QJsonArray items = v.toArray();
    for (qsizetype i = 0; i < items.size(); ++i) {
      if (!items.at(i).isString())
        wrongType(QStringLiteral("%1[%2]").arg(what).arg(i), items.at(i), "a string");
      out << items.at(i).toString();
    }
    return out;
  }

  [[noreturn]] void wrongType(const QString& what, const QJsonValue& v, const char* expected) const {
    fail(path_, QStringLiteral("field '%1' is %2, expected %3").arg(what, typeName(v), QLatin1String(expected)));
  }

  const QString& path() const { return path_; }
  const QJsonObject& root() const { return root_; }

 private:
  QString path_;
  QJsonObject root_;
};

// One JSON scalar, escaped exactly as Qt does it.
QByteArray scalarText(const QJsonValue& v) {
  const QByteArray wrapped = QJsonDocument(QJsonArray{v}).toJson(QJsonDocument::Compact);
  return wrapped.mid(1, wrapped.size() - 2);
}

// QJsonObject sorts its keys; a project keeps its own field order and lists descriptions in
// class order so that a diff of two saves reads like the edit that was made. Hence a small
// printer with ordered members instead of QJsonDocument::toJson for the top two levels.
using Members = std::vector<std::pair<QString, QJsonValue>>;

void printValue(QByteArray& out, const QJsonValue& v, int indent);

void printMembers(QByteArray& out, const Members& members, int indent) {
  if (members.empty()) {
    out += "{}";
    return;
  }
  const QByteArray pad(indent + 2, ' ');
  out += "{\n";
  for (size_t i = 0; i < members.size(); ++i) {
    out += pad + scalarText(members[i].first) + ": ";
    printValue(out, members[i].second, indent + 2);
    out += i + 1 < members.size() ? ",\n" : "\n";
  }
  out += QByteArray(indent, ' ') + "}";
}

void printValue(QByteArray& out, const QJsonValue& v, int indent) {
  if (v.isObject()) {
    const QJsonObject o = v.toObject();
    Members members;
    for (auto it = o.begin(); it != o.end(); ++it) members.emplace_back(it.key(), it.value());
    printMembers(out, members, indent);
  } else if (v.isArray()) {
    const QJsonArray a = v.toArray();
    if (a.isEmpty()) {
      out += "[]";
      return;
    }
    const QByteArray pad(indent + 2, ' ');
    out += "[\n";
    for (qsizetype i = 0; i < a.size(); ++i) {
      out += pad;
      printValue(out, a.at(i), indent + 2);
      out += i + 1 < a.size() ? ",\n" : "\n";
    }
    out += QByteArray(indent, ' ') + "]";
  } else {
    out += scalarText(v);
  }
}

QJsonArray toArray(const QStringList& list) { return QJsonArray::fromStringList(list); }

// The training block is the core's JSON (TrainConfig::to_json), read back by the core, so
// a project, a checkpoint and the CLI agree on every key and every limit. An empty block
// keeps no settings, as a missing one.
std::optional<TrainConfig> readTraining(const FieldReader& fields) {
  const QJsonObject block = fields.object(kTrainingKey);
  if (block.isEmpty()) return std::nullopt;
  const auto json = nlohmann::json::parse(QJsonDocument(block).toJson(QJsonDocument::Compact).toStdString());
  try {
    return config_from_json(json, std::string());
  } catch (const Error& e) {
    fail(fields.path(), QStringLiteral("field '%1': %2").arg(QLatin1String(kTrainingKey), QString::fromUtf8(e.what())));
  }
}

QJsonObject trainingJson(const std::optional<TrainConfig>& training) {
  if (!training) return {};
  return QJsonDocument::fromJson(QByteArray::fromStdString(training->to_json().dump())).object();
}

}  // namespace

ProjectData ProjectFile::read(const QString& path) {
  QFile file(path);
  if (!file.open(QIODevice::ReadOnly)) fail(path, QStringLiteral("cannot open: %1").arg(file.errorString()));
  const QByteArray bytes = file.readAll();
  if (file.error() != QFileDevice::NoError) fail(path, QStringLiteral("cannot read: %1").arg(file.errorString()));

  QJsonParseError parseError;
  const QJsonDocument doc = QJsonDocument::fromJson(bytes, &parseError);
  if (parseError.error != QJsonParseError::NoError)
    fail(path, QStringLiteral("malformed JSON at byte %1: %2").arg(parseError.offset).arg(parseError.errorString()));
  if (!doc.isObject())
    fail(path, QStringLiteral("the top level is %1, expected a JSON object").arg(doc.isArray() ? "an array" : "empty"));

  const FieldReader fields(path, doc.object());
  ProjectData data;
  const QJsonValue version = fields.root().value(QLatin1String(kVersionKey));
  if (version.isUndefined()) fail(path, QStringLiteral("field 'version' is missing; is this a ProText Studio project?"));
  if (!version.isDouble()) fields.wrongType(QLatin1String(kVersionKey), version, "an integer");
  const double v = version.toDouble();
  if (v != static_cast<int>(v) || v < 1) fail(path, QStringLiteral("field 'version' is %1, expected an integer from 1").arg(v));
  data.version = static_cast<int>(v);
  if (data.version > kVersion)
    fail(path, QStringLiteral("written by a newer ProText Studio (project version %1; this version reads up to %2)")
                   .arg(data.version)
                   .arg(kVersion));

  const QDir folder = QFileInfo(path).absoluteDir();
  data.modelPath = loadedPath(folder, fields.string(kModelKey));
  data.device = fields.string(kDeviceKey);
  data.classes = fields.strings(kClassesKey);
  const QJsonObject descriptions = fields.object(kDescriptionsKey);
  for (auto it = descriptions.begin(); it != descriptions.end(); ++it)
    data.descriptions.insert(it.key(), fields.stringsOf(QStringLiteral("descriptions.%1").arg(it.key()), it.value()));
  data.promptsPath = loadedPath(folder, fields.string(kPromptsKey));
  data.training = readTraining(fields);
  data.imageSettings = fields.object(kImageKey);
  for (const QString& image : fields.strings(kImagesKey)) data.images << loadedPath(folder, image);
  return data;
}

void ProjectFile::write(const QString& path, const ProjectData& data) {
  const QDir folder = QFileInfo(path).absoluteDir();

  Members descriptions;
  for (const QString& name : data.classes) {
    const auto it = data.descriptions.constFind(name);
    if (it != data.descriptions.constEnd()) descriptions.emplace_back(name, toArray(it.value()));
  }
  // Descriptions of classes no longer listed are kept after the listed ones, not dropped:
  // removing a class by mistake and re-adding it should not lose its descriptions.
  for (auto it = data.descriptions.constBegin(); it != data.descriptions.constEnd(); ++it)
    if (!data.classes.contains(it.key())) descriptions.emplace_back(it.key(), toArray(it.value()));
  QByteArray descriptionsText;
  printMembers(descriptionsText, descriptions, 2);

  QStringList images;
  for (const QString& image : data.images) images << storedPath(folder, image);

  const Members root{
      {kVersionKey, kVersion},
      {kModelKey, storedPath(folder, data.modelPath)},
      {kDeviceKey, data.device},
      {kClassesKey, toArray(data.classes)},
      {kDescriptionsKey, QJsonValue()},  // placeholder, printed in class order below
      {kPromptsKey, storedPath(folder, data.promptsPath)},
      {kTrainingKey, trainingJson(data.training)},
      {kImageKey, data.imageSettings},
      {kImagesKey, toArray(images)},
  };
  QByteArray text;
  text += "{\n";
  for (size_t i = 0; i < root.size(); ++i) {
    text += "  " + scalarText(root[i].first) + ": ";
    if (root[i].first == QLatin1String(kDescriptionsKey))
      text += descriptionsText;
    else
      printValue(text, root[i].second, 2);
    text += i + 1 < root.size() ? ",\n" : "\n";
  }
  text += "}\n";

  QSaveFile file(path);
  if (!file.open(QIODevice::WriteOnly)) fail(path, QStringLiteral("cannot write: %1").arg(file.errorString()));
  file.write(text);
  if (!file.commit()) fail(path, QStringLiteral("cannot write: %1").arg(file.errorString()));
}

}  // namespace protext
