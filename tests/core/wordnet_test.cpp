// WordNet as protext describe's offline source, on Debian's real wordnet-base data: known
// classes get descriptions that name what they are a kind of, plurals and case are found,
// a made-up name is reported missing rather than described.
#include <QTest>
#include <algorithm>
#include <filesystem>

#include "core/describe/wordnet.h"
#include "core/error.h"
#include "support/suite.h"

using namespace protext;

namespace {

bool mentions(const std::vector<std::string>& sentences, const std::string& text) {
  return std::any_of(sentences.begin(), sentences.end(),
                     [&](const std::string& s) { return s.find(text) != std::string::npos; });
}

std::string joined(const std::vector<std::string>& sentences) {
  std::string all;
  for (const auto& s : sentences) all += s + " | ";
  return all;
}

}  // namespace

class WordNetTest : public QObject {
  Q_OBJECT
  std::unique_ptr<WordNet> wordnet_;

 private slots:
  void initTestCase() {
    QVERIFY2(std::filesystem::exists(default_wordnet_dir() + "/index.noun"),
             "WordNet's data files are missing: setup.sh installs Debian's wordnet-base");
    wordnet_ = std::make_unique<WordNet>(default_wordnet_dir());
  }

  void aGoldenRetrieverIsAKindOfRetriever() {
    const auto sense = wordnet_->lookup("golden retriever");
    QVERIFY(sense);
    QCOMPARE(sense->lemma, std::string("golden_retriever"));
    QCOMPARE(sense->hypernyms, std::vector<std::string>{"retriever"});
    QCOMPARE(sense->gloss, std::string("an English breed having a long silky golden coat"));
    const auto text = wordnet_descriptions("golden retriever", *sense);
    QVERIFY2(mentions(text, "a golden retriever, a kind of retriever."), joined(text).c_str());
    QVERIFY2(mentions(text, "a golden retriever: an English breed having a long silky golden coat."), joined(text).c_str());
  }

  void aTabbyCatIsADomesticCatAndAnAirlinerAnAirplaneWithParts() {
    const auto tabby = wordnet_->lookup("tabby cat");
    QVERIFY(tabby);
    QVERIFY2(mentions(wordnet_descriptions("tabby cat", *tabby), "a kind of domestic cat"),
             joined(wordnet_descriptions("tabby cat", *tabby)).c_str());
    const auto airliner = wordnet_->lookup("airliner");
    QVERIFY(airliner);
    QCOMPARE(airliner->hypernyms, std::vector<std::string>{"airplane"});
    QVERIFY(!airliner->parts.empty());  // WordNet lists an airliner's parts (%p pointers)
    const auto text = wordnet_descriptions("airliner", *airliner);
    QVERIFY2(mentions(text, "an airliner, a kind of airplane."), joined(text).c_str());
    QVERIFY2(mentions(text, "an airliner has a"), joined(text).c_str());
  }

  void caseUnderscoresAndPluralsFindTheSameWord() {
    for (const char* name : {"Golden_Retriever", "GOLDEN RETRIEVER", "golden retrievers"}) {
      const auto sense = wordnet_->lookup(name);
      QVERIFY2(sense && sense->lemma == "golden_retriever", name);
    }
    const auto mice = wordnet_->lookup("mice");  // an irregular plural, from noun.exc
    QVERIFY(mice && mice->lemma == "mouse");
  }

  void aWordWithSeveralSensesSaysWhichOneWasTaken() {
    const auto tabby = wordnet_->lookup("tabby");
    QVERIFY(tabby);
    QCOMPARE(tabby->sense, 1);
    QCOMPARE(tabby->sense_count, 2);
  }

  void aLowerCaseNameMeansTheCommonNounNotAPerson() {
    // WordNet lists Heron of Alexandria before the bird (neither sense was ever counted).
    const auto bird = wordnet_->lookup("heron");
    QVERIFY(bird);
    QCOMPARE(bird->sense, 2);
    QCOMPARE(bird->sense_count, 2);
    QCOMPARE(bird->hypernyms, std::vector<std::string>{"wading bird"});
    const auto person = wordnet_->lookup("Heron");
    QVERIFY(person);
    QCOMPARE(person->sense, 1);
    QVERIFY(person->gloss.find("Greek mathematician") != std::string::npos);
  }

  void aMadeUpNameIsNotDescribed() {
    QVERIFY(!wordnet_->lookup("blicket"));
    QVERIFY(!wordnet_->lookup("river kett"));
    QVERIFY(!wordnet_->lookup(""));
  }

  void aFolderWithoutWordNetIsNamed() {
    try {
      WordNet none("/nonexistent/wordnet");
      QFAIL("no error");
    } catch (const Error& e) {
      QVERIFY2(std::string(e.what()).find("/nonexistent/wordnet: no WordNet noun files here") == 0, e.what());
    }
  }
};

PROTEXT_TEST_SUITE(WordNetTest)
#include "wordnet_test.moc"
