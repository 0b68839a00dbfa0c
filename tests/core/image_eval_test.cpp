// Evaluation on a labelled image folder: accuracies and confusion equal an independent
// reference (eval_reference.py), base/novel follow CoOp, embeddings are cached, bad files
// are skipped and reported, and `protext eval` writes the report.
#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>

#include <cmath>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>

#include "core/clip/clip_model.h"
#include "core/error.h"
#include "core/npy.h"
#include "core/protext/evaluate.h"
#include "core/protext/prompts.h"
#include "core/zeroshot/classifier.h"
#include "support/fixtures.h"
#include "support/suite.h"

using protext::test::run_cli;
using protext::test::run_python;
using protext::test::shared_data;
namespace fs = std::filesystem;

namespace {

const std::vector<std::string> kTemplates = {"a photo of a {}.", "a drawing of the {}.", "itap of my {}."};
const std::atomic<bool> kNoCancel{false};

bool close(double a, double b) { return std::abs(a - b) < 1e-9; }

void compare_with_reference(const protext::MethodResult& got, const nlohmann::json& want, const QString& what) {
  QVERIFY2(close(got.top1, want["top1"].get<double>()), qPrintable(what + " top1"));
  QVERIFY2(close(got.top5, want["top5"].get<double>()), qPrintable(what + " top5"));
  QCOMPARE(got.confusion, (want["confusion"].get<std::vector<std::vector<int64_t>>>()));
  QCOMPARE(got.per_class.size(), want["per_class"].size());
  for (size_t c = 0; c < got.per_class.size(); ++c) {
    if (want["per_class"][c].is_null())
      QVERIFY(std::isnan(got.per_class[c]));
    else
      QVERIFY2(close(got.per_class[c], want["per_class"][c].get<double>()), qPrintable(what + " per class"));
  }
}

void write_file(const QString& path, const std::string& text) {
  std::ofstream out(path.toStdString(), std::ios::binary);
  out << text;
}

}  // namespace

class EvaluationTest : public QObject {
  Q_OBJECT
  QTemporaryDir dir_;
  QString model_, vocab_, images_, templates_;
  std::shared_ptr<protext::ClipModel> clip_;
  protext::ImageFolder folder_;
  std::map<std::string, torch::Tensor> classifiers_;
  nlohmann::json expected_;

  std::string fresh_cache(const QString& name) { return (dir_.path() + "/cache-" + name).toStdString(); }

 private slots:
  void initTestCase() {
    QVERIFY(dir_.isValid());
    protext::test::write_clip_fixture(dir_.path(), {}, 11);
    model_ = dir_.path() + "/model.safetensors";
    vocab_ = QString::fromStdString(shared_data("clip/bpe_simple_vocab_16e6.txt.gz"));
    images_ = dir_.path() + "/images";
    run_python("make_image_folder.py", {images_});
    templates_ = dir_.path() + "/templates.txt";
    std::string lines;
    for (const auto& t : kTemplates) lines += t + "\n";
    write_file(templates_, lines);

    protext::LoadOptions options;
    options.vocab = vocab_.toStdString();
    clip_ = protext::ClipModel::open(model_.toStdString(), options);
    folder_ = protext::read_image_folder(images_.toStdString());
    classifiers_["template"] = protext::template_classifier(*clip_, folder_.classes);
    classifiers_["ensemble"] = protext::ensemble_classifier(*clip_, folder_.classes, kTemplates);

    nlohmann::json request = {
        {"classes", folder_.classes}, {"templates", kTemplates}, {"images", nlohmann::json::array()}};
    for (size_t i = 0; i < folder_.paths.size(); ++i) request["images"].push_back({folder_.paths[i], folder_.labels[i]});
    expected_ = nlohmann::json::parse(
        run_python("eval_reference.py", {model_, vocab_}, QByteArray::fromStdString(request.dump())).toStdString());
  }

  void readsClassesFromSortedFoldersWithUnderscoresAsSpaces() {
    QCOMPARE(folder_.classes, (std::vector<std::string>{"astronaut", "cat", "coffee cup", "coins", "motorcycle", "retina",
                                                        "rocket"}));
    QCOMPARE(folder_.paths.size(), size_t(21));
    QCOMPARE(folder_.labels[3], int64_t(1));
    QVERIFY(QString::fromStdString(folder_.paths[4]).endsWith("cat/view1.jpg"));
    QVERIFY(folder_.skipped.empty());
  }

