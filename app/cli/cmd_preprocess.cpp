// protext preprocess: CLIP's image input written as .npy, to compare with Python's.
#include <iostream>
#include <nlohmann/json.hpp>

#include "app/cli/command.h"
#include "core/error.h"
#include "core/image/preprocess.h"
#include "core/npy.h"

namespace protext::cli {
namespace {

int run_preprocess(const Args& args) {
  if (args.positionals().size() != 1)
    throw Error("protext preprocess", "expects exactly one IMAGE, got " +
                                          std::to_string(args.positionals().size()));
  const std::string image = args.positionals().front();
  const std::string out = args.require("out");
  const int size = args.get_int("size", 224);
  if (size <= 0 || size > 4096)
    throw Error("protext preprocess", "--size must be 1..4096, got " + std::to_string(size));
  const torch::Tensor tensor = preprocess_image(image, size).contiguous();
  write_npy(out, tensor.data_ptr<float>(), tensor.sizes().vec());
  std::cout << nlohmann::ordered_json{{"image", image}, {"out", out}, {"shape", tensor.sizes().vec()}}.dump()
            << std::endl;
  return 0;
}

const Command command{
    "preprocess",
    "decode, resize, centre-crop and normalise an image as CLIP does; write float32 3xNxN .npy",
    "IMAGE",
    {{"size", "N", "input resolution: shorter side resized to N, then an N x N centre crop (default 224)"},
     {"out", "FILE.npy", "where to write the normalised float32 array [3, N, N] (required)"}},
    run_preprocess};
const CommandRegistration registration{command};

}  // namespace
}  // namespace protext::cli
