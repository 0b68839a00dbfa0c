// Files from strangers (issue 13): crafted checkpoints and model archives end in one clear
// line, with bounded memory, never a crash, a hang or code of theirs run. The files are
// made by tests/reference/hostile_files.py; the CLI reads them under `ulimit -v`.
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>
#include <filesystem>
#include <set>

#include "core/clip/weights.h"
#include "core/error.h"
#include "core/protext/dassl_checkpoint.h"
#include "core/protext/train_config.h"
#include "support/fixtures.h"
#include "support/suite.h"

using namespace protext;
using protext::test::run_cli_limited;

namespace {
constexpr int kMemoryMb = 2048;  // the CLI itself needs about 400 MB of address space
}

class HostileFilesTest : public QObject {
  Q_OBJECT
  QTemporaryDir dir_;
  QString marker_;
  nlohmann::json made_;

  QString file(const QString& name) const { return dir_.filePath(name); }
  static QString demo(const QString& name) {
    return QString::fromStdString(test::source_path("resources/demo/" + name.toStdString()));
  }
  // One epoch (3 steps of 256 pairs) of a 2-epoch run on the demo classes, made once.
  QString one_epoch_checkpoint() {
    const QString path = dir_.filePath("one-epoch.safetensors");
    if (!QFile::exists(path)) {
      const auto r = test::run_cli({"train", "--descriptions", demo("descriptions.json"), "--out", path, "--epochs", "1"});
      if (r.exit_code != 0) qFatal("training the checkpoint failed: %s", r.err.constData());
      // As if stopped after the first of two epochs.
      test::run_python("hostile_files.py", {"tamper", path, path, "training.epochs", "2"});
    }
    return path;
  }


 private slots:
  void initTestCase() {
    marker_ = dir_.filePath("written-by-the-archive");
    made_ = nlohmann::json::parse(
        test::run_python("hostile_files.py", {dir_.path(), marker_}).toStdString());
    // The TorchScript case is real: torch.jit.load ran its code and wrote the marker.
    QVERIFY(made_["jit_load_ran_the_code"].get<bool>());
    QVERIFY(!QFile::exists(marker_));
  }

  void crafted_checkpoints_are_refused_in_one_line_data() {
    QTest::addColumn<QString>("name");
    QTest::addColumn<QString>("message");
    QTest::newRow("nested 100000 deep") << "deep_list.pth" << "nested too deep?";
    QTest::newRow("storage of 2^62 elements") << "numel_overflow.pth" << "fewer than its storage of 4611686018427387904";
    QTest::newRow("view at element 2^61") << "offset_overflow.pth" << "fewer than its storage of 2305843009213694208";
    QTest::newRow("record shorter than its storage") << "short_record.pth" << "record data/0 holds 16 bytes";
    QTest::newRow("copy bomb") << "copy_bomb.pth" << "a pickle bomb";
    QTest::newRow("memo bomb") << "memo_bomb.pth" << "memoises more than 1000000 values";
    QTest::newRow("zip bomb") << "zip_bomb.pth" << "is compressed (method 8)";
    QTest::newRow("4000 views of one storage") << "shared_views.pth" << "more bytes than the file could hold";
    QTest::newRow("directory past the end") << "directory_outside.pth" << "zip directory lies outside the file";
    QTest::newRow("zip64 without its records") << "zip64_without_locator.pth" << "zip64 archive without its locator";
    QTest::newRow("truncated") << "truncated.pth" << "no end-of-directory record";
  }
  void crafted_checkpoints_are_refused_in_one_line() {
    QFETCH(QString, name);
    QFETCH(QString, message);
    const QString out = dir_.filePath(name + ".safetensors");
    const auto r = run_cli_limited({"convert-prompts", "--prompts", file(name), "--out", out}, kMemoryMb);
    QCOMPARE(r.exit_code, 1);  // not a signal (-1), not success
    const QString err = QString::fromUtf8(r.err).trimmed();
    QVERIFY2(!err.contains('\n'), qPrintable(err));
    QVERIFY2(err.startsWith("protext convert-prompts: " + file(name) + ": "), qPrintable(err));
    QVERIFY2(err.contains(message), qPrintable(err));
    QVERIFY(!QFile::exists(out));
    // The same refusal in the library, as the app meets it.
    QVERIFY_THROWS_EXCEPTION(Error, read_dassl_prompts(file(name).toStdString()));
  }