  void accuraciesAndConfusionEqualTheReference_data() {
    QTest::addColumn<QString>("split");
    QTest::newRow("all") << "all";
    QTest::newRow("base") << "base";
    QTest::newRow("novel") << "novel";
  }
  void accuraciesAndConfusionEqualTheReference() {
    QFETCH(QString, split);
    const auto report = protext::evaluate(*clip_, folder_, classifiers_, split.toStdString(), {}, {}, kNoCancel,
                                          fresh_cache("reference"));
    const auto& want = expected_[split.toStdString()];
    const int64_t classes = split == "all" ? 7 : split == "base" ? 4 : 3;
    QCOMPARE(static_cast<int64_t>(report.classes.size()), classes);
    QCOMPARE(report.n_images, classes * 3);
    for (const std::string method : {"template", "ensemble"})
      compare_with_reference(report.methods.at(method), want[method], split + " " + QString::fromStdString(method));
    if (split == "all") {
      for (const std::string method : {"template", "ensemble"}) {
        const auto& bn = report.base_novel.at(method);
        const double b = expected_["base"][method]["top1"].get<double>(), n = expected_["novel"][method]["top1"].get<double>();
        QVERIFY(close(bn.base_top1, b));
        QVERIFY(close(bn.novel_top1, n));
        QVERIFY(close(bn.harmonic_mean, b + n == 0 ? 0 : 2 * b * n / (b + n)));
      }
    } else {
      QVERIFY(report.base_novel.empty());
    }
  }

  // The fixture CLIP is random and favours few classes; spread predictions exercise every
  // cell of the confusion matrix and top-5 below 1.
  void metricsEqualTheReferenceOnSpreadPredictions() {
    auto generator = at::make_generator<at::CPUGeneratorImpl>(3);
    auto features = torch::randn({60, 16}, generator);
    features = features / features.norm(2, -1, true);
    auto weights = torch::randn({11, 16}, generator);
    weights = weights / weights.norm(2, -1, true);
    protext::ImageFeatures images;
    images.features = features;
    std::vector<std::string> classes;
    for (int c = 0; c < 11; ++c) classes.push_back("class " + std::to_string(c));
    for (int i = 0; i < 60; ++i) {
      images.labels.push_back((i * 7) % 11);
      images.paths.push_back("image" + std::to_string(i));
    }
    const std::string f = (dir_.path() + "/features.npy").toStdString(), w = (dir_.path() + "/weights.npy").toStdString();
    protext::write_npy(f, features.contiguous().data_ptr<float>(), {60, 16});
    protext::write_npy(w, weights.contiguous().data_ptr<float>(), {11, 16});
    const auto want = nlohmann::json::parse(run_python("eval_reference.py", {"metrics", QString::fromStdString(f),
                                                                             QString::fromStdString(w),
                                                                             QString::fromStdString(nlohmann::json(images.labels).dump())})
                                                .toStdString());
    for (const std::string split : {"all", "base", "novel"}) {
      const auto report = protext::score(images, classes, {{"given", weights}}, split);
      compare_with_reference(report.methods.at("given"), want[split]["given"], QString::fromStdString(split));
    }
    QVERIFY(want["all"]["given"]["top5"].get<double>() < 1.0);
  }

  void splitsClassesByCoOpsCeilRule_data() {
    QTest::addColumn<int>("classes");
    QTest::addColumn<int>("base");
    QTest::newRow("7") << 7 << 4;
    QTest::newRow("6") << 6 << 3;
    QTest::newRow("2") << 2 << 1;
    QTest::newRow("101") << 101 << 51;
  }
  void splitsClassesByCoOpsCeilRule() {
    QFETCH(int, classes);
    QFETCH(int, base);
    const auto b = protext::split_classes(classes, "base"), n = protext::split_classes(classes, "novel"),
               a = protext::split_classes(classes, "all");
    QCOMPARE(b.begin, int64_t(0));
    QCOMPARE(b.end, int64_t(base));
    QCOMPARE(n.begin, int64_t(base));
    QCOMPARE(n.end, int64_t(classes));
    QCOMPARE(a.end, int64_t(classes));
  }

  void refusesUnknownSplitsAndAnEmptyNovelHalf() {
    QVERIFY_THROWS_EXCEPTION(protext::Error, protext::split_classes(5, "train"));
    QVERIFY_THROWS_EXCEPTION(protext::Error, protext::split_classes(1, "novel"));
  }

