#include "core/zeroshot/class_file.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>
#include <unicode/uchar.h>

#include <cerrno>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <map>
#include <optional>
#include <nlohmann/json.hpp>

#include "core/error.h"
#include "core/runtime/atomic_file.h"
#include "core/zeroshot/class_list.h"
#include "core/zeroshot/code_points.h"

namespace protext {
namespace {

using json = nlohmann::json;

constexpr size_t kListedInWarning = 10;  // a warning names this many, then counts the rest
constexpr char kBom[] = "\xEF\xBB\xBF";

std::string located(const std::string& where, const std::string& what) {
  return where.empty() ? what : where + ": " + what;
}

std::string in_quotes(const std::string& name) { return "'" + name + "'"; }

// The byte offset of the first code point that is not Unicode White_Space.
size_t first_non_blank(const std::string& text) {
  size_t first = text.size();
  for_each_code_point(text, [&](size_t begin, size_t, UChar32 c) {
    if (c >= 0 && u_isUWhiteSpace(c)) return true;
    first = begin;
    return false;
  });
  return first;
}

// Unicode White_Space trimmed at both ends; the inside is left as written.
std::string trimmed(const std::string& text) {
  size_t first = std::string::npos, last = 0;
  for_each_code_point(text, [&](size_t begin, size_t end, UChar32 c) {
    if (c >= 0 && u_isUWhiteSpace(c)) return true;
    if (first == std::string::npos) first = begin;
    last = end;
    return true;
  });
  return first == std::string::npos ? std::string() : text.substr(first, last - first);
}

std::string without_bom(const std::string& text) {
  return text.compare(0, 3, kBom) == 0 ? text.substr(3) : text;
}

void check_utf8(const std::string& text, const std::string& source) {
  for_each_code_point(text, [&](size_t begin, size_t, UChar32 c) {
    if (c >= 0) return true;
    char byte[8];
    std::snprintf(byte, sizeof byte, "0x%02X", static_cast<unsigned>(static_cast<uint8_t>(text[begin])));
    throw Error(source, std::string("not UTF-8 text: invalid byte ") + byte + " at offset " + std::to_string(begin));
  });
}

// "a, b, c, and 4 more"
std::string listing(const std::vector<std::string>& shown, size_t total) {
  std::string out;
  for (size_t i = 0; i < shown.size(); ++i) out += (i ? ", " : "") + shown[i];
  if (total > shown.size()) out += ", and " + std::to_string(total - shown.size()) + " more";
  return out;
}

// A warning's list: the first few items kept, the rest counted.
struct Listing {
  std::vector<std::string> shown;
  size_t total = 0;
  // `item` is only called for the items shown.
  template <typename F>
  void add(F&& item) {
    if (shown.size() < kListedInWarning) shown.push_back(item());
    ++total;
  }
  std::string text() const { return listing(shown, total); }
};

// Collects classes in file order, merging those with the same class_key().
class Builder {
 public:
  Builder(std::string source, ClassFileForm form) : source_(std::move(source)) { file_.form = form; }

  ClassFileForm form() const { return file_.form; }

  void add(const std::string& raw_name, std::vector<std::string> descriptions, const std::string& where) {
    std::string name = clean_class_name(raw_name);
    if (name.empty()) return;
    const auto [it, added] = index_.emplace(class_key(name), file_.entries.size());
    if (added) {
      file_.entries.push_back({std::move(name), std::move(descriptions)});
      where_.push_back(where);
      return;
    }
    const size_t at = it->second;  // a structured binding cannot be captured in C++17
    auto& first = file_.entries[at];
    repeats_.add([&] { return in_quotes(name) + " (" + where + ") = " + in_quotes(first.name) + " (" + where_[at] + ")"; });
    for (auto& d : descriptions) first.descriptions.push_back(std::move(d));
  }

  void blank_description(const std::string& name, size_t index) {
    blanks_.add([&] { return in_quotes(clean_class_name(name)) + " #" + std::to_string(index); });
  }

