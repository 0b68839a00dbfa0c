// `protext train` computes what the plain ProText algorithm computes: the same losses and
// prompts as the reference trainer (tests/reference/protext_reference.py: every pair encoded
// on its own at 77 tokens, targets recomputed every step, no cache), although the engine
// caches targets, trims batches and encodes each class once. Also: a deterministic seed,
// resume after SIGKILL from an always-loadable checkpoint, and clear errors for bad CuPL files.
#include <QDir>
#include <QDirIterator>
#include <QElapsedTimer>
#include <QFileInfo>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>

#include <cmath>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "core/clip/tensor_file.h"
#include "support/fixtures.h"
#include "support/suite.h"

using protext::test::run_cli;
using protext::test::run_python;
using protext::test::shared_data;

namespace {

void write_text(const QString& path, const std::string& text) {
  std::ofstream out(path.toStdString(), std::ios::binary);
  out << text;
}

std::string read_text(const QString& path) {
  std::ifstream in(path.toStdString(), std::ios::binary);
  std::stringstream buffer;
  buffer << in.rdbuf();
  return buffer.str();
}

std::vector<nlohmann::json> log_lines(const QString& path) {
  std::vector<nlohmann::json> lines;
  std::istringstream in(read_text(path));
  for (std::string line; std::getline(in, line);)
    if (!line.empty()) lines.push_back(nlohmann::json::parse(line));
  return lines;
}

std::vector<double> losses_of(const std::vector<nlohmann::json>& lines) {
  std::vector<double> out;
  for (const auto& l : lines) out.push_back(l["loss"].get<double>());
  return out;
}

// Only the prompts (official names), not the optimiser state stored beside them.
protext::TensorMap prompts_in(const QString& path) {
  protext::TensorMap prompts;
  for (auto& [name, t] : protext::read_safetensors(path.toStdString()))
    if (name.rfind("optimizer.", 0) != 0) prompts[name] = t;
  return prompts;
}

double max_prompt_diff(const QString& a, const QString& b) {
  const auto pa = prompts_in(a), pb = prompts_in(b);
  if (pa.size() != pb.size()) return INFINITY;
  double worst = 0;
  for (const auto& [name, t] : pa) {
    auto it = pb.find(name);
    if (it == pb.end() || !it->second.sizes().equals(t.sizes())) return INFINITY;
    worst = std::max(worst, (t - it->second).abs().max().item<double>());
  }
  return worst;
}

// Varied lengths, a key with '_' and capitals, and one description past 77 tokens.
// (nlohmann::json rather than a raw string literal: moc misreads multi-line raw strings.)
const nlohmann::json kSmallCupl = {
    {"Golden_Retriever",
     nlohmann::json::array({"A large dog with a golden coat.", "friendly",
      "A golden retriever has a dense, water-repellent outer coat and a thick undercoat; it loves to fetch sticks "
      "and balls in the park on long sunny afternoons, swims in lakes, rivers and the sea, and greets every visitor "
      "at the door with a wagging tail, a toy in its mouth and an enormous amount of enthusiasm for everyone."})},
    {"tabby cat",
     nlohmann::json::array({"A cat with stripes.", "A tabby cat has an M-shaped marking on its forehead.", "small",
      "Tabby cats are often orange or grey."})},
    {"fire truck",
     nlohmann::json::array({"A red vehicle with ladders and hoses.", "A fire truck is used by firefighters.",
      "It has sirens, flashing lights and a long extending ladder; its crew wear helmets."})},
    {"sunflower",
     nlohmann::json::array({"A tall plant with a big yellow flower.", "Sunflowers turn to face the sun.", "yellow petals",
      "seeds in the middle", "It grows in fields."})},
    {"Canoe", nlohmann::json::array({"A narrow boat moved with a paddle.", "A canoe on a calm lake."})}};

const char* kPetsSubset[] = {"British_Shorthair", "wheaten terrier", "Sphynx"};

}  // namespace

class ProTextTrainerTest : public QObject {
  Q_OBJECT
  QTemporaryDir dir_;
  QString vocab_, small_, pets_, pets_classes_;

  QString model(const QString& name) const { return dir_.path() + "/" + name + "/model.safetensors"; }

