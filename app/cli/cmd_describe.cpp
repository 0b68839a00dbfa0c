// protext describe --classes FILE --out FILE [--source wordnet]: descriptions for any class
// list, written as CuPL JSON that --descriptions and the app read. The offline source is
// WordNet; a class it does not know is reported and left out, never invented.
#include <iostream>
#include <nlohmann/json.hpp>

#include "app/cli/class_files.h"
#include "app/cli/model_options.h"
#include "core/describe/wordnet.h"
#include "core/error.h"
#include "core/runtime/atomic_file.h"

namespace protext::cli {
namespace {

int run(const Args& args) {
  const std::string source = args.get("source", "wordnet");
  if (source != "wordnet")
    throw Error("--source", "'" + source + "' is not available; this build describes classes from WordNet only");
  const std::vector<std::string> classes = class_list_from(args.require("classes"));
  const std::string out = args.require("out");
  check_writable(out);  // before any work
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
  write_file_atomically(out, cupl.dump(2, ' ', false, nlohmann::ordered_json::error_handler_t::replace) + "\n");
  return 0;
}

const Command command{"describe",
                      "Write descriptions of each class (CuPL JSON) from WordNet, offline; one JSON line per class.",
                      "",
                      {{"classes", "FILE", "class list (.txt, one per line, or .json)"},
                       {"out", "FILE", "CuPL JSON to write: {\"class\": [\"description\", ...]}"},
                       {"source", "NAME", "where descriptions come from: wordnet (default)"},
                       {"wordnet-dir", "DIR", "WordNet 3.0 dict folder (default $WNSEARCHDIR or /usr/share/wordnet)"}},
                      run};
const CommandRegistration registration{command};

}  // namespace
}  // namespace protext::cli
