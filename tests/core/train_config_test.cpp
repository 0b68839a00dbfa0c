// A training configuration, as the CLI, the app and the trainer share it
// (core/protext/train_config.h): the released presets, the JSON form of project files and
// checkpoint metadata, the checks against a model, and reading a checkpoint's configuration
// back through the validated safetensors reader.
#include <QTemporaryDir>
#include <QTest>

#include <cmath>
#include <fstream>
#include <limits>
#include <set>

#include "core/clip/safetensors.h"
#include "core/error.h"
#include "core/protext/train_config.h"
#include "core/protext/trainer.h"
#include "support/fixtures.h"
#include "support/suite.h"

using namespace protext;
using json = nlohmann::json;

namespace {

// The message protext::Error carries, or "" when `f` does not throw it.
template <typename F>
QString error_of(F&& f) {
  try {
    f();
  } catch (const Error& e) {
    return QString::fromStdString(e.what());
  }
  return {};
}

// A configuration with every field away from its default.
TrainConfig unusual_config() {
  TrainConfig c;
  c.preset = "base2novel";
  c.epochs = 7;
  c.steps = 123;
  c.batch_size = 64;
  c.full_batch = true;
  c.shuffle = false;
  c.lr = 0.00125;
  c.weight_decay = 0.05;
  c.beta1 = 0.85;
  c.beta2 = 0.995;
  c.eps = 1e-6;
  c.schedule = "cosine";
  c.loss = "mse";
  c.prompts.n_ctx = 8;
  c.prompts.depth = 3;
  c.prompts.init_text = "a drawing of a";
  c.text_template = "a drawing of a {}, a kind of bird.";
  c.seed = 12345;
  c.precision = "bf16";
  return c;
}

// A safetensors file without tensors whose "protext" metadata entry is `meta`.
void write_metadata_only(const std::string& path, const std::string& meta) {
  write_safetensors(path, {}, {{"protext", meta}});
}

}  // namespace

class TrainConfigTest : public QObject {
  Q_OBJECT
  QTemporaryDir dir_;

  std::string path(const char* name) const { return (dir_.path() + "/" + name).toStdString(); }

 private slots:
  void initTestCase() { QVERIFY(dir_.isValid()); }

  void presetsCarryThePublishedValues_data() {
    QTest::addColumn<QString>("preset");
    QTest::addColumn<int>("epochs");
    QTest::addColumn<double>("lr");
    QTest::addColumn<int>("batch");
    QTest::addColumn<int>("nCtx");
    QTest::addColumn<int>("depth");
    // The ProText paper's released configs (ViT-B/16).
    QTest::newRow("cross-dataset") << "cross-dataset" << 10 << 0.03 << 256 << 4 << 9;
    QTest::newRow("base2novel") << "base2novel" << 30 << 0.03 << 256 << 4 << 9;
    QTest::newRow("text-only") << "text-only" << 200 << 0.0025 << 256 << 16 << 9;
  }

  void presetsCarryThePublishedValues() {
    QFETCH(QString, preset);
    QFETCH(int, epochs);
    QFETCH(double, lr);
    QFETCH(int, batch);
    QFETCH(int, nCtx);
    QFETCH(int, depth);
    const TrainConfig c = preset_config(preset.toStdString());
    QCOMPARE(QString::fromStdString(c.preset), preset);
    QCOMPARE(c.epochs, epochs);
    QCOMPARE(c.lr, lr);
    QCOMPARE(c.batch_size, batch);
    QCOMPARE(c.prompts.n_ctx, int64_t(nCtx));
    QCOMPARE(c.prompts.depth, int64_t(depth));
    // Shared by all three: AdamW(β 0.9, 0.98), weight decay 0.1, warm-up + cosine, L1.
    QCOMPARE(c.steps, int64_t(0));
    QCOMPARE(c.weight_decay, 0.1);
    QCOMPARE(c.beta1, 0.9);
    QCOMPARE(c.beta2, 0.98);
    QCOMPARE(c.eps, 1e-8);
    QCOMPARE(c.schedule, std::string("reference"));
    QCOMPARE(c.loss, std::string("l1"));
    QCOMPARE(c.text_template, std::string("a photo of a {}."));
    QCOMPARE(c.prompts.init_text, std::string("a photo of a"));
    QCOMPARE(c.precision, std::string("fp32"));
    QVERIFY(!c.full_batch);
    QVERIFY(c.shuffle);
  }

  void presetNamesListTheThreeReleasedConfigs() {
    QCOMPARE(preset_names(), (std::vector<std::string>{"cross-dataset", "base2novel", "text-only"}));
    QVERIFY(preset_config("cross-dataset") == TrainConfig());  // the defaults are the cross-dataset preset
  }

