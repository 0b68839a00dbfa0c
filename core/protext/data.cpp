#include "core/protext/data.h"

#include <cstdlib>
#include <filesystem>

#include "core/error.h"
#include "core/runtime/content_hash.h"
#include "core/zeroshot/classifier.h"
#include "core/zeroshot/templates.h"

namespace protext {
TrainingData build_training_data(ClipModel& clip, const DescriptionSet& descriptions,
                                 const std::vector<std::string>& classes,
                                 const std::vector<std::string>& extra_templates) {
  TrainingData data;
  std::vector<std::string> wanted = classes;
  if (wanted.empty())
    for (const auto& [key, name] : descriptions.names) wanted.push_back(name);
  std::vector<std::string> unknown;
  for (const auto& name : wanted)
    if (!descriptions.find(name)) unknown.push_back("'" + name + "'");
  if (!unknown.empty()) {
    std::string list;
    for (size_t i = 0; i < unknown.size() && i < 5; ++i) list += (i ? ", " : "") + unknown[i];
    if (unknown.size() > 5) list += " and " + std::to_string(unknown.size() - 5) + " more";
    throw Error(descriptions.source, "no descriptions for the classes " + list);
  }
  std::vector<std::string> texts;
  std::vector<int64_t> owner;
  for (size_t c = 0; c < wanted.size(); ++c) {
    data.classes.push_back(display_name(wanted[c]));
    for (const auto& d : *descriptions.find(wanted[c])) {
      texts.push_back(d);
      owner.push_back(static_cast<int64_t>(c));
    }
    for (const auto& t : extra_templates) {
      texts.push_back(fill_template(t, display_name(wanted[c])));
      owner.push_back(static_cast<int64_t>(c));
    }
  }
  data.pair_class = torch::tensor(owner, torch::kInt64);

  // The key covers what the targets depend on: the weights and the token ids (so the
  // same model read with another vocabulary does not reuse stale targets).
  ContentHash h;
  h.add(clip.fingerprint());
  const int context = static_cast<int>(clip.config().text.context_length);
  for (const auto& t : texts) {
    std::string ids;
    for (int64_t id : clip.tokenizer().encode(t, context)) ids += std::to_string(id) + ',';
    h.add(ids);
  }
  data.content_hash = h.hex();

  data.targets = clip.encode_text(texts, /*normalize=*/true);
  return data;
}

}  // namespace protext