  void harmonicMeanOfBaseAndNovel() {
    QVERIFY(close(protext::harmonic_mean(0.5, 0.25), 1.0 / 3.0));
    QVERIFY(close(protext::harmonic_mean(0.8, 0.8), 0.8));
    QCOMPARE(protext::harmonic_mean(0.0, 0.0), 0.0);
    QCOMPARE(protext::harmonic_mean(0.9, 0.0), 0.0);
  }

  protext::FolderEncoding cached_in(const std::string& cache, int64_t batch = 32, int threads = 0) {
    protext::FolderEncoding how;
    how.cache_dir = cache;
    how.batch_size = batch;
    how.decode_threads = threads;
    return how;
  }

  static int segments_under(const std::string& cache) {
    int files = 0;
    for (const auto& e : fs::recursive_directory_iterator(cache)) files += e.path().extension() == ".emb";
    return files;
  }

  void secondEvaluationReadsCachedEmbeddings() {
    const std::string cache = fresh_cache("second");
    const auto first = protext::encode_image_folder(*clip_, folder_, cached_in(cache), {}, kNoCancel);
    QCOMPARE(first.encoded, int64_t(21));
    QVERIFY(!first.from_cache);
    QCOMPARE(segments_under(cache), 1);

    const auto second = protext::encode_image_folder(*clip_, folder_, cached_in(cache), {}, kNoCancel);
    QCOMPARE(second.encoded, int64_t(0));
    QCOMPARE(second.cached, int64_t(21));
    QVERIFY(second.from_cache);
    QVERIFY(torch::equal(first.features, second.features));
    QCOMPARE(second.labels, first.labels);
    QCOMPARE(second.paths, first.paths);

    // A file rewritten since is encoded again, and only that file.
    const fs::path touched = folder_.paths[5];
    fs::last_write_time(touched, fs::last_write_time(touched) + std::chrono::seconds(5));
    const auto third = protext::encode_image_folder(*clip_, folder_, cached_in(cache), {}, kNoCancel);
    QCOMPARE(third.encoded, int64_t(1));
    QCOMPARE(third.cached, int64_t(20));
    QVERIFY(torch::allclose(third.features, first.features));
  }

  void decodingOnSeveralThreadsKeepsTheFolderOrder() {
    const auto one = protext::encode_image_folder(*clip_, folder_, cached_in("", 4, 1), {}, kNoCancel);
    const auto three = protext::encode_image_folder(*clip_, folder_, cached_in("", 4, 3), {}, kNoCancel);
    QCOMPARE(three.paths, folder_.paths);
    QVERIFY(torch::equal(one.features, three.features));
  }

  void aCancelledEvaluationResumesWhereItStopped() {
    const std::string cache = fresh_cache("resume");
    std::atomic<bool> cancel{false};
    std::vector<int64_t> seen;
    // Cancelled after the second batch of 4: those 8 images are kept for the next run.
    const auto stopped = protext::encode_image_folder(
        *clip_, folder_, cached_in(cache, 4, 2),
        [&](int64_t done, int64_t) {
          seen.push_back(done);
          if (done >= 8) cancel = true;
        },
        cancel);
    QVERIFY(stopped.cancelled);
    QCOMPARE(stopped.encoded, int64_t(8));
    QCOMPARE(seen, (std::vector<int64_t>{4, 8}));

    std::vector<int64_t> resumed_progress;
    const auto resumed = protext::encode_image_folder(
        *clip_, folder_, cached_in(cache, 4, 2), [&](int64_t done, int64_t) { resumed_progress.push_back(done); },
        kNoCancel);
    QCOMPARE(resumed.cached, int64_t(8));
    QCOMPARE(resumed.encoded, int64_t(13));
    QCOMPARE(resumed_progress.front(), int64_t(8));
    QCOMPARE(resumed_progress.back(), int64_t(21));
    const auto fresh = protext::encode_image_folder(*clip_, folder_, cached_in(""), {}, kNoCancel);
    QVERIFY(torch::allclose(resumed.features, fresh.features, 0, 1e-6));
  }

