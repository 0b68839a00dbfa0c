#include "core/zeroshot/probabilities.h"

#include <algorithm>
#include <cmath>
#include <numeric>

namespace protext {

double logit_multiplier(double logit_scale) { return std::min(std::exp(logit_scale), 100.0); }

std::vector<double> class_probabilities(const float* weights, size_t classes, size_t dim, const float* embedding,
                                        double multiplier) {
  std::vector<double> p(classes);
  if (classes == 0) return p;
  for (size_t c = 0; c < classes; ++c) {
    const float* row = weights + c * dim;
    double dot = 0;
    for (size_t d = 0; d < dim; ++d) dot += static_cast<double>(row[d]) * embedding[d];
    p[c] = multiplier * dot;
  }
  const double top = *std::max_element(p.begin(), p.end());
  double sum = 0;
  for (double& v : p) sum += (v = std::exp(v - top));
  for (double& v : p) v /= sum;
  return p;
}

std::vector<RankedClass> most_probable(const std::vector<double>& probabilities, int k) {
  std::vector<int> order(probabilities.size());
  std::iota(order.begin(), order.end(), 0);
  const size_t shown = std::min<size_t>(static_cast<size_t>(std::max(k, 0)), order.size());
  std::partial_sort(order.begin(), order.begin() + static_cast<std::ptrdiff_t>(shown), order.end(), [&](int a, int b) {
    return probabilities[a] > probabilities[b] || (probabilities[a] == probabilities[b] && a < b);
  });
  std::vector<RankedClass> out;
  for (size_t i = 0; i < shown; ++i) out.push_back({order[i], probabilities[order[i]]});
  return out;
}

}  // namespace protext
