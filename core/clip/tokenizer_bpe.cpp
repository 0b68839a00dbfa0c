#include "core/clip/tokenizer_bpe.h"

#include <unicode/locid.h>
#include <unicode/regex.h>
#include <unicode/unistr.h>
#include <zlib.h>

#include <fstream>
#include <iterator>
#include <limits>
#include <nlohmann/json.hpp>

#include "core/clip/text_clean.h"
#include "core/error.h"

namespace protext {
namespace {

constexpr int kOpenAiMerges = 49152 - 256 - 2;  // the merges OpenAI's tokenizer reads
constexpr std::size_t kMaxFileBytes = 256u << 20;
constexpr std::size_t kCacheLimit = 1u << 18;
const char* const kStartOfText = "<|startoftext|>";
const char* const kEndOfText = "<|endoftext|>";
const char* const kWordEnd = "</w>";

// GPT-2's reversible byte → printable character map: printable Latin-1 bytes stand for
// themselves, the other 68 bytes take the code points from U+0100 on, in byte order.
// Also the order of the first 256 ids of OpenAI's vocabulary.
struct ByteCharacters {
  std::vector<int> order;        // bytes in vocabulary order
  std::string character[256];    // byte → its character in UTF-8
  ByteCharacters() {
    std::vector<bool> printable(256, false);
    for (int b = '!'; b <= '~'; ++b) printable[b] = true;
    for (int b = 0xA1; b <= 0xAC; ++b) printable[b] = true;
    for (int b = 0xAE; b <= 0xFF; ++b) printable[b] = true;
    char32_t code[256];
    int next = 0;
    for (int b = 0; b < 256; ++b) {
      if (printable[b]) {
        order.push_back(b);
        code[b] = static_cast<char32_t>(b);
      }
    }
    for (int b = 0; b < 256; ++b) {
      if (!printable[b]) {
        order.push_back(b);
        code[b] = static_cast<char32_t>(256 + next++);
      }
    }
    for (int b = 0; b < 256; ++b) character[b] = utf32_to_utf8(std::u32string(1, code[b]));
  }
};

const ByteCharacters& byte_characters() {
  static const ByteCharacters table;
  return table;
}

// CLIP's pre-tokenizer. Python's regex \s is Unicode White_Space, spelled out here because
// ICU's \s is a different set.
const icu::RegexPattern& word_pattern() {
  static const std::unique_ptr<icu::RegexPattern> pattern = [] {
    UErrorCode status = U_ZERO_ERROR;
    UParseError where;
    std::unique_ptr<icu::RegexPattern> p(icu::RegexPattern::compile(
        icu::UnicodeString::fromUTF8(
            "<\\|startoftext\\|>|<\\|endoftext\\|>|'s|'t|'re|'ve|'m|'ll|'d|[\\p{L}]+|[\\p{N}]|"
            "[^\\p{White_Space}\\p{L}\\p{N}]+"),
        UREGEX_CASE_INSENSITIVE, where, status));
    if (U_FAILURE(status))
      throw Error("ICU", std::string("cannot compile the CLIP word pattern: ") + u_errorName(status));
    return p;
  }();
  return *pattern;
}

std::string read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw Error(path, "cannot open the file");
  in.seekg(0, std::ios::end);
  const std::streamoff size = in.tellg();
  if (size < 0) throw Error(path, "cannot read the file");
  if (size == 0) throw Error(path, "the file is empty");
  if (static_cast<std::size_t>(size) > kMaxFileBytes) throw Error(path, "the file is too large for a tokenizer");
  std::string bytes(static_cast<std::size_t>(size), '\0');
  in.seekg(0);
  if (!in.read(bytes.data(), size)) throw Error(path, "cannot read the file");
  return bytes;
}

std::string gunzip(const std::string& compressed, const std::string& path) {
  z_stream stream{};
  if (inflateInit2(&stream, 16 + MAX_WBITS) != Z_OK) throw Error(path, "cannot start gzip decompression");
  stream.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(compressed.data()));
  stream.avail_in = static_cast<uInt>(compressed.size());
  std::string out;
  char buffer[1 << 16];
  int result = Z_OK;
  while (result == Z_OK) {
    stream.next_out = reinterpret_cast<Bytef*>(buffer);
    stream.avail_out = sizeof buffer;
    result = inflate(&stream, Z_NO_FLUSH);
    out.append(buffer, sizeof buffer - stream.avail_out);
    if (out.size() > kMaxFileBytes) result = Z_MEM_ERROR;
    if (result == Z_BUF_ERROR && stream.avail_in == 0) break;  // input ran out mid-stream
  }
  const std::string message = stream.msg ? stream.msg : "";
  inflateEnd(&stream);
  if (result == Z_STREAM_END) return out;
  if (result == Z_MEM_ERROR) throw Error(path, "decompressed text too large for a tokenizer");
  if (result == Z_BUF_ERROR || result == Z_OK) throw Error(path, "gzip data is truncated");
  throw Error(path, "corrupt gzip data" + (message.empty() ? std::string() : ": " + message));
}

