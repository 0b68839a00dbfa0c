#pragma once
#include <cstddef>
#include <string>
#include <vector>

// Class lists and CuPL description files: the one reader (and writer) the CLI and the app
// share, so a file one accepts the other accepts, with the same messages. Torch-free.
//
// The rules (README.md, "Class lists and descriptions"):
// - a file is read whole, at most kMaxClassFileBytes; it must be UTF-8 (a BOM is dropped);
//   CRLF and CR line ends are accepted;
// - it is JSON when its name ends in .json or its first non-blank character is '[' or
//   '{'; otherwise text, one class per line, blank lines and lines whose first non-blank
//   character is '#' skipped;
// - a JSON array holds class-name strings; a JSON object is CuPL,
//   {"class": ["description", ...]}, whose keys are the classes in file order;
// - names are cleaned (clean_class_name), empty ones skipped; names with the same
//   class_key() are one class: the first is kept in its place, a later one's descriptions
//   are appended to it, and a warning names them;
// - descriptions are trimmed; blank ones are dropped with a warning; one longer than
//   kMaxDescriptionBytes refuses the file;
// - a file without any class is refused.
// Errors are protext::Error "where: what" (where = the path or source as given); warnings
// are "where: what" strings in the result.
namespace protext {

inline constexpr size_t kMaxClassFileBytes = size_t(64) * 1024 * 1024;

// Longer descriptions are refused: they would be cut to 77 tokens anyway, and a
// megabyte "description" is a broken file, not a sentence.
inline constexpr size_t kMaxDescriptionBytes = 16 * 1024;

enum class ClassFileForm { Text, JsonArray, Cupl };

struct ClassFileEntry {
  std::string name;                       // cleaned, as first written
  std::vector<std::string> descriptions;  // trimmed, none blank; empty outside CuPL
  bool operator==(const ClassFileEntry& other) const {
    return name == other.name && descriptions == other.descriptions;
  }
};

struct ClassFile {
  std::vector<ClassFileEntry> entries;  // file order, one per class
  ClassFileForm form = ClassFileForm::Text;
  std::vector<std::string> warnings;    // "where: what", nothing refused

  bool has_descriptions() const { return form == ClassFileForm::Cupl; }
  std::vector<std::string> names() const;
};

// A class list: text, a JSON array of names, or a CuPL object (descriptions come along).
ClassFile read_class_file(const std::string& path);
// A descriptions file: a CuPL object is required; classes with an empty list are kept
// (as classes without descriptions) and named in a warning; a file in which no class has
// a description is refused.
ClassFile read_description_file(const std::string& path);

// The same rules on bytes already in memory; `source` names them in messages and decides,
// by a .json ending, that they are JSON.
ClassFile parse_class_file(const std::string& bytes, const std::string& source);
// Text or JSON forced, whatever `source` is called (e.g. pasted text).
ClassFile parse_class_text(const std::string& text, const std::string& source);
ClassFile parse_class_json(const std::string& text, const std::string& source);
// The descriptions-file checks of read_description_file() on an already parsed file.
ClassFile as_description_file(ClassFile file, const std::string& source);

// Whether a path names a JSON file: it ends in ".json", in any case.
bool names_json_file(const std::string& path);

// The names on the lines of pasted text, by the text rules (blank and '#' lines skipped,
// names cleaned) but neither merged nor refused when empty: the caller decides.
std::vector<std::string> class_lines(const std::string& text);

// A description as every reader keeps it: Unicode White_Space trimmed at both ends, the
// inside as written (CLIP's tokenizer folds inner white space itself).
std::string clean_description(const std::string& text);

// CuPL JSON, classes in the given order, pretty printed, written atomically. Names are
// cleaned; entries with the same class_key() are written as one (descriptions appended).
void write_cupl_json(const std::string& path, const std::vector<ClassFileEntry>& entries);

}  // namespace protext
