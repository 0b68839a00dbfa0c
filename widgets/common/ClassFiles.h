#pragma once
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
  QVector<ClassEntry> entries;    // file order, names cleaned, repeated classes merged
  QStringList warnings;           // what was merged or dropped, one sentence each
  bool hasDescriptions = false;   // the file was a CuPL object, so `descriptions` are meaningful
  QString error;
  bool ok() const { return error.isEmpty(); }
  QStringList names() const;
};

// Reading and writing class lists (.txt, .json) and CuPL description files, as Qt values.
// Every rule (what a file may hold, how names are cleaned and compared, what is merged,
// what is refused) and every message is the core's (core/zeroshot/class_file.h), the same
// the protext CLI uses; this class only converts. Nothing here throws or shows a widget:
// failures come back as a message for the caller to show. Writes are atomic, so a failed
// export never leaves half a file.
class ClassFiles {
 public:
  // A class name as the list stores it: surrounding and repeated white space removed.
  static QString cleanName(const QString& name);
  // The key under which names are compared and descriptions matched: Unicode case-folded,
  // '_' read as ' ', white space folded ("Wheaten_Terrier" and "wheaten terrier" are the
  // same class).
  static QString matchKey(const QString& name);
  // A description as the list stores it: trimmed, the inside as written.
  static QString cleanDescription(const QString& text);

  // A class list: text (one class per line), a JSON array of names, or a CuPL object whose
  // keys are the classes (then the descriptions come along).
  static ClassFileContents readClassList(const QString& path);
  // .json writes a JSON array; anything else text, one class per line. Returns an error
  // message, empty on success.
  static QString writeClassList(const QString& path, const QStringList& classes);

  // CuPL JSON: {"class": ["description", ...], ...}; keys in file order.
  static ClassFileContents readDescriptions(const QString& path);
  // Writes CuPL JSON with the classes in list order.
  static QString writeDescriptions(const QString& path, const QVector<ClassEntry>& entries);

  // Splits pasted text into class names by the text rules of a class list (blank and '#'
  // lines skipped, names cleaned); repeated names are left for the caller to report.
  static QStringList linesToNames(const QString& text);
};

}  // namespace protext
