// The protext CLI contract: JSON Lines on stdout, one object per input, errors on stderr
// with a non-zero exit; numbers equal the end-to-end reference (clip_pipeline.py).
#include <QFile>
#include <QProcess>
#include <QProcessEnvironment>
#include <QTemporaryDir>
#include <QTest>

#include <fstream>
#include <nlohmann/json.hpp>

#include "core/zeroshot/descriptions.h"
#include "support/fixtures.h"
#include "support/suite.h"

using protext::test::json_lines;
using protext::test::run_cli;
using protext::test::run_python;
using protext::test::shared_data;

namespace {

const char* kSkimage = "/usr/lib/python3/dist-packages/skimage/data/";

double max_abs_diff(const std::vector<double>& a, const std::vector<double>& b) {
  if (a.size() != b.size()) return 1e9;
  double worst = 0;
  for (size_t i = 0; i < a.size(); ++i) worst = std::max(worst, std::abs(a[i] - b[i]));
  return worst;
}

std::vector<double> normalized(std::vector<double> v) {
  double n = 0;
  for (double x : v) n += x * x;
  for (double& x : v) x /= std::sqrt(n);
  return v;
}

}  // namespace

class CliTest : public QObject {
  Q_OBJECT
  QTemporaryDir dir_;
  QString model_, vocab_;

 private slots:
  void initTestCase() {
    QVERIFY(dir_.isValid());
    protext::test::write_clip_fixture(dir_.path(), {}, 11);
    model_ = dir_.path() + "/model.safetensors";
    vocab_ = QString::fromStdString(shared_data("clip/bpe_simple_vocab_16e6.txt.gz"));
  }

  void infoReportsTheArchitectureOfEachFormat_data() {
    QTest::addColumn<QString>("file");
    QTest::addColumn<QString>("format");
    QTest::newRow("safetensors") << "model.safetensors" << "safetensors";
    QTest::newRow("torchscript") << "model.pt" << "openai-torchscript";
    QTest::newRow("hf") << "hf" << "hf-folder";
  }
  void infoReportsTheArchitectureOfEachFormat() {
    QFETCH(QString, file);
    QFETCH(QString, format);
    const auto r = run_cli({"info", "--model", dir_.path() + "/" + file});
    QCOMPARE(r.exit_code, 0);
    const auto lines = json_lines(r.out);
    QCOMPARE(lines.size(), size_t(1));
    const auto& j = lines[0];
    QCOMPARE(QString::fromStdString(j["format"].get<std::string>()), format);
    QCOMPARE(j["embed_dim"].get<int>(), 32);
    QCOMPARE(j["vision"]["width"].get<int>(), 64);
    QCOMPARE(j["vision"]["layers"].get<int>(), 2);
    QCOMPARE(j["vision"]["heads"].get<int>(), 1);
    QCOMPARE(j["vision"]["patch_size"].get<int>(), 8);
    QCOMPARE(j["vision"]["image_size"].get<int>(), 32);
    QCOMPARE(j["text"]["width"].get<int>(), 64);
    QCOMPARE(j["text"]["layers"].get<int>(), 2);
    QCOMPARE(j["text"]["context_length"].get<int>(), 77);
    QCOMPARE(j["text"]["vocab_size"].get<int>(), 49408);
  }

  // libgomp's spinning waits starve the other threads of a busy desktop (issue 10): the CLI
  // starts with passive waits unless the user chose a policy.
  void threadsWaitPassivelyUnlessTheUserChoseAPolicy_data() {
    QTest::addColumn<QString>("environment");
    QTest::addColumn<QString>("policy");
    QTest::newRow("unset") << QString() << "passive";
    QTest::newRow("the user's ACTIVE") << "ACTIVE" << "active";
    QTest::newRow("the user's passive") << "passive" << "passive";
  }
  void threadsWaitPassivelyUnlessTheUserChoseAPolicy() {
    QFETCH(QString, environment);
    QFETCH(QString, policy);
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.remove("OMP_WAIT_POLICY");
    if (!environment.isEmpty()) env.insert("OMP_WAIT_POLICY", environment);
    QProcess cli;
    cli.setProcessEnvironment(env);
    cli.start(qEnvironmentVariable("PROTEXT_CLI"), {"info"});
    QVERIFY(cli.waitForFinished(120000));
    QCOMPARE(cli.exitCode(), 0);
    const auto lines = json_lines(cli.readAllStandardOutput());
    QCOMPARE(lines.size(), size_t(1));
    QCOMPARE(QString::fromStdString(lines[0]["runtime"]["omp_wait_policy"].get<std::string>()), policy);
    QVERIFY(lines[0]["runtime"]["threads"].get<int>() >= 1);
  }

