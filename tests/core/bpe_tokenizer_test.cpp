// CLIP's byte-level BPE against OpenAI's published ids and against the reference
// tokenizer tests/reference/clip_tokenizer.py (written from OpenAI's algorithm).
#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>

#include <chrono>
#include <fstream>
#include <nlohmann/json.hpp>
#include <thread>

#include "core/clip/tokenizer_bpe.h"
#include "core/error.h"
#include "support/fixtures.h"
#include "support/suite.h"

using protext::BpeTokenizer;
using protext::test::run_python;
using protext::test::write_file;
using protext::test::shared_data;
using Ids = std::vector<int64_t>;

namespace {

const std::string kMerges = "clip/bpe_simple_vocab_16e6.txt.gz";

// Ids for each text from the reference tokenizer, one Python process for all of them.
std::vector<Ids> reference_ids(const std::vector<std::string>& texts, int context = 77) {
  const QByteArray out = run_python(
      "clip_tokenizer.py", {"encode", QString::fromStdString(shared_data(kMerges)), QString::number(context)},
      QByteArray::fromStdString(nlohmann::json(texts).dump()));
  return nlohmann::json::parse(out.toStdString()).get<std::vector<Ids>>();
}

std::vector<std::string> cupl_descriptions() {
  std::vector<std::string> texts;
  const QDir folder(QString::fromStdString(shared_data("cupl")));
  for (const QString& name : folder.entryList({"*.json"}, QDir::Files, QDir::Name)) {
    std::ifstream in(folder.filePath(name).toStdString());
    const nlohmann::json classes = nlohmann::json::parse(in);
    for (const auto& [name, descriptions] : classes.items())
      for (const auto& description : descriptions) texts.push_back(description.get<std::string>());
  }
  return texts;
}

QString ids_text(const Ids& ids) {
  QStringList parts;
  for (int64_t id : ids) parts << QString::number(id);
  return parts.join(' ');
}

QByteArray read_file(const QString& path) {
  QFile file(path);
  if (!file.open(QIODevice::ReadOnly)) return {};
  return file.readAll();
}

// (name, text) pairs that stress each step of CLIP's text handling.
const std::vector<std::pair<const char*, std::string>>& hard_cases() {
  static const std::vector<std::pair<const char*, std::string>> cases = {
      {"upper case", "A PHOTO OF A CAT"},
      {"mixed case", "MiXeD CaSe WoRdS and McDonald's"},
      {"punctuation runs", "hello!!! ... ?!?! --- (wow) [x]{y} @#$%^&*_+=~`|\\/"},
      {"digits", "1234567890 room 101, 3.14159 and 1,000,000"},
      {"digits glued to letters", "b16 vit-l/14@336px 4k8"},
      {"&amp;", "Fish &amp; chips"},
      {"&amp;amp; (twice escaped)", "Fish &amp;amp; chips"},
      {"&amp;amp;amp; (three times)", "Fish &amp;amp;amp; chips"},
      {"&#39;", "it&#39;s a dog"},
      {"&quot;", "&quot;quoted&quot;"},
      {"&nbsp;", "non&nbsp;breaking&nbsp;space"},
      {"&lt; &gt;", "&lt;b&gt;bold&lt;/b&gt; <i>raw</i>"},
      {"entity edge cases", "&amplifier &notit; &#x41;&#X42; &#0; &#128; &#x110000; &#65 &#9999999999999999999999; &;"},
      {"named entities", "caf&eacute; &copy; &euro;5 &hellip; &Sigma;&sigma;"},
      {"apostrophes", "it's the cat's toy; don't you're we've I'm you'll he'd"},
      {"upper-case apostrophes", "DON'T SHOUT'S 'SUP 'RE"},
      {"curly apostrophes", "it’s ‘curly’ “double” „low‟"},
      {"Chinese", "一张猫的照片"},
      {"Japanese", "東京タワーの写真です"},
      {"Korean", "고양이 사진"},
      {"Greek final sigma", "ΟΔΟΣ ΣΟΦΟΣ Σ ΑΣ."},
      {"Arabic", "صورة قطة ١٢٣"},
      {"Cyrillic", "Фотография КОШКИ"},
      {"Devanagari", "नमस्ते दुनिया"},
      {"emoji", "a photo of a 🐱 and 👍🏽 and 👨‍👩‍👧"},
      {"combining accents", "café naïve cafe\xCC\x81 A\xCC\x8A"},
      {"tabs and newlines", "tabs\tand\nnewlines\r\n\n  spaces\v\f"},
      {"leading and trailing space", "   leading and trailing \t "},
      {"Unicode spaces", "nbsp\xC2\xA0" "em\xE2\x80\x83" "ideographic\xE3\x80\x80" "end"},
      {"zero-width space", "zero\xE2\x80\x8Bwidth"},
      {"ligatures", "ﬁne ﬂowers ǆ ĳ"},
      {"fullwidth", "ＦＵＬＬＷＩＤＴＨ　ｔｅｘｔ１２３！"},
      {"halfwidth katakana", "ｶﾀｶﾅ"},
      {"dotted capital I", "İstanbul"},
      {"sharp s and title case", "STRASSE straße ǅemal"},
      {"special tokens in text", "<|startoftext|>inside<|endoftext|> <|ENDOFTEXT|>"},
      {"terminal escapes", "\x1B[31mred\x1B[0m text"},
      {"control characters", "a\x01" "b\x7F" "c\xEF\xBB\xBF" "d"},
      {"C1 controls", "\xC2\x93smart\xC2\x94 \xC2\x80 \xC2\x81"},
      {"superscripts and fractions", "x² ½ Ⅻ ⅻ"},
      {"iota subscript", "a\xCD\x85" "b \xCD\x85 .\xCD\x85. \xE1\xBE\xB3 \xE1\xBE\xBC"},
      {"long s", "'\xC5\xBF <|\xC5\xBFtartoftext|>"},
      {"long word", "pneumonoultramicroscopicsilicovolcanoconiosis"},
  };
  return cases;
}

}  // namespace

