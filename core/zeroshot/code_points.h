#pragma once

#include <unicode/utf8.h>

#include <cstddef>
#include <cstdint>
#include <string>

namespace protext {

// Calls visit(begin, end, c) for each UTF-8 code point of text, [begin, end) being its bytes;
// c < 0 for an invalid sequence. visit returns false to stop early.
template <typename Visit>
void for_each_code_point(const std::string& text, Visit&& visit) {
  const auto* bytes = reinterpret_cast<const uint8_t*>(text.data());
  const int64_t length = static_cast<int64_t>(text.size());
  for (int64_t i = 0; i < length;) {
    const int64_t begin = i;
    UChar32 c;
    U8_NEXT(bytes, i, length, c);
    if (!visit(static_cast<size_t>(begin), static_cast<size_t>(i), c)) return;
  }
}

}  // namespace protext
