#include "widgets/common/ClassFiles.h"

#include <functional>

#include "core/error.h"
#include "core/zeroshot/class_file.h"
#include "core/zeroshot/class_list.h"

namespace protext {
namespace {

QString qt(const std::string& text) { return QString::fromStdString(text); }
std::string std_string(const QString& text) { return text.toStdString(); }

QStringList qt(const std::vector<std::string>& texts) {
  QStringList list;
  list.reserve(static_cast<qsizetype>(texts.size()));
  for (const auto& text : texts) list << qt(text);
  return list;
}

std::vector<std::string> std_strings(const QStringList& texts) {
  std::vector<std::string> list;
  list.reserve(static_cast<size_t>(texts.size()));
  for (const QString& text : texts) list.push_back(std_string(text));
  return list;
}

ClassFileContents contents_of(const std::function<ClassFile()>& read) {
  ClassFileContents contents;
  try {
    const ClassFile file = read();
    for (const auto& entry : file.entries) contents.entries << ClassEntry{qt(entry.name), qt(entry.descriptions)};
    contents.warnings = qt(file.warnings);
    contents.hasDescriptions = file.has_descriptions();
  } catch (const Error& e) {
    contents.error = QString::fromUtf8(e.what());
  }
  return contents;
}

QString error_of(const std::function<void()>& write) {
  try {
    write();
  } catch (const Error& e) {
    return QString::fromUtf8(e.what());
  }
  return {};
}

}  // namespace

QStringList ClassFileContents::names() const {
  QStringList list;
  list.reserve(entries.size());
  for (const ClassEntry& entry : entries) list << entry.name;
  return list;
}

QString ClassFiles::cleanName(const QString& name) { return qt(clean_class_name(std_string(name))); }

QString ClassFiles::matchKey(const QString& name) { return qt(class_key(std_string(name))); }

QString ClassFiles::cleanDescription(const QString& text) { return qt(clean_description(std_string(text))); }

QStringList ClassFiles::linesToNames(const QString& text) { return qt(class_lines(std_string(text))); }

ClassFileContents ClassFiles::readClassList(const QString& path) {
  return contents_of([&] { return read_class_file(std_string(path)); });
}

ClassFileContents ClassFiles::readDescriptions(const QString& path) {
  return contents_of([&] { return read_description_file(std_string(path)); });
}

QString ClassFiles::writeClassList(const QString& path, const QStringList& classes) {
  return error_of([&] { write_class_list(std_string(path), std_strings(classes)); });
}

QString ClassFiles::writeDescriptions(const QString& path, const QVector<ClassEntry>& entries) {
  std::vector<ClassFileEntry> classes;
  classes.reserve(static_cast<size_t>(entries.size()));
  for (const ClassEntry& entry : entries) classes.push_back({std_string(entry.name), std_strings(entry.descriptions)});
  return error_of([&] { write_cupl_json(std_string(path), classes); });
}

}  // namespace protext