class BpeTokenizerTest : public QObject {
  Q_OBJECT

 private:
  std::unique_ptr<BpeTokenizer> tokenizer_;
  std::vector<Ids> hard_case_reference_;

 private slots:
  void initTestCase() {
    tokenizer_ = BpeTokenizer::from_openai_merges(shared_data(kMerges));
    std::vector<std::string> texts;
    for (const auto& hard_case : hard_cases()) texts.push_back(hard_case.second);
    hard_case_reference_ = reference_ids(texts);
  }

  void hasClipVocabularyAndSpecialTokens() {
    QCOMPARE(tokenizer_->vocab_size(), int64_t{49408});
    QCOMPARE(tokenizer_->start_token(), int64_t{49406});
    QCOMPARE(tokenizer_->end_token(), int64_t{49407});
  }

  void givesOpenAisPublishedIds_data() {
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("ids");
    QTest::newRow("cat") << "a photo of a cat." << "49406 320 1125 539 320 2368 269 49407";
    QTest::newRow("Dog") << "A photo of a Dog!" << "49406 320 1125 539 320 1929 256 49407";
    QTest::newRow("terrier") << "Wheaten terrier" << "49406 20505 576 14455 49407";
    QTest::newRow("braces") << "a photo of a {}, a type of pet."
                            << "49406 320 1125 539 320 90 92 267 320 3877 539 3703 269 49407";
    QTest::newRow("goldfinch") << "X X X X goldfinch." << "49406 343 343 343 343 4999 18523 269 49407";
  }
  void givesOpenAisPublishedIds() {
    QFETCH(QString, text);
    QFETCH(QString, ids);
    QCOMPARE(ids_text(tokenizer_->encode(text.toStdString(), 77)), ids);
  }

  void matchesReferenceOnHardCases_data() {
    QTest::addColumn<int>("index");
    for (std::size_t i = 0; i < hard_cases().size(); ++i)
      QTest::newRow(hard_cases()[i].first) << static_cast<int>(i);
  }
  void matchesReferenceOnHardCases() {
    QFETCH(int, index);
    const std::string& text = hard_cases()[static_cast<std::size_t>(index)].second;
    QCOMPARE(ids_text(tokenizer_->encode(text, 77)), ids_text(hard_case_reference_[static_cast<std::size_t>(index)]));
  }

