// The app shows what `protext` prints: the same demo classes, descriptions and learned
// prompts give, for every example image, the same top-5 classes and probabilities in the
// app's charts (ModelService → predictTopK) as in `protext classify`; the app's evaluation
// export is the report `protext eval` writes for the same folder; and a run of the app's
// training (TrainingService) gives the losses and prompts of `protext train`; the heat maps
// and the embedding map are what `protext explain` and `protext embed-map` write.
#include <QDir>
#include <QFile>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

#include <cmath>
#include <nlohmann/json.hpp>

#include "core/clip/safetensors.h"
#include "core/clip/tensor_file.h"
#include "core/npy.h"
#include "core/protext/train_config.h"
#include "core/runtime/resources.h"
#include "support/fixtures.h"
#include "support/suite.h"
#include "widgets/common/ClassFiles.h"
#include "widgets/common/Prediction.h"
#include "widgets/engine/ClassifierExport.h"
#include "widgets/engine/EvaluationService.h"
#include "widgets/engine/ExplainService.h"
#include "widgets/engine/FolderClassifyService.h"
#include "widgets/engine/ModelService.h"
#include "widgets/engine/TrainingService.h"
#include "widgets/views/EvaluationView.h"

using namespace protext;

namespace {

QString resource(const char* relative) { return QString::fromStdString(resource_path(relative)); }

QStringList exampleImages() {
  QStringList paths;
  const QDir dir(resource("examples"));
  for (const QString& name : dir.entryList({"*.png"}, QDir::Files, QDir::Name)) paths << dir.filePath(name);
  return paths;
}

// The learned prompts of a checkpoint, without the optimiser state stored beside them.
TensorMap promptsIn(const QString& path) {
  TensorMap prompts;
  for (auto& [name, t] : read_safetensors(path.toStdString()))
    if (name.rfind("optimizer.", 0) != 0) prompts[name] = t;
  return prompts;
}

nlohmann::json readJson(const QString& path) {
  QFile file(path);
  if (!file.open(QIODevice::ReadOnly)) return nullptr;
  return nlohmann::json::parse(file.readAll().toStdString());
}

}  // namespace

class AppCliParityTest : public QObject {
  Q_OBJECT
  QTemporaryDir dir_;
  QString prompts_;
  QStringList classes_;
  QMap<QString, QStringList> descriptions_;
  std::unique_ptr<ModelService> models_;
  ClassifierSet set_;

 private slots:
  void initTestCase() {
    QStandardPaths::setTestModeEnabled(true);
    const ClassFileContents demo = ClassFiles::readDescriptions(resource("demo/descriptions.json"));
    QVERIFY2(demo.ok(), qPrintable(demo.error));
    classes_ = ClassFiles::readClassList(resource("demo/classes.txt")).names();
    QCOMPARE(classes_.size(), 48);
    for (const ClassEntry& e : demo.entries) descriptions_[e.name] = e.descriptions;

    // Prompts learned by the CLI, loaded by both front ends.
    prompts_ = dir_.filePath("prompts.safetensors");
    const auto trained = test::run_cli({"train", "--descriptions", resource("demo/descriptions.json"), "--out", prompts_,
                                        "--steps", "20", "--batch-size", "64", "--cache-dir", dir_.filePath("cache")});
    QVERIFY2(trained.exit_code == 0, trained.err.constData());

    models_ = std::make_unique<ModelService>();
    QSignalSpy opened(models_.get(), &ModelService::opened);
    models_->open(ModelService::embeddedModelPath());
    QVERIFY(opened.wait(120000));
    QSignalSpy prompts(models_.get(), &ModelService::promptsLoaded);
    models_->loadPrompts(prompts_);
    QVERIFY(prompts.count() > 0 || prompts.wait(60000));
    QSignalSpy ready(models_.get(), &ModelService::classifiersReady);
    models_->setClasses(classes_, descriptions_);
    QTRY_VERIFY_WITH_TIMEOUT(!ready.isEmpty() && ready.last().at(0).value<ClassifierSet>().methods.size() == 4 &&
                                 ready.last().at(0).value<ClassifierSet>().classes.size() == 48,
                             180000);
    set_ = ready.last().at(0).value<ClassifierSet>();
    QCOMPARE(set_.methods, QStringList({"template", "ensemble", "descriptions", "protext"}));
  }

