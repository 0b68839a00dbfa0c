#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace protext {

// One noun sense of a word in WordNet 3.0, with what a description can say of it.
struct WordNetSense {
  std::string lemma;                    // as found in the index ("golden_retriever")
  int sense = 1;                        // which sense (1: WordNet's first, the most frequent)
  int sense_count = 1;                  // how many noun senses the word has
  std::vector<std::string> synonyms;    // the synset's other words, spaces for '_'
  std::string gloss;                    // the definition, without the examples
  std::vector<std::string> hypernyms;   // first word of each hypernym synset ("retriever")
  std::vector<std::string> parts;       // first word of each part meronym ("wing")
};

// WordNet's noun database read from its data files (Debian's wordnet-base:
// /usr/share/wordnet/index.noun and data.noun), offline and without running anything.
// The index is kept in memory (4.7 MB) and searched by binary search; a synset is read at
// the byte offset the index gives. Sizes and offsets come from the files and are checked
// against them before use.
class WordNet {
 public:
  // Throws protext::Error naming the folder when its noun files are missing.
  explicit WordNet(std::string dir);

  // The most frequent noun sense of `name` ("Golden Retriever", "tabby cat", "airliners"):
  // case and '_' vs ' ' do not matter, and plurals are reduced through WordNet's own
  // exception list and the regular endings. Nothing when WordNet does not know the word.
  std::optional<WordNetSense> lookup(const std::string& name) const;

  const std::string& dir() const { return dir_; }

 private:
  std::optional<std::string> index_line(const std::string& lemma) const;
  std::string synset_line(long long offset) const;
  std::string first_word(long long offset) const;

  std::string dir_;
  std::string data_path_;      // data.noun, read a synset at a time
  std::uintmax_t data_size_ = 0;
  std::string index_;                              // index.noun, whole
  std::vector<size_t> line_starts_;                // its data lines, sorted by lemma
  std::vector<std::pair<std::string, std::string>> exceptions_;  // noun.exc: plural → singular
};

// $WNSEARCHDIR when set, else Debian's /usr/share/wordnet.
std::string default_wordnet_dir();

// A handful of plain sentences about `class_name` from its sense: what it is a kind of,
// its definition, its other names and its parts ("a golden retriever, a kind of
// retriever.", "a golden retriever: an English breed having a long silky golden coat.").
// Never a word WordNet did not give.
std::vector<std::string> wordnet_descriptions(const std::string& class_name, const WordNetSense& sense);

}  // namespace protext