  void depth_that_costs_no_stack_reads_like_the_valid_file_data() {
    QTest::addColumn<QString>("name");
    QTest::newRow("a list 100000 deep through the memo") << "deep_list_memo.pth";
    QTest::newRow("100000 _rebuild_from_type_v2 around the tensor") << "rebuild_chain.pth";
  }
  void depth_that_costs_no_stack_reads_like_the_valid_file() {
    QFETCH(QString, name);
    const auto r = run_cli_limited({"convert-prompts", "--prompts", file(name), "--out", dir_.filePath(name + ".st")},
                                   kMemoryMb);
    QVERIFY2(r.exit_code == 0, r.err.constData());
    const auto got = read_dassl_prompts(file(name).toStdString());
    const auto valid = read_dassl_prompts(file("valid.pth").toStdString());
    QCOMPARE(got.size(), size_t(1));
    QVERIFY(torch::equal(got.at("prompt_learner.ctx"), valid.at("prompt_learner.ctx")));
  }

  void model_sizes_are_bounded_before_use_data() {
    QTest::addColumn<QString>("name");
    QTest::addColumn<QString>("message");
    QTest::newRow("2e9 layers") << "two_billion_layers"
                                << "config.json: 'text_config.num_hidden_layers' is 2000000000; expected 1..256";
    QTest::newRow("20-digit block index")
        << "block_index_past_int64.safetensors"
        << "block_index_past_int64.safetensors: tensor 'visual.transformer.resblocks.99999999999999999999.ln_1.weight' "
           "has block index 99999999999999999999 (at most 9999 blocks)";
  }
  void model_sizes_are_bounded_before_use() {
    QFETCH(QString, name);
    QFETCH(QString, message);
    const auto r = run_cli_limited({"info", "--model", file(name)}, kMemoryMb);
    QCOMPARE(r.exit_code, 1);
    const QString err = QString::fromUtf8(r.err).trimmed();
    QVERIFY2(!err.contains('\n') && err.endsWith(message), qPrintable(err));
  }

  void an_image_size_given_twice_is_refused() {
    const QString tif = file("width_twice.tif");
    const auto r = run_cli_limited({"preprocess", tif, "--out", dir_.filePath("tif.npy")}, kMemoryMb);
    QCOMPARE(r.exit_code, 1);
    const QString err = QString::fromUtf8(r.err).trimmed();
    QVERIFY2(err == "protext preprocess: " + tif + ": TIFF header is corrupt: ImageWidth is given twice", qPrintable(err));
    QVERIFY(!QFile::exists(dir_.filePath("tif.npy")));
  }

  // Training on the embedded mini model (a 32-token context): settings that used to train
  // silently into nothing, or into NaN, are refused, and nothing is written.
  void a_prompt_that_cuts_the_class_name_off_is_refused() {
    const QString out = dir_.filePath("cut.safetensors");
    const auto r = test::run_cli({"train", "--descriptions", demo("descriptions.json"), "--out", out, "--steps", "1",
                                  "--n-ctx", "29"});
    QCOMPARE(r.exit_code, 1);
    QVERIFY2(r.err.contains("the prompt for class 'blicket' needs 33 tokens (29 context vectors, 2 for \"blicket.\", "
                            "start and end) but this model reads 32"),
             r.err.constData());
    QVERIFY(!QFile::exists(out));
  }

