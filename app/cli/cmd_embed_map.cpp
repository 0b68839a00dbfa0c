// protext embed-map --classes FILE [--descriptions F] [--prompts P] [--images DIR] --out
// map.json: the joint embedding space in two dimensions (PCA): every class's template,
// ensemble, description centroid and ProText rows, each description, and the images of a
// labelled folder, with their 2-D coordinates, kind, class and method.
#include <iostream>
#include <nlohmann/json.hpp>

#include "app/cli/class_files.h"
#include "app/cli/folder_progress.h"
#include "app/cli/method_options.h"
#include "app/cli/model_options.h"
#include "core/npy.h"
#include "core/protext/folder_encoder.h"
#include "core/protext/image_folder.h"
#include "core/runtime/atomic_file.h"
#include "core/zeroshot/class_list.h"
#include "core/zeroshot/embedding_map.h"

namespace protext::cli {
namespace {

int run(const Args& args) {
  const auto classes = class_list_from(args.require("classes"));
  const std::string out = args.require("out");
  check_writable(out);
  const std::string embeddings_out = args.get("embeddings", "");
  if (!embeddings_out.empty()) check_writable(embeddings_out);

  auto model = open_model_with_text_cache(args);
  const MethodInputs inputs = method_inputs(args, *model, classes);
  const MethodSet methods = build_methods(*model, inputs);
  MapImages images;
  if (args.has("images")) {
    // Any sub-folders will do (a map shows what there is); one a class names gives its images
    // that class, the others are placed without one.
    const ImageFolder folder = read_image_folder(args.get("images"));
    std::vector<int64_t> class_of_folder;
    for (const auto& name : folder.classes) {
      int64_t found = -1;
      for (size_t c = 0; c < classes.size(); ++c)
        if (class_key(classes[c]) == class_key(name)) found = static_cast<int64_t>(c);
      if (found < 0) std::cerr << "warning: " << name << ": not in --classes, its images are placed without a class\n";
      class_of_folder.push_back(found);
    }
    FolderEncoding how;
    how.cache_dir = cache_dir(args);
    auto encoded = encode_image_folder(*model, folder, how, print_image_progress, never_cancelled());
    print_skipped(encoded.skipped);
    images.features = encoded.features;
    for (const int64_t label : encoded.labels) images.labels.push_back(class_of_folder[static_cast<size_t>(label)]);
    images.paths = encoded.paths;
  }
  torch::Tensor embeddings;
  const EmbeddingMap map = embedding_map(*model, methods, inputs.descriptions ? &*inputs.descriptions : nullptr, images,
                                         &embeddings);
  write_file_atomically(out, embedding_map_json(map));
  if (!embeddings_out.empty()) {
    auto rows = embeddings.to(torch::kFloat32).contiguous();
    write_npy(embeddings_out, rows.data_ptr<float>(), {rows.size(0), rows.size(1)});
  }
  print_json_line({{"points", map.points.size()},
                   {"explained", {map.explained[0], map.explained[1]}},
                   {"out", out}});
  return 0;
}

std::vector<Option> options() {
  auto o = model_options();
  o.push_back({"classes", "FILE", "class names, one per line (.txt) or a JSON array"});
  for (auto& option : method_options()) o.push_back(option);
  for (auto& option : cache_options()) o.push_back(option);
  o.push_back({"images", "DIR", "a labelled image folder (one sub-folder per class) to place on the map"});
  o.push_back({"out", "FILE", "map.json: every point's x, y, kind, class and method"});
  o.push_back({"embeddings", "FILE", "also write the projected embeddings, [points, embed_dim], as .npy"});
  return o;
}

const Command command{"embed-map", "The classes, descriptions and images in two dimensions (PCA), as JSON.", "",
                      options(), run};
const CommandRegistration registration{command};

}  // namespace
}  // namespace protext::cli