  void make_fixture(const QString& name, int width, int heads, int layers, int seed) {
    const nlohmann::json config = {
        {"embed_dim", 48},
        {"vision", {{"width", 64}, {"layers", 1}, {"heads", 1}, {"mlp_width", 128}, {"patch_size", 8}, {"image_size", 32}}},
        {"text",
         {{"width", width}, {"layers", layers}, {"heads", heads}, {"mlp_width", 4 * width}, {"context_length", 77},
          {"vocab_size", 49408}}}};
    run_python("clip_reference.py",
               {"fixture", dir_.path() + "/" + name, QString::fromStdString(config.dump()), QString::number(seed)});
  }

  // The common arguments of a training run on `data`.
  // The pets file is trained on the subset kPetsSubset.
  QStringList train_args(const QString& model_name, const QString& data, const QString& out, const QString& log) const {
    QStringList args{"train", "--model", model(model_name), "--vocab", vocab_, "--descriptions", data,
                     "--out", out, "--log", log};
    if (data == pets_) args << "--classes" << pets_classes_;
    return args;
  }

 private slots:
  void initTestCase() {
    QVERIFY(dir_.isValid());
    vocab_ = QString::fromStdString(shared_data("clip/bpe_simple_vocab_16e6.txt.gz"));
    pets_ = QString::fromStdString(shared_data("cupl/oxford_pets.json"));
    small_ = dir_.path() + "/small.json";
    write_text(small_, kSmallCupl.dump());
    pets_classes_ = dir_.path() + "/pets_classes.txt";
    std::string classes;
    for (const char* c : kPetsSubset) classes += std::string(c) + "\n";
    write_text(pets_classes_, classes);
    // Head width 64 throughout, as OpenAI's text towers (the reference reads heads from it).
    make_fixture("w64", 64, 1, 2, 21);
    make_fixture("w128", 128, 2, 3, 22);
    make_fixture("w192", 192, 3, 4, 23);
  }

  void trainingEqualsThePlainReferenceAlgorithm_data() {
    QTest::addColumn<QString>("model_name");
    QTest::addColumn<int>("depth");
    QTest::addColumn<int>("n_ctx");
    QTest::addColumn<QString>("init_text");
    QTest::addColumn<QString>("loss");
    QTest::addColumn<bool>("pets");
    QTest::newRow("w64 depth 2, random init, l1") << "w64" << 2 << 4 << "" << "l1" << false;
    QTest::newRow("w64 depth 2, 'a photo of a' init, mse") << "w64" << 2 << 4 << "a photo of a" << "mse" << false;
    QTest::newRow("w128 depth 3, 'a photo of a' init, l1") << "w128" << 3 << 4 << "a photo of a" << "l1" << false;
    QTest::newRow("w128 depth 3, random init, mse, pets subset") << "w128" << 3 << 4 << "" << "mse" << true;
    QTest::newRow("w192 depth 4, n_ctx 6, l1, pets subset") << "w192" << 4 << 6 << "" << "l1" << true;
    QTest::newRow("w192 depth 4, n_ctx 6, mse") << "w192" << 4 << 6 << "" << "mse" << false;
  }
  void trainingEqualsThePlainReferenceAlgorithm() {
    QFETCH(QString, model_name);
    QFETCH(int, depth);
    QFETCH(int, n_ctx);
    QFETCH(QString, init_text);
    QFETCH(QString, loss);
    QFETCH(bool, pets);
    QTemporaryDir run(dir_.path() + "/exact-XXXXXX");
    const QString init = run.path() + "/init.safetensors", ref_out = run.path() + "/reference.safetensors";
    const QString out = run.path() + "/prompts.safetensors", log = run.path() + "/log.jsonl";
    const QString data = pets ? pets_ : small_;
    QStringList init_args{"init", model(model_name), vocab_, init, QString::number(n_ctx), QString::number(depth), "5"};
    if (!init_text.isEmpty()) init_args << init_text;
    run_python("protext_reference.py", init_args);

    nlohmann::json request = {{"descriptions", data.toStdString()}, {"init", init.toStdString()}, {"steps", 5},
                              {"lr", 0.01}, {"loss", loss.toStdString()}, {"out", ref_out.toStdString()}};
    request["classes"] = nullptr;
    if (pets) request["classes"] = std::vector<std::string>(std::begin(kPetsSubset), std::end(kPetsSubset));
    const auto expected = nlohmann::json::parse(
        run_python("protext_reference.py", {"train", model(model_name), vocab_}, QByteArray::fromStdString(request.dump()))
            .toStdString());
    const auto expected_losses = expected["losses"].get<std::vector<double>>();

    const auto r = run_cli(train_args(model_name, data, out, log)
                           << "--full-batch" << "--no-shuffle" << "--schedule" << "constant" << "--lr" << "0.01"
                           << "--steps" << "5" << "--init-prompts" << init << "--n-ctx" << QString::number(n_ctx)
                           << "--depth" << QString::number(depth) << "--loss" << loss << "--cache-dir"
                           << run.path() + "/cache");
    QVERIFY2(r.exit_code == 0, r.err.constData());
    const auto lines = log_lines(log);
    QCOMPARE(lines.size(), size_t(5));
    double worst_rel = 0;
    for (size_t i = 0; i < lines.size(); ++i) {
      QCOMPARE(lines[i]["step"].get<int>(), int(i + 1));
      QCOMPARE(lines[i]["lr"].get<double>(), 0.01);
      const double got = lines[i]["loss"].get<double>();
      worst_rel = std::max(worst_rel, std::abs(got - expected_losses[i]) / std::abs(expected_losses[i]));
    }
    const double prompt_diff = max_prompt_diff(out, ref_out);
    const double moved = max_prompt_diff(init, ref_out);
    qInfo("%d pairs: loss max relative diff %.3g, prompts max |diff| %.3g (prompts moved up to %.3g)",
          expected["pairs"].get<int>(), worst_rel, prompt_diff, moved);
    QVERIFY2(worst_rel <= 1e-3, qPrintable(QString("loss relative diff %1").arg(worst_rel)));
    QVERIFY2(prompt_diff <= 1e-4, qPrintable(QString("prompt diff %1").arg(prompt_diff)));
    // The comparison means something only if training moved the prompts well past 1e-4.
    QVERIFY(moved > 1e-2);
    QVERIFY(expected_losses.back() < expected_losses.front());
  }