  void unknownPresetIsRefusedNamingItAndTheValidOnes() {
    const QString message = error_of([] { preset_config("imagenet"); });
    QVERIFY2(message.contains("imagenet"), qPrintable(message));
    for (const char* name : {"cross-dataset", "base2novel", "text-only"})
      QVERIFY2(message.contains(name), qPrintable(message));
  }

  void jsonUsesTheTrainersKeys() {
    std::set<std::string> keys;
    const json defaults = TrainConfig().to_json();
    for (const auto& [key, value] : defaults.items()) keys.insert(key);
    const std::set<std::string> expected{"preset", "epochs", "steps",    "batch_size", "full_batch", "shuffle",
                                         "lr",     "weight_decay", "betas", "eps", "schedule", "loss",
                                         "n_ctx",  "depth", "init_text", "template", "seed", "precision"};
    QCOMPARE(keys, expected);
    QVERIFY(defaults["betas"] == json::array({0.9, 0.98}));
  }

  void jsonRoundTripGivesAnEqualConfig() {
    const TrainConfig original = unusual_config();
    const std::string text = original.to_json().dump();  // through text, as files carry it
    QVERIFY(config_from_json(json::parse(text), "round trip") == original);
    for (const std::string& name : preset_names())
      QVERIFY(config_from_json(json::parse(preset_config(name).to_json().dump()), name) == preset_config(name));
  }

  void missingKeysKeepTheDefaults() {
    QVERIFY(config_from_json(json::object(), "empty") == TrainConfig());
    // An older project file: a few keys, one the reader does not know.
    const TrainConfig c = config_from_json(json{{"epochs", 30}, {"n_ctx", 8}, {"deep", true}}, "old.protext");
    TrainConfig expected;
    expected.epochs = 30;
    expected.prompts.n_ctx = 8;
    QVERIFY(c == expected);
  }

  void integralFloatsReadAsIntegers() {
    // Some JSON writers put every number as a float.
    const TrainConfig c = config_from_json(json::parse(R"({"epochs": 30.0, "batch_size": 64.0})"), "floats");
    QCOMPARE(c.epochs, 30);
    QCOMPARE(c.batch_size, 64);
  }

  void badValuesAreRefusedNamingTheKey_data() {
    QTest::addColumn<QByteArray>("settings");
    QTest::addColumn<QString>("key");
    QTest::newRow("lr text") << QByteArray(R"({"lr": "fast"})") << "lr";
    QTest::newRow("lr null (NaN as JSON writes it)") << QByteArray(R"({"lr": null})") << "lr";
    QTest::newRow("lr zero") << QByteArray(R"({"lr": 0})") << "lr";
    QTest::newRow("lr negative") << QByteArray(R"({"lr": -0.01})") << "lr";
    QTest::newRow("lr 1e308 (trained to NaN)") << QByteArray(R"({"lr": 1e308})") << "lr";
    QTest::newRow("epochs zero") << QByteArray(R"({"epochs": 0})") << "epochs";
    QTest::newRow("epochs negative") << QByteArray(R"({"epochs": -3})") << "epochs";
    QTest::newRow("epochs fraction") << QByteArray(R"({"epochs": 2.5})") << "epochs";
    QTest::newRow("epochs text") << QByteArray(R"({"epochs": "10"})") << "epochs";
    QTest::newRow("epochs past int") << QByteArray(R"({"epochs": 10000000000})") << "epochs";
    QTest::newRow("steps negative") << QByteArray(R"({"steps": -1})") << "steps";
    QTest::newRow("batch zero") << QByteArray(R"({"batch_size": 0})") << "batch_size";
    QTest::newRow("n_ctx zero") << QByteArray(R"({"n_ctx": 0})") << "n_ctx";
    QTest::newRow("depth zero") << QByteArray(R"({"depth": 0})") << "depth";
    QTest::newRow("depth object") << QByteArray(R"({"depth": {}})") << "depth";
    QTest::newRow("template without {}") << QByteArray(R"({"template": "a photo"})") << "template";
    QTest::newRow("template with two {}") << QByteArray(R"({"template": "a {} or a {}"})") << "template";
    QTest::newRow("template number") << QByteArray(R"({"template": 5})") << "template";
    QTest::newRow("schedule unknown") << QByteArray(R"({"schedule": "linear"})") << "schedule";
    QTest::newRow("loss unknown") << QByteArray(R"({"loss": "huber"})") << "loss";
    QTest::newRow("precision unknown") << QByteArray(R"({"precision": "int8"})") << "precision";
    QTest::newRow("preset unknown") << QByteArray(R"({"preset": "imagenet"})") << "preset";
    QTest::newRow("shuffle text") << QByteArray(R"({"shuffle": "yes"})") << "shuffle";
    QTest::newRow("full_batch number") << QByteArray(R"({"full_batch": 1})") << "full_batch";
    QTest::newRow("betas one") << QByteArray(R"({"betas": [0.9]})") << "betas";
    QTest::newRow("betas past 1") << QByteArray(R"({"betas": [0.9, 1.5]})") << "betas";
    QTest::newRow("eps zero") << QByteArray(R"({"eps": 0})") << "eps";
    QTest::newRow("weight_decay negative") << QByteArray(R"({"weight_decay": -0.1})") << "weight_decay";
    QTest::newRow("seed negative") << QByteArray(R"({"seed": -1})") << "seed";
    QTest::newRow("init_text number") << QByteArray(R"({"init_text": 3})") << "init_text";
  }

