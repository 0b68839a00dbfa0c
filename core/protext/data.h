#pragma once
#include <string>
#include <vector>

#include <torch/types.h>

#include "core/clip/clip_model.h"
#include "core/zeroshot/descriptions.h"

namespace protext {

// Training pairs from LLM descriptions: each description of a class is one pair whose
// input is the class's prompted template and whose target is frozen CLIP's normalised
// embedding of the description. Pairs are grouped by class so a batch encodes each
// distinct class once.
struct TrainingData {
  std::vector<std::string> classes;      // class names as they go into the template
  torch::Tensor targets;                 // [pairs, embed_dim] fp32, normalised
  torch::Tensor pair_class;              // [pairs] int64 index into classes
  std::string content_hash;              // of the model fingerprint + classes + texts
};

// classes: which classes of the file to train on (all when empty); a listed class the
// file lacks is an error naming it. extra_templates: optional template set whose filled
// sentences are added as more targets per class.
// Targets are encoded through clip.encode_text, so a model with a text cache
// (ClipModel::cache_text_embeddings) encodes each description once across runs.
TrainingData build_training_data(ClipModel& clip, const DescriptionSet& descriptions,
                                 const std::vector<std::string>& classes,
                                 const std::vector<std::string>& extra_templates);

}  // namespace protext