  void everyChartShowsTheTopFiveProtextClassifyPrints() {
    const QStringList images = exampleImages();
    QCOMPARE(images.size(), 24);
    QMap<QString, QVector<float>> embeddings;
    QSignalSpy encoded(models_.get(), &ModelService::imageEncoded);
    models_->encodeImages(images);
    QTRY_COMPARE_WITH_TIMEOUT(encoded.count(), images.size(), 120000);
    for (const auto& args : encoded) embeddings[args.at(0).toString()] = args.at(1).value<QVector<float>>();

    QStringList cli_args{"classify", "--classes", resource("demo/classes.txt"), "--descriptions",
                         resource("demo/descriptions.json"), "--prompts", prompts_, "--top-k", "5"};
    const auto cli = test::run_cli(cli_args + images);
    QVERIFY2(cli.exit_code == 0, cli.err.constData());
    const auto lines = test::json_lines(cli.out);
    QCOMPARE(int(lines.size()), images.size());

    double worst = 0;
    for (const auto& line : lines) {
      const QString image = QString::fromStdString(line["image"].get<std::string>());
      QVERIFY2(embeddings.contains(image), qPrintable(image));
      const auto app = predictTopK(set_, embeddings[image], 5);
      QCOMPARE(app.size(), int(line["methods"].size()));
      for (const MethodPrediction& m : app) {
        const auto& printed = line["methods"][m.method.toStdString()];
        QCOMPARE(int(printed.size()), 5);
        for (int i = 0; i < 5; ++i) {
          QCOMPARE(m.labels[i], QString::fromStdString(printed[i]["class"].get<std::string>()));
          worst = std::max(worst, std::abs(m.probabilities[i] - printed[i]["prob"].get<double>()));
        }
      }
    }
    qInfo("largest |app - cli| probability over 24 images x 4 methods x top-5: %.3g", worst);
    QVERIFY2(worst <= 1e-5, qPrintable(QString::number(worst)));
  }

  void theExportedEvaluationIsTheReportProtextEvalWrites() {
    const QString folder = dir_.filePath("renders");
    const auto rendered = test::run_cli({"mini-world", "render", "--seed", "4242", "--count", "96", "--out", folder});
    QVERIFY2(rendered.exit_code == 0, rendered.err.constData());

    EvaluationService service;
    QSignalSpy finished(&service, &EvaluationService::finished);
    service.start(models_->handle(), folder, set_, dir_.filePath("app-cache"));
    QVERIFY(finished.wait(300000));
    EvaluationView view;
    view.setResult(finished.at(0).at(0).value<EvaluationResult>());
    const QString app_report = dir_.filePath("app/report.json");
    QDir().mkpath(dir_.filePath("app"));
    QVERIFY2(view.exportReport(app_report), qPrintable(view.lastError()));

    const QString cli_report = dir_.filePath("cli/report.json");
    QDir().mkpath(dir_.filePath("cli"));
    const auto cli = test::run_cli({"eval", "--images", folder, "--classes", resource("demo/classes.txt"),
                                    "--descriptions", resource("demo/descriptions.json"), "--prompts", prompts_,
                                    "--out", cli_report, "--cache-dir", dir_.filePath("cli-cache"), "--predictions",
                                    dir_.filePath("cli/report-predictions.jsonl")});
    QVERIFY2(cli.exit_code == 0, cli.err.constData());

    const auto app_json = readJson(app_report), cli_json = readJson(cli_report);
    QCOMPARE(app_json["methods"].size(), size_t(4));
    QVERIFY2(app_json == cli_json, (app_json.dump().substr(0, 400) + "\nvs\n" + cli_json.dump().substr(0, 400)).c_str());
    QCOMPARE(app_json["paired"].size(), size_t(6));  // every pair of the four methods, with its statistics
    QCOMPARE(app_json["ci95"].size(), size_t(4));
    QFile app_predictions(dir_.filePath("app/report-predictions.jsonl"));
    QFile cli_predictions(dir_.filePath("cli/report-predictions.jsonl"));
    QVERIFY(app_predictions.open(QIODevice::ReadOnly) && cli_predictions.open(QIODevice::ReadOnly));
    QCOMPARE(app_predictions.readAll(), cli_predictions.readAll());
    // The CSVs beside it, byte for byte.
    const QStringList csvs = QDir(dir_.filePath("cli")).entryList({"*.csv"}, QDir::Files, QDir::Name);
    QCOMPARE(csvs.size(), 8);
    QCOMPARE(QDir(dir_.filePath("app")).entryList({"*.csv"}, QDir::Files, QDir::Name), csvs);
    for (const QString& name : csvs) {
      QFile a(dir_.filePath("app/" + name)), b(dir_.filePath("cli/" + name));
      QVERIFY(a.open(QIODevice::ReadOnly) && b.open(QIODevice::ReadOnly));
      QCOMPARE(a.readAll(), b.readAll());
    }
  }