  void badValuesAreRefusedNamingTheKey() {
    QFETCH(QByteArray, settings);
    QFETCH(QString, key);
    const json parsed = json::parse(settings.toStdString());
    const QString message = error_of([&] { config_from_json(parsed, "study.protext"); });
    QVERIFY2(message.startsWith("study.protext: "), qPrintable(message));
    QVERIFY2(message.contains("'" + key + "'"), qPrintable(message));
  }

  void nonFiniteNumbersAreRefused() {
    for (const double bad : {std::nan(""), std::numeric_limits<double>::infinity()}) {
      QVERIFY(error_of([&] { config_from_json(json{{"lr", bad}}, "in memory"); }).contains("'lr'"));
      TrainConfig c;
      c.weight_decay = bad;
      QVERIFY(error_of([&] { validate_config(c, "options"); }).contains("'weight_decay'"));
    }
  }

  void settingsThatAreNotAnObjectAreRefused() {
    const QString message = error_of([] { config_from_json(json::array({1}), "study.protext"); });
    QVERIFY2(message.startsWith("study.protext: ") && message.contains("not an object"), qPrintable(message));
  }

  void depthBeyondTheTextTowerIsLoweredWithANote() {
    const ConfigCheck check = check_for_model(preset_config("cross-dataset"), 4, 77);  // the embedded model
    QCOMPARE(check.config.prompts.depth, int64_t(4));
    QCOMPARE(check.notes.size(), size_t(1));
    QCOMPARE(check.notes[0].key, std::string("depth"));
    QCOMPARE(check.notes[0].value, int64_t(4));
    QCOMPARE(check.notes[0].text, std::string("prompt depth lowered to 4, the text tower's layer count"));
    TrainConfig expected = preset_config("cross-dataset");
    expected.prompts.depth = 4;
    QVERIFY(check.config == expected);  // nothing else changes
  }

  void configThatFitsTheModelPassesUnchanged() {
    const TrainConfig c = preset_config("text-only");
    const ConfigCheck check = check_for_model(c, 12, 77);  // ViT-B/16's text tower
    QVERIFY(check.config == c);
    QVERIFY(check.notes.empty());
  }

  void contextLengthWithoutRoomForTheClassNameIsRefused() {
    // 77 tokens: <start_of_text>, n_ctx context vectors, the class name, <end_of_text>.
    TrainConfig c;
    c.prompts.n_ctx = 74;
    QCOMPARE(check_for_model(c, 12, 77).config.prompts.n_ctx, int64_t(74));
    c.prompts.n_ctx = 75;
    const QString message = error_of([&] { check_for_model(c, 12, 77); });
    QVERIFY2(message.contains("'n_ctx'") && message.contains("77") && message.contains("class name"),
             qPrintable(message));
  }

  void checkForModelRefusesAnInvalidConfig() {
    TrainConfig c;
    c.epochs = 0;
    QVERIFY(error_of([&] { check_for_model(c, 12, 77); }).contains("'epochs'"));
  }

