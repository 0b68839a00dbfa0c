#include "core/clip/text_clean.h"

#include <unicode/normalizer2.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>

#include <array>
#include <mutex>

#include "core/clip/html_entities.h"
#include "core/error.h"

namespace protext {
namespace {

icu::UnicodeString to_icu(const std::u32string& text) {
  return icu::UnicodeString::fromUTF32(reinterpret_cast<const UChar32*>(text.data()),
                                       static_cast<int32_t>(text.size()));
}

std::u32string from_icu(const icu::UnicodeString& text) {
  std::u32string out;
  out.reserve(static_cast<std::size_t>(text.length()));
  for (int32_t i = 0; i < text.length();) {
    const UChar32 c = text.char32At(i);
    out.push_back(static_cast<char32_t>(c));
    i += U16_LENGTH(c);
  }
  return out;
}

const icu::Normalizer2& normalizer(bool compatibility) {
  UErrorCode status = U_ZERO_ERROR;
  const icu::Normalizer2* n = compatibility ? icu::Normalizer2::getNFKCInstance(status)
                                            : icu::Normalizer2::getNFCInstance(status);
  if (U_FAILURE(status) || n == nullptr)
    throw Error("ICU", std::string("cannot load Unicode normalisation data: ") + u_errorName(status));
  return *n;
}

// ftfy's width table: U+FF01..U+FFEF each mapped to its NFKC form where that differs.
const std::array<std::u32string, 0xFFF0 - 0xFF01>& width_table() {
  static const auto table = [] {
    std::array<std::u32string, 0xFFF0 - 0xFF01> t;
    const icu::Normalizer2& nfkc = normalizer(true);
    for (char32_t c = 0xFF01; c < 0xFFF0; ++c) {
      UErrorCode status = U_ZERO_ERROR;
      const icu::UnicodeString one(static_cast<UChar32>(c));
      const icu::UnicodeString normal = nfkc.normalize(one, status);
      if (U_SUCCESS(status) && normal != one) t[c - 0xFF01] = from_icu(normal);
    }
    return t;
  }();
  return table;
}

bool append_ligature(char32_t c, std::u32string& out) {
  switch (c) {
    case 0x0132: out += U"IJ"; return true;
    case 0x0133: out += U"ij"; return true;
    case 0x0149: out += U"\u02BCn"; return true;
    case 0x01F1: out += U"DZ"; return true;
    case 0x01F2: out += U"Dz"; return true;
    case 0x01F3: out += U"dz"; return true;
    case 0x01C4: out += U"D\u017D"; return true;
    case 0x01C5: out += U"D\u017E"; return true;
    case 0x01C6: out += U"d\u017E"; return true;
    case 0x01C7: out += U"LJ"; return true;
    case 0x01C8: out += U"Lj"; return true;
    case 0x01C9: out += U"lj"; return true;
    case 0x01CA: out += U"NJ"; return true;
    case 0x01CB: out += U"Nj"; return true;
    case 0x01CC: out += U"nj"; return true;
    case 0xFB00: out += U"ff"; return true;
    case 0xFB01: out += U"fi"; return true;
    case 0xFB02: out += U"fl"; return true;
    case 0xFB03: out += U"ffi"; return true;
    case 0xFB04: out += U"ffl"; return true;
    case 0xFB05: out += U"\u017Ft"; return true;
    case 0xFB06: out += U"st"; return true;
    default: return false;
  }
}

bool is_removed_control(char32_t c) {
  return c <= 0x08 || c == 0x0B || (c >= 0x0E && c <= 0x1F) || c == 0x7F ||
         (c >= 0x206A && c <= 0x206F) || c == 0xFEFF || (c >= 0xFFF9 && c <= 0xFFFC) ||
         (c >= 0x1D173 && c <= 0x1D17A) || (c >= 0xE0000 && c <= 0xE007F);
}

char32_t c1_as_windows_1252(char32_t c) {
  // Bytes 0x81, 0x8D, 0x8F, 0x90, 0x9D have no Windows-1252 meaning: ftfy keeps them.
  static const char32_t kTable[32] = {
      0x20AC, 0x81,   0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160,
      0x2039, 0x0152, 0x8D,   0x017D, 0x8F,   0x90,   0x2018, 0x2019, 0x201C, 0x201D, 0x2022,
      0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0x9D,   0x017E, 0x0178};
  return kTable[c - 0x80];
}

// ESC '[' (digits or ';')* ASCII letter, as ftfy's remove_terminal_escapes matches it
// (its \d is any Unicode decimal digit).
std::size_t terminal_escape_length(const std::u32string& text, std::size_t at) {
  if (text[at] != 0x1B || at + 1 >= text.size() || text[at + 1] != U'[') return 0;
  std::size_t i = at + 2;
  while (i < text.size() && (u_isdigit(static_cast<UChar32>(text[i])) || text[i] == U';')) ++i;
  if (i < text.size() && ((text[i] >= U'a' && text[i] <= U'z') || (text[i] >= U'A' && text[i] <= U'Z')))
    return i + 1 - at;
  return 0;
}

template <typename Map>
std::u32string map_each(const std::u32string& text, Map map) {
  std::u32string out;
  out.reserve(text.size());
  for (char32_t c : text) map(c, out);
  return out;
}

}  // namespace

std::u32string utf8_to_utf32(std::string_view utf8) {
  return from_icu(icu::UnicodeString::fromUTF8(
      icu::StringPiece(utf8.data(), static_cast<int32_t>(utf8.size()))));
}

std::string utf32_to_utf8(const std::u32string& text) {
  std::string out;
  to_icu(text).toUTF8String(out);
  return out;
}

bool is_white_space(char32_t c) {
  return (c >= 0x09 && c <= 0x0D) || c == 0x20 || c == 0x85 || c == 0xA0 || c == 0x1680 ||
         (c >= 0x2000 && c <= 0x200A) || c == 0x2028 || c == 0x2029 || c == 0x202F ||
         c == 0x205F || c == 0x3000;
}

std::u32string fix_text(const std::u32string& input) {
  std::u32string text = map_each(input, [](char32_t c, std::u32string& out) {
    out.push_back(c >= 0x80 && c <= 0x9F ? c1_as_windows_1252(c) : c);
  });
  text = map_each(text, [](char32_t c, std::u32string& out) {
    if (!append_ligature(c, out)) out.push_back(c);
  });
  const auto& widths = width_table();
  text = map_each(text, [&widths](char32_t c, std::u32string& out) {
    if (c == 0x3000) {
      out.push_back(U' ');
    } else if (c >= 0xFF01 && c < 0xFFF0 && !widths[c - 0xFF01].empty()) {
      out += widths[c - 0xFF01];
    } else {
      out.push_back(c);
    }
  });
  text = map_each(text, [](char32_t c, std::u32string& out) {
    if (c == 0x02BC || (c >= 0x2018 && c <= 0x201B))
      out.push_back(U'\'');
    else if (c >= 0x201C && c <= 0x201F)
      out.push_back(U'"');
    else
      out.push_back(c);
  });
  std::u32string kept;
  kept.reserve(text.size());
  for (std::size_t i = 0; i < text.size();) {
    if (const std::size_t escape = terminal_escape_length(text, i)) {
      i += escape;
      continue;
    }
    if (!is_removed_control(text[i])) kept.push_back(text[i]);
    ++i;
  }
  UErrorCode status = U_ZERO_ERROR;
  const icu::UnicodeString composed = normalizer(false).normalize(to_icu(kept), status);
  if (U_FAILURE(status)) throw Error("ICU", std::string("NFC normalisation failed: ") + u_errorName(status));
  return from_icu(composed);
}

std::u32string fold_whitespace(const std::u32string& text) {
  std::u32string out;
  out.reserve(text.size());
  bool pending_space = false;
  for (char32_t c : text) {
    if (is_white_space(c)) {
      pending_space = !out.empty();
      continue;
    }
    if (pending_space) out.push_back(U' ');
    pending_space = false;
    out.push_back(c);
  }
  return out;
}

std::u32string clean_clip_text(std::string_view utf8) {
  return fold_whitespace(html::unescape(html::unescape(fix_text(utf8_to_utf32(utf8)))));
}

}  // namespace protext