  void aDamagedCacheSegmentIsRecomputedNotRead() {
    const std::string cache = fresh_cache("damaged");
    const auto first = protext::encode_image_folder(*clip_, folder_, cached_in(cache), {}, kNoCancel);
    // Flip one value byte in the stored segment: its checksum no longer matches.
    fs::path segment;
    for (const auto& e : fs::recursive_directory_iterator(cache))
      if (e.path().extension() == ".emb") segment = e.path();
    QVERIFY(!segment.empty());
    {
      std::fstream f(segment, std::ios::in | std::ios::out | std::ios::binary);
      f.seekp(-3, std::ios::end);
      f.put('\x7f');
    }
    const auto second = protext::encode_image_folder(*clip_, folder_, cached_in(cache), {}, kNoCancel);
    QCOMPARE(second.cached, int64_t(0));
    QCOMPARE(second.encoded, int64_t(21));
    QVERIFY(torch::allclose(second.features, first.features, 0, 1e-6));
  }

  void unreadableAndNonImageFilesAreSkippedAndReported() {
    const QString root = dir_.path() + "/with-bad-files";
    QVERIFY(QDir().mkpath(root + "/cat") && QDir().mkpath(root + "/rocket"));
    for (const QString c : {"cat", "rocket"})
      for (const QString f : {"view0.png", "view1.jpg"}) QVERIFY(QFile::copy(images_ + "/" + c + "/" + f, root + "/" + c + "/" + f));
    write_file(root + "/cat/broken.png", "this is not a PNG file");
    write_file(root + "/rocket/notes.txt", "labels checked by hand");
    write_file(root + "/rocket/.hidden.png", "ignored");
    const auto folder = protext::read_image_folder(root.toStdString());
    QCOMPARE(folder.paths.size(), size_t(5));
    std::map<std::string, torch::Tensor> classifiers{{"template", protext::template_classifier(*clip_, folder.classes)}};
    std::vector<std::pair<int64_t, int64_t>> progress;
    const auto report = protext::evaluate(
        *clip_, folder, classifiers, "all", {}, [&](int64_t done, int64_t total) { progress.emplace_back(done, total); },
        kNoCancel, fresh_cache("bad"));
    QCOMPARE(report.n_images, int64_t(4));
    QCOMPARE(report.skipped.size(), size_t(2));
    QVERIFY(QString::fromStdString(report.skipped[0].path).endsWith("rocket/notes.txt"));
    QVERIFY(QString::fromStdString(report.skipped[1].path).endsWith("cat/broken.png"));
    QVERIFY(!report.skipped[0].error.empty() && !report.skipped[1].error.empty());
    QCOMPARE(report.methods.at("template").class_images, (std::vector<int64_t>{2, 2}));
    QVERIFY(!progress.empty());
    QCOMPARE(progress.back(), (std::pair<int64_t, int64_t>{5, 5}));
    const auto json = protext::report_json(report);
    QCOMPARE(json["skipped"].size(), size_t(2));
    QVERIFY(json["skipped"][1]["error"].get<std::string>().size() > 0);

    // The skipped list survives the cache.
    const auto again = protext::evaluate(*clip_, folder, classifiers, "all", {}, {}, kNoCancel, fresh_cache("bad"));
    QVERIFY(again.from_cache);
    QCOMPARE(again.skipped.size(), size_t(2));
    QCOMPARE(again.skipped[1].error, report.skipped[1].error);
  }

  void emptyOrMissingFoldersAreErrors() {
    const QString root = dir_.path() + "/errors";
    QVERIFY(QDir().mkpath(root + "/empty"));
    QVERIFY(QDir().mkpath(root + "/no-images/cat"));
    write_file(root + "/no-images/cat/readme.txt", "x");
    QVERIFY_THROWS_EXCEPTION(protext::Error, protext::read_image_folder((root + "/missing").toStdString()));
    QVERIFY_THROWS_EXCEPTION(protext::Error, protext::read_image_folder((root + "/empty").toStdString()));
    QVERIFY_THROWS_EXCEPTION(protext::Error, protext::read_image_folder((root + "/no-images").toStdString()));
    QVERIFY_THROWS_EXCEPTION(protext::Error, protext::read_image_folder(images_.toStdString(), {"cat", "dog"}));
  }

  void classesListSetsTheOrderAndMatchesFoldersByKey() {
    const auto folder = protext::read_image_folder(images_.toStdString(), {"Rocket", "Coffee Cup", "cat"});
    QCOMPARE(folder.classes, (std::vector<std::string>{"Rocket", "Coffee Cup", "cat"}));
    QCOMPARE(folder.paths.size(), size_t(9));
    QVERIFY(QString::fromStdString(folder.paths[0]).contains("/rocket/"));
    QVERIFY(QString::fromStdString(folder.paths[3]).contains("/coffee_cup/"));
    QCOMPARE(folder.labels[8], int64_t(2));
    QCOMPARE(folder.ignored_folders.size(), size_t(4));
  }