  void readsTheConfigurationOfACheckpointWrittenByTheTrainer() {
    const QString model_dir = dir_.path() + "/clip";
    const json config = {
        {"embed_dim", 32},
        {"vision", {{"width", 64}, {"layers", 1}, {"heads", 1}, {"mlp_width", 128}, {"patch_size", 8}, {"image_size", 16}}},
        {"text", {{"width", 64}, {"layers", 2}, {"heads", 1}, {"mlp_width", 128}, {"context_length", 77},
                  {"vocab_size", 49408}}}};
    test::run_python("clip_reference.py", {"fixture", model_dir, QString::fromStdString(config.dump()), "31"});
    LoadOptions options;
    options.vocab = test::shared_data("clip/bpe_simple_vocab_16e6.txt.gz");
    std::ofstream(path("cupl.json")) << json{{"tabby cat", {"A cat with stripes.", "small"}},
                                             {"fire truck", {"A red vehicle with ladders.", "It has sirens."}},
                                             {"canoe", {"A narrow boat moved with a paddle."}}}
                                            .dump();
    TrainJob job;
    job.clip = ClipModel::open((model_dir + "/model.safetensors").toStdString(), options);
    job.descriptions = read_cupl_json(path("cupl.json"));
    job.config = unusual_config();
    job.config.precision = "fp32";  // training runs fp32 only, for now
    job.config.full_batch = false;
    job.config.steps = 0;
    job.config.epochs = 2;
    job.config.batch_size = 2;
    job.config.prompts.depth = 2;  // the fixture's text tower
    job.out_path = path("run.safetensors");
    const std::atomic<bool> no_cancel{false};
    const TrainResult result = train(job, {}, no_cancel);

    const CheckpointInfo info = read_checkpoint_config(job.out_path);
    QVERIFY(info.config == job.config);
    QCOMPARE(info.epochs_done, 2);
    QCOMPARE(info.steps_done, result.steps_done);
    QCOMPARE(info.steps_done, int64_t(6));  // 5 pairs in batches of 2, twice
    QVERIFY(info.metadata.contains("step_losses"));
  }

  void corruptCheckpointIsRefusedNamingIt() {
    const std::string zip = path("model.pth.tar-5");
    std::ofstream(zip, std::ios::binary) << "PK\x03\x04 a zip archive, not safetensors";
    QString message = error_of([&] { read_checkpoint_config(zip); });
    QVERIFY2(message.startsWith(QString::fromStdString(zip) + ": "), qPrintable(message));

    const std::string cut = path("cut.safetensors");
    write_metadata_only(cut, json{{"training", TrainConfig().to_json()}, {"epochs_done", 1}}.dump());
    std::ifstream in(cut, std::ios::binary);
    std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    std::ofstream(cut, std::ios::binary | std::ios::trunc) << bytes.substr(0, bytes.size() / 2);
    message = error_of([&] { read_checkpoint_config(cut); });
    QVERIFY2(message.startsWith(QString::fromStdString(cut) + ": "), qPrintable(message));

    message = error_of([&] { read_checkpoint_config(path("absent.safetensors")); });
    QVERIFY2(message.contains("absent.safetensors"), qPrintable(message));
  }

  void promptsWithoutATrainingRunAreNotACheckpoint() {
    const std::string exported = path("exported.safetensors");
    write_metadata_only(exported, json{{"n_ctx", 4}, {"depth", 9}}.dump());
    const QString message = error_of([&] { read_checkpoint_config(exported); });
    QVERIFY2(message.startsWith(QString::fromStdString(exported) + ": ") && message.contains("not a checkpoint"),
             qPrintable(message));
    const std::string bare = path("bare.safetensors");
    write_safetensors(bare, {});
    QVERIFY(error_of([&] { read_checkpoint_config(bare); }).contains("not a checkpoint"));
    const std::string garbled = path("garbled.safetensors");
    write_metadata_only(garbled, "{not json");
    QVERIFY(error_of([&] { read_checkpoint_config(garbled); }).contains("not valid JSON"));
  }

  void checkpointWithABadConfigurationIsRefusedNamingItAndTheKey() {
    const std::string bad = path("bad.safetensors");
    write_metadata_only(bad, json{{"training", {{"lr", "fast"}}}, {"epochs_done", 1}}.dump());
    QString message = error_of([&] { read_checkpoint_config(bad); });
    QVERIFY2(message.startsWith(QString::fromStdString(bad) + ": ") && message.contains("'lr'"), qPrintable(message));
    write_metadata_only(bad, json{{"training", json::object()}, {"epochs_done", -2}}.dump());
    message = error_of([&] { read_checkpoint_config(bad); });
    QVERIFY2(message.contains("'epochs_done'"), qPrintable(message));
  }

  void olderCheckpointsKeepThePromptShapeAtTheTopLevel() {
    const std::string old = path("old.safetensors");
    write_metadata_only(old, json{{"training", {{"preset", "base2novel"}, {"epochs", 30}}},
                                  {"n_ctx", 8},
                                  {"depth", 3},
                                  {"epochs_done", 12}}
                                 .dump());
    const CheckpointInfo info = read_checkpoint_config(old);
    QCOMPARE(info.config.epochs, 30);
    QCOMPARE(info.config.prompts.n_ctx, int64_t(8));
    QCOMPARE(info.config.prompts.depth, int64_t(3));
    QCOMPARE(info.epochs_done, 12);
    QCOMPARE(info.steps_done, int64_t(0));
  }
};

PROTEXT_TEST_SUITE(TrainConfigTest)
#include "train_config_test.moc"