  void classifyFolderInTheAppWritesWhatProtextClassifyFolderWrites() {
    const QString folder = dir_.filePath("unlabelled");
    const auto rendered = test::run_cli({"mini-world", "render", "--seed", "77", "--count", "20", "--out", folder});
    QVERIFY2(rendered.exit_code == 0, rendered.err.constData());
    FolderClassifyService service;
    QSignalSpy finished(&service, &FolderClassifyService::finished);
    service.start(models_->handle(), folder, set_, dir_.filePath("app-folder.csv"), dir_.filePath("app-cache"));
    QVERIFY(finished.wait(300000));
    QCOMPARE(finished.at(0).at(0).toInt(), 20);
    const auto cli = test::run_cli({"classify", "--folder", folder, "--classes", resource("demo/classes.txt"),
                                    "--descriptions", resource("demo/descriptions.json"), "--prompts", prompts_,
                                    "--out", dir_.filePath("cli-folder.csv"), "--cache-dir", dir_.filePath("cli-cache")});
    QVERIFY2(cli.exit_code == 0, cli.err.constData());
    QFile a(dir_.filePath("app-folder.csv")), b(dir_.filePath("cli-folder.csv"));
    QVERIFY(a.open(QIODevice::ReadOnly) && b.open(QIODevice::ReadOnly));
    const QByteArray app_csv = a.readAll();
    QCOMPARE(app_csv.count('\n'), 21);
    QVERIFY(app_csv.startsWith("image,template,template_prob,ensemble,ensemble_prob,descriptions,"));
    QCOMPARE(app_csv, b.readAll());
  }

  void theAppsExportedClassifierIsTheOneProtextExports() {
    const QString app = dir_.filePath("app-protext.safetensors"), cli_out = dir_.filePath("cli-protext.safetensors");
    QStringList written = exportClassifier(set_, "protext", models_->info().fingerprint, app);
    QCOMPARE(written, QStringList{app});
    const auto cli = test::run_cli({"export-classifier", "--classes", resource("demo/classes.txt"), "--prompts",
                                    prompts_, "--method", "protext", "--out", cli_out});
    QVERIFY2(cli.exit_code == 0, cli.err.constData());
    const SafetensorsFile a(app.toStdString());
    const SafetensorsFile b(cli_out.toStdString());
    QCOMPARE(a.metadata(), b.metadata());
    QCOMPARE(nlohmann::json::parse(a.metadata().at("classes")).size(), size_t(48));
    QCOMPARE(a.metadata().at("model_fingerprint"), models_->info().fingerprint.toStdString());
    const auto wa = read_safetensors(app.toStdString()).at("weights");
    const auto wb = read_safetensors(cli_out.toStdString()).at("weights");
    QCOMPARE(wa.sizes(), wb.sizes());
    QVERIFY((wa - wb).abs().max().item<float>() <= 1e-6f);
  }

  void theHeatMapsAndDescriptionScoresAreThoseProtextExplainWrites() {
    const QString image = exampleImages().at(5);
    ExplainService explain;
    QSignalSpy explained(&explain, &ExplainService::explained);
    QSignalSpy failed(&explain, &ExplainService::explainFailed);
    explain.explain(models_->handle(), set_, descriptions_, image);
    QTRY_VERIFY_WITH_TIMEOUT(!explained.isEmpty() || !failed.isEmpty(), 120000);
    QVERIFY2(failed.isEmpty(), failed.isEmpty() ? "" : qPrintable(failed.first().at(1).toString()));
    const auto app = explained.first().at(0).value<ImageExplanation>();
    QCOMPARE(app.methods.size(), 4);
    QCOMPARE(app.seen.size(), QSize(64, 64));

    const QString out = dir_.filePath("explained");
    const auto cli = test::run_cli({"explain", "--image", image, "--classes", resource("demo/classes.txt"),
                                    "--descriptions", resource("demo/descriptions.json"), "--prompts", prompts_, "--out", out});
    QVERIFY2(cli.exit_code == 0, cli.err.constData());
    const auto lines = test::json_lines(cli.out);
    QCOMPARE(int(lines.size()), app.methods.size());
    for (int m = 0; m < app.methods.size(); ++m) {
      const MethodHeat& heat = app.methods[m];
      QCOMPARE(heat.method.toStdString(), lines[m]["method"].get<std::string>());
      QCOMPARE(heat.label.toStdString(), lines[m]["class"].get<std::string>());
      QVERIFY(std::abs(heat.probability - lines[m]["prob"].get<double>()) < 1e-9);
      std::vector<int64_t> shape;
      const auto values = read_npy(lines[m]["heat"].get<std::string>(), &shape);
      QCOMPARE(shape, (std::vector<int64_t>{heat.rows, heat.cols}));
      for (size_t i = 0; i < values.size(); ++i) QVERIFY(std::abs(values[i] - heat.heat[int(i)]) < 1e-6);
      if (heat.method != "descriptions") continue;
      const auto& scores = lines[m]["descriptions"];
      QCOMPARE(int(scores.size()), heat.descriptions.size());
      for (int d = 0; d < heat.descriptions.size(); ++d) {
        QCOMPARE(heat.descriptions[d].toStdString(), scores[d]["text"].get<std::string>());
        QVERIFY(std::abs(heat.descriptionCosines[d] - scores[d]["cosine"].get<double>()) < 1e-9);
      }
    }
  }