  void tokenizePrintsOpenAiIds() {
    const auto r = run_cli({"tokenize", "--vocab", vocab_, "a photo of a cat.", "Wheaten terrier"});
    QCOMPARE(r.exit_code, 0);
    const auto lines = json_lines(r.out);
    QCOMPARE(lines.size(), size_t(2));
    QCOMPARE(lines[0]["text"].get<std::string>(), std::string("a photo of a cat."));
    QCOMPARE(lines[0]["ids"].get<std::vector<int>>(), (std::vector<int>{49406, 320, 1125, 539, 320, 2368, 269, 49407}));
    QCOMPARE(lines[1]["ids"].get<std::vector<int>>(), (std::vector<int>{49406, 20505, 576, 14455, 49407}));
  }

  void embeddingsAndPredictionsEqualTheReferencePipeline() {
    const std::vector<std::string> texts = {"a photo of a cat.", "An aircraft, seen from below!", "goldfinch"};
    const std::vector<std::string> images = {std::string(kSkimage) + "astronaut.png", std::string(kSkimage) + "coffee.png",
                                             std::string(kSkimage) + "chelsea.png"};
    const std::vector<std::string> classes = {"cat", "coffee_cup", "astronaut", "rocket"};
    const std::vector<std::string> templates = {"a photo of a {}.", "a drawing of the {}.", "itap of my {}."};
    const std::string classes_file = (dir_.path() + "/classes.txt").toStdString();
    const std::string templates_file = (dir_.path() + "/templates.txt").toStdString();
    {
      std::ofstream c(classes_file), t(templates_file);
      for (const auto& name : classes) c << name << '\n';
      for (const auto& name : templates) t << name << '\n';
    }
    const nlohmann::json request = {{"texts", texts}, {"images", images}, {"classes", classes}, {"templates", templates}};
    const auto expected = nlohmann::json::parse(
        run_python("clip_pipeline.py", {model_, vocab_}, QByteArray::fromStdString(request.dump())).toStdString());

    QStringList text_args{"embed-text", "--model", model_, "--vocab", vocab_, "--raw"};
    for (const auto& t : texts) text_args << QString::fromStdString(t);
    auto r = run_cli(text_args);
    QCOMPARE(r.exit_code, 0);
    auto lines = json_lines(r.out);
    QCOMPARE(lines.size(), texts.size());
    for (size_t i = 0; i < texts.size(); ++i) {
      QCOMPARE(lines[i]["text"].get<std::string>(), texts[i]);
      const auto want = expected["text_raw"][i].get<std::vector<double>>();
      const double err = max_abs_diff(lines[i]["embedding"].get<std::vector<double>>(), want);
      QVERIFY2(err <= 1e-4, qPrintable(QString("text %1: max |Δ| %2").arg(i).arg(err)));
    }

    QStringList image_args{"embed-image", "--model", model_};
    for (const auto& p : images) image_args << QString::fromStdString(p);
    r = run_cli(image_args);
    QCOMPARE(r.exit_code, 0);
    lines = json_lines(r.out);
    QCOMPARE(lines.size(), images.size());
    for (size_t i = 0; i < images.size(); ++i) {
      const auto want = normalized(expected["image_raw"][i].get<std::vector<double>>());
      const double err = max_abs_diff(lines[i]["embedding"].get<std::vector<double>>(), want);
      QVERIFY2(err <= 1e-4, qPrintable(QString("image %1: max |Δ| %2").arg(i).arg(err)));
    }

    QStringList classify_args{"classify", "--model", model_, "--vocab", vocab_, "--classes",
                              QString::fromStdString(classes_file), "--templates", QString::fromStdString(templates_file),
                              "--top-k", "4"};
    for (const auto& p : images) classify_args << QString::fromStdString(p);
    r = run_cli(classify_args);
    QCOMPARE(r.exit_code, 0);
    lines = json_lines(r.out);
    QCOMPARE(lines.size(), images.size());
    for (size_t i = 0; i < images.size(); ++i) {
      QCOMPARE(lines[i]["image"].get<std::string>(), images[i]);
      for (const auto& [method, key] : {std::pair{"template", "template_probs"}, std::pair{"ensemble", "ensemble_probs"}}) {
        const auto& ranked = lines[i]["methods"][method];
        QCOMPARE(ranked.size(), classes.size());
        double total = 0, previous = 2;
        for (const auto& entry : ranked) {
          const auto name = entry["class"].get<std::string>();
          const auto at = std::find(classes.begin(), classes.end(), name) - classes.begin();
          const double want = expected[key][i][at].get<double>();
          QVERIFY2(std::abs(entry["prob"].get<double>() - want) <= 1e-4, qPrintable(QString::fromStdString(name)));
          QVERIFY(entry["prob"].get<double>() <= previous);
          previous = entry["prob"].get<double>();
          total += previous;
        }
        QVERIFY(std::abs(total - 1.0) < 1e-6);
      }
    }
  }