std::string read_text(const std::string& path) {
  std::string bytes = read_file(path);
  if (bytes.size() >= 2 && static_cast<unsigned char>(bytes[0]) == 0x1F &&
      static_cast<unsigned char>(bytes[1]) == 0x8B)
    return gunzip(bytes, path);
  return bytes;
}

std::vector<std::string> split_lines(const std::string& text) {
  std::vector<std::string> lines;
  std::size_t begin = 0;
  while (begin <= text.size()) {
    std::size_t end = text.find('\n', begin);
    if (end == std::string::npos) end = text.size();
    lines.push_back(text.substr(begin, end - begin));
    begin = end + 1;
  }
  return lines;
}

// "a b" → {"a", "b"}; anything but two space-separated parts is a broken file.
std::pair<std::string, std::string> parse_merge(std::string line, const std::string& path, std::size_t line_number) {
  if (!line.empty() && line.back() == '\r') line.pop_back();
  const std::size_t space = line.find(' ');
  const bool ok = space != std::string::npos && space > 0 && space + 1 < line.size() &&
                  line.find_first_of(" \t", space + 1) == std::string::npos &&
                  line.find('\t') == std::string::npos;
  if (!ok)
    throw Error(path + ":" + std::to_string(line_number),
                "malformed merge line '" + line.substr(0, 80) + "' (expected two tokens separated by a space)");
  return {line.substr(0, space), line.substr(space + 1)};
}

}  // namespace

BpeTokenizer::~BpeTokenizer() = default;

BpeTokenizer::BpeTokenizer(std::unordered_map<std::string, int32_t> vocab, const Merges& merges,
                           const std::string& where) {
  int32_t max_id = -1;
  for (const auto& [token, id] : vocab) {
    if (id < 0) throw Error(where, "token '" + token + "' has a negative id");
    max_id = std::max(max_id, id);
  }
  tokens_.assign(static_cast<std::size_t>(max_id) + 1, std::string());
  for (const auto& [token, id] : vocab) tokens_[static_cast<std::size_t>(id)] = token;

  auto id_of = [&](const std::string& token) {
    const auto found = vocab.find(token);
    if (found == vocab.end()) throw Error(where, "the vocabulary has no token '" + token + "'");
    return found->second;
  };
  const ByteCharacters& bytes = byte_characters();
  for (int b = 0; b < 256; ++b) {
    byte_id_[b] = id_of(bytes.character[b]);
    byte_end_id_[b] = id_of(bytes.character[b] + kWordEnd);
  }
  start_ = id_of(kStartOfText);
  end_ = id_of(kEndOfText);
  merges_.reserve(merges.size() * 2);
  for (std::size_t rank = 0; rank < merges.size(); ++rank) {
    const auto& [left, right] = merges[rank];
    const auto left_id = vocab.find(left), right_id = vocab.find(right), joined = vocab.find(left + right);
    if (left_id == vocab.end() || right_id == vocab.end() || joined == vocab.end())
      throw Error(where, "merge " + std::to_string(rank + 1) + " '" + left + " " + right +
                             "' uses or makes a token the vocabulary does not have");
    const uint64_t key = (static_cast<uint64_t>(left_id->second) << 32) | static_cast<uint32_t>(right_id->second);
    // A repeated pair takes its later rank, as in Python's dict(zip(merges, range(...))).
    merges_[key] = Merge{static_cast<int32_t>(rank), joined->second};
  }
}

