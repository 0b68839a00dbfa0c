#include "core/protext/eval_report.h"

#include <cmath>
#include <cstdio>
#include <filesystem>
#include <memory>
#include <sstream>

#include "core/error.h"
#include "core/runtime/atomic_file.h"
#include "core/runtime/csv.h"
#include "core/zeroshot/method.h"

namespace fs = std::filesystem;

namespace protext {
namespace {

std::string number(double x) {
  if (std::isnan(x)) return "";
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.6f", x);
  return buf;
}

const MethodResult& method_of(const EvalReport& report, const std::string& method) {
  const auto it = report.methods.find(method);
  if (it == report.methods.end()) throw Error("report", "no method '" + method + "'");
  return it->second;
}

}  // namespace

std::string skipped_message(const SkippedImage& s) {
  return s.error.rfind(s.path, 0) == 0 ? s.error : s.path + ": " + s.error;
}

ClassRange split_classes(int64_t n_classes, const std::string& split) {
  const int64_t base = (n_classes + 1) / 2;  // ceil(n / 2)
  if (split == "all") return {0, n_classes};
  if (split == "base") return {0, base};
  if (split == "novel") {
    if (n_classes < 2) throw Error("--split novel", "needs at least two classes (the novel half would be empty)");
    return {base, n_classes};
  }
  throw Error("--split", "unknown split '" + split + "' (all, base or novel)");
}

double harmonic_mean(double base, double novel) {
  return base + novel == 0 ? 0.0 : 2.0 * base * novel / (base + novel);
}

std::vector<std::string> ordered_methods(const EvalReport& report) {
  std::vector<std::string> order;
  for (Method m : all_methods())
    if (report.methods.count(method_name(m))) order.push_back(method_name(m));
  for (const auto& [name, result] : report.methods)
    if (!method_from_name(name)) order.push_back(name);
  return order;
}

nlohmann::ordered_json report_json(const EvalReport& report) {
  auto value = [](double x) { return std::isnan(x) ? nlohmann::ordered_json(nullptr) : nlohmann::ordered_json(x); };
  auto interval = [&](const Interval& i) { return nlohmann::ordered_json::array({value(i.low), value(i.high)}); };
  nlohmann::ordered_json j;
  j["n_images"] = report.n_images;
  j["split"] = report.split;
  j["classes"] = report.classes;
  j["methods"] = nlohmann::ordered_json::object();
  for (const auto& [name, m] : report.methods) {
    nlohmann::ordered_json per_class = nlohmann::ordered_json::object();
    for (size_t c = 0; c < report.classes.size(); ++c) per_class[report.classes[c]] = value(m.per_class[c]);
    nlohmann::ordered_json method = {{"top1", value(m.top1)},
                                     {"top5", value(m.top5)},
                                     {"per_class", per_class},
                                     {"class_images", m.class_images},
                                     {"confusion", m.confusion}};
    const auto bn = report.base_novel.find(name);
    if (bn != report.base_novel.end())
      method["base2novel"] = {{"base_top1", value(bn->second.base_top1)},
                              {"novel_top1", value(bn->second.novel_top1)},
                              {"harmonic_mean", value(bn->second.harmonic_mean)},
                              {"harmonic_mean_ci95", interval(bn->second.harmonic_mean_ci95)}};
    j["methods"][name] = method;
  }
  j["paired"] = nlohmann::ordered_json::object();
  for (const auto& p : report.paired) {
    nlohmann::ordered_json by_class = nlohmann::ordered_json::object();
    for (size_t c = 0; c < report.classes.size(); ++c)
      by_class[report.classes[c]] = {{"fixes", p.fixes[c]}, {"breaks", p.breaks[c]}};
    j["paired"][p.a + "|" + p.b] = {{"both_right", p.counts.both_right}, {"only_a", p.counts.only_a},
                                    {"only_b", p.counts.only_b},         {"both_wrong", p.counts.both_wrong},
                                    {"mcnemar_p", p.counts.mcnemar_p},   {"by_class", by_class}};
  }
  j["ci95"] = nlohmann::ordered_json::object();
  for (const auto& [name, ci] : report.ci95) j["ci95"][name] = interval(ci);
  j["calibration"] = nlohmann::ordered_json::object();
  for (const auto& [name, cal] : report.calibration) {
    nlohmann::ordered_json bins = nlohmann::ordered_json::array();
    for (const auto& b : cal.bins)
      bins.push_back({{"lo", b.lo}, {"hi", b.hi}, {"count", b.count}, {"accuracy", value(b.accuracy)},
                      {"confidence", value(b.confidence)}});
    j["calibration"][name] = {{"ece", value(cal.ece)}, {"bins", bins}};
  }
  j["bootstrap"] = {{"resamples", report.options.bootstrap}, {"seed", report.options.seed}};
  j["skipped"] = nlohmann::ordered_json::array();
  for (const auto& s : report.skipped) j["skipped"].push_back({{"path", s.path}, {"error", s.error}});
  return j;
}

std::string confusion_csv(const EvalReport& report, const std::string& method) {
  const MethodResult& m = method_of(report, method);
  std::ostringstream out;
  out << "true\\predicted";
  for (const auto& c : report.classes) out << ',' << csv_field(c);
  out << '\n';
  for (size_t t = 0; t < report.classes.size(); ++t) {
    out << csv_field(report.classes[t]);
    for (int64_t count : m.confusion[t]) out << ',' << count;
    out << '\n';
  }
  return out.str();
}

std::string per_class_csv(const EvalReport& report, const std::string& method) {
  const MethodResult& m = method_of(report, method);
  std::ostringstream out;
  out << "class,images,correct,accuracy\n";
  for (size_t c = 0; c < report.classes.size(); ++c)
    out << csv_field(report.classes[c]) << ',' << m.class_images[c] << ',' << m.confusion[c][c] << ','
        << number(m.per_class[c]) << '\n';
  return out.str();
}

std::string predictions_jsonl(const EvalReport& report) {
  const std::vector<std::string> order = ordered_methods(report);
  std::string out;
  for (size_t i = 0; i < report.image_paths.size(); ++i) {
    nlohmann::ordered_json line = {{"image", report.image_paths[i]},
                                   {"label", report.classes[static_cast<size_t>(report.image_labels[i])]},
                                   {"methods", nlohmann::ordered_json::object()}};
    for (const auto& name : order) {
      const MethodResult& m = report.methods.at(name);
      nlohmann::ordered_json top = nlohmann::ordered_json::array();
      for (const auto& r : m.top[i]) top.push_back({report.classes[static_cast<size_t>(r.index)], r.prob});
      line["methods"][name] = {{"top5", top}, {"correct", m.right[i] != 0}};
    }
    out += line.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace) + "\n";
  }
  return out;
}

