#pragma once
#include <atomic>
#include <cstdint>
#include <vector>

#include "core/protext/eval_report.h"

namespace protext::cli {

// What the commands that work through an image folder (eval, classify --folder) print on
// stderr: "\rimages 120/480" as batches finish, and each file they left out.
void print_image_progress(int64_t done, int64_t total);
void print_skipped(const std::vector<SkippedImage>& skipped);

// The cancel flag of a command, which runs until it ends or is killed.
const std::atomic<bool>& never_cancelled();

}  // namespace protext::cli
