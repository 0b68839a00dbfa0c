// One set of rules for class lists and CuPL descriptions: for every file in the table the
// protext CLI and the app's ClassFiles both accept it or both refuse it, with the same
// message and the same warnings, and those are the ones the rules promise (README.md,
// "Class lists and descriptions").
#include <QFile>
#include <QTemporaryDir>
#include <QTest>

#include "support/fixtures.h"
#include "support/suite.h"
#include "widgets/common/ClassFiles.h"

using protext::ClassFileContents;
using protext::ClassFiles;

namespace {

// How a row's file is made.
enum Layout { Write, Sparse, Absent };

// What one front end made of a file: its one-line refusal (empty if accepted) and warnings.
struct Verdict {
  QString error;
  QStringList warnings;
};

// The CLI reads --classes (classify) and --descriptions (train) before it opens a model;
// an option refused right after the read shows that the file itself was accepted.
Verdict cliVerdict(const QString& path, bool descriptions) {
  const QString command = descriptions ? "train" : "classify";
  const QStringList args = descriptions ? QStringList{"train", "--descriptions", path}
                                        : QStringList{"classify", "--classes", path, "--top-k", "0", "x.png"};
  const QString accepted = descriptions ? "--out is required" : "--top-k must be at least 1";
  const auto r = protext::test::run_cli(args);
  Verdict verdict;
  const QString prefix = "protext " + command + ": ";
  QStringList messages, other;
  for (const QString& line : QString::fromUtf8(r.err).split('\n', Qt::SkipEmptyParts)) {
    if (line.startsWith("warning: ")) {
      verdict.warnings << line.mid(9);
    } else if (line.startsWith(prefix)) {
      messages << line.mid(prefix.size());
    } else {
      other << line;
    }
  }
  if (r.exit_code != 1 || messages.size() != 1 || !other.isEmpty()) {
    verdict.error = QString("unexpected CLI result: exit %1, stderr: %2").arg(r.exit_code).arg(QString::fromUtf8(r.err));
  } else if (!messages[0].contains(accepted)) {
    verdict.error = messages[0];
  }
  return verdict;
}

Verdict appVerdict(const ClassFileContents& contents) { return {contents.error, contents.warnings}; }

QStringList located(const QString& path, const QStringList& whats) {
  QStringList list;
  for (const QString& what : whats) list << path + ": " + what;
  return list;
}

const char* kRepeated = "repeated classes kept once, where each first appears: ";
const char* kCuplObject = R"(expected a CuPL JSON object {"class": ["description", ...]}, got )";

}  // namespace

class ClassFilesTest : public QObject {
  Q_OBJECT
  QTemporaryDir dir_;

 private slots:
  void cliAndAppReadEveryFileAlike_data();
  void cliAndAppReadEveryFileAlike();
  void repeatedCuplKeysKeepTheFirstPlaceAndEveryDescription();
  void pastedTextFollowsTheTextRulesOfAClassList();
};

void ClassFilesTest::cliAndAppReadEveryFileAlike_data() {
  QTest::addColumn<QString>("file");
  QTest::addColumn<QByteArray>("bytes");
  QTest::addColumn<int>("layout");
  QTest::addColumn<bool>("descriptions");  // read as a descriptions file, not a class list
  QTest::addColumn<QStringList>("names");     // accepted: the classes, in order
  QTest::addColumn<QStringList>("warnings");  // accepted: what was merged or dropped
  QTest::addColumn<QString>("error");         // refused: the message (a prefix, for JSON syntax)

  auto accept = [&](const char* row, const char* file, const QByteArray& bytes, const QStringList& names,
                    const QStringList& warnings = {}, bool descriptions = false) {
    QTest::newRow(row) << file << bytes << int(Write) << descriptions << names << warnings << QString();
  };
  auto refuse = [&](const char* row, const char* file, const QByteArray& bytes, const QString& error,
                    bool descriptions = false, int layout = Write) {
    QTest::newRow(row) << file << bytes << layout << descriptions << QStringList() << QStringList() << error;
  };

  accept("text with BOM, comments, blank lines, CRLF and CR", "pets.txt",
         "\xEF\xBB\xBF# pets\r\nAbyssinian\r\n\r\n  sea_lion \r\n  # more\rSea  Lion\n",
         {"Abyssinian", "sea_lion"}, {QString(kRepeated) + "'Sea Lion' (line 6) = 'sea_lion' (line 4)"});
  accept("Unicode case folding", "unicode.txt", "Éclair\néclair\nSTRASSE\nstraße\n", {"Éclair", "STRASSE"},
         {QString(kRepeated) + "'éclair' (line 2) = 'Éclair' (line 1), 'straße' (line 4) = 'STRASSE' (line 3)"});
  accept("no-break spaces fold", "nbsp.txt", "golden\xC2\xA0\xC2\xA0retriever\n", {"golden retriever"});
  accept("json array", "list.json", R"(["zebra", " ant ", "", "Zebra"])", {"zebra", "ant"},
         {QString(kRepeated) + "'Zebra' (item 4) = 'zebra' (item 1)"});
  accept("json array in a .txt", "list.txt", "\n  [\"zebra\", \"ant\"]\n", {"zebra", "ant"});
  accept("CuPL object with repeated keys", "cupl.json",
         R"({"cat": ["a small feline", "  "], "dog": [], "Cat": ["a pet"], "cat": ["whiskers"]})", {"cat", "dog"},
         {QString(kRepeated) + "'Cat' (key 3) = 'cat' (key 1), 'cat' (key 4) = 'cat' (key 1); "
                               "their descriptions were added to the first",
          "blank descriptions dropped: 'cat' #2"});
  accept("CuPL object in a .txt", "cupl.txt", R"({"zebra": ["striped"]})", {"zebra"});

  refuse("not UTF-8", "latin1.txt", "caf\xE9\n", "not UTF-8 text: invalid byte 0xE9 at offset 3");
  refuse("not JSON", "broken.json", R"({"zebra": ["striped")",
         "not valid JSON: parse error at line 1, column 21: syntax error while parsing array");
  refuse("JSON number", "number.json", "42",
         R"(expected a JSON array of class names or a CuPL object {"class": ["description", ...]}, got a JSON number)");
  refuse("array with a number", "mixed.json", R"(["cat", 3])", "item 2 is a JSON number, not a class name");
  refuse("object with a non-array value", "value.json", R"({"cat": "furry"})",
         "class 'cat': expected a list of descriptions, got a JSON string");
  refuse("description not a string", "nonstring.json", R"({"cat": ["furry", null]})",
         "class 'cat', description 2 is a JSON null, not a string");
  refuse("over-long description", "long.json", "{\"cat\": [\"" + QByteArray(16 * 1024 + 1, 'a') + "\"]}",
         "class 'cat', description 1 is 16385 bytes; at most 16384 are accepted");
  refuse("empty file", "empty.txt", "", "no class names");
  refuse("only comments", "comments.txt", "# a\n   # b\r\n\n", "no class names");
  refuse("empty JSON array", "empty.json", "[]", "no class names");
  refuse("oversized file", "big.txt", "", "the file is 67108865 bytes; at most 67108864 (64 MiB) are read from a "
                                          "class list or descriptions file", false, Sparse);
  refuse("missing file", "absent.txt", "", "cannot open (No such file or directory)", false, Absent);

  accept("descriptions: a class with an empty list", "d-empty.json", R"({"cat": ["a small feline"], "dog": []})",
         {"cat", "dog"}, {"classes without descriptions: 'dog'"}, true);
  accept("descriptions: repeated keys", "d-repeat.json", R"({"cat": ["a small feline"], "cat": ["whiskers"]})",
         {"cat"}, {QString(kRepeated) + "'cat' (key 2) = 'cat' (key 1); their descriptions were added to the first"},
         true);
  refuse("descriptions: a JSON array", "d-array.json", R"(["cat"])", QString(kCuplObject) + "a JSON array", true);
  refuse("descriptions: a text list", "d-text.txt", "cat\n", QString(kCuplObject) + "a text list of class names",
         true);
  refuse("descriptions: no class has one", "d-none.json", R"({"cat": [], "dog": [" "]})",
         "no class has a description", true);
}

