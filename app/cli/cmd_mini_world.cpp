// protext mini-world render|demo-pack: the procedurally drawn world of the embedded model.
#include <filesystem>
#include <fstream>
#include <iostream>

#include "app/cli/model_options.h"
#include "core/miniworld/captions.h"
#include "core/image/png_file.h"
#include "core/miniworld/render.h"

namespace protext::cli {
namespace {

namespace fs = std::filesystem;

void write_text(const fs::path& path, const std::string& text) {
  const fs::path tmp = path.string() + ".tmp";
  {
    std::ofstream out(tmp, std::ios::binary);
    out << text;
    if (!out) throw Error(path.string(), "cannot write");
  }
  fs::rename(tmp, path);
}

int render(const Args& args) {
  const auto seed = static_cast<uint64_t>(args.get_int("seed", 1));
  const int count = args.get_int("count", 480);
  const int size = args.get_int("size", 64);
  const std::string out = args.require("out");
  const auto images = miniworld::render_folder(seed, count, out, size, [](int done, int total) {
    if (done % 100 == 0 || done == total) std::fprintf(stderr, "\rrendered %d/%d", done, total);
  });
  std::fprintf(stderr, "\n");
  for (const auto& image : images) print_json_line({{"image", image.path}, {"class", image.class_name}});
  return 0;
}

// classes.txt, descriptions.json and example images, as shipped in resources/.
int demo_pack(const Args& args) {
  const fs::path out = args.require("out");
  const auto seed = static_cast<uint64_t>(args.get_int("seed", 777));
  const int count = args.get_int("count", 24);
  const int size = args.get_int("size", 64);
  fs::create_directories(out / "demo");
  std::string classes;
  for (const auto& name : miniworld::concept_names()) classes += name + "\n";
  write_text(out / "demo" / "classes.txt", classes);
  write_text(out / "demo" / "descriptions.json", miniworld::descriptions_json());
  // Examples are spread over the concepts (every second one) and stored flat.
  const fs::path scratch = out / "examples.partial";
  fs::remove_all(scratch);
  fs::create_directories(out / "examples");
  const auto& all = miniworld::concepts();
  for (int i = 0; i < count; ++i) {
    const auto& concept = all[(2 * i + i / 24) % all.size()];
    miniworld::Rng rng(seed, static_cast<uint64_t>(i));
    const RgbImage image = miniworld::render(miniworld::concept_scene(rng, concept), size);
    const std::string name = miniworld::folder_name(concept.name) + "__" + std::to_string(i / 24 + 1) + ".png";
    write_png((out / "examples" / name).string(), image);
    print_json_line({{"image", (out / "examples" / name).string()}, {"class", concept.name}});
  }
  return 0;
}

int run(const Args& args) {
  if (args.positionals().size() != 1)
    throw Error("protext mini-world", "say what to do: render or demo-pack (see --help)");
  const std::string& action = args.positionals()[0];
  if (action == "render") return render(args);
  if (action == "demo-pack") return demo_pack(args);
  throw Error("protext mini-world", "unknown action '" + action + "' (render or demo-pack)");
}

const Command command{
    "mini-world",
    "Render the embedded model's world: `render` a labelled image folder, or `demo-pack` (classes, "
    "descriptions, examples).",
    "render|demo-pack",
    {{"seed", "N", "random seed (render: 1, demo-pack: 777); image n depends on (seed, n) only"},
     {"count", "N", "images to draw (render: 480, demo-pack: 24)"},
     {"size", "N", "image side in pixels (default 64)"},
     {"out", "DIR", "render: the image folder to fill; demo-pack: the resources folder"}},
    run};
const CommandRegistration registration{command};

}  // namespace
}  // namespace protext::cli
