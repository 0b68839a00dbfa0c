#include "core/clip/html_entities.h"

#include <algorithm>
#include <cstring>

namespace protext::html {
namespace {

const NamedEntity* find_named(const std::u32string& text, std::size_t begin, std::size_t length) {
  std::string name;
  name.reserve(length);
  for (std::size_t i = begin; i < begin + length; ++i) {
    if (text[i] >= 0x80) return nullptr;  // every known name is ASCII
    name.push_back(static_cast<char>(text[i]));
  }
  const NamedEntity* end = kNamedEntities + kNamedEntityCount;
  const NamedEntity* found = std::lower_bound(
      kNamedEntities, end, name,
      [](const NamedEntity& entity, const std::string& key) { return std::strcmp(entity.name, key.c_str()) < 0; });
  return found != end && name == found->name ? found : nullptr;
}

void append_entity(std::u32string& out, const NamedEntity& entity) {
  out.push_back(entity.first);
  if (entity.second != 0) out.push_back(entity.second);
}

// What "&#NNN;" stands for; a negative result means "nothing" (the code point is dropped).
long numeric_reference(unsigned long long value) {
  static const char32_t kWindows1252[32] = {
      0x20AC, 0x81,   0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160,
      0x2039, 0x0152, 0x8D,   0x017D, 0x8F,   0x90,   0x2018, 0x2019, 0x201C, 0x201D, 0x2022,
      0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0x9D,   0x017E, 0x0178};
  if (value == 0x00) return 0xFFFD;
  if (value == 0x0D) return 0x0D;
  if (value >= 0x80 && value <= 0x9F) return kWindows1252[value - 0x80];
  if ((value >= 0xD800 && value <= 0xDFFF) || value > 0x10FFFF) return 0xFFFD;
  const bool invalid = (value >= 0x01 && value <= 0x08) || value == 0x0B ||
                       (value >= 0x0E && value <= 0x1F) || value == 0x7F ||
                       (value >= 0xFDD0 && value <= 0xFDEF) || (value & 0xFFFE) == 0xFFFE;
  return invalid ? -1 : static_cast<long>(value);
}

bool is_digit(char32_t c) { return c >= U'0' && c <= U'9'; }
bool is_hex_digit(char32_t c) {
  return is_digit(c) || (c >= U'a' && c <= U'f') || (c >= U'A' && c <= U'F');
}
int hex_value(char32_t c) {
  if (is_digit(c)) return static_cast<int>(c - U'0');
  if (c >= U'a' && c <= U'f') return static_cast<int>(c - U'a' + 10);
  return static_cast<int>(c - U'A' + 10);
}

// Tries a reference at text[at] == '&'. On success appends its replacement and returns the
// index just after it; otherwise returns `at` unchanged.
std::size_t replace_reference(const std::u32string& text, std::size_t at, std::u32string& out) {
  const std::size_t n = text.size();
  std::size_t i = at + 1;
  if (i < n && text[i] == U'#') {
    ++i;
    const bool hex = i < n && (text[i] == U'x' || text[i] == U'X');
    if (hex) ++i;
    const std::size_t digits_begin = i;
    // Saturating: anything past 0x10FFFF is replaced the same way.
    unsigned long long value = 0;
    while (i < n && (hex ? is_hex_digit(text[i]) : is_digit(text[i]))) {
      value = value * (hex ? 16 : 10) + static_cast<unsigned>(hex ? hex_value(text[i]) : text[i] - U'0');
      if (value > 0x110000) value = 0x110000;
      ++i;
    }
    if (i == digits_begin) return at;
    if (i < n && text[i] == U';') ++i;
    const long replacement = numeric_reference(value);
    if (replacement >= 0) out.push_back(static_cast<char32_t>(replacement));
    return i;
  }
  // A name: 1 to 32 characters other than \t \n \f space < & # ;, then an optional ';'.
  std::size_t end = i;
  while (end < n && end - i < 32) {
    const char32_t c = text[end];
    if (c == U'\t' || c == U'\n' || c == U'\f' || c == U' ' || c == U'<' || c == U'&' ||
        c == U'#' || c == U';')
      break;
    ++end;
  }
  if (end == i) return at;
  if (end < n && text[end] == U';') ++end;
  const std::size_t length = end - i;
  if (const NamedEntity* entity = find_named(text, i, length)) {
    append_entity(out, *entity);
    return end;
  }
  for (std::size_t prefix = length - 1; prefix >= 2 && prefix < length; --prefix) {
    if (const NamedEntity* entity = find_named(text, i, prefix)) {
      append_entity(out, *entity);
      out.append(text, i + prefix, length - prefix);
      return end;
    }
  }
  out.push_back(U'&');
  out.append(text, i, length);
  return end;
}

}  // namespace

std::u32string unescape(const std::u32string& text) {
  if (text.find(U'&') == std::u32string::npos) return text;
  std::u32string out;
  out.reserve(text.size());
  std::size_t i = 0;
  while (i < text.size()) {
    if (text[i] == U'&') {
      const std::size_t next = replace_reference(text, i, out);
      if (next != i) {
        i = next;
        continue;
      }
    }
    out.push_back(text[i]);
    ++i;
  }
  return out;
}

}  // namespace protext::html
