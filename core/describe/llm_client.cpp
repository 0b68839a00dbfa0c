#include "core/describe/llm_client.h"

#include <curl/curl.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <mutex>
#include <nlohmann/json.hpp>
#include <thread>

#include "core/error.h"

namespace protext {

namespace {

// A response body larger than this is not a chat completion of a few sentences.
constexpr size_t kMaxBodyBytes = 8u << 20;

void init_curl_once() {
  static std::once_flag once;
  std::call_once(once, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });
}

struct Transfer {
  std::string body;
  std::string retry_after;
  bool too_large = false;
  const std::atomic<bool>* cancel = nullptr;
};

size_t on_body(char* data, size_t size, size_t count, void* user) {
  auto* t = static_cast<Transfer*>(user);
  const size_t bytes = size * count;
  if (t->body.size() + bytes > kMaxBodyBytes) {
    t->too_large = true;
    return 0;  // aborts the transfer
  }
  t->body.append(data, bytes);
  return bytes;
}

size_t on_header(char* data, size_t size, size_t count, void* user) {
  auto* t = static_cast<Transfer*>(user);
  const std::string line(data, size * count);
  const std::string name = "retry-after:";
  if (line.size() > name.size()) {
    std::string head = line.substr(0, name.size());
    std::transform(head.begin(), head.end(), head.begin(), [](unsigned char c) { return std::tolower(c); });
    if (head == name) {
      std::string value = line.substr(name.size());
      value.erase(0, value.find_first_not_of(" \t"));
      value.erase(value.find_last_not_of(" \t\r\n") + 1);
      t->retry_after = value;
    }
  }
  return size * count;
}

int on_progress(void* user, curl_off_t, curl_off_t, curl_off_t, curl_off_t) {
  const auto* t = static_cast<Transfer*>(user);
  return t->cancel && t->cancel->load() ? 1 : 0;
}

bool cancelled(const std::atomic<bool>* cancel) { return cancel && cancel->load(); }

// Sleeps `seconds` in slices, so a cancel is noticed within 50 ms.
void wait_for(double seconds, const std::atomic<bool>* cancel) {
  const auto end = std::chrono::steady_clock::now() + std::chrono::duration<double>(seconds);
  while (std::chrono::steady_clock::now() < end && !cancelled(cancel))
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
}

}  // namespace

std::vector<std::string> parse_chat_completion(const std::string& body, const std::string& source) {
  nlohmann::json json;
  try {
    json = nlohmann::json::parse(body);
  } catch (const nlohmann::json::exception&) {
    throw Error(source, "malformed response: not JSON (" + std::to_string(body.size()) + " bytes)");
  }
  if (!json.is_object() || !json.contains("choices") || !json["choices"].is_array())
    throw Error(source, "malformed response: no 'choices' array");
  std::vector<std::string> answers;
  for (const auto& choice : json["choices"]) {
    if (!choice.is_object() || !choice.contains("message") || !choice["message"].is_object() ||
        !choice["message"].contains("content") || !choice["message"]["content"].is_string())
      throw Error(source, "malformed response: a choice has no message content");
    answers.push_back(choice["message"]["content"].get<std::string>());
  }
  return answers;
}

LlmClient::LlmClient(LlmEndpoint endpoint) : endpoint_(std::move(endpoint)) {
  while (!endpoint_.url.empty() && endpoint_.url.back() == '/') endpoint_.url.pop_back();
  if (endpoint_.url.rfind("http://", 0) != 0 && endpoint_.url.rfind("https://", 0) != 0)
    throw Error("--endpoint", "'" + endpoint_.url + "' is not an http:// or https:// URL");
  if (endpoint_.model.empty()) throw Error("--llm-model", "no model named for " + endpoint_.url);
  init_curl_once();
}

