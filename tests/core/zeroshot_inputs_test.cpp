// What the zero-shot classifiers read: class lists, template sets and CuPL descriptions,
// the clear errors on malformed ones, the warnings on merged ones, and the writers.
#include <QFile>
#include <QTemporaryDir>
#include <QTest>

#include <fstream>

#include "core/error.h"
#include "core/zeroshot/class_file.h"
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
    // JSON by content, whatever the name: '[' or '{' as the first non-blank character.
    QCOMPARE(read_class_list(write("b.txt", "\n  [\"cat\", \"dog\"]")), (std::vector<std::string>{"cat", "dog"}));
    QCOMPARE(read_class_list(write("c.txt", R"({"zebra": ["striped"], "ant": []})")),
             (std::vector<std::string>{"zebra", "ant"}));
  }

  void refusesClassListsWithoutAClass() {
    QCOMPARE(error_of([&] { read_class_list(write("e.txt", "\n \n")); }), dir_.path().toStdString() + "/e.txt: no class names");
    QCOMPARE(error_of([&] { read_class_list(write("c.txt", "# only\n  # comments\r\n")); }),
             dir_.path().toStdString() + "/c.txt: no class names");
    QCOMPARE(error_of([&] { read_class_list(write("n.json", R"(["cat", 3])")); }),
             dir_.path().toStdString() + "/n.json: item 2 is a JSON number, not a class name");
    QVERIFY(error_of([&] { read_class_list(dir_.path().toStdString() + "/missing.txt"); }).find("missing.txt: cannot open") !=
            std::string::npos);
  }

  void mergesRepeatedClassNamesIntoTheFirstWithAWarning() {
    const std::string path = write("d.txt", "Sea lion\ncat\nsea_lion\n");
    const ClassFile file = read_class_file(path);
    QCOMPARE(file.names(), (std::vector<std::string>{"Sea lion", "cat"}));
    QCOMPARE(file.warnings, (std::vector<std::string>{
                                path + ": repeated classes kept once, where each first appears: 'sea_lion' (line 3) = 'Sea lion' (line 1)"}));
  }

  void classKeyFoldsUnicodeCaseUnderscoresAndWhiteSpace_data() {
    QTest::addColumn<QString>("a");
    QTest::addColumn<QString>("b");
    QTest::addColumn<bool>("same");
    QTest::newRow("underscore") << "Sea_Lion" << "sea lion" << true;
    QTest::newRow("white space runs") << "  golden \t retriever " << "Golden Retriever" << true;
    QTest::newRow("no-break space") << QString::fromUtf8("golden\u00A0retriever") << "golden retriever" << true;
    QTest::newRow("accented capital") << QString::fromUtf8("Éclair") << QString::fromUtf8("éclair") << true;
    QTest::newRow("sharp s folds to ss") << QString::fromUtf8("straße") << "STRASSE" << true;
    QTest::newRow("greek final sigma") << QString::fromUtf8("ΣΟΦΙΑ") << QString::fromUtf8("σοφια") << true;
    QTest::newRow("accents matter") << QString::fromUtf8("éclair") << "eclair" << false;
    QTest::newRow("different words") << "sphynx" << "sphinx" << false;
  }
  void classKeyFoldsUnicodeCaseUnderscoresAndWhiteSpace() {
    QFETCH(QString, a);
    QFETCH(QString, b);
    QFETCH(bool, same);
    QCOMPARE(class_key(a.toStdString()) == class_key(b.toStdString()), same);
  }

  void cleansNamesByTrimmingAndFoldingWhiteSpace() {
    QCOMPARE(clean_class_name("  golden \t\u00A0 retriever  "), std::string("golden retriever"));
    QCOMPARE(clean_class_name("sea_lion"), std::string("sea_lion"));
    QCOMPARE(clean_class_name(" \n "), std::string());
  }

  void validatesListsBuiltInMemoryWithTheSameKey() {
    QCOMPARE(error_of([] { validate_class_list({}, "--classes"); }), std::string("--classes: the class list is empty"));
    QCOMPARE(error_of([] { validate_class_list({"cat", "Cat"}, "x"); }), std::string("x: classes 'cat' and 'Cat' are the same class"));
    QCOMPARE(error_of([] { validate_class_list({"Éclair", "éclair"}, "x"); }),
             std::string("x: classes 'Éclair' and 'éclair' are the same class"));
    QCOMPARE(error_of([] { validate_class_list({"cat", "cat"}, "x"); }), std::string("x: class 'cat' appears twice"));
    QCOMPARE(error_of([] { validate_class_list({"cat", "dog"}, "x"); }), std::string());
  }

  void matchesDescriptionKeysByLowerCaseWithUnderscoresAsSpaces() {
    const auto set = parse_cupl_json(R"({"Sea_Lion": ["a large marine mammal."], "cat": ["a small feline."]})", "d.json");
    QVERIFY(set.find("sea lion") != nullptr);
    QVERIFY(set.find("SEA LION") != nullptr);
    QVERIFY(set.find("sea_lion") != nullptr);
    QVERIFY(set.find("dog") == nullptr);
    QCOMPARE(set.description_count(), size_t(2));
    QVERIFY(set.warnings.empty());
  }

  void readsEveryCuplFileShippedForTests() {
    for (const char* name : {"oxford_pets", "caltech101", "oxford_flowers", "food101", "dtd", "fgvc_aircraft", "cifar10", "cifar100"}) {
      const auto set = read_cupl_json(test::shared_data(std::string("cupl/") + name + ".json"));
      QVERIFY2(set.by_key.size() >= 10, name);
      QVERIFY2(set.warnings.empty(), name);
    }
    QCOMPARE(read_cupl_json(test::shared_data("cupl/oxford_pets.json")).description_count(), size_t(740));
  }

  void keepsCuplKeysInFileOrder() {
    const ClassFile file = parse_class_json(R"({"zebra": ["striped"], "ant": ["small"], "mole": ["digs"]})", "o.json");
    QCOMPARE(file.names(), (std::vector<std::string>{"zebra", "ant", "mole"}));
    QVERIFY(file.has_descriptions());
  }

  void mergesRepeatedCuplKeysKeepingEveryDescription() {
    // A plain JSON parse keeps only the last "cat"; the reader keeps all three lists.
    const ClassFile file = parse_class_json(
        R"({"cat": ["a small feline"], "dog": ["barks"], "Cat": ["a pet"], "cat": ["whiskers"]})", "r.json");
    QCOMPARE(file.names(), (std::vector<std::string>{"cat", "dog"}));
    QCOMPARE(file.entries[0].descriptions, (std::vector<std::string>{"a small feline", "a pet", "whiskers"}));
    QCOMPARE(file.warnings, (std::vector<std::string>{
                                "r.json: repeated classes kept once, where each first appears: 'Cat' (key 3) = 'cat' (key 1), "
                                "'cat' (key 4) = 'cat' (key 1); their descriptions were added to the first"}));
    const auto set = parse_cupl_json(R"({"sea lion": ["x"], "Sea_Lion": ["y"]})", "s.json");
    QCOMPARE(*set.find("sea lion"), (std::vector<std::string>{"x", "y"}));
    QCOMPARE(set.warnings.size(), size_t(1));
  }

  void warnsAboutBlankDescriptionsAndClassesWithoutAny() {
    const auto set = parse_cupl_json(R"({"cat": ["  a small feline ", " "], "dog": []})", "w.json");
    QCOMPARE(*set.find("cat"), (std::vector<std::string>{"a small feline"}));
    QVERIFY(set.find("dog") == nullptr);
    QCOMPARE(set.warnings, (std::vector<std::string>{"w.json: blank descriptions dropped: 'cat' #2",
                                                     "w.json: classes without descriptions: 'dog'"}));
    // Read as a class list, a class without descriptions is just a class.
    const ClassFile file = parse_class_json(R"({"cat": ["a small feline"], "dog": []})", "l.json");
    QCOMPARE(file.names(), (std::vector<std::string>{"cat", "dog"}));
    QVERIFY(file.warnings.empty());
  }

  void refusesMalformedDescriptions_data() {
    QTest::addColumn<QString>("json");
    QTest::addColumn<QString>("message");
    QTest::newRow("not json") << R"({"cat": [)" << "bad.json: not valid JSON: parse error at line 1, column 10";
    QTest::newRow("not an object") << R"(["a cat", "a dog"])"
                                   << R"(bad.json: expected a CuPL JSON object {"class": ["description", ...]}, got a JSON array)";
    QTest::newRow("a number") << "42" << "bad.json: expected a JSON array of class names or a CuPL object";
    QTest::newRow("empty object") << "{}" << "bad.json: no class names";
    QTest::newRow("value not a list") << R"({"cat": "a small feline"})"
                                      << "bad.json: class 'cat': expected a list of descriptions, got a JSON string";
    QTest::newRow("only empty lists") << R"({"cat": [], "dog": []})" << "bad.json: no class has a description";
    QTest::newRow("non-string") << R"({"cat": ["a feline", 42]})" << "bad.json: class 'cat', description 2 is a JSON number, not a string";
    QTest::newRow("only blank descriptions") << R"({"cat": ["  "]})" << "bad.json: no class has a description";
  }
  void refusesMalformedDescriptions() {
    QFETCH(QString, json);
    QFETCH(QString, message);
    const std::string error = error_of([&] { parse_cupl_json(json.toStdString(), "bad.json"); });
    QVERIFY2(error.rfind(message.toStdString(), 0) == 0, error.c_str());
  }

  void refusesAThreeMegabyteDescription() {
    const std::string huge(3 * 1024 * 1024, 'a');
    const std::string error = error_of([&] { read_cupl_json(write("huge.json", "{\"cat\": [\"" + huge + "\"]}")); });
    QVERIFY2(error.find("class 'cat', description 1 is 3145728 bytes; at most 16384 are accepted") != std::string::npos,
             error.c_str());
  }

  void classListsWriteAndReadBackTheSameNames_data() {
    QTest::addColumn<QString>("file");
    QTest::addColumn<QByteArray>("bytes");
    QTest::newRow("text") << "out.txt" << QByteArray("zebra\nÉclair\nsea_lion\n");
    QTest::newRow("json") << "out.json" << QByteArray("[\n  \"zebra\",\n  \"Éclair\",\n  \"sea_lion\"\n]\n");
  }
  void classListsWriteAndReadBackTheSameNames() {
    QFETCH(QString, file);
    QFETCH(QByteArray, bytes);
    const std::vector<std::string> names{"zebra", "Éclair", "sea_lion"};
    const std::string path = dir_.path().toStdString() + "/" + file.toStdString();
    write_class_list(path, names);
    std::ifstream in(path, std::ios::binary);
    QCOMPARE(QByteArray::fromStdString(std::string(std::istreambuf_iterator<char>(in), {})), bytes);
    QCOMPARE(read_class_list(path), names);
  }

  void refusesToWriteTextListsThatWouldReadBackDifferently() {
    const std::string path = dir_.path().toStdString() + "/hash.txt";
    QCOMPARE(error_of([&] { write_class_list(path, {"cat", "#1"}); }),
             path + ": class '#1' would read back as a comment from a text list; save the list as .json");
    QCOMPARE(error_of([&] { write_class_list(path, {"[draft] cat"}); }),
             path + ": class '[draft] cat' would make a text list read back as JSON; save the list as .json");
    QVERIFY(!QFile::exists(QString::fromStdString(path)));
    write_class_list(dir_.path().toStdString() + "/hash.json", {"cat", "#1"});
    QCOMPARE(read_class_list(dir_.path().toStdString() + "/hash.json"), (std::vector<std::string>{"cat", "#1"}));
  }

  void cuplWritesKeysInListOrderAndReadsBack() {
    const std::string path = dir_.path().toStdString() + "/cupl.json";
    write_cupl_json(path, {{"zebra", {"striped \"zebra\""}}, {"ant", {}}, {"mole", {"digs", "caf\u00e9 \\ back"}}});
    std::ifstream in(path, std::ios::binary);
    const std::string text(std::istreambuf_iterator<char>(in), {});
    QCOMPARE(text, std::string("{\n  \"zebra\": [\n    \"striped \\\"zebra\\\"\"\n  ],\n  \"ant\": [],\n  \"mole\": [\n"
                               "    \"digs\",\n    \"caf\u00e9 \\\\ back\"\n  ]\n}\n"));
    const ClassFile file = read_class_file(path);
    QCOMPARE(file.names(), (std::vector<std::string>{"zebra", "ant", "mole"}));
    QCOMPARE(file.entries[2].descriptions, (std::vector<std::string>{"digs", "caf\u00e9 \\ back"}));
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
