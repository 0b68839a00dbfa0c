#pragma once
#include <string>
#include <string_view>

namespace protext {

// Text cleaning ahead of tokenization. CLIP's tokenizer runs ftfy.fix_text, then
// html.unescape twice, then folds whitespace; these are the deterministic parts.

// UTF-8 to code points; malformed bytes become U+FFFD.
std::u32string utf8_to_utf32(std::string_view utf8);
std::string utf32_to_utf8(const std::u32string& text);

// The ftfy.fix_text fixes that matter for ordinary text, in ftfy's order: C1 controls
// read as Windows-1252, Latin ligatures split (ﬁ → fi), fullwidth and halfwidth forms to
// their usual width (ＡＢＣ → ABC, U+3000 → space), curly quotes straightened, ANSI
// terminal escapes and control characters removed, NFC. Not replicated: ftfy's mojibake
// repair (guessing that "Ã©" was "é" read in the wrong encoding) and its own HTML
// unescaping of lines without '<' (so text escaped three or more times, or "&#8217;",
// which ftfy would turn into "'", keeps what html.unescape gives).
std::u32string fix_text(const std::u32string& text);

// Unicode White_Space (what Python's regex module matches with \s).
bool is_white_space(char32_t c);

// Every run of white space becomes one space; no white space at either end.
std::u32string fold_whitespace(const std::u32string& text);

// fix_text, html::unescape twice, fold_whitespace: CLIP's text before lower-casing.
std::u32string clean_clip_text(std::string_view utf8);

}  // namespace protext
