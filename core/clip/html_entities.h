#pragma once
#include <cstddef>
#include <string>

namespace protext::html {

// HTML character references resolved the way Python's html.unescape resolves them (the
// HTML5 rules: named references with or without ';', the longest known prefix of an
// unknown name, numeric references with the Windows-1252 fix-ups for 0x80-0x9F, invalid
// code points dropped or replaced by U+FFFD). CLIP's tokenizer applies it twice.
std::u32string unescape(const std::u32string& text);

struct NamedEntity {
  const char* name;
  char32_t first;
  char32_t second;  // 0 where the reference stands for one code point
};
extern const NamedEntity kNamedEntities[];
extern const std::size_t kNamedEntityCount;

}  // namespace protext::html
