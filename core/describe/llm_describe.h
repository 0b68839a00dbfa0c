#pragma once
#include <atomic>
#include <functional>
#include <map>
#include <string>
#include <vector>

#include "core/describe/llm_client.h"

namespace protext {

// CuPL's step: ask an LLM several generic questions about each class, several answers
// each at a high temperature, and keep the cleaned answers as the class's descriptions.
struct LlmDescribeOptions {
  std::vector<std::string> questions;  // with "{}" for the class name; empty: cupl_questions()
  int per_question = 3;
  double temperature = 0.99;
  int max_tokens = 60;
  int jobs = 4;           // requests in flight at once
  std::string cache_dir;  // every answer kept here; empty: no cache
  // Called from the worker threads after each (class, question): done of total.
  std::function<void(size_t done, size_t total)> on_progress;
};

struct LlmDescribed {
  std::map<std::string, std::vector<std::string>> descriptions;  // classes with at least one answer
  std::vector<std::string> failed;  // "class: why", for classes whose requests failed
  size_t requests = 0;              // sent to the server (the cache answers the rest)
  bool cancelled = false;
};

// CuPL's generic questions ("Describe what a(n) {} looks like", ...).
std::vector<std::string> cupl_questions();

// Whitespace folded, surrounding quotes dropped, cut after 60 words (about what CLIP's 77
// tokens hold) at a sentence end where there is one. Empty when nothing is left.
std::string clean_answer(const std::string& answer);

// Describes `classes` with `client`, `options.jobs` requests at a time. Answers are cached
// under (endpoint, model, question, class, sample index, temperature), so a rerun sends
// only what it has not asked before. A class whose requests fail is listed in `failed`
// with the first error; the others go on. `cancel` stops within a second and keeps what
// arrived.
LlmDescribed describe_with_llm(const std::vector<std::string>& classes, const LlmClient& client,
                               const LlmDescribeOptions& options, const std::atomic<bool>* cancel = nullptr);

}  // namespace protext
