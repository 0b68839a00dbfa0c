// protext explain --image IMG --classes FILE [--descriptions F] [--prompts P] [--class NAME]
// --out DIR: where in the image each method finds its class. Per method, DIR/<method>.npy
// (the patch grid's relevance, summing to 1) and DIR/<method>.png (the map over the image
// the model saw); one JSON line per method on stdout, with the Descriptions method's
// descriptions ranked by how well the image matches them.
#include <filesystem>
#include <nlohmann/json.hpp>

#include "app/cli/class_files.h"
#include "app/cli/method_options.h"
#include "app/cli/model_options.h"
#include "core/image/decode.h"
#include "core/image/png_file.h"
#include "core/image/preprocess.h"
#include "core/npy.h"
#include "core/zeroshot/class_list.h"
#include "core/zeroshot/explain.h"

namespace protext::cli {
namespace {

int class_index_of(const std::vector<std::string>& classes, const std::string& name) {
  for (size_t i = 0; i < classes.size(); ++i)
    if (class_key(classes[i]) == class_key(name)) return static_cast<int>(i);
  throw Error("protext explain", "--class '" + name + "' is not in the class list");
}

int run(const Args& args) {
  const std::string image_path = args.require("image");
  const auto classes = class_list_from(args.require("classes"));
  const int class_index = args.has("class") ? class_index_of(classes, args.get("class")) : -1;
  const double opacity = args.get_double("opacity", 0.5);
  if (!(opacity >= 0 && opacity <= 1)) throw Error("protext explain", "--opacity must be between 0 and 1");
  const std::filesystem::path out = args.require("out");
  std::filesystem::create_directories(out);

  auto model = open_model_with_text_cache(args);
  const MethodInputs inputs = method_inputs(args, *model, classes);
  const MethodSet methods = build_methods(*model, inputs);
  const int size = static_cast<int>(model->config().vision.image_size);
  const RgbImage seen = resize_and_center_crop(decode_image(image_path), size);
  const auto explanations = explain_image(*model, methods, to_clip_tensor(seen), class_index,
                                          inputs.descriptions ? &*inputs.descriptions : nullptr);
  // Small models see small images: the overlay is drawn at least 224 pixels wide.
  const int shown = std::max(size, 224);
  const RgbImage base = shown == size ? seen : resize_and_center_crop(seen, shown);
  for (const auto& e : explanations) {
    const std::string name = method_name(e.method);
    std::vector<float> values(e.heat.values.begin(), e.heat.values.end());
    const std::string npy = (out / (name + ".npy")).string(), png = (out / (name + ".png")).string();
    write_npy(npy, values.data(), {e.heat.rows, e.heat.cols});
    write_png(png, heat_overlay(base, e.heat, opacity));
    nlohmann::ordered_json line = {{"method", name},     {"class", classes[static_cast<size_t>(e.class_index)]},
                                   {"prob", e.probability}, {"heat", npy}, {"overlay", png}};
    if (!e.descriptions.empty()) {
      line["descriptions"] = nlohmann::ordered_json::array();
      for (const auto& d : e.descriptions) line["descriptions"].push_back({{"text", d.text}, {"cosine", d.cosine}});
    }
    print_json_line(line);
  }
  return 0;
}

std::vector<Option> options() {
  auto o = model_options();
  o.push_back({"image", "IMG", "the image to explain"});
  o.push_back({"classes", "FILE", "class names, one per line (.txt) or a JSON array"});
  for (auto& option : method_options()) o.push_back(option);
  for (auto& option : cache_options()) o.push_back(option);
  o.push_back({"class", "NAME", "explain this class for every method (default: each method's top class)"});
  o.push_back({"opacity", "X", "the heat's opacity over the image in the overlays, 0 to 1 (default 0.5)"});
  o.push_back({"out", "DIR", "where <method>.npy and <method>.png are written"});
  return o;
}

const Command command{"explain", "Heat maps of what each method's class score comes from (JSON Lines).", "",
                      options(), run};
const CommandRegistration registration{command};

}  // namespace
}  // namespace protext::cli