  ClassFile finish() {
    if (file_.entries.empty()) throw Error(source_, "no class names");
    if (repeats_.total > 0) {
      std::string what = "repeated classes kept once, where each first appears: " + repeats_.text();
      if (file_.form == ClassFileForm::Cupl) what += "; their descriptions were added to the first";
      file_.warnings.push_back(located(source_, what));
    }
    if (blanks_.total > 0) file_.warnings.push_back(located(source_, "blank descriptions dropped: " + blanks_.text()));
    return std::move(file_);
  }

 private:
  std::string source_;
  ClassFile file_;
  std::map<std::string, size_t> index_;  // class_key → entry
  std::vector<std::string> where_;       // of each entry: "line 3", "item 2", "key 5"
  Listing repeats_, blanks_;
};

// Calls `line(text, number)` for each line; "\r\n", "\r" and "\n" all end one.
template <typename F>
void for_each_line(const std::string& text, F&& line) {
  size_t begin = 0, number = 1;
  while (begin < text.size()) {
    const size_t end = text.find_first_of("\r\n", begin);
    if (end == std::string::npos) {
      line(text.substr(begin), number);
      return;
    }
    line(text.substr(begin, end - begin), number++);
    begin = end + (text[end] == '\r' && end + 1 < text.size() && text[end + 1] == '\n' ? 2 : 1);
  }
}

bool is_comment_or_blank(const std::string& line) {
  const size_t at = first_non_blank(line);
  return at == line.size() || line[at] == '#';
}

ClassFile text_rules(const std::string& text, const std::string& source) {
  Builder builder(source, ClassFileForm::Text);
  for_each_line(text, [&](const std::string& line, size_t number) {
    if (!is_comment_or_blank(line)) builder.add(line, {}, "line " + std::to_string(number));
  });
  return builder.finish();
}

std::string json_type(const json& value) { return std::string("a JSON ") + value.type_name(); }

// nlohmann's message without its "[json.exception.parse_error.101] " tag.
std::string parse_message(const json::exception& e) {
  std::string message = e.what();
  const auto tag_end = message.find("] ");
  if (message.rfind("[json.exception.", 0) == 0 && tag_end != std::string::npos) message.erase(0, tag_end + 2);
  return message;
}

// Reads the two JSON forms while the parser goes. The parser's callback hands over each
// class name and description as it is read and drops it from the document, so repeated
// keys (which a parsed object keeps once, with the last value, in sorted order) are all
// seen in file order, and a large file costs its classes, not a document tree many times
// its size. A problem with the content is kept until the parse ends, so a file that is
// not JSON at all is refused as such.
class JsonReader {
 public:
  explicit JsonReader(std::string source) : source_(std::move(source)) {}

  bool on_event(int depth, json::parse_event_t event, json& parsed) {
    using E = json::parse_event_t;
    if (depth == 0) {
      if (event == E::array_start) builder_.emplace(source_, ClassFileForm::JsonArray);
      if (event == E::object_start) builder_.emplace(source_, ClassFileForm::Cupl);
      return true;
    }
    if (!builder_) return true;
    return builder_->form() == ClassFileForm::JsonArray ? on_array_event(depth, event, parsed)
                                                        : on_object_event(depth, event, parsed);
  }

  ClassFile finish(const json& root) {
    if (!builder_)
      throw Error(source_, "expected a JSON array of class names or a CuPL object {\"class\": [\"description\", ...]}, got " +
                               json_type(root));
    if (!error_.empty()) throw Error(source_, error_);
    return builder_->finish();
  }

 private:
  static std::string type_of(json::parse_event_t event, const json& parsed) {
    if (event == json::parse_event_t::array_start) return "a JSON array";
    if (event == json::parse_event_t::object_start) return "a JSON object";
    return json_type(parsed);
  }
  static bool starts_container(json::parse_event_t event) {
    return event == json::parse_event_t::array_start || event == json::parse_event_t::object_start;
  }
  void fail(std::string what) {
    if (error_.empty()) error_ = std::move(what);
  }

  // [ "name", ... ]: depth 1 holds the items; none is kept in the document.
  bool on_array_event(int depth, json::parse_event_t event, json& parsed) {
    if (depth != 1 || !(event == json::parse_event_t::value || starts_container(event))) return true;
    const std::string where = "item " + std::to_string(++items_);
    if (event == json::parse_event_t::value && parsed.is_string()) {
      if (error_.empty()) builder_->add(parsed.get_ref<const std::string&>(), {}, where);
    } else {
      fail(where + " is " + type_of(event, parsed) + ", not a class name");
    }
    return false;
  }