std::unique_ptr<BpeTokenizer> BpeTokenizer::from_openai_merges(const std::string& path) {
  const std::vector<std::string> lines = split_lines(read_text(path));
  // Line 1 is a version header; OpenAI reads the next 48,894 lines.
  if (lines.size() < static_cast<std::size_t>(kOpenAiMerges) + 1)
    throw Error(path, "has " + std::to_string(lines.size() > 0 ? lines.size() - 1 : 0) +
                          " merge lines, CLIP's vocabulary needs " + std::to_string(kOpenAiMerges));
  Merges merges;
  merges.reserve(kOpenAiMerges);
  for (int i = 1; i <= kOpenAiMerges; ++i)
    merges.push_back(parse_merge(lines[static_cast<std::size_t>(i)], path, static_cast<std::size_t>(i) + 1));

  // Later duplicates win, as in Python's dict(zip(vocab, range(len(vocab)))).
  std::unordered_map<std::string, int32_t> vocab;
  int32_t next = 0;
  auto add = [&](const std::string& token) { vocab[token] = next++; };
  const ByteCharacters& bytes = byte_characters();
  for (int b : bytes.order) add(bytes.character[b]);
  for (int b : bytes.order) add(bytes.character[b] + kWordEnd);
  for (const auto& [left, right] : merges) add(left + right);
  add(kStartOfText);
  add(kEndOfText);
  return std::unique_ptr<BpeTokenizer>(new BpeTokenizer(std::move(vocab), merges, path));
}

std::unique_ptr<BpeTokenizer> BpeTokenizer::from_hf_files(const std::string& vocab_json,
                                                          const std::string& merges_txt) {
  std::unordered_map<std::string, int32_t> vocab;
  {
    nlohmann::json json;
    try {
      json = nlohmann::json::parse(read_file(vocab_json));
    } catch (const nlohmann::json::exception& e) {
      throw Error(vocab_json, std::string("not valid JSON: ") + e.what());
    }
    if (!json.is_object() || json.empty()) throw Error(vocab_json, "expected a JSON object of token → id");
    for (const auto& [token, id] : json.items()) {
      if (!id.is_number_integer() || id.get<int64_t>() < 0 ||
          id.get<int64_t>() > std::numeric_limits<int32_t>::max() / 2)
        throw Error(vocab_json, "token '" + token + "' has no valid id");
      vocab[token] = static_cast<int32_t>(id.get<int64_t>());
    }
  }
  Merges merges;
  const std::vector<std::string> lines = split_lines(read_text(merges_txt));
  for (std::size_t i = 0; i < lines.size(); ++i) {
    if (i == 0 && lines[i].rfind("#version", 0) == 0) continue;
    if (lines[i].empty() || lines[i] == "\r") {
      if (i + 1 == lines.size()) continue;  // the final newline
      throw Error(merges_txt + ":" + std::to_string(i + 1), "empty merge line");
    }
    merges.push_back(parse_merge(lines[i], merges_txt, i + 1));
  }
  if (merges.empty()) throw Error(merges_txt, "holds no merges");
  return std::unique_ptr<BpeTokenizer>(new BpeTokenizer(std::move(vocab), merges, vocab_json + " + " + merges_txt));
}

std::vector<int32_t> BpeTokenizer::merge_word(const std::string& word) const {
  std::vector<int32_t> symbols;
  if (word.empty()) return symbols;
  symbols.reserve(word.size());
  for (std::size_t i = 0; i + 1 < word.size(); ++i) symbols.push_back(byte_id_[static_cast<unsigned char>(word[i])]);
  symbols.push_back(byte_end_id_[static_cast<unsigned char>(word.back())]);
  auto key = [](int32_t left, int32_t right) {
    return (static_cast<uint64_t>(left) << 32) | static_cast<uint32_t>(right);
  };
  std::vector<int32_t> merged;
  merged.reserve(symbols.size());
  while (symbols.size() > 1) {
    // The best-ranked pair anywhere in the word, then all its occurrences left to right.
    const Merge* best = nullptr;
    uint64_t best_key = 0;
    for (std::size_t i = 0; i + 1 < symbols.size(); ++i) {
      const auto found = merges_.find(key(symbols[i], symbols[i + 1]));
      if (found != merges_.end() && (best == nullptr || found->second.rank < best->rank)) {
        best = &found->second;
        best_key = found->first;
      }
    }
    if (best == nullptr) break;
    merged.clear();
    for (std::size_t i = 0; i < symbols.size();) {
      if (i + 1 < symbols.size() && key(symbols[i], symbols[i + 1]) == best_key) {
        merged.push_back(best->id);
        i += 2;
      } else {
        merged.push_back(symbols[i]);
        ++i;
      }
    }
    symbols.swap(merged);
  }
  return symbols;
}

void BpeTokenizer::append_word_ids(const std::string& word, std::vector<int32_t>& out) const {
  {
    std::lock_guard<std::mutex> lock(cache_mutex_);
    const auto found = cache_.find(word);
    if (found != cache_.end()) {
      out.insert(out.end(), found->second.begin(), found->second.end());
      return;
    }
  }
  std::vector<int32_t> ids = merge_word(word);
  out.insert(out.end(), ids.begin(), ids.end());
  std::lock_guard<std::mutex> lock(cache_mutex_);
  if (cache_.size() >= kCacheLimit) cache_.clear();
  cache_.emplace(word, std::move(ids));
}

