#pragma once
#include <cstddef>
#include <string>
#include <vector>

namespace protext {

// Class probabilities from one image embedding, torch-free so the CLI and the app's GUI
// thread run the very same arithmetic (a widget once re-implemented this with the log of
// the temperature and showed 14.7% where `protext classify` printed 95.8%).

// The multiplier applied to cosine similarities: exp(logit_scale), clamped at 100 as
// OpenAI's CLIP clamps its learned temperature.
double logit_multiplier(double logit_scale);

// softmax(multiplier · weights · embedding): weights are [classes, dim] row-major, both
// L2-normalised; accumulated in double, so the order of classes does not change a value.
std::vector<double> class_probabilities(const float* weights, size_t classes, size_t dim, const float* embedding,
                                        double multiplier);

struct RankedClass {
  int index = 0;
  double prob = 0;
};
// The k most probable classes, best first; ties go to the lower index.
std::vector<RankedClass> most_probable(const std::vector<double>& probabilities, int k);

}  // namespace protext