  void evalCommandRefusesAMissingOutputFolderBeforeEvaluating() {
    const QString out = dir_.path() + "/no-such-folder/report.json";
    const auto r = run_cli({"eval", "--model", model_, "--vocab", vocab_, "--images", images_, "--templates", templates_,
                            "--cache-dir", dir_.path() + "/cli-cache", "--out", out});
    QVERIFY(r.exit_code > 0);
    QVERIFY2(r.err.contains("the folder " + (dir_.path() + "/no-such-folder").toUtf8() + " does not exist"),
             r.err.constData());
    QVERIFY2(!r.err.contains("images "), r.err.constData());  // refused before any image was encoded
  }

  void evalCommandWritesReportCsvAndSummary() {
    const QString out = dir_.path() + "/cli/report.json";
    QVERIFY(QDir().mkpath(dir_.path() + "/cli"));
    const QString descriptions = dir_.path() + "/descriptions.json";
    write_file(descriptions, R"({"cat": ["a small furry pet"], "rocket": ["a tall white launch vehicle"]})");
    const auto r = run_cli({"eval", "--model", model_, "--vocab", vocab_, "--images", images_, "--templates", templates_,
                            "--descriptions", descriptions, "--cache-dir", dir_.path() + "/cli-cache", "--out", out});
    QVERIFY2(r.exit_code == 0, r.err.constData());
    QVERIFY2(r.err.contains("descriptions method is skipped"), r.err.constData());
    QVERIFY(r.err.contains("21/21"));
    const auto summary = nlohmann::json::parse(r.out.trimmed().toStdString());
    std::ifstream in(out.toStdString());
    const auto report = nlohmann::json::parse(in);
    QCOMPARE(report["n_images"].get<int>(), 21);
    QCOMPARE(report["classes"].size(), size_t(7));
    QCOMPARE(report["methods"].size(), size_t(2));
    for (const std::string method : {"template", "ensemble"}) {
      const auto& m = report["methods"][method];
      QVERIFY(close(m["top1"].get<double>(), expected_["all"][method]["top1"].get<double>()));
      QVERIFY(close(m["top5"].get<double>(), expected_["all"][method]["top5"].get<double>()));
      QVERIFY(m["confusion"] == expected_["all"][method]["confusion"]);
      QCOMPARE(m["per_class"].size(), size_t(7));
      QVERIFY(close(summary[method].get<double>(), m["top1"].get<double>()));
    }
    QVERIFY(report["skipped"].is_array() && report["skipped"].empty());
    QFile csv(dir_.path() + "/cli/report-template-confusion.csv");
    QVERIFY(csv.open(QIODevice::ReadOnly));
    const auto rows = csv.readAll().trimmed().split('\n');
    QCOMPARE(rows.size(), 8);
    QVERIFY(rows[0].startsWith("true\\predicted,astronaut,cat,coffee cup"));
    QVERIFY(QFile::exists(dir_.path() + "/cli/report-ensemble-per-class.csv"));
  }

