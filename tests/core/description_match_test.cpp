// A descriptions file meets a class list (issue 12: "loads 0 classes from the GPT file"):
// what matches, what names no class, and which keys are near misses of a class.
#include <QTest>

#include "core/zeroshot/description_match.h"
#include "support/suite.h"

using namespace protext;

class DescriptionMatchTest : public QObject {
  Q_OBJECT
 private slots:
  void caseAndUnderscoresMatchPluralsAndHyphensAreNearMisses() {
    const DescriptionSet set = parse_cupl_json(R"({
      "Golden_Retriever": ["a dog."],
      "tabby cats": ["a cat."],
      "t-shirt": ["a shirt."],
      "boxes": ["a box."],
      "lighthouse": ["a tower."]
    })", "gpt.json");
    const auto match = match_descriptions({"golden retriever", "tabby cat", "T shirt", "box", "airliner"}, set);
    QCOMPARE(match.classes_without, (std::vector<std::string>{"tabby cat", "T shirt", "box", "airliner"}));
    QCOMPARE(match.unused_keys, (std::vector<std::string>{"boxes", "lighthouse", "t-shirt", "tabby cats"}));
    QCOMPARE(match.near, (std::vector<std::pair<std::string, std::string>>{
                             {"tabby cat", "tabby cats"}, {"T shirt", "t-shirt"}, {"box", "boxes"}}));
    const auto warnings = match.warnings();
    QCOMPARE(warnings.size(), size_t(4));
    QCOMPARE(warnings[0], std::string("4 descriptions file keys name no class: 'boxes', 'lighthouse', 't-shirt', 'tabby cats'"));
    QCOMPARE(warnings[1], std::string("the descriptions of 'tabby cats' may be meant for the class 'tabby cat' (they "
                                      "differ only by a plural or a hyphen); rename one of them to use them"));
  }

  void aFileThatFitsSaysNothing() {
    const DescriptionSet set = parse_cupl_json(R"({"heron": ["a bird."], "egret": ["a white bird."]})", "birds.json");
    const auto match = match_descriptions({"Heron", "egret"}, set);
    QVERIFY(match.classes_without.empty());
    QVERIFY(match.unused_keys.empty());
    QVERIFY(match.warnings().empty());
  }

  void looseKeysDropOnlyRegularPlurals() {
    QCOMPARE(loose_class_key("Golden Retrievers"), std::string("golden retriever"));
    QCOMPARE(loose_class_key("butterflies"), std::string("butterfly"));
    QCOMPARE(loose_class_key("glasses"), std::string("glass"));
    QCOMPARE(loose_class_key("glass"), std::string("glass"));
    QCOMPARE(loose_class_key("bus"), std::string("bus"));
    QCOMPARE(loose_class_key("couches"), std::string("couch"));
    QCOMPARE(loose_class_key("hot-dog"), std::string("hot dog"));
  }
};

PROTEXT_TEST_SUITE(DescriptionMatchTest)
#include "description_match_test.moc"