  // { "name": [ "description", ... ], ... }: keys at depth 1, descriptions at depth 2.
  bool on_object_event(int depth, json::parse_event_t event, json& parsed) {
    using E = json::parse_event_t;
    if (depth == 1) {
      if (event == E::key) {
        raw_name_ = parsed.get<std::string>();
        name_ = clean_class_name(raw_name_);
        where_ = "key " + std::to_string(++members_);
        in_list_ = false;
        descriptions_.clear();
        read_ = 0;
      } else if (event == E::array_start) {
        in_list_ = true;
      } else if (event == E::array_end && in_list_) {
        if (error_.empty()) builder_->add(raw_name_, std::move(descriptions_), where_);
        descriptions_.clear();
        in_list_ = false;
      } else if (event == E::value || event == E::object_start) {
        fail("class " + in_quotes(name_) + ": expected a list of descriptions, got " + type_of(event, parsed));
        return event == E::value;  // an object is skipped whole
      }
      return true;
    }
    if (depth != 2 || !in_list_ || !(event == E::value || starts_container(event))) return true;
    const std::string where = "class " + in_quotes(name_) + ", description " + std::to_string(++read_);
    if (event != E::value || !parsed.is_string()) {
      fail(where + " is " + type_of(event, parsed) + ", not a string");
      return false;
    }
    if (!error_.empty()) return false;
    std::string description = trimmed(parsed.get_ref<const std::string&>());
    if (description.empty()) {
      builder_->blank_description(name_, read_);
    } else if (description.size() > kMaxDescriptionBytes) {
      fail(where + " is " + std::to_string(description.size()) + " bytes; at most " +
           std::to_string(kMaxDescriptionBytes) + " are accepted");
    } else {
      descriptions_.push_back(std::move(description));
    }
    return false;
  }

  std::string source_;
  std::optional<Builder> builder_;  // made when the top-level value turns out an array or object
  std::string error_;               // the first problem with the content
  size_t items_ = 0, members_ = 0;  // top-level items or keys read so far
  // The member being read.
  std::string raw_name_, name_, where_;
  bool in_list_ = false;
  size_t read_ = 0;  // its descriptions read so far, blank ones included
  std::vector<std::string> descriptions_;
};

ClassFile json_rules(const std::string& text, const std::string& source) {
  JsonReader reader(source);
  json root;
  try {
    root = json::parse(text, [&](int depth, json::parse_event_t event, json& parsed) {
      return reader.on_event(depth, event, parsed);
    });
  } catch (const json::exception& e) {
    throw Error(source, "not valid JSON: " + parse_message(e));
  }
  return reader.finish(root);
}

// The whole file, refused when it is a folder or larger than kMaxClassFileBytes.
std::string read_bounded(const std::string& path) {
  const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) throw Error(path, std::string("cannot open (") + std::strerror(errno) + ")");
  struct Closer {
    int fd;
    ~Closer() { ::close(fd); }
  } closer{fd};
  struct stat st {};
  if (::fstat(fd, &st) != 0) throw Error(path, std::string("cannot read (") + std::strerror(errno) + ")");
  if (S_ISDIR(st.st_mode)) throw Error(path, "is a folder, not a file");
  const auto too_large = [&](const std::string& size) {
    return Error(path, "the file is " + size + " bytes; at most " + std::to_string(kMaxClassFileBytes) + " (" +
                           std::to_string(kMaxClassFileBytes >> 20) + " MiB) are read from a class list or descriptions file");
  };
  if (S_ISREG(st.st_mode) && static_cast<uint64_t>(st.st_size) > kMaxClassFileBytes)
    throw too_large(std::to_string(st.st_size));
  std::string bytes;
  if (S_ISREG(st.st_mode)) bytes.reserve(static_cast<size_t>(st.st_size));
  char buffer[1 << 16];
  for (;;) {
    const ssize_t n = ::read(fd, buffer, sizeof buffer);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) throw Error(path, std::string("cannot read (") + std::strerror(errno) + ")");
    if (n == 0) break;
    bytes.append(buffer, static_cast<size_t>(n));
    // A file that grew while read, or a pipe, is bounded all the same.
    if (bytes.size() > kMaxClassFileBytes) throw too_large("over " + std::to_string(kMaxClassFileBytes));
  }
  return bytes;
}

}  // namespace