  // The predictions file holds every number the statistics come from: a numpy/scipy
  // reference recomputes the report's paired counts, intervals and calibration from it.
  void evalPredictionsFileReproducesTheReportsStatistics() {
    const QString out = dir_.path() + "/stats/report.json", predictions = dir_.path() + "/stats/predictions.jsonl";
    QVERIFY(QDir().mkpath(dir_.path() + "/stats"));
    const auto r = run_cli({"eval", "--model", model_, "--vocab", vocab_, "--images", images_, "--templates", templates_,
                            "--cache-dir", dir_.path() + "/cli-cache", "--out", out, "--predictions", predictions,
                            "--bootstrap", "250", "--seed", "7"});
    QVERIFY2(r.exit_code == 0, r.err.constData());
    std::ifstream in(out.toStdString());
    const auto report = nlohmann::json::parse(in);
    const auto want = nlohmann::json::parse(run_python("stats_reference.py", {predictions, "250", "7"}).toStdString());
    QCOMPARE(report["bootstrap"]["seed"].get<int>(), 7);
    const auto& pair = report["paired"]["template|ensemble"];
    for (const char* key : {"both_right", "only_a", "only_b", "both_wrong"})
      QCOMPARE(pair[key].get<int64_t>(), want["paired"]["template|ensemble"][key].get<int64_t>());
    QCOMPARE(pair["both_right"].get<int64_t>() + pair["only_a"].get<int64_t>(),
             report["methods"]["template"]["confusion"].size() == 7
                 ? static_cast<int64_t>(std::llround(report["methods"]["template"]["top1"].get<double>() * 21))
                 : -1);
    QVERIFY(close(pair["mcnemar_p"].get<double>(), want["paired"]["template|ensemble"]["mcnemar_p"].get<double>()));
    for (const std::string method : {"template", "ensemble"}) {
      QVERIFY(close(report["ci95"][method][0].get<double>(), want["ci95"][method][0].get<double>()));
      QVERIFY(close(report["ci95"][method][1].get<double>(), want["ci95"][method][1].get<double>()));
      QVERIFY(close(report["calibration"][method]["ece"].get<double>(), want["calibration"][method]["ece"].get<double>()));
    }
    std::ifstream lines(predictions.toStdString());
    std::string first;
    std::getline(lines, first);
    const auto line = nlohmann::json::parse(first);
    QVERIFY(line["image"].get<std::string>().find("astronaut") != std::string::npos);
    QCOMPARE(line["label"].get<std::string>(), std::string("astronaut"));
    QCOMPARE(line["methods"]["template"]["top5"].size(), size_t(5));

    // The same image's probabilities from `protext classify`: the numbers the app charts.
    const QString classes = dir_.path() + "/stats/classes.json";
    write_file(classes, nlohmann::json(report["classes"]).dump());
    const auto c = run_cli({"classify", "--model", model_, "--vocab", vocab_, "--classes", classes, "--templates",
                            templates_, QString::fromStdString(line["image"].get<std::string>())});
    QVERIFY2(c.exit_code == 0, c.err.constData());
    const auto classified = nlohmann::json::parse(c.out.trimmed().toStdString());
    // The vision tower run on a batch of 21 or of 1 rounds differently in float32 (~1e-8).
    for (const std::string method : {"template", "ensemble"})
      for (size_t k = 0; k < 5; ++k) {
        QVERIFY(classified["methods"][method][k]["class"] == line["methods"][method]["top5"][k][0]);
        QVERIFY(std::abs(classified["methods"][method][k]["prob"].get<double>() -
                         line["methods"][method]["top5"][k][1].get<double>()) < 1e-6);
      }
  }

