// protext describe --classes FILE --out FILE [--source wordnet|llm]: descriptions for any
// class list, written as CuPL JSON that --descriptions and the app read. Offline from
// WordNet (a class it does not know is reported and left out, never invented), or from an
// OpenAI-compatible chat server asked CuPL's questions.
#include <atomic>
#include <csignal>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <nlohmann/json.hpp>

#include "app/cli/class_files.h"
#include "app/cli/model_options.h"
#include "core/describe/llm_describe.h"
#include "core/describe/wordnet.h"
#include "core/error.h"
#include "core/runtime/atomic_file.h"
#include "core/runtime/cache_dir.h"

namespace protext::cli {
namespace {

std::atomic<bool> interrupted{false};
void on_interrupt(int) { interrupted.store(true); }

std::vector<std::string> read_questions(const std::string& path) {
  std::ifstream in(path);
  if (!in) throw Error(path, "cannot read the questions file");
  std::vector<std::string> questions;
  for (std::string line; std::getline(in, line);) {
    while (!line.empty() && (line.back() == '\r' || line.back() == ' ')) line.pop_back();
    if (line.empty() || line[0] == '#') continue;
    if (line.find("{}") == std::string::npos) throw Error(path, "question '" + line + "' has no {} for the class name");
    questions.push_back(line);
  }
  if (questions.empty()) throw Error(path, "no questions in the file");
  return questions;
}

void write_cupl(const std::string& out, const nlohmann::ordered_json& cupl) {
  write_file_atomically(out, cupl.dump(2, ' ', false, nlohmann::ordered_json::error_handler_t::replace) + "\n");
}

int run_llm(const Args& args, const std::vector<std::string>& classes, const std::string& out) {
  LlmEndpoint endpoint;
  endpoint.url = args.require("endpoint");
  endpoint.model = args.require("llm-model");
  endpoint.timeout_s = args.get_double("timeout", 60);
  if (const char* key = std::getenv(args.get("api-key-env", "OPENAI_API_KEY").c_str())) endpoint.api_key = key;
  const LlmClient client(endpoint);
  LlmDescribeOptions options;
  if (args.has("questions")) options.questions = read_questions(args.get("questions"));
  options.per_question = args.get_int("per-question", options.per_question);
  options.temperature = args.get_double("temperature", options.temperature);
  options.max_tokens = args.get_int("max-tokens", options.max_tokens);
  options.jobs = args.get_int("jobs", options.jobs);
  if (options.per_question < 1 || options.jobs < 1 || options.max_tokens < 1 || !(options.temperature >= 0) ||
      options.temperature > 2 || !(endpoint.timeout_s > 0))
    throw Error("describe", "--per-question, --jobs and --max-tokens must be at least 1, --temperature within 0..2, "
                            "--timeout above 0");
  if (!args.has("no-cache") && !default_cache_dir().empty())
    options.cache_dir = (std::filesystem::path(default_cache_dir()) / "llm-answers").string();

  std::signal(SIGINT, on_interrupt);
  std::signal(SIGTERM, on_interrupt);
  const LlmDescribed described = describe_with_llm(classes, client, options, &interrupted);
  nlohmann::ordered_json cupl = nlohmann::ordered_json::object();
  for (const std::string& name : classes) {
    const auto found = described.descriptions.find(name);
    if (found == described.descriptions.end()) continue;
    cupl[name] = found->second;
    print_json_line({{"class", name}, {"descriptions", found->second}, {"source", "llm"}});
  }
  for (const auto& failure : described.failed) std::cerr << "warning: " << failure << "\n";
  std::cerr << "note: " << described.requests << " requests sent to " << endpoint.url << "\n";
  if (!cupl.empty()) write_cupl(out, cupl);
  if (described.cancelled) {
    std::cerr << "protext describe: interrupted; " << cupl.size() << " classes written to " << out << "\n";
    return 130;
  }
  if (cupl.empty()) throw Error(endpoint.url, "no class got a description; nothing was written");
  return 0;
}

int run(const Args& args) {
  const std::string source = args.get("source", "wordnet");
  if (source != "wordnet" && source != "llm")
    throw Error("--source", "'" + source + "' is not a source: wordnet or llm");
  const std::vector<std::string> classes = class_list_from(args.require("classes"));
  const std::string out = args.require("out");
  check_writable(out);  // before any work
  if (source == "llm") return run_llm(args, classes, out);
  const WordNet wordnet(args.get("wordnet-dir", default_wordnet_dir()));

  nlohmann::ordered_json cupl = nlohmann::ordered_json::object();
  std::vector<std::string> unknown;
  for (const std::string& name : classes) {
    const auto sense = wordnet.lookup(name);
    if (!sense) {
      unknown.push_back(name);
      continue;
    }
    if (sense->sense_count > 1)
      std::cerr << "note: '" << name << "' has " << sense->sense_count << " senses in WordNet; described as sense "
                << sense->sense << ", " << sense->gloss << "\n";
    const auto descriptions = wordnet_descriptions(name, *sense);
    cupl[name] = descriptions;
    print_json_line({{"class", name}, {"descriptions", descriptions}, {"source", "wordnet"}});
  }
  for (const auto& name : unknown) std::cerr << "warning: WordNet does not know '" << name << "'; it is left out\n";
  if (cupl.empty())
    throw Error(args.require("classes"), "WordNet knows none of its " + std::to_string(classes.size()) +
                                             " classes; nothing was written");
  write_cupl(out, cupl);
  return 0;
}

const Command command{"describe",
                      "Write descriptions of each class (CuPL JSON) from WordNet, offline; one JSON line per class.",
                      "",
                      {{"classes", "FILE", "class list (.txt, one per line, or .json)"},
                       {"out", "FILE", "CuPL JSON to write: {\"class\": [\"description\", ...]}"},
                       {"source", "NAME", "wordnet (default, offline) or llm (an OpenAI-compatible chat server)"},
                       {"wordnet-dir", "DIR", "WordNet 3.0 dict folder (default $WNSEARCHDIR or /usr/share/wordnet)"},
                       {"endpoint", "URL", "llm: the API root, e.g. http://127.0.0.1:8080/v1 (llama.cpp) or https://api.openai.com/v1"},
                       {"llm-model", "NAME", "llm: the model the server should answer with"},
                       {"api-key-env", "VAR", "llm: environment variable holding the API key (default OPENAI_API_KEY)"},
                       {"questions", "FILE", "llm: one question per line with {} for the class (default: CuPL's five)"},
                       {"per-question", "N", "llm: answers per question (default 3)"},
                       {"temperature", "T", "llm: sampling temperature (default 0.99, as CuPL)"},
                       {"max-tokens", "N", "llm: longest answer in tokens (default 60)"},
                       {"jobs", "N", "llm: requests in flight at once (default 4)"},
                       {"timeout", "S", "llm: seconds to wait for one answer (default 60)"},
                       {"no-cache", "", "llm: ask again even what an earlier run asked"}},
                      run};
const CommandRegistration registration{command};

}  // namespace
}  // namespace protext::cli