  void a_run_that_diverges_stops_and_writes_no_nan() {
    const QString out = dir_.filePath("diverged.safetensors");
    const auto r = test::run_cli({"train", "--descriptions", demo("descriptions.json"), "--out", out, "--steps", "6",
                                  "--batch-size", "64", "--lr", "1", "--weight-decay", "1e300"});
    QCOMPARE(r.exit_code, 1);
    QVERIFY2(r.err.contains("the loss became NaN at step 2 (epoch 1): the prompts diverged"), r.err.constData());
    QVERIFY(!QFile::exists(out));
    QVERIFY(test::run_cli({"train", "--descriptions", demo("descriptions.json"), "--out", out, "--steps", "1",
                           "--lr", "1e308"})
                .err.contains("'lr' must be a finite number above 0 and below 10, not 1e+308"));
  }

  void a_template_that_is_not_utf8_loses_no_run() {
    // It used to fail after the first epoch, when the metadata was encoded.
    const QString out = dir_.filePath("latin1.safetensors");
    const auto r = test::run_shell(
        "exec \"$PROTEXT_CLI\" train --descriptions \"$0\" --out \"$1\" --steps 1 --template \"$(printf 'a \\351t\\351 {}.')\"",
        {demo("descriptions.json"), out});
    QVERIFY2(r.exit_code == 0, r.err.constData());
    const auto info = read_checkpoint_config(out.toStdString());
    QCOMPARE(QString::fromStdString(info.config.text_template), QString("a \uFFFDt\uFFFD {}."));
  }

  void a_checkpoint_that_lies_about_its_run_is_not_resumed_data() {
    QTest::addColumn<QString>("key");
    QTest::addColumn<QString>("value");
    QTest::addColumn<QString>("message");
    QTest::newRow("-5 epochs") << "epochs_done" << "-5" << "'epochs_done' must be at least 0";
    QTest::newRow("10^12 epochs") << "epochs_done" << "1000000000000" << "'epochs_done'";
    QTest::newRow("more epochs than the run") << "epochs_done" << "7" << "cannot resume: it has done 7 epochs of a run of 2";
    QTest::newRow("steps of another run") << "steps_done" << "40" << "cannot resume: 40 steps do not match 1 epochs of 3 steps";
    QTest::newRow("optimiser ahead of the run") << "adam_step" << "99" << "its optimiser step 99 is not between 0 and its 3";
    QTest::newRow("other targets") << "targets_hash" << "\"0123\"" << "it was trained on other descriptions or classes";
  }
  void a_checkpoint_that_lies_about_its_run_is_not_resumed() {
    QFETCH(QString, key);
    QFETCH(QString, value);
    QFETCH(QString, message);
    const QString run = one_epoch_checkpoint();
    const QString tampered = dir_.filePath("tampered.safetensors");
    test::run_python("hostile_files.py", {"tamper", run, tampered, key, value});
    const QString out = dir_.filePath("resumed.safetensors");
    QFile::remove(out);
    const auto r = test::run_cli({"train", "--descriptions", demo("descriptions.json"), "--out", out, "--epochs", "2",
                                  "--resume", tampered});
    QCOMPARE(r.exit_code, 1);
    QVERIFY2(r.err.contains(message.toUtf8()), r.err.constData());
    QVERIFY(!QFile::exists(out));
  }

  void prompts_holding_nan_are_refused_not_shown_as_null() {
    const QString tampered = dir_.filePath("nan.safetensors");
    test::run_python("hostile_files.py", {"tamper", one_epoch_checkpoint(), tampered, "nan", "0"});
    const auto r = test::run_cli({"classify", "--classes", demo("classes.txt"), "--prompts", tampered,
                                  QString::fromStdString(test::source_path("resources/examples/blicket__1.png"))});
    QCOMPARE(r.exit_code, 1);
    QVERIFY2(r.err.contains("tensor 'prompt_learner.ctx' holds NaN or infinite values"), r.err.constData());
  }

