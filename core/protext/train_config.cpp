#include "core/protext/train_config.h"

#include <cmath>
#include <limits>
#include <sstream>
#include <utility>

#include "core/clip/safetensors.h"
#include "core/error.h"

namespace protext {
namespace {

using json = nlohmann::json;

const char* const kPresets[] = {"cross-dataset", "base2novel", "text-only"};
const char* const kSchedules[] = {"reference", "constant", "cosine"};
const char* const kLosses[] = {"l1", "mse"};
const char* const kPrecisions[] = {"fp32", "bf16", "fp16"};

template <size_t N>
bool one_of(const std::string& value, const char* const (&names)[N]) {
  for (const char* name : names)
    if (value == name) return true;
  return false;
}

// "a, b or c"
template <size_t N>
std::string alternatives(const char* const (&names)[N]) {
  std::string out;
  for (size_t i = 0; i < N; ++i) out += (i == 0 ? "" : i + 1 == N ? " or " : ", ") + std::string(names[i]);
  return out;
}

std::string number_text(double value) {
  std::ostringstream out;
  out << value;
  return out.str();
}

// Which setting is wrong, and why: "<source>: training setting 'lr' must be …".
Error bad_setting(const std::string& source, const std::string& key, const std::string& why,
                  const std::string& kind = "training setting") {
  return Error(source, kind + " '" + key + "' " + why);
}

// A value from a file, shortened for a one-line message.
std::string shortened(std::string text) {
  if (text.size() > 60) text = text.substr(0, 57) + "...";
  return text;
}

size_t placeholder_count(const std::string& text) {
  size_t count = 0;
  for (size_t at = text.find("{}"); at != std::string::npos; at = text.find("{}", at + 2)) ++count;
  return count;
}

// Readers of one key each: absent keeps `out`, anything but the expected JSON type throws.
class Reader {
 public:
  Reader(const json& object, const std::string& source, std::string kind = "training setting")
      : object_(object), source_(source), kind_(std::move(kind)) {}

  void text(const char* key, std::string& out) const {
    if (const json* v = find(key)) {
      if (!v->is_string()) throw wrong_type(key, *v, "a string");
      out = v->get<std::string>();
    }
  }
  void flag(const char* key, bool& out) const {
    if (const json* v = find(key)) {
      if (!v->is_boolean()) throw wrong_type(key, *v, "true or false");
      out = v->get<bool>();
    }
  }
  void number(const char* key, double& out) const {
    if (const json* v = find(key)) {
      if (!v->is_number()) throw wrong_type(key, *v, "a number");
      out = v->get<double>();
    }
  }
  // Integers; a float with an integral value (10.0, as some JSON writers put it) counts.
  template <typename Int>
  void integer(const char* key, Int& out) const {
    if (const json* v = find(key)) out = integral<Int>(key, *v);
  }
  void pair(const char* key, double& first, double& second) const {
    if (const json* v = find(key)) {
      if (!v->is_array() || v->size() != 2 || !(*v)[0].is_number() || !(*v)[1].is_number())
        throw wrong_type(key, *v, "two numbers [β1, β2]");
      first = (*v)[0].get<double>();
      second = (*v)[1].get<double>();
    }
  }

 private:
  const json* find(const char* key) const {
    auto it = object_.find(key);
    return it == object_.end() ? nullptr : &*it;
  }

  Error wrong_type(const std::string& key, const json& value, const std::string& wanted) const {
    return bad_setting(source_, key, "must be " + wanted + ", not " + shortened(value.dump()), kind_);
  }

  template <typename Int>
  Int integral(const std::string& key, const json& v) const {
    using Limits = std::numeric_limits<Int>;
    if (v.is_number_unsigned()) {
      const auto u = v.get<uint64_t>();
      if (u > static_cast<uint64_t>(Limits::max())) throw wrong_type(key, v, "an integer in range");
      return static_cast<Int>(u);
    }
    int64_t i = 0;
    if (v.is_number_integer()) {
      i = v.get<int64_t>();
    } else if (v.is_number_float() && std::isfinite(v.get<double>()) && v.get<double>() == std::floor(v.get<double>()) &&
               std::abs(v.get<double>()) < 9007199254740992.0) {  // 2^53: every integer below is exact
      i = static_cast<int64_t>(v.get<double>());
    } else {
      throw wrong_type(key, v, "an integer");
    }
    if (i < 0 && !Limits::is_signed) throw wrong_type(key, v, "a non-negative integer");
    if (i < static_cast<int64_t>(Limits::min()) ||
        (i > 0 && static_cast<uint64_t>(i) > static_cast<uint64_t>(Limits::max())))
      throw wrong_type(key, v, "an integer in range");
    return static_cast<Int>(i);
  }