  void matchesReferenceOnEveryCuplDescription() {
    const std::vector<std::string> texts = cupl_descriptions();
    QCOMPARE(texts.size(), std::size_t{17990});  // the counts in ../shared/data/README.md
    const std::vector<Ids> expected = reference_ids(texts);
    QCOMPARE(expected.size(), texts.size());
    std::size_t mismatches = 0;
    for (std::size_t i = 0; i < texts.size(); ++i) {
      const Ids ids = tokenizer_->encode(texts[i], 77);
      if (ids != expected[i] && ++mismatches <= 5)
        qWarning("%s\n  got      %s\n  expected %s", texts[i].c_str(), qPrintable(ids_text(ids)),
                 qPrintable(ids_text(expected[i])));
    }
    QCOMPARE(mismatches, std::size_t{0});
  }

  void tokenizesAllCuplDescriptionsQuickly() {
    const std::vector<std::string> texts = cupl_descriptions();
    const auto fresh = BpeTokenizer::from_openai_merges(shared_data(kMerges));  // empty cache
    const auto begin = std::chrono::steady_clock::now();
    std::size_t total = 0;
    for (const std::string& text : texts) total += fresh->encode(text, 77).size();
    const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - begin).count();
    qInfo("%zu descriptions, %zu ids in %.3f s", texts.size(), total, seconds);
    // Generous against a loaded CI machine; typically a few tenths of a second.
    QVERIFY2(seconds < 5.0, qPrintable(QString("took %1 s").arg(seconds)));
  }

  void cutsOverlongTextKeepingEndOfText() {
    std::string text;
    for (int i = 0; i < 100; ++i) text += "word" + std::to_string(i) + " ";
    const Ids ids = tokenizer_->encode(text, 77);
    QCOMPARE(ids.size(), std::size_t{77});
    QCOMPARE(ids.front(), int64_t{49406});
    QCOMPARE(ids.back(), int64_t{49407});
    QCOMPARE(ids_text(ids), ids_text(reference_ids({text}).at(0)));
    QCOMPARE(ids_text(tokenizer_->encode(text, 5)), ids_text(reference_ids({text}, 5).at(0)));
  }

  // Hostile input (issue 13): BPE is quadratic in a word's length and used to tokenise all
  // of a text before cutting it, so a 1 MB word never finished.
  void aHugeWordIsCutToItsFirst4096BytesFirst() {
    std::string word;
    uint32_t state = 7;
    for (int i = 0; i < 1'000'000; ++i) {
      state = state * 1664525u + 1013904223u;
      word += static_cast<char>('a' + (state >> 24) % 10);
    }
    const Ids ids = tokenizer_->encode(word, 77);
    QCOMPARE(ids.size(), std::size_t{77});
    QCOMPARE(ids_text(ids), ids_text(tokenizer_->encode(word.substr(0, BpeTokenizer::kMaxWordBytes), 77)));
  }

  void aLongTextStopsAtTheContext() {
    std::string text;
    for (int i = 0; i < 200'000; ++i) text += "w" + std::to_string(i) + " ";
    std::string start;
    for (int i = 0; i < 80; ++i) start += "w" + std::to_string(i) + " ";
    QCOMPARE(ids_text(tokenizer_->encode(text, 77)), ids_text(tokenizer_->encode(start, 77)));
    QCOMPARE(tokenizer_->encode_words(text, 10).size(), std::size_t{10});
  }

  void keepsTextOfExactlyContextLength() {
    // 75 digits + start + end = 77 ids: nothing is cut.
    const Ids ids = tokenizer_->encode(std::string(75, '7'), 77);
    QCOMPARE(ids.size(), std::size_t{77});
    QCOMPARE(ids[75], ids[1]);
    QCOMPARE(ids.back(), int64_t{49407});
  }

  void encodesEmptyTextAsStartAndEnd() {
    QCOMPARE(ids_text(tokenizer_->encode("", 77)), QString("49406 49407"));
    QCOMPARE(ids_text(tokenizer_->encode(" \t\n ", 77)), QString("49406 49407"));
  }

  void readsMalformedUtf8AsReplacementCharacters() {
    // As Python's bytes.decode("utf-8", errors="replace") reads them.
    const std::string replaced = "bad \xEF\xBF\xBD\xEF\xBF\xBD bytes \xEF\xBF\xBD";
    QCOMPARE(ids_text(tokenizer_->encode("bad \xFF\xFE bytes \xC3", 77)), ids_text(reference_ids({replaced}).at(0)));
  }

  void rejectsContextWithoutRoomForStartAndEnd() {
    QVERIFY_THROWS_EXCEPTION(protext::Error, tokenizer_->encode("cat", 1));
  }

  void showsTokenTextWithoutWordEnd() {
    QCOMPARE(QString::fromStdString(tokenizer_->token_text(1125)), QString("photo"));
    QCOMPARE(QString::fromStdString(tokenizer_->token_text(49407)), QString("<|endoftext|>"));
    // A byte token: the space byte's own character is 'Ġ' in the byte map.
    const Ids ids = tokenizer_->encode("é", 77);
    std::string joined;
    for (std::size_t i = 1; i + 1 < ids.size(); ++i) joined += tokenizer_->token_text(ids[i]);
    QCOMPARE(QString::fromStdString(joined), QString("é"));
    QVERIFY_THROWS_EXCEPTION(protext::Error, tokenizer_->token_text(49408));
    QVERIFY_THROWS_EXCEPTION(protext::Error, tokenizer_->token_text(-1));
  }

  void encodesTheSameFromSeveralThreads() {
    const std::vector<std::string> texts = cupl_descriptions();
    const auto shared = BpeTokenizer::from_openai_merges(shared_data(kMerges));
    std::vector<std::vector<Ids>> results(4);
    std::vector<std::thread> threads;
    for (std::size_t t = 0; t < results.size(); ++t)
      threads.emplace_back([&, t] {
        for (std::size_t i = t; i < texts.size(); i += 3) results[t].push_back(shared->encode(texts[i], 77));
      });
    for (auto& thread : threads) thread.join();
    for (std::size_t t = 0; t < results.size(); ++t)
      for (std::size_t k = 0; k < results[t].size(); ++k)
        QCOMPARE(results[t][k], tokenizer_->encode(texts[t + 3 * k], 77));
  }

  void readsHuggingFaceFilesToTheSameIds() {
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    run_python("clip_tokenizer.py", {"hf-files", QString::fromStdString(shared_data(kMerges)), dir.path()});
    const auto hf = BpeTokenizer::from_hf_files(dir.filePath("vocab.json").toStdString(),
                                                dir.filePath("merges.txt").toStdString());
    QCOMPARE(hf->vocab_size(), int64_t{49408});
    QCOMPARE(hf->start_token(), int64_t{49406});
    QCOMPARE(hf->end_token(), int64_t{49407});
    std::vector<std::string> texts = cupl_descriptions();
    for (const auto& hard_case : hard_cases()) texts.push_back(hard_case.second);
    for (const std::string& text : texts) QCOMPARE(hf->encode(text, 77), tokenizer_->encode(text, 77));
    QCOMPARE(hf->token_text(1125), tokenizer_->token_text(1125));
  }

  void readsUncompressedOpenAiMerges() {
    QTemporaryDir dir;
    run_python("clip_tokenizer.py", {"hf-files", QString::fromStdString(shared_data(kMerges)), dir.path()});
    // merges.txt is OpenAI's text too: a header line, then the merges.
    const auto plain = BpeTokenizer::from_openai_merges(dir.filePath("merges.txt").toStdString());
    for (const auto& hard_case : hard_cases())
      QCOMPARE(plain->encode(hard_case.second, 77), tokenizer_->encode(hard_case.second, 77));
  }

  void rejectsMissingFile() {
    QVERIFY_THROWS_EXCEPTION(protext::Error, BpeTokenizer::from_openai_merges("/nonexistent/bpe.txt.gz"));
    QVERIFY_THROWS_EXCEPTION(protext::Error, BpeTokenizer::from_hf_files("/nonexistent/vocab.json", "/nonexistent/merges.txt"));
  }

  void rejectsZeroByteFile() {
    QTemporaryDir dir;
    write_file(dir.filePath("empty.txt.gz"), {});
    QVERIFY_THROWS_EXCEPTION(protext::Error, BpeTokenizer::from_openai_merges(dir.filePath("empty.txt.gz").toStdString()));
  }

  void rejectsTruncatedGzip() {
    QTemporaryDir dir;
    const QByteArray whole = read_file(QString::fromStdString(shared_data(kMerges)));
    QVERIFY(whole.size() > 1000);
    for (qsizetype keep : {qsizetype{10}, whole.size() / 2, whole.size() - 4}) {
      write_file(dir.filePath("cut.txt.gz"), whole.left(keep));
      QVERIFY_THROWS_EXCEPTION(protext::Error, BpeTokenizer::from_openai_merges(dir.filePath("cut.txt.gz").toStdString()));
    }
  }

  void rejectsCorruptGzip() {
    QTemporaryDir dir;
    QByteArray bytes = read_file(QString::fromStdString(shared_data(kMerges)));
    for (qsizetype i = bytes.size() / 2; i < bytes.size() / 2 + 64; ++i) bytes[i] = static_cast<char>(~bytes[i]);
    write_file(dir.filePath("bad.txt.gz"), bytes);
    QVERIFY_THROWS_EXCEPTION(protext::Error, BpeTokenizer::from_openai_merges(dir.filePath("bad.txt.gz").toStdString()));
  }

  void rejectsMalformedMergeLine() {
    QTemporaryDir dir;
    run_python("clip_tokenizer.py", {"hf-files", QString::fromStdString(shared_data(kMerges)), dir.path()});
    QList<QByteArray> lines = read_file(dir.filePath("merges.txt")).split('\n');
    lines[100] = "three part line";
    write_file(dir.filePath("merges.txt"), lines.join('\n'));
    QVERIFY_THROWS_EXCEPTION(protext::Error, BpeTokenizer::from_openai_merges(dir.filePath("merges.txt").toStdString()));
    QVERIFY_THROWS_EXCEPTION(protext::Error, BpeTokenizer::from_hf_files(dir.filePath("vocab.json").toStdString(),
                                                                         dir.filePath("merges.txt").toStdString()));
    lines[100] = "onlyone";
    write_file(dir.filePath("merges.txt"), lines.join('\n'));
    QVERIFY_THROWS_EXCEPTION(protext::Error, BpeTokenizer::from_openai_merges(dir.filePath("merges.txt").toStdString()));
  }

  void rejectsTooFewMerges() {
    QTemporaryDir dir;
    write_file(dir.filePath("short.txt"), "#version: 0.2\nt h\nth e\n");
    QVERIFY_THROWS_EXCEPTION(protext::Error, BpeTokenizer::from_openai_merges(dir.filePath("short.txt").toStdString()));
  }

  void rejectsBrokenHuggingFaceVocabulary() {
    QTemporaryDir dir;
    run_python("clip_tokenizer.py", {"hf-files", QString::fromStdString(shared_data(kMerges)), dir.path()});
    const std::string vocab = dir.filePath("vocab.json").toStdString(), merges = dir.filePath("merges.txt").toStdString();
    const QByteArray good = read_file(dir.filePath("vocab.json"));
    write_file(dir.filePath("vocab.json"), good.left(good.size() / 2));
    QVERIFY_THROWS_EXCEPTION(protext::Error, BpeTokenizer::from_hf_files(vocab, merges));
    write_file(dir.filePath("vocab.json"), QByteArray(good).replace("\"<|endoftext|>\"", "\"<|end|>\""));
    QVERIFY_THROWS_EXCEPTION(protext::Error, BpeTokenizer::from_hf_files(vocab, merges));
    write_file(dir.filePath("vocab.json"), "[1, 2, 3]");
    QVERIFY_THROWS_EXCEPTION(protext::Error, BpeTokenizer::from_hf_files(vocab, merges));
  }
};

PROTEXT_TEST_SUITE(BpeTokenizerTest)
#include "bpe_tokenizer_test.moc"