  void classifyFolderLabelsEveryImageWithEveryMethod() {
    const QString classes = dir_.path() + "/folder-classes.txt";
    write_file(classes, "astronaut\ncat\ncoffee cup\nrocket\n");
    write_file(images_ + "/cat/notes.txt", "not an image");
    const QString jsonl = dir_.path() + "/folder.jsonl", csv = dir_.path() + "/folder.csv";
    auto r = run_cli({"classify", "--model", model_, "--vocab", vocab_, "--classes", classes, "--templates", templates_,
                      "--folder", images_, "--cache-dir", dir_.path() + "/cli-cache", "--top-k", "3", "--out", jsonl});
    QFile::remove(images_ + "/cat/notes.txt");
    QVERIFY2(r.exit_code == 0, r.err.constData());
    QVERIFY2(r.err.contains("notes.txt") && r.err.contains("not an image"), r.err.constData());
    QCOMPARE(nlohmann::json::parse(r.out.trimmed().toStdString())["images"].get<int>(), 21);
    std::ifstream in(jsonl.toStdString());
    std::vector<nlohmann::json> lines;
    for (std::string text; std::getline(in, text);) lines.push_back(nlohmann::json::parse(text));
    QCOMPARE(lines.size(), size_t(21));
    QCOMPARE(lines[0]["methods"]["ensemble"]["top5"].size(), size_t(3));

    // One image as `protext classify IMAGE` answers it (up to the float32 rounding of a
    // batch of one against a batch of 21).
    const auto one = run_cli({"classify", "--model", model_, "--vocab", vocab_, "--classes", classes, "--templates",
                              templates_, "--top-k", "3", QString::fromStdString(lines[4]["image"].get<std::string>())});
    QVERIFY2(one.exit_code == 0, one.err.constData());
    const auto single = nlohmann::json::parse(one.out.trimmed().toStdString());
    for (size_t k = 0; k < 3; ++k) {
      QVERIFY(single["methods"]["template"][k]["class"] == lines[4]["methods"]["template"]["top5"][k][0]);
      QVERIFY(std::abs(single["methods"]["template"][k]["prob"].get<double>() -
                       lines[4]["methods"]["template"]["top5"][k][1].get<double>()) < 1e-6);
    }

    r = run_cli({"classify", "--model", model_, "--vocab", vocab_, "--classes", classes, "--templates", templates_,
                 "--folder", images_, "--cache-dir", dir_.path() + "/cli-cache", "--out", csv});
    QVERIFY2(r.exit_code == 0, r.err.constData());
    QFile file(csv);
    QVERIFY(file.open(QIODevice::ReadOnly));
    const auto rows = file.readAll().trimmed().split('\n');
    QCOMPARE(rows.size(), 22);
    QCOMPARE(rows[0], QByteArray("image,template,template_prob,ensemble,ensemble_prob"));
    const auto cells = rows[5].split(',');
    QCOMPARE(cells[1].toStdString(), lines[4]["methods"]["template"]["top5"][0][0].get<std::string>());

    r = run_cli({"classify", "--model", model_, "--vocab", vocab_, "--classes", classes, "--folder", images_, "--out",
                 dir_.path() + "/folder.xlsx"});
    QVERIFY(r.exit_code != 0);
    QVERIFY2(r.err.contains("must end in .csv or .jsonl"), r.err.constData());

    // Not one readable image: an error naming one, and no file, rather than an empty table.
    QVERIFY(QDir().mkpath(dir_.path() + "/unreadable/sub"));
    write_file(dir_.path() + "/unreadable/sub/a.png", "not a png");
    write_file(dir_.path() + "/unreadable/b.jpg", "not a jpeg");
    r = run_cli({"classify", "--model", model_, "--vocab", vocab_, "--classes", classes, "--folder",
                 dir_.path() + "/unreadable", "--out", dir_.path() + "/unreadable.csv"});
    QVERIFY(r.exit_code != 0);
    QVERIFY2(r.err.contains("no image could be read") && r.err.contains("b.jpg") && r.err.contains("and 1 more"),
             r.err.constData());
    QVERIFY(!QFile::exists(dir_.path() + "/unreadable.csv"));
  }

  // Weights, logit scale and classes written for other code reproduce classify's
  // probabilities from embed-image's embeddings, in both file formats.
  void exportedClassifierReproducesClassifyFromImageEmbeddings_data() {
    QTest::addColumn<QString>("method");
    QTest::addColumn<QString>("file");
    QTest::newRow("template.safetensors") << "template" << "template.safetensors";
    QTest::newRow("ensemble.npy") << "ensemble" << "ensemble.npy";
  }
  void exportedClassifierReproducesClassifyFromImageEmbeddings() {
    QFETCH(QString, method);
    QFETCH(QString, file);
    const QString classes = dir_.path() + "/export-classes.txt";
    write_file(classes, "astronaut\ncat\ncoffee cup\ncoins\nmotorcycle\nrocket\n");
    const QString out = dir_.path() + "/" + file;
    auto r = run_cli({"export-classifier", "--model", model_, "--vocab", vocab_, "--classes", classes, "--templates",
                      templates_, "--method", method, "--out", out});
    QVERIFY2(r.exit_code == 0, r.err.constData());
    const QStringList images = {images_ + "/cat/view0.png", images_ + "/rocket/view1.jpg", images_ + "/coins/view2.png"};
    QStringList embed = {"embed-image", "--model", model_};
    r = run_cli(embed + images);
    QVERIFY2(r.exit_code == 0, r.err.constData());
    const auto applied = nlohmann::json::parse(run_python("apply_classifier.py", {out}, r.out).toStdString());
    QCOMPARE(applied["method"].get<std::string>(), method.toStdString());
    QCOMPARE(applied["classes"].size(), size_t(6));
    QCOMPARE(applied["model_fingerprint"].get<std::string>(), clip_->fingerprint());
    QStringList classify = {"classify", "--model", model_, "--vocab", vocab_, "--classes", classes, "--templates",
                            templates_, "--top-k", "6"};
    r = run_cli(classify + images);
    QVERIFY2(r.exit_code == 0, r.err.constData());
    int compared = 0;
    for (const auto& text : r.out.trimmed().split('\n')) {
      const auto line = nlohmann::json::parse(text.toStdString());
      const auto& probs = applied["images"][line["image"].get<std::string>()];
      for (const auto& ranked : line["methods"][method.toStdString()]) {
        const auto c = std::find(applied["classes"].begin(), applied["classes"].end(), ranked["class"]) -
                       applied["classes"].begin();
        QVERIFY(std::abs(probs[static_cast<size_t>(c)].get<double>() - ranked["prob"].get<double>()) < 1e-6);
        ++compared;
      }
    }
    QCOMPARE(compared, 18);
  }