  void the_converter_writes_only_what_its_readers_read_data() {
    QTest::addColumn<QString>("name");
    QTest::addColumn<QByteArray>("content");
    QTest::addColumn<QString>("message");
    QTest::newRow("empty .pth.tar") << "empty.pth.tar" << QByteArray() << "empty file (0 bytes), not a torch.save archive";
    QTest::newRow("legacy .pth.tar") << "legacy.pth.tar" << QByteArray("\x80\x02}q\x00.", 6)
                                     << "legacy (pre-1.6) torch.save format";
  }
  void the_converter_writes_only_what_its_readers_read() {
    QFETCH(QString, name);
    QFETCH(QByteArray, content);
    QFETCH(QString, message);
    test::write_file(file(name), content);
    const auto r = test::run_cli({"convert-prompts", "--prompts", file(name), "--out", file(name + ".safetensors")});
    QCOMPARE(r.exit_code, 1);
    QVERIFY2(r.err.contains(message.toUtf8()), r.err.constData());
  }

  void prompt_shapes_no_reader_takes_are_not_converted() {
    for (const char* shape : {"[]", "[512]", "[0, 128]"}) {
      const QString in = file(QString("ctx-%1.safetensors").arg(QString(shape).remove(QRegularExpression("[^0-9]"))));
      test::run_python("hostile_files.py", {"ctx", in, shape});
      const auto r = test::run_cli({"convert-prompts", "--prompts", in, "--out", in + ".pth.tar-1"});
      QCOMPARE(r.exit_code, 1);
      QVERIFY2(r.err.contains(QString("'prompt_learner.ctx' has shape %1, expected [n_ctx, width]").arg(shape).toUtf8()),
               r.err.constData());
      QVERIFY(!QFile::exists(in + ".pth.tar-1"));
    }
  }

  void a_class_list_with_a_byte_order_mark_reads_as_without() {
    // A BOM used to become part of the first class (one class named "\ufeff[...]").
    const QString list = test::write_file(file("bom.json"), "\xEF\xBB\xBF[\"blicket\", \"dax\"]");
    const auto r = test::run_cli({"classify", "--classes", list, "--top-k", "2",
                                  QString::fromStdString(test::source_path("resources/examples/blicket__1.png"))});
    QVERIFY2(r.exit_code == 0, r.err.constData());
    const auto line = test::json_lines(r.out).at(0);
    std::set<std::string> classes;
    for (const auto& entry : line["methods"]["template"]) classes.insert(entry["class"].get<std::string>());
    QCOMPARE(classes, (std::set<std::string>{"blicket", "dax"}));
  }

  void an_output_that_is_not_a_file_is_never_replaced() {
    const auto r = test::run_cli({"convert-prompts", "--prompts", file("valid.pth"), "--out", "/dev/full"});
    QCOMPARE(r.exit_code, 1);
    QVERIFY2(r.err.contains("/dev/full: exists and is not a regular file; refusing to replace it"), r.err.constData());
    QVERIFY(QFileInfo("/dev/full").exists() && !QFileInfo("/dev/full").isFile());
  }

  void opening_a_torchscript_archive_runs_none_of_its_code() {
    const QString evil = file("evil.pt");
    const auto r = run_cli_limited({"info", "--model", evil}, kMemoryMb);
    QCOMPARE(r.exit_code, 1);
    const QString err = QString::fromUtf8(r.err).trimmed();
    QVERIFY2(err == "protext info: " + evil + ": tensor 'visual.conv1.weight' is missing", qPrintable(err));
    QVERIFY2(!QFile::exists(marker_), "the archive's __setstate__ ran");
    QVERIFY_THROWS_EXCEPTION(Error, read_clip_weights(evil.toStdString()));
    QVERIFY(!QFile::exists(marker_));
  }
};

PROTEXT_TEST_SUITE(HostileFilesTest)
#include "hostile_files_test.moc"