  const json& object_;
  const std::string& source_;
  std::string kind_;
};

}  // namespace

bool PromptConfig::operator==(const PromptConfig& o) const {
  return n_ctx == o.n_ctx && depth == o.depth && init_text == o.init_text;
}

bool TrainConfig::operator==(const TrainConfig& o) const {
  return preset == o.preset && epochs == o.epochs && steps == o.steps && batch_size == o.batch_size &&
         full_batch == o.full_batch && shuffle == o.shuffle && lr == o.lr && weight_decay == o.weight_decay &&
         beta1 == o.beta1 && beta2 == o.beta2 && eps == o.eps && schedule == o.schedule && loss == o.loss &&
         prompts == o.prompts && text_template == o.text_template && seed == o.seed && precision == o.precision;
}

json TrainConfig::to_json() const {
  return {{"preset", preset},
          {"epochs", epochs},
          {"steps", steps},
          {"batch_size", batch_size},
          {"full_batch", full_batch},
          {"shuffle", shuffle},
          {"lr", lr},
          {"weight_decay", weight_decay},
          {"betas", {beta1, beta2}},
          {"eps", eps},
          {"schedule", schedule},
          {"loss", loss},
          {"n_ctx", prompts.n_ctx},
          {"depth", prompts.depth},
          {"init_text", prompts.init_text},
          {"template", text_template},
          {"seed", seed},
          {"precision", precision}};
}

std::vector<std::string> preset_names() { return {std::begin(kPresets), std::end(kPresets)}; }

TrainConfig preset_config(const std::string& name) {
  TrainConfig c;  // the cross-dataset reference
  c.preset = name;
  if (name == "cross-dataset") return c;
  if (name == "base2novel") {
    c.epochs = 30;
    return c;
  }
  if (name == "text-only") {
    c.lr = 0.0025;
    c.epochs = 200;
    c.prompts.n_ctx = 16;
    return c;
  }
  throw Error("preset '" + name + "'", "not a preset (" + alternatives(kPresets) + ")");
}

void validate_config(const TrainConfig& c, const std::string& source) {
  auto at_least = [&](const char* key, int64_t value, int64_t low) {
    if (value < low)
      throw bad_setting(source, key, "must be at least " + std::to_string(low) + ", not " + std::to_string(value));
  };
  auto finite = [&](const char* key, double value, double low, bool low_allowed, double high, const char* range) {
    if (!std::isfinite(value) || value < low || (!low_allowed && value == low) || value >= high)
      throw bad_setting(source, key, std::string("must be a finite number ") + range + ", not " + number_text(value));
  };
  auto named = [&](const char* key, const std::string& value, bool ok, const std::string& names) {
    if (!ok) throw bad_setting(source, key, "must be " + names + ", not '" + shortened(value) + "'");
  };
  const double inf = std::numeric_limits<double>::infinity();
  named("preset", c.preset, one_of(c.preset, kPresets), alternatives(kPresets));
  at_least("epochs", c.epochs, 1);
  at_least("steps", c.steps, 0);
  at_least("batch_size", c.batch_size, 1);
  // Above 10 AdamW's first steps already move the prompts by more than their whole scale;
  // 1e308 trained to NaN and was saved as a result.
  finite("lr", c.lr, 0, false, 10, "above 0 and below 10");
  finite("weight_decay", c.weight_decay, 0, true, inf, "of at least 0");
  finite("betas", c.beta1, 0, true, 1, "in [0, 1)");
  finite("betas", c.beta2, 0, true, 1, "in [0, 1)");
  finite("eps", c.eps, 0, false, inf, "above 0");
  named("schedule", c.schedule, one_of(c.schedule, kSchedules), alternatives(kSchedules));
  named("loss", c.loss, one_of(c.loss, kLosses), alternatives(kLosses));
  at_least("n_ctx", c.prompts.n_ctx, 1);
  at_least("depth", c.prompts.depth, 1);
  if (placeholder_count(c.text_template) != 1)
    throw bad_setting(source, "template",
                      "must hold {} exactly once, where the class name goes (e.g. \"a photo of a {}.\"), not \"" +
                          shortened(c.text_template) + "\"");
  named("precision", c.precision, one_of(c.precision, kPrecisions), alternatives(kPrecisions));
}

TrainConfig config_from_json(const json& j, const std::string& source) {
  if (!j.is_object()) throw Error(source, std::string("training settings are a JSON ") + j.type_name() + ", not an object");
  TrainConfig c;
  const Reader r(j, source);
  r.text("preset", c.preset);
  r.integer("epochs", c.epochs);
  r.integer("steps", c.steps);
  r.integer("batch_size", c.batch_size);
  r.flag("full_batch", c.full_batch);
  r.flag("shuffle", c.shuffle);
  r.number("lr", c.lr);
  r.number("weight_decay", c.weight_decay);
  r.pair("betas", c.beta1, c.beta2);
  r.number("eps", c.eps);
  r.text("schedule", c.schedule);
  r.text("loss", c.loss);
  r.integer("n_ctx", c.prompts.n_ctx);
  r.integer("depth", c.prompts.depth);
  r.text("init_text", c.prompts.init_text);
  r.text("template", c.text_template);
  r.integer("seed", c.seed);
  r.text("precision", c.precision);
  validate_config(c, source);
  return c;
}

ConfigCheck check_for_model(const TrainConfig& config, int64_t text_layers, int64_t context_length) {
  validate_config(config, "train");
  ConfigCheck check{config, {}};
  // <start_of_text>, the context vectors, at least one token of the class name, <end_of_text>.
  const int64_t max_n_ctx = context_length - 3;
  if (config.prompts.n_ctx > max_n_ctx)
    throw bad_setting("train", "n_ctx",
                      "is " + std::to_string(config.prompts.n_ctx) +
                          ", which leaves no room for the class name: this model's text context holds " +
                          std::to_string(context_length) + " tokens, so at most " +
                          std::to_string(std::max<int64_t>(max_n_ctx, 0)) + " context vectors fit");
  if (text_layers >= 1 && config.prompts.depth > text_layers) {
    check.config.prompts.depth = text_layers;
    check.notes.push_back({"depth", text_layers,
                           "prompt depth lowered to " + std::to_string(text_layers) + ", the text tower's layer count"});
  }
  return check;
}

CheckpointInfo read_checkpoint_config(const std::string& path) {
  const SafetensorsFile file(path);  // refuses anything but valid safetensors, naming the path
  const auto entry = file.metadata().find("protext");
  const std::string not_ours =
      "not a checkpoint written by ProText training (its metadata has no training configuration)";
  if (entry == file.metadata().end()) throw Error(path, not_ours);
  CheckpointInfo info;
  try {
    info.metadata = json::parse(entry->second);
  } catch (const json::exception& e) {
    throw Error(path, std::string("the 'protext' metadata is not valid JSON (") + e.what() + ")");
  }
  if (!info.metadata.is_object() || !info.metadata.contains("training") || !info.metadata.contains("epochs_done"))
    throw Error(path, not_ours);
  json training = info.metadata["training"];
  // Older checkpoints keep the prompt shape only at the top level of the metadata.
  if (training.is_object())
    for (const char* key : {"n_ctx", "depth", "init_text"})
      if (!training.contains(key) && info.metadata.contains(key)) training[key] = info.metadata[key];
  info.config = config_from_json(training, path);
  const Reader progress(info.metadata, path, "metadata entry");
  progress.integer("epochs_done", info.epochs_done);
  progress.integer("steps_done", info.steps_done);
  if (info.epochs_done < 0) throw bad_setting(path, "epochs_done", "must be at least 0", "metadata entry");
  if (info.steps_done < 0) throw bad_setting(path, "steps_done", "must be at least 0", "metadata entry");
  return info;
}

}  // namespace protext
