#pragma once
#include <atomic>
#include <string>
#include <vector>

namespace protext {

// An OpenAI-compatible chat server: llama.cpp's server, Ollama, vLLM, LM Studio, OpenAI.
struct LlmEndpoint {
  std::string url;      // up to the API root, e.g. http://127.0.0.1:8080/v1
  std::string model;
  std::string api_key;  // sent as a Bearer token; never written into a message or file
  double timeout_s = 60;
  int max_attempts = 4;       // for 429, 5xx and timeouts
  double max_wait_s = 60;     // the longest Retry-After or back-off honoured
};

struct ChatRequest {
  std::string prompt;
  double temperature = 0.99;
  int max_tokens = 60;
  int n = 1;  // answers asked for; servers that ignore it send one
};

// POST {url}/chat/completions with libcurl (TLS for https). 429 waits as Retry-After says,
// 5xx and timeouts retry with back-off, a refused connection fails at once; every failure
// is an Error naming the endpoint and what went wrong, never the key. `cancel`, when set,
// stops a transfer or a wait within a fraction of a second (the result is then empty).
class LlmClient {
 public:
  explicit LlmClient(LlmEndpoint endpoint);
  std::vector<std::string> complete(const ChatRequest& request, const std::atomic<bool>* cancel = nullptr) const;
  const LlmEndpoint& endpoint() const { return endpoint_; }

 private:
  LlmEndpoint endpoint_;
};

// The answers' text from a chat-completions response body; Error naming what is missing.
std::vector<std::string> parse_chat_completion(const std::string& body, const std::string& source);

}  // namespace protext
