#pragma once
#include <map>
#include <string>
#include <vector>

#include "core/protext/eval_report.h"

namespace protext {

// Method outcomes image by image (1: top-1 right), keyed by method id.
using Outcomes = std::map<std::string, std::vector<uint8_t>>;

// Fills the report's paired comparisons, top-1 intervals and calibration from its
// per-image results (MethodResult::top and ::right), and each base2novel interval from
// the outcomes on the base and novel halves (each half scored with its own classifier).
void add_statistics(EvalReport& report, const Outcomes& base_right, const Outcomes& novel_right);

}  // namespace protext
