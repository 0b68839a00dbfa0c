// A model that remembers its text embeddings (issue 10): classifiers built through the
// memo equal those of a model without it, and after one class is renamed only that class's
// texts are encoded again. The memo itself stays within its byte bound, least recently
// used out first.
#include <QTemporaryDir>
#include <QTest>

#include <filesystem>
#include <fstream>

#include "core/clip/clip_model.h"
#include "core/clip/text_memo.h"
#include "core/protext/prompts.h"
#include "core/runtime/resources.h"
#include "core/zeroshot/classifier.h"
#include "core/zeroshot/templates.h"
#include "support/fixtures.h"
#include "support/suite.h"

using protext::ClipModel;
using protext::TextMemo;

namespace {

double max_diff(const torch::Tensor& a, const torch::Tensor& b) { return (a - b).abs().max().item<double>(); }

const std::vector<std::string> kPets = {"beagle", "chihuahua", "sphynx", "wheaten terrier", "great pyrenees",
                                        "bombay", "pug", "shiba inu"};

}  // namespace

class TextMemoTest : public QObject {
  Q_OBJECT
  QTemporaryDir dir_;
  std::shared_ptr<ClipModel> remembering_, plain_;
  std::vector<std::string> templates_;

  std::shared_ptr<ClipModel> open(const std::string& precision = "fp32") {
    protext::LoadOptions options;
    options.vocab = protext::test::shared_data("clip/bpe_simple_vocab_16e6.txt.gz");
    options.precision = precision;
    return ClipModel::open((dir_.path() + "/model.safetensors").toStdString(), options);
  }

 private slots:
  void initTestCase() {
    QVERIFY(dir_.isValid());
    protext::test::ClipShape shape;
    shape.vision_layers = 1;
    shape.image_size = 16;
    protext::test::write_clip_fixture(dir_.path(), shape, 17);
    remembering_ = open();
    remembering_->cache_text_embeddings({size_t(64) << 20});
    plain_ = open();
    templates_ = protext::read_templates(protext::default_template_set_path());
    QCOMPARE(templates_.size(), size_t(80));
  }

  void classifiersEqualThoseOfAModelWithoutMemo() {
    const auto a = protext::ensemble_classifier(*remembering_, kPets, templates_);
    const auto b = protext::ensemble_classifier(*plain_, kPets, templates_);
    const double diff = max_diff(a, b);
    qInfo("ensemble of %zu classes x 80 templates, with and without memo: max |diff| %.3g", kPets.size(), diff);
    QVERIFY(diff <= 1e-6);
    const auto stats = remembering_->text_memo_stats();
    QCOMPARE(stats.hits, int64_t(0));
    QCOMPARE(stats.misses, int64_t(kPets.size() * templates_.size()));
    QCOMPARE(plain_->text_memo_stats().misses, int64_t(0));  // the plain model keeps nothing
  }

  void renamingOneClassEncodesOnlyItsTexts() {
    protext::ensemble_classifier(*remembering_, kPets, templates_);  // every text seen
    const auto before = remembering_->text_memo_stats();
    auto renamed = kPets;
    renamed[3] = "soft coated wheaten terrier";
    const auto a = protext::ensemble_classifier(*remembering_, renamed, templates_);
    const auto after = remembering_->text_memo_stats();
    QCOMPARE(after.misses - before.misses, int64_t(templates_.size()));  // the renamed class's 80 texts
    QCOMPARE(after.hits - before.hits, int64_t((renamed.size() - 1) * templates_.size()));
    QVERIFY(max_diff(a, protext::ensemble_classifier(*plain_, renamed, templates_)) <= 1e-6);
    // The template classifier's text is one of the 80 already seen.
    const auto again = remembering_->text_memo_stats();
    protext::template_classifier(*remembering_, renamed, "a photo of a {}.");
    QCOMPARE(remembering_->text_memo_stats().misses, again.misses);
  }

  void theProTextClassifierReusesItsClassesUntilThePromptsChange() {
    auto learner = protext::PromptLearner(*plain_, protext::PromptConfig{4, 2, "a photo of a"}, 3);
    const auto expected = protext::protext_classifier(*plain_, learner, kPets);
    const auto first = protext::protext_classifier(*remembering_, learner, kPets);
    QVERIFY(max_diff(first, expected) <= 1e-6);
    const auto before = remembering_->text_memo_stats();
    auto renamed = kPets;
    renamed[2] = "sphynx cat";
    const auto after_rename = protext::protext_classifier(*remembering_, learner, renamed);
    const auto after = remembering_->text_memo_stats();
    QCOMPARE(after.misses - before.misses, int64_t(1));  // only the renamed class
    QVERIFY(max_diff(after_rename, protext::protext_classifier(*plain_, learner, renamed)) <= 1e-6);
    // Prompts that changed (a training step) are never served from the memo.
    {
      torch::NoGradGuard no_grad;
      learner->ctx.add_(torch::randn_like(learner->ctx));
    }
    const auto moved = protext::protext_classifier(*remembering_, learner, renamed);
    QCOMPARE(remembering_->text_memo_stats().misses - after.misses, int64_t(renamed.size()));
    QVERIFY(max_diff(moved, protext::protext_classifier(*plain_, learner, renamed)) <= 1e-6);
    QVERIFY(max_diff(moved, after_rename) > 1e-4);
  }