std::vector<std::string> LlmClient::complete(const ChatRequest& request, const std::atomic<bool>* cancel) const {
  const std::string url = endpoint_.url + "/chat/completions";
  const nlohmann::json payload = {{"model", endpoint_.model},
                                  {"messages", nlohmann::json::array({{{"role", "user"}, {"content", request.prompt}}})},
                                  {"temperature", request.temperature},
                                  {"max_tokens", request.max_tokens},
                                  {"n", request.n}};
  const std::string body = payload.dump();
  std::string last_problem;
  for (int attempt = 1; attempt <= std::max(1, endpoint_.max_attempts); ++attempt) {
    if (cancelled(cancel)) return {};
    Transfer t;
    t.cancel = cancel;
    CURL* curl = curl_easy_init();
    if (!curl) throw Error(endpoint_.url, "cannot start an HTTP client");
    curl_slist* headers = curl_slist_append(nullptr, "Content-Type: application/json");
    const std::string auth = "Authorization: Bearer " + endpoint_.api_key;
    if (!endpoint_.api_key.empty()) headers = curl_slist_append(headers, auth.c_str());
    curl_easy_setopt(curl, CURLOPT_URL, url.c_str());
    curl_easy_setopt(curl, CURLOPT_HTTPHEADER, headers);
    curl_easy_setopt(curl, CURLOPT_POSTFIELDS, body.c_str());
    curl_easy_setopt(curl, CURLOPT_POSTFIELDSIZE, static_cast<long>(body.size()));
    curl_easy_setopt(curl, CURLOPT_WRITEFUNCTION, on_body);
    curl_easy_setopt(curl, CURLOPT_WRITEDATA, &t);
    curl_easy_setopt(curl, CURLOPT_HEADERFUNCTION, on_header);
    curl_easy_setopt(curl, CURLOPT_HEADERDATA, &t);
    curl_easy_setopt(curl, CURLOPT_XFERINFOFUNCTION, on_progress);
    curl_easy_setopt(curl, CURLOPT_XFERINFODATA, &t);
    curl_easy_setopt(curl, CURLOPT_NOPROGRESS, 0L);
    curl_easy_setopt(curl, CURLOPT_TIMEOUT_MS, static_cast<long>(endpoint_.timeout_s * 1000));
    curl_easy_setopt(curl, CURLOPT_CONNECTTIMEOUT_MS, static_cast<long>(std::min(endpoint_.timeout_s, 10.0) * 1000));
    curl_easy_setopt(curl, CURLOPT_NOSIGNAL, 1L);  // many threads; timeouts without SIGALRM
    curl_easy_setopt(curl, CURLOPT_PROTOCOLS_STR, "http,https");
    const CURLcode code = curl_easy_perform(curl);
    long status = 0;
    curl_easy_getinfo(curl, CURLINFO_RESPONSE_CODE, &status);
    curl_slist_free_all(headers);
    curl_easy_cleanup(curl);

    if (cancelled(cancel)) return {};
    if (t.too_large) throw Error(endpoint_.url, "response larger than " + std::to_string(kMaxBodyBytes >> 20) + " MiB");
    if (code == CURLE_COULDNT_CONNECT) throw Error(endpoint_.url, "connection refused (is the server running?)");
    if (code == CURLE_COULDNT_RESOLVE_HOST) throw Error(endpoint_.url, "host not found");
    double wait = std::min(endpoint_.max_wait_s, 0.5 * std::pow(2.0, attempt - 1));
    if (code == CURLE_OPERATION_TIMEDOUT) {
      last_problem = "no answer within " + std::to_string(static_cast<int>(endpoint_.timeout_s)) + " s";
    } else if (code != CURLE_OK) {
      last_problem = curl_easy_strerror(code);
    } else if (status == 429) {
      last_problem = "HTTP 429 (rate limited)";
      char* end = nullptr;
      const double after = std::strtod(t.retry_after.c_str(), &end);
      if (end != t.retry_after.c_str() && std::isfinite(after) && after >= 0) wait = std::min(endpoint_.max_wait_s, after);
    } else if (status >= 500) {
      last_problem = "HTTP " + std::to_string(status);
    } else if (status != 200) {
      // 4xx other than 429: the request itself is wrong (model name, key); retrying cannot help.
      std::string detail;
      try {
        const auto json = nlohmann::json::parse(t.body);
        if (json.contains("error") && json["error"].is_object() && json["error"].contains("message") &&
            json["error"]["message"].is_string())
          detail = ": " + json["error"]["message"].get<std::string>().substr(0, 200);
      } catch (const nlohmann::json::exception&) {
      }
      // A server may quote the key it refused; it never reaches a message from here.
      if (!endpoint_.api_key.empty())
        for (auto at = detail.find(endpoint_.api_key); at != std::string::npos; at = detail.find(endpoint_.api_key))
          detail.replace(at, endpoint_.api_key.size(), "***");
      throw Error(endpoint_.url, "HTTP " + std::to_string(status) + detail);
    } else {
      return parse_chat_completion(t.body, endpoint_.url);
    }
    if (attempt < endpoint_.max_attempts) wait_for(wait, cancel);
  }
  throw Error(endpoint_.url, last_problem + " after " + std::to_string(endpoint_.max_attempts) + " attempts");
}

}  // namespace protext
