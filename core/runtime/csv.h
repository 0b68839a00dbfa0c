#pragma once
#include <string>

namespace protext {

// A CSV field as RFC 4180 quotes it: as is, or in double quotes with quotes doubled when
// it holds a comma, a quote or a line break (class names and file paths can).
std::string csv_field(const std::string& s);

}  // namespace protext
