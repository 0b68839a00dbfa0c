// The sentencepiece tokenizer: a model trained here, checked against Debian's
// python3-sentencepiece (tests/reference/spm_tokenizer.py).
#include <QFile>
#include <QTemporaryDir>
#include <QTest>

#include <nlohmann/json.hpp>

#include "core/clip/tokenizer_spm.h"
#include "core/error.h"
#include "support/fixtures.h"
#include "support/suite.h"

using protext::SpmTokenizer;
using protext::test::run_python;
using protext::test::write_file;
using Ids = std::vector<int64_t>;

namespace {

// A small made-up corpus in the shape of CLIP captions; the same every run.
std::vector<std::string> captions() {
  const char* adjectives[] = {"red", "small", "striped", "fluffy", "old", "shiny", "green", "wooden"};
  const char* things[] = {"cat", "dog", "car", "chair", "flower", "bird", "house", "boat", "apple"};
  const char* places[] = {"garden", "street", "beach", "kitchen", "forest", "river", "table"};
  std::vector<std::string> sentences;
  for (const char* adjective : adjectives)
    for (const char* thing : things)
      for (const char* place : places)
        sentences.push_back(std::string("a photo of a ") + adjective + " " + thing + " near the " + place + ".");
  return sentences;
}

std::vector<Ids> reference_ids(const QString& model, const std::vector<std::string>& texts, int context = 77) {
  const QByteArray out = run_python("spm_tokenizer.py", {"encode", model, QString::number(context)},
                                    QByteArray::fromStdString(nlohmann::json(texts).dump()));
  return nlohmann::json::parse(out.toStdString()).get<std::vector<Ids>>();
}

QByteArray read_file(const QString& path) {
  QFile file(path);
  return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

}  // namespace

class SpmTokenizerTest : public QObject {
  Q_OBJECT

 private:
  QTemporaryDir dir_;
  QString model_;
  std::unique_ptr<SpmTokenizer> tokenizer_;

 private slots:
  void initTestCase() {
    QVERIFY(dir_.isValid());
    protext::train_spm_model(captions(), dir_.filePath("mini").toStdString(), 120);
    model_ = dir_.filePath("mini.model");
    tokenizer_ = SpmTokenizer::from_file(model_.toStdString());
  }

  void usesTheModelsBosAndEos() {
    QCOMPARE(tokenizer_->start_token(), int64_t{1});
    QCOMPARE(tokenizer_->end_token(), int64_t{2});
    QVERIFY(tokenizer_->vocab_size() > 20 && tokenizer_->vocab_size() <= 120);
  }

  void encodesFromBosToEos() {
    const Ids ids = tokenizer_->encode("a photo of a red cat near the river.", 77);
    QVERIFY(ids.size() > 3);
    QCOMPARE(ids.front(), tokenizer_->start_token());
    QCOMPARE(ids.back(), tokenizer_->end_token());
    for (std::size_t i = 1; i + 1 < ids.size(); ++i) QVERIFY(ids[i] > 2 && ids[i] < tokenizer_->vocab_size());
  }

  void cutsOverlongTextKeepingEndOfText() {
    std::string text;
    for (int i = 0; i < 40; ++i) text += "a photo of a fluffy dog. ";
    const Ids ids = tokenizer_->encode(text, 77);
    QCOMPARE(ids.size(), std::size_t{77});
    QCOMPARE(ids.back(), tokenizer_->end_token());
    QCOMPARE(tokenizer_->encode(text, 6), reference_ids(model_, {text}, 6).at(0));
  }

  void encodesEmptyTextAsStartAndEnd() {
    QCOMPARE(tokenizer_->encode("", 77), (Ids{1, 2}));
    QCOMPARE(tokenizer_->encode(" \t\n", 77), (Ids{1, 2}));
  }

  void givesTheTextBackFromItsPieces() {
    const std::string text = "a photo of a shiny wooden boat near the beach.";
    const Ids ids = tokenizer_->encode("  a photo of a shiny\twooden boat\n near the beach. ", 77);
    std::string joined;
    for (std::size_t i = 1; i + 1 < ids.size(); ++i) joined += tokenizer_->token_text(ids[i]);
    QCOMPARE(QString::fromStdString(joined).trimmed(), QString::fromStdString(text));
  }

  void matchesPythonSentencepiece() {
    std::vector<std::string> texts = captions();
    texts.resize(50);
    texts.insert(texts.end(), {"", "a   photo\tof\na cat", "UPPER Case Words", "unseen zebra xylophone 42!",
                               "caf\xC3\xA9 \xE7\x8C\xAB \xF0\x9F\x90\xB1", "\xC2\xA0nbsp\xE3\x80\x80ideographic "});
    const std::vector<Ids> expected = reference_ids(model_, texts);
    QCOMPARE(expected.size(), texts.size());
    for (std::size_t i = 0; i < texts.size(); ++i) QCOMPARE(tokenizer_->encode(texts[i], 77), expected[i]);
  }

  void trainsTheSameModelFromTheSameSentences() {
    QTemporaryDir again;
    protext::train_spm_model(captions(), again.filePath("mini").toStdString(), 120);
    // The .model also records its own path, so compare the pieces and their scores.
    QCOMPARE(read_file(again.filePath("mini.vocab")), read_file(dir_.filePath("mini.vocab")));
    QVERIFY(!read_file(again.filePath("mini.vocab")).isEmpty());
  }

  void rejectsModelWithoutBos() {
    QTemporaryDir other;
    run_python("spm_tokenizer.py", {"train-without-bos", other.filePath("nobos")},
               QByteArray::fromStdString(nlohmann::json(captions()).dump()));
    QVERIFY_THROWS_EXCEPTION(protext::Error, SpmTokenizer::from_file(other.filePath("nobos.model").toStdString()));
  }

  void rejectsMissingEmptyOrCorruptModel() {
    QTemporaryDir other;
    QVERIFY_THROWS_EXCEPTION(protext::Error, SpmTokenizer::from_file(other.filePath("missing.model").toStdString()));
    write_file(other.filePath("empty.model"), {});
    QVERIFY_THROWS_EXCEPTION(protext::Error, SpmTokenizer::from_file(other.filePath("empty.model").toStdString()));
    write_file(other.filePath("junk.model"), QByteArray("this is not a protobuf \xFF\xFF\xFF\xFF", 28));
    QVERIFY_THROWS_EXCEPTION(protext::Error, SpmTokenizer::from_file(other.filePath("junk.model").toStdString()));
    write_file(other.filePath("cut.model"), read_file(model_).left(read_file(model_).size() / 2));
    QVERIFY_THROWS_EXCEPTION(protext::Error, SpmTokenizer::from_file(other.filePath("cut.model").toStdString()));
  }

  void rejectsTrainingWithoutSentences() {
    QTemporaryDir other;
    QVERIFY_THROWS_EXCEPTION(protext::Error, protext::train_spm_model({}, other.filePath("none").toStdString(), 50));
  }

  void rejectsUnknownTokenId() {
    QVERIFY_THROWS_EXCEPTION(protext::Error, tokenizer_->token_text(tokenizer_->vocab_size()));
    QVERIFY_THROWS_EXCEPTION(protext::Error, tokenizer_->token_text(-1));
  }
};

PROTEXT_TEST_SUITE(SpmTokenizerTest)
#include "spm_tokenizer_test.moc"