  void classifyAddsDescriptionsWhenGiven() {
    const std::string classes_file = (dir_.path() + "/pets.txt").toStdString();
    std::ofstream(classes_file) << "Abyssinian\nBengal\nbasset_hound\n";
    const auto r = run_cli({"classify", "--model", model_, "--vocab", vocab_, "--classes", QString::fromStdString(classes_file),
                            "--descriptions", QString::fromStdString(shared_data("cupl/oxford_pets.json")), "--top-k", "2",
                            QString(kSkimage) + "chelsea.png"});
    QVERIFY2(r.exit_code == 0, r.err.constData());
    const auto lines = json_lines(r.out);
    QCOMPARE(lines.size(), size_t(1));
    QCOMPARE(lines[0]["methods"]["descriptions"].size(), size_t(2));
    QCOMPARE(lines[0]["methods"]["template"].size(), size_t(2));
  }

  void describeWritesWordNetDescriptionsThatClassifyUses() {
    // Classes no description file covers: WordNet writes theirs, a made-up one is left out.
    const QString classes = dir_.path() + "/own.txt", out = dir_.path() + "/own-descriptions.json";
    std::ofstream(classes.toStdString()) << "golden retriever\nairliner\nblicket\ntabby cat\n";
    auto r = run_cli({"describe", "--classes", classes, "--out", out});
    QVERIFY2(r.exit_code == 0, r.err.constData());
    const auto lines = json_lines(r.out);
    QCOMPARE(lines.size(), size_t(3));
    QCOMPARE(lines[0]["class"].get<std::string>(), std::string("golden retriever"));
    QCOMPARE(lines[0]["source"].get<std::string>(), std::string("wordnet"));
    QVERIFY(r.err.contains("WordNet does not know 'blicket'; it is left out"));
    const auto written = protext::read_cupl_json(out.toStdString());
    QCOMPARE(written.by_key.size(), size_t(3));
    QVERIFY(written.find("airliner") && written.find("airliner")->front() == "an airliner, a kind of airplane.");

    // The file is a --descriptions file as it is; the classes WordNet described get the method.
    std::ofstream(classes.toStdString()) << "golden retriever\nairliner\ntabby cat\n";
    r = run_cli({"classify", "--model", model_, "--vocab", vocab_, "--classes", classes, "--descriptions", out,
                 "--top-k", "3", QString(kSkimage) + "chelsea.png"});
    QVERIFY2(r.exit_code == 0, r.err.constData());
    QCOMPARE(json_lines(r.out)[0]["methods"]["descriptions"].size(), size_t(3));

    // End to end on the embedded model, which has never seen these classes: describe →
    // train → classify, every method present and each a distribution.
    const QString prompts = dir_.path() + "/own-prompts.safetensors";
    r = run_cli({"train", "--descriptions", out, "--classes", classes, "--steps", "3", "--out", prompts,
                 "--cache-dir", dir_.path() + "/cache"});
    QVERIFY2(r.exit_code == 0, r.err.constData());
    r = run_cli({"classify", "--classes", classes, "--descriptions", out, "--prompts", prompts, "--top-k", "3",
                 QString::fromStdString(protext::test::source_path("resources/examples/fep__1.png"))});
    QVERIFY2(r.exit_code == 0, r.err.constData());
    const auto methods = json_lines(r.out)[0]["methods"];
    for (const char* method : {"template", "ensemble", "descriptions", "protext"}) {
      QVERIFY2(methods.contains(method), method);
      double total = 0;
      for (const auto& p : methods[method]) total += p["prob"].get<double>();
      QVERIFY(std::abs(total - 1.0) < 1e-5);  // three classes, top-3: all of them
    }

    // A class that differs from a key by its plural ending is pointed out, not guessed.
    std::ofstream(classes.toStdString()) << "golden retrievers\nairliner\ntabby cat\n";
    r = run_cli({"classify", "--model", model_, "--vocab", vocab_, "--classes", classes, "--descriptions", out,
                 QString(kSkimage) + "chelsea.png"});
    QVERIFY2(r.exit_code == 0, r.err.constData());
    QVERIFY2(r.err.contains("warning: the descriptions of 'golden retriever' may be meant for the class 'golden "
                            "retrievers'"),
             r.err.constData());

    // Nothing known: an error naming the list, and no file.
    std::ofstream(classes.toStdString()) << "blicket\nriver kett\n";
    r = run_cli({"describe", "--classes", classes, "--out", dir_.path() + "/none.json"});
    QVERIFY(r.exit_code != 0);
    QVERIFY2(r.err.contains("WordNet knows none of its 2 classes; nothing was written"), r.err.constData());
    QVERIFY(!QFile::exists(dir_.path() + "/none.json"));
  }

