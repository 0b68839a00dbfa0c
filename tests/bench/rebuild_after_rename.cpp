// How long the app's classifiers take to follow a class rename, with and without the text
// memo its open model keeps (ClipModel::cache_text_embeddings, issue 10): the embedded
// model, the 48 demo classes with their descriptions and CLIP's 80 templates, one
// build_method_set() after opening, then a rename of one class, repeated. Both settings in
// one run; medians.
//
//   build/tests/bench_rebuild_after_rename [RENAMES (default 7)]
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <vector>

#include "core/clip/clip_model.h"
#include "core/runtime/omp_waits.h"
#include "core/runtime/resources.h"
#include "core/runtime/threads.h"
#include "core/zeroshot/class_list.h"
#include "core/zeroshot/descriptions.h"
#include "core/zeroshot/method_set.h"
#include "core/zeroshot/templates.h"

using namespace protext;

namespace {

double seconds_since(std::chrono::steady_clock::time_point start) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

double median(std::vector<double> v) {
  std::sort(v.begin(), v.end());
  const size_t n = v.size();
  return n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
}

}  // namespace

int main(int argc, char** argv) {
  ensure_passive_omp_waits(argv);
  configure_threads();
  const int renames = argc > 1 ? std::max(1, std::atoi(argv[1])) : 7;
  MethodInputs in;
  in.classes = read_class_list(resource_path("demo/classes.txt"));
  in.descriptions = read_cupl_json(resource_path("demo/descriptions.json"));
  in.ensemble_templates = read_templates(default_template_set_path());

  std::printf("| text memo | first build (s) | rebuild after a rename, median of %d (s) |\n|---|---:|---:|\n", renames);
  for (const bool memo : {false, true}) {
    auto model = ClipModel::open(embedded_model_path());
    if (memo) model->cache_text_embeddings({size_t(128) << 20});
    MethodInputs edited = in;
    auto start = std::chrono::steady_clock::now();
    build_method_set(*model, edited);
    const double first = seconds_since(start);
    std::vector<double> times;
    for (int r = 0; r < renames; ++r) {
      // A new name has no descriptions, so that method is skipped in the rebuilds of both rows.
      edited.classes[5] = "renamed class " + std::to_string(r);
      start = std::chrono::steady_clock::now();
      build_method_set(*model, edited);
      times.push_back(seconds_since(start));
    }
    std::printf("| %s | %.2f | %.3f |\n", memo ? "on" : "off", first, median(times));
  }
  std::printf("\n%zu classes, %zu templates, %d threads, OMP_WAIT_POLICY=%s\n", in.classes.size(),
              in.ensemble_templates.size(), at::get_num_threads(), omp_wait_policy());
  return 0;
}
