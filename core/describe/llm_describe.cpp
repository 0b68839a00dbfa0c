#include "core/describe/llm_describe.h"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <mutex>
#include <sstream>
#include <thread>

#include "core/error.h"
#include "core/runtime/atomic_file.h"
#include "core/runtime/content_hash.h"

namespace protext {
namespace fs = std::filesystem;

namespace {

std::string with_name(const std::string& question, const std::string& name) {
  std::string text = question;
  const auto at = text.find("{}");
  if (at != std::string::npos) text.replace(at, 2, name);
  return text;
}

// One cached answer per file, named by the hash of what asked for it.
class AnswerCache {
 public:
  AnswerCache(std::string dir, const LlmEndpoint& endpoint, double temperature)
      : dir_(std::move(dir)), endpoint_(endpoint.url), model_(endpoint.model), temperature_(std::to_string(temperature)) {
    if (!dir_.empty()) fs::create_directories(dir_);
  }

  std::string path(const std::string& question, const std::string& cls, int index) const {
    const std::string key = ContentHash()
                                .add(endpoint_)
                                .add(model_)
                                .add(question)
                                .add(cls)
                                .add(std::to_string(index))
                                .add(temperature_)
                                .hex();
    return (fs::path(dir_) / (key + ".txt")).string();
  }

  bool find(const std::string& question, const std::string& cls, int index, std::string& answer) const {
    if (dir_.empty()) return false;
    std::ifstream in(path(question, cls, index), std::ios::binary);
    if (!in) return false;
    std::ostringstream text;
    text << in.rdbuf();
    answer = text.str();
    return true;
  }

  void store(const std::string& question, const std::string& cls, int index, const std::string& answer) const {
    if (!dir_.empty()) write_file_atomically(path(question, cls, index), answer);
  }

 private:
  std::string dir_, endpoint_, model_, temperature_;
};

}  // namespace

std::vector<std::string> cupl_questions() {
  return {"Describe what a(n) {} looks like",
          "How can you identify a(n) {}?",
          "What does a(n) {} look like?",
          "Describe an image from the internet of a(n) {}",
          "A caption of an image of a(n) {}:"};
}

std::string clean_answer(const std::string& answer) {
  std::istringstream words(answer);
  std::vector<std::string> kept;
  for (std::string w; words >> w;) kept.push_back(w);
  constexpr size_t kMaxWords = 60;
  if (kept.size() > kMaxWords) {
    kept.resize(kMaxWords);
    // Back to the last sentence end within the limit, if there is one.
    for (size_t i = kept.size(); i-- > 0;) {
      const char last = kept[i].back();
      if (last == '.' || last == '!' || last == '?') {
        kept.resize(i + 1);
        break;
      }
    }
  }
  std::string text;
  for (const auto& w : kept) text += (text.empty() ? "" : " ") + w;
  while (text.size() >= 2 && (text.front() == '"' || text.front() == '\'') && text.back() == text.front())
    text = text.substr(1, text.size() - 2);
  return text;
}

LlmDescribed describe_with_llm(const std::vector<std::string>& classes, const LlmClient& client,
                               const LlmDescribeOptions& options, const std::atomic<bool>* cancel) {
  const std::vector<std::string> questions = options.questions.empty() ? cupl_questions() : options.questions;
  const int per_question = std::max(1, options.per_question);
  const AnswerCache cache(options.cache_dir, client.endpoint(), options.temperature);

  // One work item per (class, question); the answers land in their slots.
  struct Item {
    size_t cls, question;
  };
  std::vector<Item> items;
  for (size_t c = 0; c < classes.size(); ++c)
    for (size_t q = 0; q < questions.size(); ++q) items.push_back({c, q});
  std::vector<std::vector<std::string>> answers(items.size());
  std::vector<std::string> errors(classes.size());
  std::atomic<size_t> next{0};
  std::atomic<size_t> requests{0};
  std::atomic<size_t> finished{0};
  std::mutex errors_mutex;

  const auto work = [&] {
    for (size_t i = next++; i < items.size(); i = next++) {
      if (cancel && cancel->load()) return;
      const Item item = items[i];
      const std::string& cls = classes[item.cls];
      const std::string& question = questions[item.question];
      std::vector<std::string> got(per_question);
      std::vector<int> missing;
      for (int k = 0; k < per_question; ++k)
        if (!cache.find(question, cls, k, got[k])) missing.push_back(k);
      try {
        // Ask for what is missing; a server that ignores n answers once, so ask again.
        while (!missing.empty() && !(cancel && cancel->load())) {
          ChatRequest request;
          request.prompt = with_name(question, cls);
          request.temperature = options.temperature;
          request.max_tokens = options.max_tokens;
          request.n = static_cast<int>(missing.size());
          ++requests;
          const auto reply = client.complete(request, cancel);
          if (reply.empty()) break;  // cancelled, or a server with nothing to say
          for (size_t r = 0; r < reply.size() && !missing.empty(); ++r) {
            got[missing.front()] = reply[r];
            cache.store(question, cls, missing.front(), reply[r]);
            missing.erase(missing.begin());
          }
        }
      } catch (const std::exception& e) {
        std::lock_guard<std::mutex> lock(errors_mutex);
        if (errors[item.cls].empty()) errors[item.cls] = error_message(e);
      }
      for (int k = 0; k < per_question; ++k)
        if (std::find(missing.begin(), missing.end(), k) == missing.end()) answers[i].push_back(got[k]);
      if (options.on_progress) options.on_progress(++finished, items.size());
    }
  };
  std::vector<std::thread> pool;
  for (int j = 0; j < std::max(1, options.jobs); ++j) pool.emplace_back(work);
  for (auto& t : pool) t.join();

  LlmDescribed out;
  out.requests = requests.load();
  out.cancelled = cancel && cancel->load();
  for (size_t i = 0; i < items.size(); ++i) {
    auto& list = out.descriptions[classes[items[i].cls]];
    for (const auto& answer : answers[i]) {
      const std::string cleaned = clean_answer(answer);
      if (!cleaned.empty() && std::find(list.begin(), list.end(), cleaned) == list.end()) list.push_back(cleaned);
    }
  }
  for (size_t c = 0; c < classes.size(); ++c) {
    if (!errors[c].empty()) out.failed.push_back(classes[c] + ": " + errors[c]);
    if (out.descriptions[classes[c]].empty()) out.descriptions.erase(classes[c]);
  }
  return out;
}

}  // namespace protext