  void secondRunReadsItsTargetsFromTheTextCacheAndGivesIdenticalLosses() {
    QTemporaryDir run(dir_.path() + "/cache-XXXXXX");
    const QString cache = run.path() + "/cache";
    auto train_once = [&](const QString& tag) {
      const QString log = run.path() + "/" + tag + ".jsonl";
      const auto r = run_cli(train_args("w64", small_, run.path() + "/" + tag + ".safetensors", log)
                             << "--full-batch" << "--steps" << "3" << "--lr" << "0.01" << "--schedule" << "constant"
                             << "--depth" << "2" << "--cache-dir" << cache);
      if (r.exit_code != 0) qWarning("%s", r.err.constData());
      return r.exit_code == 0 ? losses_of(log_lines(log)) : std::vector<double>{};
    };
    const auto first = train_once("first");
    QCOMPARE(first.size(), size_t(3));
    // The targets' embeddings went into the text cache as one segment.
    auto segments = [&] {
      QStringList found;
      QDirIterator it(cache + "/embeddings", {"seg-*.emb"}, QDir::Files, QDirIterator::Subdirectories);
      while (it.hasNext()) found << it.next();
      return found;
    };
    const QStringList entries = segments();
    QCOMPARE(entries.size(), 1);
    QVERIFY(QFileInfo(entries[0]).path().contains("/text-"));
    const auto second = train_once("second");
    QVERIFY(second == first);
    // A second run encodes no target again, so it writes nothing new.
    QCOMPARE(segments(), entries);
    const auto third = [&] {
      const QString log = run.path() + "/third.jsonl";
      const auto r = run_cli(train_args("w64", small_, run.path() + "/third.safetensors", log)
                             << "--full-batch" << "--steps" << "3" << "--lr" << "0.01" << "--schedule" << "constant"
                             << "--depth" << "2" << "--no-cache");
      return r.exit_code == 0 ? losses_of(log_lines(log)) : std::vector<double>{};
    }();
    QVERIFY(third == first);  // the cache changes no number
  }