std::vector<std::string> ClassFile::names() const {
  std::vector<std::string> list;
  list.reserve(entries.size());
  for (const auto& entry : entries) list.push_back(entry.name);
  return list;
}

bool names_json_file(const std::string& path) {
  const auto dot = path.find_last_of("./");
  if (dot == std::string::npos || path[dot] != '.' || path.size() - dot != 5) return false;
  std::string extension = path.substr(dot + 1);
  for (char& c : extension) c = static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
  return extension == "json";
}

ClassFile parse_class_text(const std::string& text, const std::string& source) {
  check_utf8(text, source);
  return text_rules(without_bom(text), source);
}

ClassFile parse_class_json(const std::string& text, const std::string& source) {
  check_utf8(text, source);
  return json_rules(without_bom(text), source);
}

ClassFile parse_class_file(const std::string& bytes, const std::string& source) {
  check_utf8(bytes, source);
  const std::string text = without_bom(bytes);
  const size_t first = first_non_blank(text);
  const bool json = names_json_file(source) || (first < text.size() && (text[first] == '[' || text[first] == '{'));
  return json ? json_rules(text, source) : text_rules(text, source);
}

ClassFile as_description_file(ClassFile file, const std::string& source) {
  if (!file.has_descriptions())
    throw Error(source, std::string("expected a CuPL JSON object {\"class\": [\"description\", ...]}, got ") +
                            (file.form == ClassFileForm::JsonArray ? "a JSON array" : "a text list of class names"));
  Listing without;
  for (const auto& entry : file.entries)
    if (entry.descriptions.empty()) without.add([&] { return in_quotes(entry.name); });
  if (without.total == file.entries.size()) throw Error(source, "no class has a description");
  if (without.total > 0) file.warnings.push_back(located(source, "classes without descriptions: " + without.text()));
  return file;
}

ClassFile read_class_file(const std::string& path) { return parse_class_file(read_bounded(path), path); }

ClassFile read_description_file(const std::string& path) { return as_description_file(read_class_file(path), path); }

std::vector<std::string> class_lines(const std::string& text) {
  std::vector<std::string> names;
  for_each_line(without_bom(text), [&](const std::string& line, size_t) {
    if (is_comment_or_blank(line)) return;
    std::string name = clean_class_name(line);
    if (!name.empty()) names.push_back(std::move(name));
  });
  return names;
}

std::string clean_description(const std::string& text) { return trimmed(text); }

void write_cupl_json(const std::string& path, const std::vector<ClassFileEntry>& entries) {
  std::vector<ClassFileEntry> classes;
  std::map<std::string, size_t> index;
  for (const auto& entry : entries) {
    const std::string name = clean_class_name(entry.name);
    if (name.empty()) throw Error(path, "a class name is empty");
    const auto [it, added] = index.emplace(class_key(name), classes.size());
    if (added) classes.push_back({name, {}});
    auto& into = classes[it->second].descriptions;
    for (size_t i = 0; i < entry.descriptions.size(); ++i) {
      std::string description = trimmed(entry.descriptions[i]);
      if (description.empty()) continue;
      if (description.size() > kMaxDescriptionBytes)
        throw Error(path, "class " + in_quotes(name) + ", description " + std::to_string(i + 1) + " is " +
                              std::to_string(description.size()) + " bytes; at most " +
                              std::to_string(kMaxDescriptionBytes) + " are accepted");
      into.push_back(std::move(description));
    }
  }
  nlohmann::ordered_json cupl = nlohmann::ordered_json::object();
  for (const auto& c : classes) cupl[c.name] = c.descriptions;
  std::string bytes;
  try {
    bytes = cupl.dump(2) + "\n";
  } catch (const nlohmann::json::exception&) {
    throw Error(path, "a class name or description is not UTF-8 text");
  }
  write_file_atomically(path, bytes);
}

}  // namespace protext
