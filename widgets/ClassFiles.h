#pragma once
#include <QCoreApplication>
#include <QString>
#include <QStringList>
#include <QVector>

namespace protext {

// One class of the class list: its name and its LLM descriptions (CuPL sentences).
struct ClassEntry {
  QString name;
  QStringList descriptions;
  bool operator==(const ClassEntry& other) const {
    return name == other.name && descriptions == other.descriptions;
  }
  bool operator!=(const ClassEntry& other) const { return !(*this == other); }
};

// What a class-list or description file held. `error` is empty on success; otherwise it names
// the file and the problem, ready to show to the user, and `entries` is empty.
struct ClassFileContents {
  QVector<ClassEntry> entries;    // file order, names cleaned, duplicates dropped
  QStringList duplicates;         // names that appeared again (later occurrences were dropped)
  bool hasDescriptions = false;   // the file was a CuPL object, so `descriptions` are meaningful
  QString error;
  bool ok() const { return error.isEmpty(); }
  QStringList names() const;
};

// Reading and writing class lists (.txt, .json) and CuPL description files. Nothing here
// throws or shows a widget: failures come back as a message for the caller to show. Writes go
// to a temporary file renamed into place, so a failed export never leaves half a file.
class ClassFiles {
  Q_DECLARE_TR_FUNCTIONS(ClassFiles)

 public:
  // A class name as the list stores it: surrounding and repeated white space removed.
  static QString cleanName(const QString& name);
  // The key under which names are compared and descriptions matched: lower case, '_' read as
  // ' ', white space simplified ("Wheaten_Terrier" and "wheaten terrier" are the same class).
  static QString matchKey(const QString& name);

  // .json: a JSON array of strings, or a CuPL object whose keys are the classes (then the
  // descriptions come along). Anything else: text, one class per line; blank lines and lines
  // starting with '#' are skipped.
  static ClassFileContents readClassList(const QString& path);
  // .json writes a JSON array; anything else text, one class per line. Returns an error
  // message, empty on success.
  static QString writeClassList(const QString& path, const QStringList& classes);

  // CuPL JSON: {"class": ["description", ...], ...}; keys in file order.
  static ClassFileContents readDescriptions(const QString& path);
  // Writes CuPL JSON with the classes in list order (QJsonObject would sort them).
  static QString writeDescriptions(const QString& path, const QVector<ClassEntry>& entries);

  // Splits pasted or file text into class names the way a .txt class list is read.
  static QStringList linesToNames(const QString& text);
};

}  // namespace protext
