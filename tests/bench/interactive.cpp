// What a user of the app waits for (issue 10), timed on the core calls the app's model
// service makes: opening a model and building the four methods' classifiers (cold: an empty
// cache; warm: the disk cache of an earlier session), rebuilding them after one class is
// renamed, and an image drop (decode, preprocess, encode, probabilities of every method).
// One run per cache setting for the cold and warm opens, medians of the rest.
//
//   build/tests/bench_interactive WEIGHTS VOCAB CUPL.json IMAGE CLASSES DESCRIPTIONS_PER_CLASS [RENAMES] [DROPS]
//
// tests/bench/interactive.sh runs it on ViT-B/16-shaped random weights, quiet and beside a
// busy process.
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <string>
#include <unistd.h>
#include <vector>

#include "core/clip/clip_model.h"
#include "core/image/preprocess.h"
#include "core/protext/prompts.h"
#include "core/runtime/cache_dir.h"
#include "core/runtime/omp_waits.h"
#include "core/runtime/threads.h"
#include "core/zeroshot/descriptions.h"
#include "core/zeroshot/embedding_map.h"
#include "core/zeroshot/explain.h"
#include "core/zeroshot/method_set.h"
#include "core/zeroshot/probabilities.h"
#include "core/zeroshot/templates.h"

using namespace protext;
namespace fs = std::filesystem;

namespace {

using Clock = std::chrono::steady_clock;

double seconds_since(Clock::time_point start) { return std::chrono::duration<double>(Clock::now() - start).count(); }

double median(std::vector<double> v) {
  std::sort(v.begin(), v.end());
  const size_t n = v.size();
  return n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
}

struct Session {
  std::shared_ptr<ClipModel> model;
  MethodSet methods;
  double open_s = 0, classifiers_s = 0;
};

// As ModelService::open and rebuildClassifiers: the model with its text cache, then every method.
Session open_session(const std::string& weights, const std::string& vocab, const std::string& cache,
                     MethodInputs& inputs) {
  Session s;
  auto start = Clock::now();
  LoadOptions options;
  options.vocab = vocab;
  s.model = ClipModel::open(weights, options);
  TextCacheOptions text_cache;
  text_cache.memory_bytes = size_t{128} << 20;
  text_cache.disk_root = embedding_cache_root(cache);
  s.model->cache_text_embeddings(text_cache);
  s.open_s = seconds_since(start);
  inputs.prompts = PromptLearner(*s.model, PromptConfig{}, 1);  // random prompts: timing only
  start = Clock::now();
  s.methods = build_method_set(*s.model, inputs);
  s.classifiers_s = seconds_since(start);
  return s;
}

}  // namespace

int main(int argc, char** argv) {
  ensure_passive_omp_waits(argv);
  configure_threads();
  if (argc < 7) {
    std::fprintf(stderr, "usage: %s WEIGHTS VOCAB CUPL.json IMAGE CLASSES DESCRIPTIONS_PER_CLASS [RENAMES] [DROPS]\n", argv[0]);
    return 2;
  }
  const std::string weights = argv[1], vocab = argv[2], image = argv[4];
  const int n_classes = std::atoi(argv[5]), per_class = std::atoi(argv[6]);
  const int renames = argc > 7 ? std::atoi(argv[7]) : 5, drops = argc > 8 ? std::atoi(argv[8]) : 10;

  const DescriptionSet all = read_cupl_json(argv[3]);
  MethodInputs inputs;
  inputs.ensemble_templates = read_templates(default_template_set_path());
  DescriptionSet chosen;
  chosen.source = all.source;
  for (const auto& [key, name] : all.names) {
    if (static_cast<int>(inputs.classes.size()) == n_classes) break;
    inputs.classes.push_back(name);
    const auto& texts = all.by_key.at(key);
    chosen.names[key] = name;
    chosen.by_key[key].assign(texts.begin(), texts.begin() + std::min<size_t>(per_class, texts.size()));
  }
  inputs.descriptions = chosen;

  const fs::path cache = fs::temp_directory_path() / ("protext-bench-" + std::to_string(::getpid()));
  fs::remove_all(cache);
  Session cold = open_session(weights, vocab, cache.string(), inputs);
  cold.model.reset();
  Session warm = open_session(weights, vocab, cache.string(), inputs);

  std::vector<double> rename_s;
  MethodInputs edited = inputs;
  for (int r = 0; r < renames; ++r) {
    // A new name has no descriptions: as in the app, that method is then left out.
    edited.classes[static_cast<size_t>(n_classes / 2)] = "renamed class " + std::to_string(r);
    const auto start = Clock::now();
    warm.methods = build_method_set(*warm.model, edited);
    rename_s.push_back(seconds_since(start));
  }
  warm.methods = build_method_set(*warm.model, inputs);

  std::vector<double> drop_s;
  const auto size = static_cast<int>(warm.model->config().vision.image_size);
  double checksum = 0;
  for (int d = 0; d < drops; ++d) {
    const auto start = Clock::now();
    const auto embedding = warm.model->encode_images(preprocess_image(image, size).unsqueeze(0)).contiguous();
    for (const auto& m : warm.methods.methods) {
      const auto w = m.weights.contiguous();
      checksum += class_probabilities(w.data_ptr<float>(), static_cast<size_t>(w.size(0)), static_cast<size_t>(w.size(1)),
                                      embedding.data_ptr<float>(), warm.methods.logit_multiplier)[0];
    }
    drop_s.push_back(seconds_since(start));
  }

  // Seeing why (issue 15): the selected image's heat maps for every method, and the map.
  std::vector<double> explain_s, map_s;
  const auto pixels = preprocess_image(image, size);
  for (int d = 0; d < drops; ++d) {
    const auto start = Clock::now();
    checksum += explain_image(*warm.model, warm.methods, pixels, -1, &*inputs.descriptions)[0].heat.values[0];
    explain_s.push_back(seconds_since(start));
  }
  size_t map_points = 0;
  for (int r = 0; r < std::max(1, renames); ++r) {
    const auto start = Clock::now();
    map_points = embedding_map(*warm.model, warm.methods, &*inputs.descriptions, {}).points.size();
    map_s.push_back(seconds_since(start));
  }
  fs::remove_all(cache);

  const auto texts = inputs.classes.size() * (inputs.ensemble_templates.size() + static_cast<size_t>(per_class));
  std::printf("| step | seconds |\n|---|---:|\n");
  std::printf("| open the model (read the weights) | %.2f |\n", cold.open_s);
  std::printf("| first four-method classifiers, cold cache | %.2f |\n", cold.classifiers_s);
  std::printf("| first four-method classifiers, disk cache warm | %.2f |\n", warm.classifiers_s);
  std::printf("| classifiers after renaming one class (median of %d) | %.3f |\n", renames, median(rename_s));
  std::printf("| image drop to probabilities (median of %d) | %.3f |\n", drops, median(drop_s));
  std::printf("| heat maps of %zu methods for one image (median of %d; %.1fx the drop) | %.3f |\n",
              warm.methods.methods.size(), drops, median(explain_s) / median(drop_s), median(explain_s));
  std::printf("| embedding map, %zu points, texts cached (median of %d) | %.3f |\n", map_points,
              std::max(1, renames), median(map_s));
  std::printf("\n%d classes x (%zu templates + %d descriptions) = %zu texts, %d threads, OMP_WAIT_POLICY=%s (checksum %.3f)\n",
              n_classes, inputs.ensemble_templates.size(), per_class, texts, at::get_num_threads(), omp_wait_policy(),
              checksum);
  return 0;
}
