// What the zero-shot classifiers read: class lists, template sets and CuPL descriptions,
// and the clear errors on malformed ones.
#include <QTemporaryDir>
#include <QTest>

#include <fstream>

#include "core/error.h"
#include "core/zeroshot/class_list.h"
#include "core/zeroshot/classifier.h"
#include "core/zeroshot/descriptions.h"
#include "core/zeroshot/templates.h"
#include "support/fixtures.h"
#include "support/suite.h"

using namespace protext;

namespace {

std::string error_of(const std::function<void()>& f) {
  try {
    f();
  } catch (const Error& e) {
    return e.what();
  }
  return "";
}

}  // namespace

class ZeroShotInputsTest : public QObject {
  Q_OBJECT
  QTemporaryDir dir_;

  std::string write(const std::string& name, const std::string& text) {
    const std::string path = dir_.path().toStdString() + "/" + name;
    std::ofstream(path, std::ios::binary) << text;
    return path;
  }

 private slots:
  void readsClassListsAsTextOrJson() {
    QCOMPARE(read_class_list(write("a.txt", "cat\n\n  golden retriever \r\nsea_lion\n")),
             (std::vector<std::string>{"cat", "golden retriever", "sea_lion"}));
    QCOMPARE(read_class_list(write("a.json", R"(["cat", "dog"])")), (std::vector<std::string>{"cat", "dog"}));
  }

  void refusesEmptyOrRepeatedClassLists() {
    QVERIFY(error_of([&] { read_class_list(write("e.txt", "\n \n")); }).find("the class list is empty") != std::string::npos);
    QVERIFY(error_of([&] { read_class_list(write("d.txt", "Sea lion\nsea_lion\n")); }).find("appears twice") != std::string::npos);
    QVERIFY(error_of([&] { read_class_list(write("n.json", R"(["cat", 3])")); }).find("n.json") != std::string::npos);
    QVERIFY(error_of([&] { read_class_list(dir_.path().toStdString() + "/missing.txt"); }).find("cannot open") != std::string::npos);
  }

  void matchesDescriptionKeysByLowerCaseWithUnderscoresAsSpaces() {
    const auto set = parse_cupl_json(R"({"Sea_Lion": ["a large marine mammal."], "cat": ["a small feline."]})", "d.json");
    QVERIFY(set.find("sea lion") != nullptr);
    QVERIFY(set.find("SEA LION") != nullptr);
    QVERIFY(set.find("sea_lion") != nullptr);
    QVERIFY(set.find("dog") == nullptr);
    QCOMPARE(set.description_count(), size_t(2));
  }

  void readsEveryCuplFileShippedForTests() {
    for (const char* name : {"oxford_pets", "caltech101", "oxford_flowers", "food101", "dtd", "fgvc_aircraft", "cifar10", "cifar100"}) {
      const auto set = read_cupl_json(test::shared_data(std::string("cupl/") + name + ".json"));
      QVERIFY2(set.by_key.size() >= 10, name);
    }
    QCOMPARE(read_cupl_json(test::shared_data("cupl/oxford_pets.json")).description_count(), size_t(740));
  }

  void refusesMalformedDescriptions_data() {
    QTest::addColumn<QString>("json");
    QTest::addColumn<QString>("message");
    QTest::newRow("not json") << R"({"cat": [)" << "not valid JSON";
    QTest::newRow("not an object") << R"(["a cat", "a dog"])" << "expected a JSON object";
    QTest::newRow("empty object") << "{}" << "no classes";
    QTest::newRow("value not a list") << R"({"cat": "a small feline"})" << "class 'cat': expected a list";
    QTest::newRow("empty list") << R"({"cat": []})" << "class 'cat' has an empty list";
    QTest::newRow("non-string") << R"({"cat": ["a feline", 42]})" << "class 'cat', description 2 is a JSON number";
    QTest::newRow("empty description") << R"({"cat": ["  "]})" << "description 1 is empty";
    QTest::newRow("same class twice") << R"({"sea lion": ["x"], "Sea_Lion": ["y"]})" << "are the same class";
  }
  void refusesMalformedDescriptions() {
    QFETCH(QString, json);
    QFETCH(QString, message);
    const std::string error = error_of([&] { parse_cupl_json(json.toStdString(), "bad.json"); });
    QVERIFY2(error.find("bad.json") != std::string::npos, error.c_str());
    QVERIFY2(error.find(message.toStdString()) != std::string::npos, error.c_str());
  }

  void refusesAThreeMegabyteDescription() {
    const std::string huge(3 * 1024 * 1024, 'a');
    const std::string error = error_of([&] { read_cupl_json(write("huge.json", "{\"cat\": [\"" + huge + "\"]}")); });
    QVERIFY2(error.find("class 'cat', description 1 is 3145728 bytes") != std::string::npos, error.c_str());
  }

  void shipsCLIPsEightyImageNetTemplates() {
    const auto templates = read_templates(default_template_set_path());
    QCOMPARE(templates.size(), size_t(80));
    QCOMPARE(templates.front(), std::string("a bad photo of a {}."));
    QVERIFY(std::find(templates.begin(), templates.end(), "a photo of a {}.") != templates.end());
  }

  void refusesTemplatesWithoutExactlyOnePlaceholder() {
    QVERIFY(error_of([&] { read_templates(write("t.txt", "a photo of a {}.\na photo.\n")); }).find("exactly one {}") != std::string::npos);
    QVERIFY(error_of([&] { read_templates(write("t2.txt", "{} and {}\n")); }).find("exactly one {}") != std::string::npos);
    QVERIFY(error_of([&] { read_templates(write("t3.txt", "\n")); }).find("no templates") != std::string::npos);
    QCOMPARE(fill_template("a photo of a {}, a type of pet.", "pug"), std::string("a photo of a pug, a type of pet."));
  }

  void probabilitiesAreASoftmaxOfScaledCosines() {
    const auto image = torch::tensor({{1.0f, 0.0f}, {0.6f, 0.8f}});
    const auto weights = torch::tensor({{1.0f, 0.0f}, {0.0f, 1.0f}});
    const auto p = class_probabilities(image, weights, std::log(10.0));
    // Row 0: cosines (1, 0) → softmax(10, 0); row 1: (0.6, 0.8) → softmax(6, 8).
    QVERIFY(std::abs(p[0][0].item<double>() - 1.0 / (1.0 + std::exp(-10.0))) < 1e-6);
    QVERIFY(std::abs(p[1][1].item<double>() - 1.0 / (1.0 + std::exp(-2.0))) < 1e-6);
    // The temperature is clamped at 100, as OpenAI's model does.
    const auto clamped = class_probabilities(image, weights, std::log(1000.0));
    QVERIFY(std::abs(clamped[1][1].item<double>() - 1.0 / (1.0 + std::exp(-20.0))) < 1e-6);
  }

  void topKListsClassesByFallingProbability() {
    const auto ranked = top_k(torch::tensor({0.1, 0.6, 0.3}), {"a", "b", "c"}, 2);
    QCOMPARE(ranked.size(), size_t(2));
    QCOMPARE(ranked[0].name, std::string("b"));
    QCOMPARE(ranked[1].name, std::string("c"));
    QCOMPARE(ranked[1].index, 2);
  }
};

PROTEXT_TEST_SUITE(ZeroShotInputsTest)
#include "zeroshot_inputs_test.moc"
