// The ProText authors' Dassl checkpoints, written and read by Python's torch itself.
#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>

#include "core/clip/tensor_file.h"
#include "core/error.h"
#include "core/protext/dassl_checkpoint.h"
#include "support/fixtures.h"
#include "support/suite.h"

using namespace protext;

namespace {

std::string vpt_name(int i) { return "text_encoder.transformer.resblocks." + std::to_string(i) + ".VPT_shallow"; }

bool bit_equal(const torch::Tensor& a, const torch::Tensor& b) {
  return a.scalar_type() == b.scalar_type() && a.sizes() == b.sizes() &&
         std::memcmp(a.contiguous().data_ptr(), b.contiguous().data_ptr(), a.nbytes()) == 0;
}

}  // namespace

class DasslCheckpointTest : public QObject {
  Q_OBJECT

 private:
  QTemporaryDir dir_;
  QString path(const QString& name) const { return dir_.filePath(name); }

  // The message of the Error `read_dassl_prompts(file)` throws; fails the test if none.
  static QString read_error(const QString& file) {
    try {
      read_dassl_prompts(file.toStdString());
    } catch (const Error& e) {
      return QString::fromStdString(e.what());
    }
    return {};
  }

 private slots:
  void initTestCase() { QVERIFY(dir_.isValid()); }

  void readsWhatDasslSaves_data() {
    QTest::addColumn<int>("n_ctx");
    QTest::addColumn<int>("width");
    QTest::addColumn<int>("depth");
    QTest::addColumn<QStringList>("options");
    QTest::newRow("cross-dataset: AdamW, warm-up scheduler, n_ctx 4, width 512")
        << 4 << 512 << 9 << QStringList{"--optimizer", "adamw", "--warmup"};
    QTest::newRow("text-only: SGD, n_ctx 16, width 64") << 16 << 64 << 9 << QStringList{"--optimizer", "sgd"};
    QTest::newRow("whole model's weights beside the prompts")
        << 4 << 64 << 9 << QStringList{"--optimizer", "adamw", "--warmup", "--whole-model"};
    QTest::newRow("DataParallel's module. prefix")
        << 16 << 64 << 9 << QStringList{"--optimizer", "sgd", "--whole-model", "--module-prefix"};
    QTest::newRow("depth 1: the context alone") << 4 << 64 << 1 << QStringList{"--seed", "3"};
  }

  void readsWhatDasslSaves() {
    QFETCH(int, n_ctx);
    QFETCH(int, width);
    QFETCH(int, depth);
    QFETCH(QStringList, options);
    const QString checkpoint = path("model.pth.tar-10");
    const QString expected_file = path("expected.safetensors");
    protext::test::run_python("dassl_checkpoint.py",
                              QStringList{"write", checkpoint, expected_file, "--n-ctx", QString::number(n_ctx),
                                          "--width", QString::number(width), "--depth", QString::number(depth)} +
                                  options);
    const TensorMap expected = read_safetensors(expected_file.toStdString());
    QCOMPARE(int(expected.size()), depth);

    const std::map<std::string, torch::Tensor> prompts = read_dassl_prompts(checkpoint.toStdString());
    QCOMPARE(int(prompts.size()), depth);
    QVERIFY(prompts.count("prompt_learner.ctx"));
    for (int i = 1; i < depth; ++i) QVERIFY2(prompts.count(vpt_name(i)), vpt_name(i).c_str());
    for (const auto& [name, tensor] : prompts) {
      QVERIFY2(expected.count(name), name.c_str());
      QCOMPARE(tensor.scalar_type(), torch::kFloat);
      QVERIFY(tensor.is_contiguous());
      QVERIFY(tensor.device().is_cpu());
      QCOMPARE(tensor.sizes().vec(), (std::vector<int64_t>{n_ctx, width}));
      QVERIFY2(bit_equal(tensor, expected.at(name)), name.c_str());
    }
  }

  void pythonLoadsWhatWeWrite() {
    torch::manual_seed(7);
    std::map<std::string, torch::Tensor> prompts;
    prompts["prompt_learner.ctx"] = torch::randn({16, 64});
    // A transposed view and a slice: what is written must be the values, not the storage.
    for (int i = 1; i < 9; ++i) prompts[vpt_name(i)] = torch::randn({64, 16}).t();
    prompts[vpt_name(3)] = torch::randn({32, 64}).slice(0, 8, 24);
    prompts[vpt_name(4)] = torch::randn({16, 64}, torch::kDouble);
    const QString file = path("written.pth");
    write_dassl_prompts(file.toStdString(), prompts, 7);

    const QString loaded_file = path("loaded.safetensors");
    const QJsonObject loaded =
        QJsonDocument::fromJson(protext::test::run_python("dassl_checkpoint.py", {"load", file, loaded_file}))
            .object();
    QCOMPARE(loaded["top_type"].toString(), QString("dict"));
    QCOMPARE(loaded["keys"].toArray(), (QJsonArray{"epoch", "optimizer", "scheduler", "state_dict"}));
    QCOMPARE(loaded["epoch"].toInt(), 7);
    QCOMPARE(loaded["epoch_type"].toString(), QString("int"));
    QVERIFY(loaded["optimizer"].isNull());
    QVERIFY(loaded["scheduler"].isNull());
    QCOMPARE(loaded["state_dict_type"].toString(), QString("dict"));
    const QJsonObject described = loaded["tensors"].toObject();
    QCOMPARE(described.size(), 9);
    for (const auto& [name, tensor] : prompts) {
      const QJsonObject d = described[QString::fromStdString(name)].toObject();
      QCOMPARE(d["dtype"].toString(), QString("torch.float32"));
      QCOMPARE(d["shape"].toArray(), (QJsonArray{16, 64}));
      QVERIFY(d["contiguous"].toBool());
    }
    const TensorMap values = read_safetensors(loaded_file.toStdString());
    for (const auto& [name, tensor] : prompts) {
      QVERIFY2(bit_equal(values.at(name), tensor.to(torch::kFloat)), name.c_str());
    }
  }