  void theMapIsTheOneProtextEmbedMapWrites() {
    ExplainService explain;
    QSignalSpy ready(&explain, &ExplainService::mapReady);
    QSignalSpy failed(&explain, &ExplainService::mapFailed);
    explain.buildMap(models_->handle(), set_, descriptions_, {});
    QTRY_VERIFY_WITH_TIMEOUT(!ready.isEmpty() || !failed.isEmpty(), 120000);
    QVERIFY2(failed.isEmpty(), failed.isEmpty() ? "" : qPrintable(failed.first().at(0).toString()));
    const auto app = ready.first().at(0).value<EmbeddingMap>();

    const QString out = dir_.filePath("map.json");
    const auto cli = test::run_cli({"embed-map", "--classes", resource("demo/classes.txt"), "--descriptions",
                                    resource("demo/descriptions.json"), "--prompts", prompts_, "--out", out});
    QVERIFY2(cli.exit_code == 0, cli.err.constData());
    const auto json = readJson(out);
    QCOMPARE(json["points"].size(), app.points.size());
    for (size_t i = 0; i < app.points.size(); ++i) {
      const auto& p = json["points"][i];
      QCOMPARE(map_point_kind_name(app.points[i].kind), p["kind"].get<std::string>());
      QVERIFY2(std::abs(app.points[i].x - p["x"].get<double>()) < 1e-6 && std::abs(app.points[i].y - p["y"].get<double>()) < 1e-6,
               qPrintable(QString("point %1").arg(i)));
    }
  }

  void trainingInTheAppGivesTheLossesAndPromptsOfProtextTrain() {
    // The demo list as the app holds it, with a short configuration both front ends take.
    TrainRequest request;
    request.config = preset_config("cross-dataset");
    request.config.steps = 12;
    request.config.batch_size = 256;  // 3 steps an epoch: 4 epochs
    request.outPath = dir_.filePath("app-run.safetensors");
    TrainingService training;
    QSignalSpy finished(&training, &TrainingService::finished);
    QSignalSpy failed(&training, &TrainingService::failed);
    training.start(models_->handle(), classes_, descriptions_, request);
    QTRY_VERIFY_WITH_TIMEOUT(!finished.isEmpty() || !failed.isEmpty(), 180000);
    QVERIFY2(failed.isEmpty(), failed.isEmpty() ? "" : qPrintable(failed.first().first().toString()));

    const QString cli_out = dir_.filePath("cli-run.safetensors");
    const auto cli = test::run_cli({"train", "--classes", resource("demo/classes.txt"), "--descriptions",
                                    resource("demo/descriptions.json"), "--out", cli_out, "--steps", "12",
                                    "--batch-size", "256", "--cache-dir", dir_.filePath("cache")});
    QVERIFY2(cli.exit_code == 0, cli.err.constData());

    const auto app_info = read_checkpoint_config(request.outPath.toStdString());
    const auto cli_info = read_checkpoint_config(cli_out.toStdString());
    QVERIFY(app_info.metadata["classes"] == cli_info.metadata["classes"]);  // the list's order, not sorted
    const auto app_losses = app_info.metadata["epoch_losses"].get<std::vector<double>>();
    const auto cli_losses = cli_info.metadata["epoch_losses"].get<std::vector<double>>();
    QCOMPARE(app_losses.size(), cli_losses.size());
    QVERIFY(!app_losses.empty());
    double loss_diff = 0;
    for (size_t i = 0; i < app_losses.size(); ++i)
      loss_diff = std::max(loss_diff, std::abs(app_losses[i] - cli_losses[i]) / std::abs(cli_losses[i]));
    const TensorMap app_prompts = promptsIn(request.outPath), cli_prompts = promptsIn(cli_out);
    QCOMPARE(app_prompts.size(), cli_prompts.size());
    double prompt_diff = 0;
    for (const auto& [name, t] : app_prompts) {
      QVERIFY2(cli_prompts.count(name), name.c_str());
      prompt_diff = std::max(prompt_diff, (t - cli_prompts.at(name)).abs().max().item<double>());
    }
    qInfo("app vs protext train, %zu epochs: loss max relative diff %.3g, prompts max |diff| %.3g", app_losses.size(),
          loss_diff, prompt_diff);
    QVERIFY(loss_diff <= 1e-6);
    QVERIFY(prompt_diff <= 1e-6);
  }
};

PROTEXT_TEST_SUITE(AppCliParityTest)
#include "app_cli_parity_test.moc"