void write_predictions(const EvalReport& report, const std::string& path) {
  write_file_atomically(path, predictions_jsonl(report));
}

std::vector<std::string> write_report(const EvalReport& report, const std::string& json_path) {
  // Every file is written in full beside its target before any is moved into place, so a
  // full disk leaves the old report set, never half of a new one.
  std::vector<std::pair<std::string, std::string>> files;
  files.emplace_back(json_path,
                     report_json(report).dump(2, ' ', false, nlohmann::json::error_handler_t::replace) + "\n");
  const fs::path p(json_path);
  const fs::path dir = p.parent_path();
  const std::string stem = p.stem().string();
  for (const auto& [name, m] : report.methods) {
    files.emplace_back((dir / (stem + "-" + name + "-confusion.csv")).string(), confusion_csv(report, name));
    files.emplace_back((dir / (stem + "-" + name + "-per-class.csv")).string(), per_class_csv(report, name));
  }
  std::vector<std::unique_ptr<AtomicFile>> pending;
  std::vector<std::string> written;
  for (const auto& [path, text] : files) {
    pending.push_back(std::make_unique<AtomicFile>(path));
    pending.back()->write(text.data(), text.size());
    written.push_back(path);
  }
  for (auto& file : pending) file->commit();
  return written;
}

}  // namespace protext
