// The training runner as the GUI uses it: progress events, prompt cancellation, the
// released schedules and presets, and prompt files moving between models and formats.
#include <QElapsedTimer>
#include <QTemporaryDir>
#include <QTest>

#include <chrono>
#include <cmath>
#include <thread>

#include "core/error.h"
#include "core/protext/dassl_checkpoint.h"
#include "core/protext/prompts.h"
#include "core/protext/schedule.h"
#include "core/protext/trainer.h"
#include "support/fixtures.h"
#include "support/suite.h"

using namespace protext;

namespace {

nlohmann::json tiny_config(int text_width, int seed_layers = 2) {
  return {{"embed_dim", 32},
          {"vision", {{"width", 64}, {"layers", 1}, {"heads", 1}, {"mlp_width", 128}, {"patch_size", 8}, {"image_size", 16}}},
          {"text", {{"width", text_width}, {"layers", seed_layers}, {"heads", std::max(1, text_width / 64)},
                    {"mlp_width", text_width * 2}, {"context_length", 77}, {"vocab_size", 49408}}}};
}

std::shared_ptr<ClipModel> fixture_model(const QString& dir, const nlohmann::json& config, int seed) {
  test::run_python("clip_reference.py", {"fixture", dir, QString::fromStdString(config.dump()), QString::number(seed)});
  LoadOptions options;
  options.vocab = test::shared_data("clip/bpe_simple_vocab_16e6.txt.gz");
  return ClipModel::open((dir + "/model.safetensors").toStdString(), options);
}

}  // namespace

class ProTextRunnerTest : public QObject {
  Q_OBJECT
  QTemporaryDir dir_;
  std::shared_ptr<ClipModel> clip_;

  TrainJob pets_job(int batch) {
    TrainJob job;
    job.clip = clip_;
    job.descriptions = read_cupl_json(test::shared_data("cupl/oxford_pets.json"));
    job.config = preset_config("cross-dataset");
    job.config.batch_size = batch;
    job.config.prompts.depth = 2;  // the fixture's text tower has 2 layers
    return job;
  }

 private slots:
  void initTestCase() {
    QVERIFY(dir_.isValid());
    clip_ = fixture_model(dir_.path() + "/a", tiny_config(64), 21);
  }

  void releasedScheduleWarmsUpThenFollowsTheCosine() {
    const Schedule s = parse_schedule("reference", 0.03, 10);
    for (int e = 0; e < 5; ++e) QCOMPARE(s.lr_at(e), 1e-5);
    QCOMPARE(s.lr_at(5), 0.03);
    QVERIFY(std::abs(s.lr_at(9) - 0.5 * 0.03 * (1 + std::cos(M_PI * 4 / 10))) < 1e-15);
    QCOMPARE(parse_schedule("constant", 0.01, 3).lr_at(2), 0.01);
    QVERIFY_THROWS_EXCEPTION(Error, parse_schedule("linear", 0.01, 3));
  }

  void presetsCarryTheReleasedHyperParameters() {
    const TrainConfig cross = preset_config("cross-dataset");
    QCOMPARE(cross.lr, 0.03);
    QCOMPARE(cross.weight_decay, 0.1);
    QCOMPARE(cross.beta2, 0.98);
    QCOMPARE(cross.batch_size, 256);
    QCOMPARE(cross.epochs, 10);
    QCOMPARE(cross.prompts.n_ctx, int64_t(4));
    QCOMPARE(cross.prompts.depth, int64_t(9));
    QCOMPARE(preset_config("base2novel").epochs, 30);
    const TrainConfig text_only = preset_config("text-only");
    QCOMPARE(text_only.lr, 0.0025);
    QCOMPARE(text_only.epochs, 200);
    QCOMPARE(text_only.prompts.n_ctx, int64_t(16));
    QVERIFY_THROWS_EXCEPTION(Error, preset_config("imagenet"));
  }