  void sameSeedGivesIdenticalShuffledRuns() {
    QTemporaryDir run(dir_.path() + "/seed-XXXXXX");
    auto train_with_seed = [&](const QString& seed, const QString& tag) {
      const QString log = run.path() + "/" + tag + ".jsonl";
      const auto r = run_cli(train_args("w64", small_, run.path() + "/" + tag + ".safetensors", log)
                             << "--batch-size" << "4" << "--epochs" << "2" << "--seed" << seed << "--lr" << "0.01"
                             << "--schedule" << "constant" << "--depth" << "2" << "--cache-dir" << run.path());
      if (r.exit_code != 0) qWarning("%s", r.err.constData());
      std::vector<nlohmann::json> lines;
      for (auto line : log_lines(log)) {
        line.erase("samples_per_s");  // wall-clock dependent
        lines.push_back(line);
      }
      return lines;
    };
    const auto a = train_with_seed("7", "a"), b = train_with_seed("7", "b"), other = train_with_seed("8", "c");
    QCOMPARE(a.size(), size_t(10));  // 17 pairs in batches of 4: 5 steps per epoch
    QVERIFY(a == b);
    QCOMPARE(max_prompt_diff(run.path() + "/a.safetensors", run.path() + "/b.safetensors"), 0.0);
    // Another seed shuffles differently, so the batches and their losses differ.
    QVERIFY(losses_of(a) != losses_of(other));
  }

  void resumesAfterAKillToTheUninterruptedResult() {
    QTemporaryDir run(dir_.path() + "/resume-XXXXXX");
    const QString full = run.path() + "/full.safetensors", killed = run.path() + "/killed.safetensors";
    const QString full_log = run.path() + "/full.jsonl", killed_log = run.path() + "/killed.jsonl";
    auto args = [&](const QString& out, const QString& log) {
      // 60 pets pairs in batches of 4: 15 steps an epoch, long enough to be caught in the middle.
      return train_args("w64", pets_, out, log) << "--batch-size" << "4" << "--epochs" << "4" << "--seed" << "3"
                                                << "--lr" << "0.01" << "--schedule" << "cosine" << "--depth" << "2"
                                                << "--cache-dir" << run.path() + "/cache";
    };
    const auto r = run_cli(args(full, full_log));
    QVERIFY2(r.exit_code == 0, r.err.constData());

    QProcess process;
    process.start(QString::fromLocal8Bit(qgetenv("PROTEXT_CLI")), args(killed, killed_log));
    QVERIFY(process.waitForStarted(30000));
    // The checkpoint of epoch 2 is written before epoch 2 (0-based) logs its first step.
    // Until then, every time the file is there it must load.
    QElapsedTimer timer;
    timer.start();
    int loads = 0;
    bool epoch2_started = false;
    while (!epoch2_started && process.state() != QProcess::NotRunning && timer.elapsed() < 300000) {
      if (QFileInfo::exists(killed)) {
        try {
          const auto tensors = protext::read_safetensors(killed.toStdString());
          QVERIFY(tensors.count("prompt_learner.ctx"));
          ++loads;
        } catch (const std::exception& e) {
          QFAIL(qPrintable(QString("checkpoint not loadable mid-run: %1").arg(e.what())));
        }
      }
      epoch2_started = read_text(killed_log).find("\"epoch\":2") != std::string::npos;
      QThread::msleep(2);
    }
    QVERIFY2(epoch2_started, "the run ended or stalled before epoch 2 started");
    process.kill();  // SIGKILL
    QVERIFY(process.waitForFinished(30000));
    QCOMPARE(process.exitStatus(), QProcess::CrashExit);
    QVERIFY(loads > 0);

    std::map<std::string, std::string> meta;
    protext::read_safetensors(killed.toStdString(), &meta);
    const auto info = nlohmann::json::parse(meta.at("protext"));
    QCOMPARE(info["epochs_done"].get<int>(), 2);
    QCOMPARE(QDir(run.path()).entryList({"*.tmp*"}, QDir::Files).size(), 0);

    const auto resumed = run_cli(args(killed, killed_log) << "--resume" << killed);
    QVERIFY2(resumed.exit_code == 0, resumed.err.constData());
    QCOMPARE(QDir(run.path()).entryList({"*.tmp*"}, QDir::Files).size(), 0);
    const double diff = max_prompt_diff(full, killed);
    qInfo("resumed after a kill in epoch 2: prompts max |diff| %.3g from the uninterrupted run", diff);
    QVERIFY2(diff <= 1e-6, qPrintable(QString("prompt diff %1").arg(diff)));
    // The resumed epochs saw the same batches: their losses match the uninterrupted log.
    const auto full_lines = log_lines(full_log), killed_lines = log_lines(killed_log);
    std::vector<double> full_late, resumed_late;
    for (const auto& l : full_lines)
      if (l["epoch"].get<int>() >= 2) full_late.push_back(l["loss"].get<double>());
    for (auto it = killed_lines.rbegin(); it != killed_lines.rend() && resumed_late.size() < full_late.size(); ++it)
      resumed_late.insert(resumed_late.begin(), (*it)["loss"].get<double>());
    QCOMPARE(resumed_late.size(), full_late.size());
    for (size_t i = 0; i < full_late.size(); ++i) QVERIFY(std::abs(resumed_late[i] - full_late[i]) <= 1e-6);
  }