void ClassFilesTest::cliAndAppReadEveryFileAlike() {
  QFETCH(QString, file);
  QFETCH(QByteArray, bytes);
  QFETCH(int, layout);
  QFETCH(bool, descriptions);
  QFETCH(QStringList, names);
  QFETCH(QStringList, warnings);
  QFETCH(QString, error);

  const QString path = dir_.filePath(file);
  if (layout != Absent) {
    QFile out(path);
    QVERIFY(out.open(QIODevice::WriteOnly | QIODevice::Truncate));
    if (layout == Sparse) {
      QVERIFY(out.resize(64LL * 1024 * 1024 + 1));  // a hole: costs no disk
    } else {
      QCOMPARE(out.write(bytes), bytes.size());
    }
  }

  const ClassFileContents contents =
      descriptions ? ClassFiles::readDescriptions(path) : ClassFiles::readClassList(path);
  const Verdict app = appVerdict(contents);
  const Verdict cli = cliVerdict(path, descriptions);

  QCOMPARE(cli.error, app.error);
  QCOMPARE(cli.warnings, app.warnings);
  if (error.isEmpty()) {
    QVERIFY2(app.error.isEmpty(), qPrintable(app.error));
    QCOMPARE(contents.names(), names);
    QCOMPARE(app.warnings, located(path, warnings));
  } else {
    QVERIFY2(app.error.startsWith(path + ": " + error), qPrintable(app.error));
    QVERIFY(contents.entries.isEmpty());
    QVERIFY(app.warnings.isEmpty());
  }
}

void ClassFilesTest::repeatedCuplKeysKeepTheFirstPlaceAndEveryDescription() {
  const QString path = dir_.filePath("merge.json");
  QFile out(path);
  QVERIFY(out.open(QIODevice::WriteOnly));
  out.write(R"({"cat": ["a small feline"], "dog": ["barks"], "Cat": ["a pet"], "cat": [" whiskers "]})");
  out.close();
  const ClassFileContents file = ClassFiles::readClassList(path);
  QVERIFY2(file.ok(), qPrintable(file.error));
  QVERIFY(file.hasDescriptions);
  const QVector<protext::ClassEntry> expected{{"cat", {"a small feline", "a pet", "whiskers"}}, {"dog", {"barks"}}};
  QCOMPARE(file.entries, expected);
}

void ClassFilesTest::pastedTextFollowsTheTextRulesOfAClassList() {
  const QByteArray text = "# birds\r\n  robin \rwren\n\n  # not a bird\ngreat\xC2\xA0tit\n";
  QCOMPARE(ClassFiles::linesToNames(QString::fromUtf8(text)), QStringList({"robin", "wren", "great tit"}));
  const QString path = dir_.filePath("birds.txt");
  QFile out(path);
  QVERIFY(out.open(QIODevice::WriteOnly));
  out.write(text);
  out.close();
  QCOMPARE(ClassFiles::readClassList(path).names(), ClassFiles::linesToNames(QString::fromUtf8(text)));
  // Repeats in pasted text are left for the list to report, not merged away.
  QCOMPARE(ClassFiles::linesToNames("robin\nRobin\n"), QStringList({"robin", "Robin"}));
}

PROTEXT_TEST_SUITE(ClassFilesTest)
#include "class_files_test.moc"