  void theMemoStaysWithinItsBoundDroppingTheLeastRecentlyUsed() {
    const auto row = [](float v) { return torch::full({32}, v); };
    const std::vector<int64_t> a{49406, 1, 49407}, b{49406, 2, 49407}, c{49406, 3, 49407};
    // Room for two rows of 32 floats with their keys and bookkeeping, not three.
    TextMemo memo(2 * (32 * 4 + 3 * 8 + 64) + 10);
    memo.insert(a, row(1));
    memo.insert(b, row(2));
    QVERIFY(memo.find(a).defined());  // a is now the most recently used
    memo.insert(c, row(3));           // b goes
    QVERIFY(!memo.find(b).defined());
    QCOMPARE(memo.find(a)[0].item<float>(), 1.0f);
    QCOMPARE(memo.find(c)[0].item<float>(), 3.0f);
    const auto stats = memo.stats();
    QCOMPARE(stats.entries, int64_t(2));
    QVERIFY(stats.bytes <= size_t(2 * (32 * 4 + 3 * 8 + 64) + 10));
    TextMemo tiny(16);  // a row larger than the whole bound is not kept
    tiny.insert(a, row(1));
    QCOMPARE(tiny.stats().entries, int64_t(0));
  }

  std::shared_ptr<ClipModel> open_with_disk_cache(const std::string& root, const std::string& precision = "fp32") {
    auto model = open(precision);
    protext::TextCacheOptions cache;
    cache.memory_bytes = size_t(64) << 20;
    cache.disk_root = root;
    model->cache_text_embeddings(cache);
    return model;
  }

  void aModelOpenedAgainReadsItsTextsFromDiskAndEncodesNothing() {
    const std::string root = (dir_.path() + "/disk-cache").toStdString();
    const auto expected = protext::ensemble_classifier(*plain_, kPets, templates_);
    {
      auto first = open_with_disk_cache(root);
      protext::ensemble_classifier(*first, kPets, templates_);
      QCOMPARE(first->text_disk_stats().rows_written, int64_t(kPets.size() * templates_.size()));
    }
    auto again = open_with_disk_cache(root);
    const auto classifier = protext::ensemble_classifier(*again, kPets, templates_);
    QCOMPARE(again->text_memo_stats().misses, int64_t(0));
    QCOMPARE(again->text_disk_stats().rows_read, int64_t(kPets.size() * templates_.size()));
    QCOMPARE(again->text_disk_stats().rows_written, int64_t(0));
    QVERIFY(max_diff(classifier, expected) <= 1e-6);

    // Another precision computes other last bits: it reads nothing of the fp32 rows.
    auto bf16 = open_with_disk_cache(root, "bf16");
    protext::template_classifier(*bf16, kPets, "a photo of a {}.");
    QCOMPARE(bf16->text_disk_stats().rows_read, int64_t(0));
    QCOMPARE(bf16->text_memo_stats().misses, int64_t(kPets.size()));
  }

  void aTamperedCacheIsDeletedAndRecomputed() {
    const std::string root = (dir_.path() + "/tampered-cache").toStdString();
    open_with_disk_cache(root)->encode_text({"a photo of a pug."});
    // A segment whose values were changed no longer matches its checksum.
    int segments = 0;
    for (const auto& e : std::filesystem::recursive_directory_iterator(root))
      if (e.path().extension() == ".emb") {
        ++segments;
        std::fstream f(e.path(), std::ios::in | std::ios::out | std::ios::binary);
        f.seekp(-5, std::ios::end);
        f.put('\x42');
      }
    QCOMPARE(segments, 1);
    auto again = open_with_disk_cache(root);
    const auto row = again->encode_text({"a photo of a pug."});
    QCOMPARE(again->text_disk_stats().damaged_segments, int64_t(1));
    QCOMPARE(again->text_disk_stats().rows_read, int64_t(0));
    QVERIFY(max_diff(row, plain_->encode_text({"a photo of a pug."})) <= 1e-6);
  }
};

PROTEXT_TEST_SUITE(TextMemoTest)
#include "text_memo_test.moc"