  void refusesMalformedDescriptionsWithAClearMessage_data() {
    QTest::addColumn<QByteArray>("json");
    QTest::addColumn<QString>("classes");
    QTest::addColumn<QString>("message");
    QTest::newRow("not an object") << QByteArray("[\"a dog\", \"a cat\"]") << "" << "expected a CuPL JSON object";
    QTest::newRow("not JSON") << QByteArray("{\"dog\": [\"a dog\"") << "" << "not valid JSON";
    QTest::newRow("non-string description") << QByteArray("{\"dog\": [\"a dog\", 3]}") << ""
                                            << "class 'dog', description 2 is a JSON number, not a string";
    QTest::newRow("list of lists") << QByteArray("{\"dog\": [[\"a dog\"]]}") << "" << "description 1 is a JSON array";
    QTest::newRow("not a list") << QByteArray("{\"dog\": \"a dog\"}") << "" << "expected a list of descriptions";
    QTest::newRow("only empty lists") << QByteArray("{\"dog\": [], \"cat\": [\"  \"]}") << ""
                                      << "no class has a description";
    QTest::newRow("empty object") << QByteArray("{}") << "" << "no class names";
    QTest::newRow("unknown class") << QByteArray("{\"dog\": [\"a dog\"], \"cat\": [\"a cat\"]}") << "cat\nzebra\n"
                                   << "no descriptions for the classes 'zebra'";
    QByteArray huge = "{\"dog\": [\"" + QByteArray(3 * 1024 * 1024, 'a') + "\"]}";
    QTest::newRow("3 MB description") << huge << "" << "description 1 is 3145728 bytes";
  }
  void refusesMalformedDescriptionsWithAClearMessage() {
    QFETCH(QByteArray, json);
    QFETCH(QString, classes);
    QFETCH(QString, message);
    QTemporaryDir run(dir_.path() + "/bad-XXXXXX");
    const QString path = run.path() + "/bad.json", out = run.path() + "/out.safetensors";
    write_text(path, json.toStdString());
    QStringList args{"train", "--model", model("w64"), "--vocab", vocab_, "--descriptions", path, "--out", out,
                     "--steps", "1", "--depth", "2", "--cache-dir", run.path()};
    if (!classes.isEmpty()) {
      write_text(run.path() + "/classes.txt", classes.toStdString());
      args << "--classes" << run.path() + "/classes.txt";
    }
    const auto r = run_cli(args);
    QVERIFY(r.exit_code > 0);  // an error exit, not a crash (-1)
    const QString err = QString::fromUtf8(r.err);
    QVERIFY2(err.contains(message), qPrintable(err));
    QVERIFY2(err.contains(path), qPrintable(err));  // names the file
    QVERIFY(err.size() < 2000);                     // not the 3 MB echoed back
    QVERIFY(!QFileInfo::exists(out));
  }
};

PROTEXT_TEST_SUITE(ProTextTrainerTest)
#include "protext_trainer_test.moc"