  void aFileThatIsNotAnImageIsReportedAndTheOthersStillPrinted() {
    const QString fake = dir_.path() + "/notes.png";
    std::ofstream(fake.toStdString()) << "these are notes, not pixels";
    const auto r = run_cli({"embed-image", "--model", model_, fake, QString(kSkimage) + "coffee.png"});
    QVERIFY(r.exit_code != 0);
    QVERIFY2(r.err.contains("notes.png"), r.err.constData());
    QCOMPARE(json_lines(r.out).size(), size_t(1));
  }

  void badInputsGiveAClearErrorAndNonZeroExit_data() {
    QTest::addColumn<QStringList>("args");
    QTest::addColumn<QString>("message");
    QTest::newRow("missing model") << QStringList{"info", "--model", "/nonexistent/model.pt"} << "no such file";
    QTest::newRow("zero-byte model") << QStringList{"info", "--model", "@empty.safetensors"} << "empty";
    QTest::newRow("truncated safetensors") << QStringList{"info", "--model", "@truncated.safetensors"} << "truncated.safetensors";
    QTest::newRow("empty text") << QStringList{"embed-text", "--model", "@model.safetensors", "--vocab", "@vocab", ""} << "empty";
    QTest::newRow("empty class list") << QStringList{"classify", "--model", "@model.safetensors", "--vocab", "@vocab",
                                                     "--classes", "@empty.txt", "x.png"} << "empty";
    QTest::newRow("unknown option") << QStringList{"info", "--modle", "x"} << "unknown option --modle";
    QTest::newRow("missing required option") << QStringList{"preprocess", "--size", "64", "x.png"} << "--out is required";
    QTest::newRow("bad device") << QStringList{"embed-text", "--model", "@model.safetensors", "--device", "tpu", "hi"} << "tpu";
    QTest::newRow("unknown command") << QStringList{"train-everything"} << "unknown command";
  }
  void badInputsGiveAClearErrorAndNonZeroExit() {
    QFETCH(QStringList, args);
    QFETCH(QString, message);
    std::ofstream((dir_.path() + "/empty.safetensors").toStdString()).close();
    std::ofstream((dir_.path() + "/empty.txt").toStdString()) << "\n\n";
    {
      std::ifstream in(model_.toStdString(), std::ios::binary);
      std::string bytes((std::istreambuf_iterator<char>(in)), {});
      std::ofstream((dir_.path() + "/truncated.safetensors").toStdString(), std::ios::binary) << bytes.substr(0, bytes.size() / 3);
    }
    for (QString& a : args) {
      if (a == "@vocab") a = vocab_;
      else if (a.startsWith('@')) a = dir_.path() + "/" + a.mid(1);
    }
    const auto r = run_cli(args);
    QVERIFY2(r.exit_code > 0, qPrintable(QString("exit %1").arg(r.exit_code)));
    QVERIFY2(r.out.isEmpty(), r.out.constData());
    QVERIFY2(r.err.contains(message.toUtf8()), r.err.constData());
  }

