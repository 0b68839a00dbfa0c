// Interpretation of learned prompts: the vocabulary tokens nearest to each context
// vector, ranked as CoOp's interpret_prompt.py ranks them (interpret_reference.py).
#include <QTemporaryDir>
#include <QTest>

#include <nlohmann/json.hpp>

#include "core/clip/clip_model.h"
#include "core/error.h"
#include "core/npy.h"
#include "core/protext/interpret.h"
#include "core/protext/prompts.h"
#include "support/fixtures.h"
#include "support/suite.h"

using protext::test::run_cli;
using protext::test::run_python;
using protext::test::shared_data;

namespace {

constexpr int64_t kPhoto = 1125, kCat = 2368, kOf = 539, kA = 320;  // OpenAI BPE ids

torch::Tensor embedding_rows(protext::ClipModel& clip, const std::vector<int64_t>& ids) {
  return clip.module()->text->token_embedding->weight.detach().index_select(0, torch::tensor(ids)).clone();
}

}  // namespace

class InterpretTest : public QObject {
  Q_OBJECT
  QTemporaryDir dir_;
  QString model_, vocab_;
  std::shared_ptr<protext::ClipModel> clip_;

 private slots:
  void initTestCase() {
    QVERIFY(dir_.isValid());
    protext::test::ClipShape shape;
    shape.vision_layers = 1;
    shape.image_size = 16;
    shape.mlp_ratio = 2;
    protext::test::write_clip_fixture(dir_.path(), shape, 5);
    model_ = dir_.path() + "/model.safetensors";
    vocab_ = QString::fromStdString(shared_data("clip/bpe_simple_vocab_16e6.txt.gz"));
    protext::LoadOptions options;
    options.vocab = vocab_.toStdString();
    clip_ = protext::ClipModel::open(model_.toStdString(), options);
  }

  void vectorEqualToATokenEmbeddingIsNearestToThatTokenAtDistanceZero() {
    const auto nearest = protext::nearest_tokens(*clip_, embedding_rows(*clip_, {kPhoto, kCat}), 3);
    QCOMPARE(nearest.size(), size_t(2));
    QCOMPARE(nearest[0].size(), size_t(3));
    QCOMPARE(nearest[0][0].id, kPhoto);
    QCOMPARE(nearest[0][0].token, std::string("photo"));
    QCOMPARE(nearest[0][0].distance, 0.0);
    QVERIFY(std::abs(nearest[0][0].cosine - 1.0) < 1e-5);
    QCOMPARE(nearest[1][0].token, std::string("cat"));
    QCOMPARE(nearest[1][0].distance, 0.0);
    QVERIFY(nearest[0][1].distance > 0 && nearest[0][1].distance <= nearest[0][2].distance);
  }

  void rankingAndDistancesEqualTheReference() {
    auto generator = at::make_generator<at::CPUGeneratorImpl>(7);
    // Random directions and a token's embedding slightly moved: near ties get tested too.
    auto ctx = torch::cat({torch::randn({3, 64}, generator) * 0.02,
                           embedding_rows(*clip_, {kOf}) + torch::randn({1, 64}, generator) * 1e-3});
    const std::string npy = (dir_.path() + "/ctx.npy").toStdString();
    protext::write_npy(npy, ctx.contiguous().data_ptr<float>(), {4, 64});
    const auto expected =
        nlohmann::json::parse(run_python("interpret_reference.py", {model_, QString::fromStdString(npy), "10"}).toStdString());
    const auto nearest = protext::nearest_tokens(*clip_, ctx, 10);
    QCOMPARE(nearest.size(), size_t(4));
    for (size_t i = 0; i < 4; ++i)
      for (size_t j = 0; j < 10; ++j) {
        const auto& e = expected[i][j];
        QCOMPARE(nearest[i][j].id, e["id"].get<int64_t>());
        QVERIFY2(std::abs(nearest[i][j].distance - e["distance"].get<double>()) <= 1e-5 * (1 + e["distance"].get<double>()),
                 qPrintable(QString("vector %1 rank %2").arg(i).arg(j)));
        QVERIFY(std::abs(nearest[i][j].cosine - e["cosine"].get<double>()) < 1e-5);
      }
    QCOMPARE(nearest[3][0].token, std::string("of"));
  }

  void bpePiecesThatGoOnIntoTheNextTokenAreMarked() {
    const auto& tokenizer = clip_->tokenizer();
    constexpr int64_t kPieceA = 64;  // "a" without the word-end mark: the byte tokens come first
    QVERIFY(tokenizer.token_joins(kPieceA).next);
    QVERIFY(!tokenizer.token_joins(kA).next);
    QVERIFY(!tokenizer.token_joins(kPhoto).next);
    QCOMPARE(tokenizer.token_text(kPieceA), std::string("a"));
  }

  void cosineRankingListsTheHighestCosinesFirst() {
    auto generator = at::make_generator<at::CPUGeneratorImpl>(9);
    const auto ctx = torch::randn({2, 64}, generator);
    const auto by_cosine = protext::nearest_tokens(*clip_, ctx, 20, protext::TokenRanking::Cosine);
    const auto by_distance = protext::nearest_tokens(*clip_, ctx, 1);
    for (size_t i = 0; i < 2; ++i) {
      for (size_t j = 1; j < 20; ++j) QVERIFY(by_cosine[i][j - 1].cosine >= by_cosine[i][j].cosine);
      // No token of the vocabulary beats the first by cosine, the distance-nearest included.
      QVERIFY(by_cosine[i][0].cosine >= by_distance[i][0].cosine);
    }
  }

  void refusesContextOfAnotherWidth() {
    QVERIFY_THROWS_EXCEPTION(protext::Error, protext::nearest_tokens(*clip_, torch::zeros({2, 63}), 3));
    QVERIFY_THROWS_EXCEPTION(protext::Error, protext::nearest_tokens(*clip_, torch::zeros({2, 64}), 0));
  }

  void interpretCommandPrintsOneLinePerContextVector() {
    protext::PromptConfig config;
    config.depth = 2;
    protext::PromptLearner learner(config, 64);
    {
      torch::NoGradGuard no_grad;
      learner->ctx.copy_(embedding_rows(*clip_, {kA, kPhoto, kOf, kCat}));
      learner->deep[0].normal_(0, 0.02);
    }
    const QString prompts = dir_.path() + "/prompts.safetensors";
    protext::save_prompts(prompts.toStdString(), learner, {{"clip_fingerprint", clip_->fingerprint()}});
    const auto r = run_cli({"interpret", "--model", model_, "--vocab", vocab_, "--prompts", prompts, "--top-k", "2"});
    QVERIFY2(r.exit_code == 0, r.err.constData());
    QVERIFY2(r.err.isEmpty(), r.err.constData());  // same CLIP: no fingerprint warning
    const auto lines = r.out.trimmed().split('\n');
    QCOMPARE(lines.size(), 4);
    const std::vector<std::string> words{"a", "photo", "of", "cat"};
    for (int i = 0; i < 4; ++i) {
      const auto j = nlohmann::json::parse(lines[i].toStdString());
      QCOMPARE(j["index"].get<int>(), i);
      QCOMPARE(j["nearest"].size(), size_t(2));
      QCOMPARE(j["nearest"][0]["token"].get<std::string>(), words[static_cast<size_t>(i)]);
      QCOMPARE(j["nearest"][0]["distance"].get<double>(), 0.0);
    }
  }
};

PROTEXT_TEST_SUITE(InterpretTest)
#include "interpret_test.moc"