  void exportClassifierRefusesAMethodItCannotBuild() {
    const QString classes = dir_.path() + "/export-classes.txt";
    write_file(classes, "cat\nrocket\n");
    const auto r = run_cli({"export-classifier", "--model", model_, "--vocab", vocab_, "--classes", classes,
                            "--method", "protext", "--out", dir_.path() + "/p.safetensors"});
    QVERIFY(r.exit_code != 0);
    QVERIFY2(r.err.contains("give the learned prompts with --prompts"), r.err.constData());
    QVERIFY(!QFile::exists(dir_.path() + "/p.safetensors"));
  }

  void evalCommandRefusesAnEmptyFolder() {
    QVERIFY(QDir().mkpath(dir_.path() + "/nothing"));
    const auto r = run_cli({"eval", "--model", model_, "--vocab", vocab_, "--images", dir_.path() + "/nothing", "--out",
                            dir_.path() + "/nothing.json"});
    QVERIFY(r.exit_code != 0);
    QVERIFY2(r.err.contains("no class sub-folders"), r.err.constData());
  }

  // Prompts equal to the embeddings of "a photo of a", no deep prompts: the ProText
  // classifier is the single-template classifier, in eval and in classify.
  void protextWithTheInitialPromptsEqualsTheTemplateMethod() {
    protext::PromptConfig config;
    config.depth = 1;
    protext::PromptLearner learner(config, 64);
    {
      torch::NoGradGuard no_grad;
      const auto ids = torch::tensor(std::vector<int64_t>{320, 1125, 539, 320});  // a photo of a
      learner->ctx.copy_(clip_->module()->text->token_embedding->weight.index_select(0, ids));
    }
    const QString prompts = dir_.path() + "/init-prompts.safetensors";
    protext::save_prompts(prompts.toStdString(), learner, {{"clip_fingerprint", "another-clip"}});
    const QString out = dir_.path() + "/protext-report.json";
    auto r = run_cli({"eval", "--model", model_, "--vocab", vocab_, "--images", images_, "--templates", templates_,
                      "--prompts", prompts, "--cache-dir", dir_.path() + "/cli-cache", "--out", out});
    QVERIFY2(r.exit_code == 0, r.err.constData());
    QVERIFY2(r.err.contains("another CLIP"), r.err.constData());
    std::ifstream in(out.toStdString());
    const auto report = nlohmann::json::parse(in);
    QVERIFY(report["methods"]["protext"]["confusion"] == report["methods"]["template"]["confusion"]);
    QVERIFY(report["methods"]["protext"]["top5"] == report["methods"]["template"]["top5"]);

    const QString classes = dir_.path() + "/classes.txt";
    write_file(classes, "astronaut\ncat\ncoffee_cup\nrocket\n");
    r = run_cli({"classify", "--model", model_, "--vocab", vocab_, "--classes", classes, "--templates", templates_,
                 "--prompts", prompts, "--top-k", "4", images_ + "/cat/view0.png"});
    QVERIFY2(r.exit_code == 0, r.err.constData());
    QVERIFY2(r.err.contains("another CLIP"), r.err.constData());
    const auto line = nlohmann::json::parse(r.out.trimmed().toStdString());
    const auto& protext_ranked = line["methods"]["protext"];
    const auto& template_ranked = line["methods"]["template"];
    QCOMPARE(protext_ranked.size(), size_t(4));
    for (size_t i = 0; i < 4; ++i) {
      QVERIFY(protext_ranked[i]["class"] == template_ranked[i]["class"]);
      QVERIFY(std::abs(protext_ranked[i]["prob"].get<double>() - template_ranked[i]["prob"].get<double>()) < 1e-5);
    }
  }
};

PROTEXT_TEST_SUITE(EvaluationTest)
#include "image_eval_test.moc"
