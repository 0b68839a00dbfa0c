#include "core/describe/wordnet.h"

#include <algorithm>
#include <cctype>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "core/error.h"
#include "core/zeroshot/class_list.h"

namespace protext {
namespace fs = std::filesystem;

namespace {

// WordNet's files are tens of megabytes; anything far larger is not WordNet.
constexpr std::uintmax_t kMaxFileBytes = 64ull << 20;

std::string read_all(const std::string& path) {
  std::error_code ec;
  const auto size = fs::file_size(path, ec);
  if (ec) throw Error(path, "cannot read: " + ec.message());
  if (size > kMaxFileBytes) throw Error(path, "is " + std::to_string(size >> 20) + " MiB, not a WordNet file");
  std::ifstream in(path, std::ios::binary);
  std::string text(size, '\0');
  if (!in.read(text.data(), static_cast<std::streamsize>(size))) throw Error(path, "cannot read");
  return text;
}

std::vector<std::string> split_words(const std::string& line) {
  std::istringstream in(line);
  std::vector<std::string> words;
  for (std::string w; in >> w;) words.push_back(w);
  return words;
}

std::string spaced(std::string word) {
  std::replace(word.begin(), word.end(), '_', ' ');
  // Adjective markers such as "(a)" or "(p)" follow some words in data files.
  const auto paren = word.find('(');
  if (paren != std::string::npos) word.resize(paren);
  return word;
}

// WordNet's key for a class name: case-folded, words joined by '_'.
std::string lemma_of(const std::string& name) {
  std::string key = class_key(name);
  std::replace(key.begin(), key.end(), ' ', '_');
  return key;
}

bool parse_count(const std::string& text, int base, long long& out) {
  if (text.empty() || text.size() > 12) return false;
  char* end = nullptr;
  out = std::strtoll(text.c_str(), &end, base);
  return end && *end == '\0' && out >= 0;
}

bool starts_with_vowel_sound(const std::string& word) {
  if (word.empty()) return false;
  const char c = static_cast<char>(std::tolower(static_cast<unsigned char>(word[0])));
  return c == 'a' || c == 'e' || c == 'i' || c == 'o' || c == 'u';
}

std::string with_article(const std::string& noun) { return (starts_with_vowel_sound(noun) ? "an " : "a ") + noun; }

}  // namespace

std::string default_wordnet_dir() {
  if (const char* dir = std::getenv("WNSEARCHDIR"); dir && *dir) return dir;
  return "/usr/share/wordnet";
}

WordNet::WordNet(std::string dir) : dir_(std::move(dir)) {
  const std::string index = (fs::path(dir_) / "index.noun").string();
  data_path_ = (fs::path(dir_) / "data.noun").string();
  if (!fs::exists(index) || !fs::exists(data_path_))
    throw Error(dir_, "no WordNet noun files here (index.noun, data.noun); install Debian's wordnet-base "
                      "or point WNSEARCHDIR at a WordNet 3.0 dict folder");
  index_ = read_all(index);
  std::error_code ec;
  data_size_ = fs::file_size(data_path_, ec);
  if (ec) throw Error(data_path_, "cannot read: " + ec.message());
  // Lines starting with two spaces are the licence header; the rest are sorted by lemma.
  for (size_t start = 0; start < index_.size();) {
    size_t end = index_.find('\n', start);
    if (end == std::string::npos) end = index_.size();
    if (end > start && index_[start] != ' ') line_starts_.push_back(start);
    start = end + 1;
  }
  std::ifstream exc((fs::path(dir_) / "noun.exc").string());
  for (std::string line; std::getline(exc, line);) {
    const auto words = split_words(line);
    if (words.size() >= 2) exceptions_.emplace_back(words[0], words[1]);
  }
}

std::optional<std::string> WordNet::index_line(const std::string& lemma) const {
  const auto line_at = [&](size_t start) {
    const size_t end = index_.find('\n', start);
    return std::string_view(index_).substr(start, (end == std::string::npos ? index_.size() : end) - start);
  };
  const auto lemma_of_line = [&](size_t start) {
    const std::string_view line = line_at(start);
    return line.substr(0, line.find(' '));
  };
  const auto it = std::lower_bound(line_starts_.begin(), line_starts_.end(), lemma,
                                   [&](size_t start, const std::string& key) { return lemma_of_line(start) < key; });
  if (it == line_starts_.end() || lemma_of_line(*it) != lemma) return std::nullopt;
  return std::string(line_at(*it));
}

std::string WordNet::synset_line(long long offset) const {
  if (offset < 0 || static_cast<std::uintmax_t>(offset) >= data_size_)
    throw Error(data_path_, "synset offset " + std::to_string(offset) + " is outside the file");
  std::ifstream in(data_path_, std::ios::binary);
  in.seekg(offset);
  std::string line;
  std::getline(in, line);
  // A synset line starts with its own offset, zero-padded to eight digits.
  long long own = -1;
  if (line.size() < 8 || !parse_count(line.substr(0, 8), 10, own) || own != offset)
    throw Error(data_path_, "no synset starts at offset " + std::to_string(offset));
  return line;
}

std::string WordNet::first_word(long long offset) const {
  const auto words = split_words(synset_line(offset));
  return words.size() > 4 ? spaced(words[4]) : std::string();
}

std::optional<WordNetSense> WordNet::lookup(const std::string& name) const {
  const std::string lemma = lemma_of(name);
  if (lemma.empty()) return std::nullopt;
  // The word as given, then its singular: WordNet's irregular plurals, then the regular
  // endings (the same order as WordNet's own morphy()).
  std::vector<std::string> candidates{lemma};
  for (const auto& [plural, singular] : exceptions_)
    if (plural == lemma) candidates.push_back(singular);
  for (const auto& [suffix, replacement] : std::vector<std::pair<std::string, std::string>>{
           {"ses", "s"}, {"xes", "x"}, {"zes", "z"}, {"ches", "ch"}, {"shes", "sh"}, {"men", "man"}, {"ies", "y"}, {"s", ""}})
    if (lemma.size() > suffix.size() + 1 && lemma.compare(lemma.size() - suffix.size(), suffix.size(), suffix) == 0)
      candidates.push_back(lemma.substr(0, lemma.size() - suffix.size()) + replacement);

  for (const std::string& candidate : candidates) {
    const auto line = index_line(candidate);
    if (!line) continue;
    // lemma pos synset_cnt p_cnt [ptr_symbol...] sense_cnt tagsense_cnt synset_offset...
    const auto words = split_words(*line);
    long long synsets = 0, pointers = 0;
    if (words.size() < 4 || !parse_count(words[2], 10, synsets) || !parse_count(words[3], 10, pointers) || synsets < 1 ||
        words.size() != static_cast<size_t>(4 + pointers + 2 + synsets))
      throw Error(dir_ + "/index.noun", "malformed entry for '" + candidate + "'");
    // offset lex_filenum ss_type w_cnt(hex) [word lex_id(hex)]... p_cnt [symbol offset pos st]... | gloss
    long long word_count = 0, pointer_count = 0;
    std::string synset;
    std::vector<std::string> fields;
    int chosen = 1;
    // The most frequent sense comes first, but where no sense was ever counted WordNet may
    // list a person before the thing ("heron": Heron of Alexandria, then the bird). A class
    // name typed in lower case means the common noun: the first sense whose own spelling of
    // the word is lower case, else the first sense.
    const bool lower_case = std::none_of(name.begin(), name.end(), [](unsigned char c) { return std::isupper(c); });
    for (long long s = 0; s < synsets; ++s) {
      long long here = 0;
      if (!parse_count(words[4 + pointers + 2 + s], 10, here))
        throw Error(dir_ + "/index.noun", "bad offset for '" + candidate + "'");
      std::string line = synset_line(here);
      auto parts = split_words(line.substr(0, line.find(" | ")));
      long long w_count = 0, p_count = 0;
      if (parts.size() < 4 || !parse_count(parts[3], 16, w_count) || parts.size() < static_cast<size_t>(5 + 2 * w_count) ||
          !parse_count(parts[4 + 2 * w_count], 10, p_count) ||
          parts.size() < static_cast<size_t>(5 + 2 * w_count + 4 * p_count))
        throw Error(dir_ + "/data.noun", "malformed synset at offset " + std::to_string(here));
      bool common = false;
      for (long long w = 0; w < w_count; ++w) {
        const std::string& word = parts[4 + 2 * w];
        if (lemma_of(spaced(word)) == candidate) common = !word.empty() && !std::isupper(static_cast<unsigned char>(word[0]));
      }
      if (s == 0 || (lower_case && common)) {
        chosen = static_cast<int>(s) + 1;
        word_count = w_count;
        pointer_count = p_count;
        synset = std::move(line);
        fields = std::move(parts);
      }
      if (!lower_case || common) break;
    }
    const auto bar = synset.find(" | ");

    WordNetSense sense;
    sense.lemma = candidate;
    sense.sense = chosen;
    sense.sense_count = static_cast<int>(synsets);
    for (long long w = 0; w < word_count; ++w) {
      const std::string word = spaced(fields[4 + 2 * w]);
      if (lemma_of(word) != candidate) sense.synonyms.push_back(word);
    }
    for (long long p = 0; p < pointer_count; ++p) {
      const size_t at = static_cast<size_t>(5 + 2 * word_count + 4 * p);
      const std::string& symbol = fields[at];
      long long target = 0;
      if (fields[at + 2] != "n" || !parse_count(fields[at + 1], 10, target)) continue;
      if (symbol == "@" || symbol == "@i") sense.hypernyms.push_back(first_word(target));
      else if (symbol == "%p") sense.parts.push_back(first_word(target));
    }
    if (bar != std::string::npos) {
      std::string gloss = synset.substr(bar + 3);
      // The definition comes before the quoted examples: `a cat …; "she has a tabby"`.
      const auto example = gloss.find("; \"");
      if (example != std::string::npos) gloss.resize(example);
      while (!gloss.empty() && (gloss.back() == ' ' || gloss.back() == ';')) gloss.pop_back();
      sense.gloss = gloss;
    }
    return sense;
  }
  return std::nullopt;
}

std::vector<std::string> wordnet_descriptions(const std::string& class_name, const WordNetSense& sense) {
  const std::string a_name = with_article(class_name);
  std::vector<std::string> out;
  for (const auto& kind : sense.hypernyms) {
    out.push_back(a_name + ", a kind of " + kind + ".");
    out.push_back("a photo of " + a_name + ", a type of " + kind + ".");
  }
  if (!sense.gloss.empty()) out.push_back(a_name + ": " + sense.gloss + ".");
  for (const auto& synonym : sense.synonyms) out.push_back(a_name + ", also called " + with_article(synonym) + ".");
  for (const auto& part : sense.parts) out.push_back(a_name + " has " + with_article(part) + ".");
  if (!sense.hypernyms.empty() && !sense.gloss.empty())
    out.push_back("a photo of " + a_name + ", which is " + sense.gloss + ".");
  // Repeated sentences (two hypernyms with one name) are written once.
  std::vector<std::string> unique;
  for (auto& s : out)
    if (std::find(unique.begin(), unique.end(), s) == unique.end()) unique.push_back(std::move(s));
  return unique;
}

}  // namespace protext
