#include "widgets/ClassFiles.h"

#include <QFile>
#include <QFileInfo>
#include <QHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QJsonParseError>
#include <QSaveFile>
#include <QSet>
#include <QStringDecoder>

namespace protext {
namespace {

// Class lists are small; anything this large is the wrong file, and reading it whole would
// stall the GUI.
constexpr qint64 kMaxFileBytes = 64LL * 1024 * 1024;

QString displayName(const QString& path) {
  const QString name = QFileInfo(path).fileName();
  return name.isEmpty() ? path : name;
}

QString jsonTypeName(const QJsonValue& value) {
  switch (value.type()) {
    case QJsonValue::Null: return ClassFiles::tr("null");
    case QJsonValue::Bool: return ClassFiles::tr("boolean");
    case QJsonValue::Double: return ClassFiles::tr("number");
    case QJsonValue::String: return ClassFiles::tr("string");
    case QJsonValue::Array: return ClassFiles::tr("array");
    case QJsonValue::Object: return ClassFiles::tr("object");
    case QJsonValue::Undefined: break;
  }
  return ClassFiles::tr("undefined value");
}

bool readBytes(const QString& path, QByteArray* bytes, QString* error) {
  const QFileInfo info(path);
  if (info.isDir()) {
    *error = ClassFiles::tr("Cannot read '%1': it is a folder, not a file.").arg(displayName(path));
    return false;
  }
  QFile file(path);
  if (!file.open(QIODevice::ReadOnly)) {
    *error = ClassFiles::tr("Cannot read '%1': %2.").arg(displayName(path), file.errorString());
    return false;
  }
  if (file.size() > kMaxFileBytes) {
    *error = ClassFiles::tr("Cannot read '%1': it is %2 MiB, too large for a class list.")
                 .arg(displayName(path))
                 .arg(file.size() / (1024 * 1024));
    return false;
  }
  *bytes = file.readAll();
  if (bytes->startsWith("\xEF\xBB\xBF")) bytes->remove(0, 3);
  return true;
}

// Line and column make a parse error findable in an editor; the offset is what Qt reports.
QString describeParseError(const QByteArray& bytes, const QJsonParseError& parse) {
  const int offset = qBound(0, parse.offset, static_cast<int>(bytes.size()));
  int line = 1;
  int column = 1;
  for (int i = 0; i < offset; ++i) {
    if (bytes[i] == '\n') {
      ++line;
      column = 1;
    } else if ((static_cast<unsigned char>(bytes[i]) & 0xC0) != 0x80) {
      ++column;
    }
  }
  return ClassFiles::tr("%1 at line %2, column %3 (offset %4)")
      .arg(parse.errorString())
      .arg(line)
      .arg(column)
      .arg(parse.offset);
}

bool parseJson(const QString& path, const QByteArray& bytes, QJsonDocument* doc, QString* error) {
  QJsonParseError parse{};
  *doc = QJsonDocument::fromJson(bytes, &parse);
  if (parse.error != QJsonParseError::NoError) {
    *error = ClassFiles::tr("'%1' is not valid JSON: %2.")
                 .arg(displayName(path), describeParseError(bytes, parse));
    return false;
  }
  return true;
}

// QJsonObject keeps its keys sorted, but a class list's order is its label order, so the
// top-level keys are read again, in file order, from the (already validated) text.
QStringList topLevelKeysInOrder(const QByteArray& json) {
  QStringList keys;
  int depth = 0;
  bool expectKey = false;
  for (qsizetype i = 0; i < json.size(); ++i) {
    const char c = json[i];
    if (c == '"') {
      qsizetype end = i + 1;
      while (end < json.size() && json[end] != '"') end += json[end] == '\\' ? 2 : 1;
      if (depth == 1 && expectKey) {
        const QByteArray wrapped = '[' + json.mid(i, end - i + 1) + ']';
        keys << QJsonDocument::fromJson(wrapped).array().at(0).toString();
        expectKey = false;
      }
      i = end;
    } else if (c == '{' || c == '[') {
      ++depth;
      expectKey = depth == 1 && c == '{';
    } else if (c == '}' || c == ']') {
      --depth;
    } else if (c == ',' && depth == 1) {
      expectKey = true;
    }
  }
  return keys;
}

// Adds `entry` unless its key was seen; merges the descriptions of a repeated CuPL key so
// none are lost.
void addEntry(ClassFileContents* contents, QHash<QString, int>* seen, ClassEntry entry) {
  entry.name = ClassFiles::cleanName(entry.name);
  if (entry.name.isEmpty()) return;
  const QString key = ClassFiles::matchKey(entry.name);
  const auto it = seen->constFind(key);
  if (it != seen->constEnd()) {
    contents->duplicates << entry.name;
    contents->entries[*it].descriptions << entry.descriptions;
    return;
  }
  seen->insert(key, static_cast<int>(contents->entries.size()));
  contents->entries << entry;
}

bool readCuplObject(const QString& path, const QByteArray& bytes, const QJsonObject& object,
                    ClassFileContents* contents) {
  QHash<QString, int> seen;
  QStringList keys = topLevelKeysInOrder(bytes);
  // Duplicate keys in the text collapse to one in the object: read each key once.
  QSet<QString> done;
  for (const QString& key : object.keys()) {
    if (!keys.contains(key)) keys << key;
  }
  for (const QString& key : keys) {
    if (done.contains(key)) continue;
    done.insert(key);
    const QJsonValue value = object.value(key);
    if (!value.isArray()) {
      contents->error = ClassFiles::tr("'%1': the value of \"%2\" is a %3, expected an array of "
                                       "description strings.")
                            .arg(displayName(path), key, jsonTypeName(value));
      return false;
    }
    ClassEntry entry{key, {}};
    const QJsonArray array = value.toArray();
    for (qsizetype i = 0; i < array.size(); ++i) {
      if (!array.at(i).isString()) {
        contents->error = ClassFiles::tr("'%1': description %2 of \"%3\" is a %4, expected a "
                                         "string.")
                              .arg(displayName(path))
                              .arg(i + 1)
                              .arg(key, jsonTypeName(array.at(i)));
        return false;
      }
      const QString text = array.at(i).toString().simplified();
      if (!text.isEmpty()) entry.descriptions << text;
    }
    addEntry(contents, &seen, entry);
  }
  contents->hasDescriptions = true;
  return true;
}

ClassFileContents failed(const QString& error) {
  ClassFileContents contents;
  contents.error = error;
  return contents;
}

ClassFileContents finish(const QString& path, ClassFileContents contents) {
  if (contents.ok() && contents.entries.isEmpty()) {
    contents.error = ClassFiles::tr("'%1' contains no class names.").arg(displayName(path));
  }
  if (!contents.ok()) {
    contents.entries.clear();
    contents.duplicates.clear();
  }
  return contents;
}

QString commit(QSaveFile* file, const QString& path, const QByteArray& bytes) {
  if (file->write(bytes) != bytes.size() || !file->commit()) {
    return ClassFiles::tr("Cannot write '%1': %2.").arg(displayName(path), file->errorString());
  }
  return {};
}

bool isJsonPath(const QString& path) {
  return QFileInfo(path).suffix().compare(QLatin1String("json"), Qt::CaseInsensitive) == 0;
}

QByteArray jsonString(const QString& text) {
  const QByteArray wrapped = QJsonDocument(QJsonArray{text}).toJson(QJsonDocument::Compact);
  return wrapped.mid(1, wrapped.size() - 2);
}

}  // namespace

QStringList ClassFileContents::names() const {
  QStringList list;
  list.reserve(entries.size());
  for (const ClassEntry& entry : entries) list << entry.name;
  return list;
}

QString ClassFiles::cleanName(const QString& name) { return name.simplified(); }

QString ClassFiles::matchKey(const QString& name) {
  QString key = name.toLower();
  key.replace(QLatin1Char('_'), QLatin1Char(' '));
  return key.simplified();
}

QStringList ClassFiles::linesToNames(const QString& text) {
  QStringList names;
  for (const QString& line : text.split(QLatin1Char('\n'))) {
    const QString name = cleanName(line);
    if (name.isEmpty() || name.startsWith(QLatin1Char('#'))) continue;
    names << name;
  }
  return names;
}

ClassFileContents ClassFiles::readClassList(const QString& path) {
  QByteArray bytes;
  QString error;
  if (!readBytes(path, &bytes, &error)) return failed(error);

  ClassFileContents contents;
  QHash<QString, int> seen;
  if (isJsonPath(path)) {
    QJsonDocument doc;
    if (!parseJson(path, bytes, &doc, &error)) return failed(error);
    if (doc.isObject()) {
      readCuplObject(path, bytes, doc.object(), &contents);
      return finish(path, contents);
    }
    const QJsonArray array = doc.array();
    for (qsizetype i = 0; i < array.size(); ++i) {
      if (!array.at(i).isString()) {
        return failed(tr("'%1': item %2 is a %3, expected a class name string.")
                          .arg(displayName(path))
                          .arg(i + 1)
                          .arg(jsonTypeName(array.at(i))));
      }
      addEntry(&contents, &seen, ClassEntry{array.at(i).toString(), {}});
    }
    return finish(path, contents);
  }

  QStringDecoder decoder(QStringConverter::Utf8);
  const QString text = decoder.decode(bytes);
  if (decoder.hasError()) {
    return failed(tr("'%1' is not UTF-8 text.").arg(displayName(path)));
  }
  for (const QString& name : linesToNames(text)) addEntry(&contents, &seen, ClassEntry{name, {}});
  return finish(path, contents);
}

ClassFileContents ClassFiles::readDescriptions(const QString& path) {
  QByteArray bytes;
  QString error;
  if (!readBytes(path, &bytes, &error)) return failed(error);
  QJsonDocument doc;
  if (!parseJson(path, bytes, &doc, &error)) return failed(error);
  if (!doc.isObject()) {
    return failed(tr("'%1' is a JSON array; descriptions need a CuPL object, "
                     "{\"class\": [\"description\", ...]}.")
                      .arg(displayName(path)));
  }
  ClassFileContents contents;
  readCuplObject(path, bytes, doc.object(), &contents);
  return finish(path, contents);
}

QString ClassFiles::writeClassList(const QString& path, const QStringList& classes) {
  QSaveFile file(path);
  if (!file.open(QIODevice::WriteOnly)) {
    return tr("Cannot write '%1': %2.").arg(displayName(path), file.errorString());
  }
  QByteArray bytes;
  if (isJsonPath(path)) {
    bytes = QJsonDocument(QJsonArray::fromStringList(classes)).toJson(QJsonDocument::Indented);
  } else {
    for (const QString& name : classes) bytes += name.toUtf8() + '\n';
  }
  return commit(&file, path, bytes);
}

QString ClassFiles::writeDescriptions(const QString& path, const QVector<ClassEntry>& entries) {
  QSaveFile file(path);
  if (!file.open(QIODevice::WriteOnly)) {
    return tr("Cannot write '%1': %2.").arg(displayName(path), file.errorString());
  }
  QByteArray bytes = "{";
  for (qsizetype i = 0; i < entries.size(); ++i) {
    bytes += i == 0 ? "\n  " : ",\n  ";
    bytes += jsonString(entries[i].name) + ": [";
    const QStringList& descriptions = entries[i].descriptions;
    for (qsizetype j = 0; j < descriptions.size(); ++j) {
      bytes += j == 0 ? "\n    " : ",\n    ";
      bytes += jsonString(descriptions[j]);
    }
    bytes += descriptions.isEmpty() ? "]" : "\n  ]";
  }
  bytes += entries.isEmpty() ? "}\n" : "\n}\n";
  return commit(&file, path, bytes);
}

}  // namespace protext
