#pragma once
#include <atomic>
#include <functional>
#include <map>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>
#include <torch/types.h>

#include "core/clip/clip_model.h"
#include "core/protext/eval_report.h"
#include "core/protext/folder_encoder.h"
#include "core/protext/image_folder.h"

namespace protext {

// Scores normalised image features [n, d] with labels in [0, c) against weights [c, d];
// probabilities are softmax(logit_multiplier · cosine), as classify computes them.
MethodResult score_method(const torch::Tensor& features, const std::vector<int64_t>& labels,
                          const torch::Tensor& weights, double logit_multiplier);

// classifiers: method name → [classes, d] weights over ALL of `classes`; for split
// "base"/"novel" the images and the weight rows are restricted to that split's classes.
// The report carries every image's predictions and the statistics drawn from them.
EvalReport score(const ImageFeatures& images, const std::vector<std::string>& classes,
                 const std::map<std::string, torch::Tensor>& classifiers, const std::string& split,
                 const ScoringOptions& options = {});

// Encodes the folder's images (cached under cache_dir, see encode_image_folder) and scores
// every classifier.
EvalReport evaluate(ClipModel& clip, const ImageFolder& folder, const std::map<std::string, torch::Tensor>& classifiers,
                    const std::string& split, const ScoringOptions& options,
                    const std::function<void(int64_t, int64_t)>& progress, const std::atomic<bool>& cancel,
                    const std::string& cache_dir);

}  // namespace protext
