// Files from strangers (issue 13): crafted checkpoints and model archives end in one clear
// line, with bounded memory, never a crash, a hang or code of theirs run. The files are
// made by tests/reference/hostile_files.py; the CLI reads them under `ulimit -v`.
#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>
#include <filesystem>

#include "core/clip/weights.h"
#include "core/error.h"
#include "core/protext/dassl_checkpoint.h"
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