  void readsBackWhatItWrites() {
    torch::manual_seed(11);
    std::map<std::string, torch::Tensor> prompts{{"prompt_learner.ctx", torch::randn({4, 512})},
                                                 {vpt_name(1), torch::randn({4, 512})},
                                                 {vpt_name(8), torch::randn({4, 512})}};
    const std::string file = path("round.pth").toStdString();
    write_dassl_prompts(file, prompts, 30);
    const auto read = read_dassl_prompts(file);
    QCOMPARE(read.size(), prompts.size());
    for (const auto& [name, tensor] : prompts) QVERIFY2(bit_equal(read.at(name), tensor), name.c_str());
  }

  void replacesAnExistingFileLeavingNoTemporary() {
    QTemporaryDir own;
    const std::string file = own.filePath("ckpt.pth").toStdString();
    write_dassl_prompts(file, {{"prompt_learner.ctx", torch::zeros({4, 8})}}, 1);
    write_dassl_prompts(file, {{"prompt_learner.ctx", torch::ones({4, 8})}}, 2);
    QCOMPARE(QDir(own.path()).entryList(QDir::Files), QStringList{"ckpt.pth"});
    QVERIFY(bit_equal(read_dassl_prompts(file).at("prompt_learner.ctx"), torch::ones({4, 8})));
  }

  void refusesToWriteAnUndefinedTensor() {
    const QString file = path("undefined.pth");
    QVERIFY_THROWS_EXCEPTION(Error, write_dassl_prompts(file.toStdString(), {{"prompt_learner.ctx", {}}}, 1));
    QVERIFY(!QFile::exists(file));
  }

  void rejectsWhatIsNotAPromptCheckpoint_data() {
    QTest::addColumn<QString>("kind");
    QTest::addColumn<QString>("message");
    QTest::newRow("no state_dict") << "no-state-dict" << "no \"state_dict\" entry";
    QTest::newRow("state_dict a list") << "state-dict-not-dict" << "\"state_dict\" is a list, expected a dict";
    QTest::newRow("no context") << "no-ctx" << "no prompt_learner.ctx in state_dict";
    QTest::newRow("context of rank 3") << "ctx-rank-3" << "prompt_learner.ctx has shape [2, 4, 8], expected 2-D";
    QTest::newRow("deep prompt of rank 1")
        << "vpt-rank-1" << "resblocks.1.VPT_shallow has shape [32], expected 2-D";
    QTest::newRow("deep prompt of another width")
        << "vpt-width" << "resblocks.1.VPT_shallow has shape [4, 16], but prompt_learner.ctx has width 8";
    QTest::newRow("pre-1.6 torch.save format") << "legacy-format" << "legacy (pre-1.6) torch.save format";
    QTest::newRow("top level a list") << "top-level-list" << "top level is a list";
  }

  void rejectsWhatIsNotAPromptCheckpoint() {
    QFETCH(QString, kind);
    QFETCH(QString, message);
    const QString file = path("bad-" + kind + ".pth");
    protext::test::run_python("dassl_checkpoint.py", {"write-bad", file, kind});
    const QString error = read_error(file);
    QVERIFY2(error.startsWith(file + ": "), qPrintable(error));
    QVERIFY2(error.contains(message), qPrintable(error));
  }

  void rejectsUnreadableFiles_data() {
    QTest::addColumn<QString>("name");
    QTest::addColumn<QByteArray>("content");
    QTest::addColumn<QString>("message");
    QTest::newRow("missing") << "missing.pth" << QByteArray() << "no such file";
    QTest::newRow("zero bytes") << "empty.pth" << QByteArray("") << "empty file (0 bytes)";
    QTest::newRow("text") << "text.pth" << QByteArray("prompt_learner.ctx = [1, 2]\n") << "not a torch.save zip";
    QTest::newRow("zip without data.pkl")
        << "other.zip" << QByteArray::fromBase64("UEsFBgAAAAAAAAAAAAAAAAAAAAAAAA==") << "not a torch.save";
  }

  void rejectsUnreadableFiles() {
    QFETCH(QString, name);
    QFETCH(QByteArray, content);
    QFETCH(QString, message);
    const QString file = path(name);
    if (name != "missing.pth") {
      QFile out(file);
      QVERIFY(out.open(QIODevice::WriteOnly));
      out.write(content);
    }
    const QString error = read_error(file);
    QVERIFY2(error.startsWith(file + ": "), qPrintable(error));
    QVERIFY2(error.contains(message), qPrintable(error));
  }

  void rejectsATruncatedCheckpoint() {
    const QString whole = path("whole.pth");
    write_dassl_prompts(whole.toStdString(), {{"prompt_learner.ctx", torch::ones({4, 64})}}, 1);
    QFile in(whole);
    QVERIFY(in.open(QIODevice::ReadOnly));
    const QByteArray bytes = in.readAll();
    for (int keep : {bytes.size() / 2, bytes.size() - 30}) {
      const QString file = path("truncated.pth");
      QFile out(file);
      QVERIFY(out.open(QIODevice::WriteOnly | QIODevice::Truncate));
      out.write(bytes.left(keep));
      out.close();
      const QString error = read_error(file);
      QVERIFY2(error.startsWith(file + ": "), qPrintable(error));
    }
  }
};

PROTEXT_TEST_SUITE(DasslCheckpointTest)
#include "dassl_checkpoint_test.moc"