  void bf16InferenceStaysCloseToFp32() {
    const QStringList common{"embed-text", "--model", model_, "--vocab", vocab_, "a photo of a cat.", "a sketch of a goldfinch"};
    const auto fp32 = run_cli(common);
    const auto bf16 = run_cli(common + QStringList{"--precision", "bf16"});
    QCOMPARE(fp32.exit_code, 0);
    QVERIFY2(bf16.exit_code == 0, bf16.err.constData());
    const auto a = json_lines(fp32.out), b = json_lines(bf16.out);
    QCOMPARE(a.size(), b.size());
    for (size_t i = 0; i < a.size(); ++i) {
      const auto x = a[i]["embedding"].get<std::vector<double>>(), y = b[i]["embedding"].get<std::vector<double>>();
      double dot = 0;
      for (size_t k = 0; k < x.size(); ++k) dot += x[k] * y[k];
      QVERIFY2(dot > 0.99, qPrintable(QString("cosine %1").arg(dot)));
      QVERIFY2(max_abs_diff(x, y) > 0, "bf16 gave bit-identical results: was it really used?");
    }
    const auto fp16 = run_cli(common + QStringList{"--precision", "fp16"});
    QVERIFY(fp16.exit_code != 0);
    QVERIFY2(fp16.err.contains("needs a CUDA device"), fp16.err.constData());
  }

  void promptsSurviveARoundTripThroughTheAuthorsCheckpointFormat() {
    const QString pets = QString::fromStdString(shared_data("cupl/oxford_pets.json"));
    const QString classes = dir_.path() + "/three-pets.txt";
    std::ofstream(classes.toStdString()) << "Abyssinian\nBengal\npug\n";
    const QString trained = dir_.path() + "/trained.safetensors";
    auto r = run_cli({"train", "--model", model_, "--vocab", vocab_, "--descriptions", pets, "--classes", classes,
                      "--steps", "2", "--depth", "2", "--lr", "0.05", "--out", trained,
                      "--cache-dir", dir_.path() + "/cache"});
    QVERIFY2(r.exit_code == 0, r.err.constData());
    const QString dassl = dir_.path() + "/model.pth.tar-2", back = dir_.path() + "/back.safetensors";
    r = run_cli({"convert-prompts", "--prompts", trained, "--out", dassl, "--epoch", "2"});
    QVERIFY2(r.exit_code == 0, r.err.constData());
    QCOMPARE(json_lines(r.out)[0]["format"].get<std::string>(), std::string("dassl"));
    r = run_cli({"convert-prompts", "--prompts", dassl, "--out", back});
    QVERIFY2(r.exit_code == 0, r.err.constData());
    std::vector<nlohmann::json> predictions;
    for (const QString& prompts : {trained, dassl, back}) {
      r = run_cli({"classify", "--model", model_, "--vocab", vocab_, "--classes", classes, "--prompts", prompts,
                   "--top-k", "3", QString(kSkimage) + "chelsea.png"});
      QVERIFY2(r.exit_code == 0, r.err.constData());
      predictions.push_back(json_lines(r.out)[0]["methods"]["protext"]);
    }
    QCOMPARE(predictions[1].dump(), predictions[0].dump());
    QCOMPARE(predictions[2].dump(), predictions[0].dump());
    r = run_cli({"convert-prompts", "--prompts", model_, "--out", dassl});
    QVERIFY(r.exit_code != 0);
    QVERIFY2(r.err.contains("not a ProText prompt file"), r.err.constData());
  }

  void everyCommandHasHelp() {
    for (const char* command : {"info", "tokenize", "embed-text", "embed-image", "preprocess", "classify", "train",
                                "eval", "interpret", "convert-prompts", "bench"}) {
      const auto r = run_cli({command, "--help"});
      QCOMPARE(r.exit_code, 0);
      QVERIFY2(r.out.startsWith(QByteArray("usage: protext ") + command), r.out.constData());
    }
  }
};

PROTEXT_TEST_SUITE(CliTest)
#include "cli_test.moc"