std::vector<int32_t> BpeTokenizer::encode_words(std::string_view text, std::size_t max_ids) const {
  icu::UnicodeString lowered = icu::UnicodeString::fromUTF8(utf32_to_utf8(clean_clip_text(text)));
  lowered.toLower(icu::Locale::getRoot());
  // Python's regex module, ignoring case, finds U+0345 (a combining mark that case-folds
  // to the letter iota) in none of the pattern's classes, so it separates pieces and is
  // dropped; ICU would count it as a letter. Checked against the regex module over every
  // code point: the only character the two engines treat differently.
  lowered.findAndReplace(icu::UnicodeString(static_cast<UChar32>(0x0345)), icu::UnicodeString(u' '));
  UErrorCode status = U_ZERO_ERROR;
  std::unique_ptr<icu::RegexMatcher> matcher(word_pattern().matcher(lowered, status));
  if (U_FAILURE(status)) throw Error("ICU", std::string("cannot start the CLIP word pattern: ") + u_errorName(status));
  std::vector<int32_t> ids;
  std::string word;
  while (ids.size() < max_ids && matcher->find(status) && U_SUCCESS(status)) {
    const int32_t begin = matcher->start(status), end = matcher->end(status);
    word.clear();
    lowered.tempSubStringBetween(begin, end).toUTF8String(word);
    if (word.size() > kMaxWordBytes) word.resize(kMaxWordBytes);
    if (word == kStartOfText) {
      ids.push_back(start_);
    } else if (word == kEndOfText) {
      ids.push_back(end_);
    } else {
      append_word_ids(word, ids);
    }
  }
  if (U_FAILURE(status)) throw Error("ICU", std::string("CLIP word pattern failed: ") + u_errorName(status));
  return ids;
}

std::vector<int64_t> BpeTokenizer::encode(std::string_view text, int context_length) const {
  if (context_length < 2)
    throw Error("tokenizer", "context length " + std::to_string(context_length) + " leaves no room for start and end tokens");
  const std::vector<int32_t> words = encode_words(text, static_cast<std::size_t>(context_length) - 2);
  std::vector<int64_t> ids;
  ids.reserve(std::min<std::size_t>(words.size() + 2, static_cast<std::size_t>(context_length)));
  ids.push_back(start_);
  for (int32_t id : words) {
    if (ids.size() + 1 >= static_cast<std::size_t>(context_length)) break;
    ids.push_back(id);
  }
  ids.push_back(end_);
  return ids;
}

Tokenizer::Joins BpeTokenizer::token_joins(int64_t id) const {
  if (id < 0 || id >= vocab_size() || tokens_[static_cast<std::size_t>(id)].empty())
    throw Error("tokenizer", "no token has id " + std::to_string(id));
  const std::string& token = tokens_[static_cast<std::size_t>(id)];
  const std::size_t suffix = std::char_traits<char>::length(kWordEnd);
  Joins joins;
  joins.next = id != start_ && id != end_ &&
               !(token.size() >= suffix && token.compare(token.size() - suffix, suffix, kWordEnd) == 0);
  return joins;
}

std::string BpeTokenizer::token_text(int64_t id) const {
  if (id < 0 || id >= vocab_size() || tokens_[static_cast<std::size_t>(id)].empty())
    throw Error("tokenizer", "no token has id " + std::to_string(id));
  std::string token = tokens_[static_cast<std::size_t>(id)];
  if (id == start_ || id == end_) return token;
  const std::size_t suffix = std::char_traits<char>::length(kWordEnd);
  if (token.size() >= suffix && token.compare(token.size() - suffix, suffix, kWordEnd) == 0)
    token.resize(token.size() - suffix);
  // Map each byte character back to its byte.
  static const std::unordered_map<char32_t, unsigned char> decode = [] {
    std::unordered_map<char32_t, unsigned char> table;
    for (int b = 0; b < 256; ++b) table[utf8_to_utf32(byte_characters().character[b])[0]] = static_cast<unsigned char>(b);
    return table;
  }();
  std::string bytes;
  for (char32_t c : utf8_to_utf32(token)) {
    const auto found = decode.find(c);
    if (found != decode.end()) bytes.push_back(static_cast<char>(found->second));
    else bytes += utf32_to_utf8(std::u32string(1, c));
  }
  return bytes;
}

}  // namespace protext