  void reportsProgressForEveryStep() {
    TrainJob job = pets_job(128);
    job.config.prompts.depth = 2;
    job.config.epochs = 2;
    job.config.schedule = "constant";
    job.config.lr = 0.01;
    std::vector<TrainProgress> events;
    std::atomic<bool> cancel{false};
    const TrainResult result = train(job, [&](const TrainProgress& p) { events.push_back(p); }, cancel);
    const int64_t steps_per_epoch = (740 + 127) / 128;
    QCOMPARE(static_cast<int64_t>(events.size()), 2 * steps_per_epoch);
    QCOMPARE(result.steps_done, 2 * steps_per_epoch);
    for (size_t i = 0; i < events.size(); ++i) {
      QCOMPARE(events[i].step, static_cast<int64_t>(i + 1));
      QCOMPARE(events[i].steps, 2 * steps_per_epoch);
      QCOMPARE(events[i].epoch, static_cast<int>(i / steps_per_epoch));
      QCOMPARE(events[i].lr, 0.01);
      QVERIFY(events[i].samples_per_s > 0);
      QVERIFY(events[i].eta_s >= 0);
      QCOMPARE(events[i].loss, result.step_losses[i]);
      QCOMPARE(events[i].epoch_mean_loss >= 0, (i + 1) % steps_per_epoch == 0);
    }
    QCOMPARE(events.back().eta_s, 0.0);
    QCOMPARE(result.epoch_losses.size(), size_t(2));
  }

  void stopsWithinASecondOfCancellation() {
    TrainJob job = pets_job(64);
    job.config.epochs = 200;
    job.out_path = (dir_.path() + "/cancelled.safetensors").toStdString();
    std::atomic<bool> cancel{false};
    std::atomic<bool> started{false};
    TrainResult result;
    std::thread worker([&] { result = train(job, [&](const TrainProgress&) { started = true; }, cancel); });
    while (!started) std::this_thread::sleep_for(std::chrono::milliseconds(5));
    QElapsedTimer timer;
    timer.start();
    cancel = true;
    worker.join();
    const qint64 ms = timer.elapsed();
    qInfo("returned %lld ms after cancellation", static_cast<long long>(ms));
    QVERIFY2(ms < 1000, qPrintable(QString("took %1 ms").arg(ms)));
    QVERIFY(result.cancelled);
    QVERIFY(result.steps_done < 200 * 12);
  }

  void promptsFromAnotherClipLoadWithAWarning() {
    TrainJob job = pets_job(256);
    job.config.steps = 1;
    job.config.prompts.depth = 2;
    job.out_path = (dir_.path() + "/one-step.safetensors").toStdString();
    std::atomic<bool> cancel{false};
    train(job, nullptr, cancel);
    const LoadedPrompts same = load_prompts(job.out_path, *clip_);
    QVERIFY(same.warning.empty());
    QCOMPARE(same.metadata["clip_fingerprint"].get<std::string>(), clip_->fingerprint());
    QCOMPARE(same.metadata["template"].get<std::string>(), std::string("a photo of a {}."));
    QCOMPARE(same.metadata["step_losses"].size(), size_t(1));

    auto other = fixture_model(dir_.path() + "/b", tiny_config(64), 22);
    const LoadedPrompts moved = load_prompts(job.out_path, *other);
    QVERIFY2(moved.warning.find("trained on another CLIP") != std::string::npos, moved.warning.c_str());

    auto wider = fixture_model(dir_.path() + "/c", tiny_config(128), 23);
    try {
      load_prompts(job.out_path, *wider);
      QFAIL("prompts of width 64 were loaded onto a width-128 CLIP");
    } catch (const Error& e) {
      QVERIFY2(std::string(e.what()).find("text width is 128") != std::string::npos, e.what());
    }
  }

  void refusesPromptsDeeperThanTheTextTower() {
    PromptConfig config;
    config.depth = 3;  // deep prompts before layers 1 and 2; the fixture has layers 0 and 1
    try {
      PromptLearner learner(*clip_, config, 5);
      QFAIL("a depth beyond the text tower was accepted");
    } catch (const Error& e) {
      QVERIFY2(std::string(e.what()).find("depth 3") != std::string::npos, e.what());
    }
  }

  void exportedAuthorsFormatLoadsBackAsTheSamePrompts() {
    PromptConfig config;
    config.depth = 2;
    PromptLearner learner(*clip_, config, 5);
    const std::string path = (dir_.path() + "/model.pth.tar-10").toStdString();
    write_dassl_prompts(path, learner->named_tensors(), 10);
    const LoadedPrompts loaded = load_prompts(path, *clip_);
    QCOMPARE(loaded.learner->config.n_ctx, int64_t(4));
    QCOMPARE(loaded.learner->config.depth, int64_t(2));
    for (const auto& [name, tensor] : learner->named_tensors())
      QVERIFY2(torch::equal(tensor, loaded.learner->named_tensors().at(name)), name.c_str());
    const auto a = protext_classifier(*clip_, learner, {"pug", "sphynx"});
    const auto b = protext_classifier(*clip_, loaded.learner, {"pug", "sphynx"});
    QVERIFY(torch::equal(a, b));
  }
};

PROTEXT_TEST_SUITE(ProTextRunnerTest)
#include "protext_runner_test.moc"
