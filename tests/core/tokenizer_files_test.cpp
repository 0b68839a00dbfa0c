// Finding a model's tokenizer: --vocab, beside the weights, $PROTEXT_CLIP_VOCAB, or a
// clear error.
#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>

#include "core/clip/tokenizer_files.h"
#ifdef PROTEXT_WITH_SENTENCEPIECE
#include "core/clip/tokenizer_spm.h"
#endif
#include "core/error.h"
#include "support/fixtures.h"
#include "support/suite.h"

using protext::load_tokenizer;
using protext::test::run_python;
using protext::test::shared_data;
using Ids = std::vector<int64_t>;

namespace {

const Ids kCatIds{49406, 320, 1125, 539, 320, 2368, 269, 49407};  // OpenAI's ids for "a photo of a cat."

void copy_merges(const QString& to) { QVERIFY(QFile::copy(QString::fromStdString(shared_data("clip/bpe_simple_vocab_16e6.txt.gz")), to)); }

void write_hf_files(const QString& folder) {
  run_python("clip_tokenizer.py", {"hf-files", QString::fromStdString(shared_data("clip/bpe_simple_vocab_16e6.txt.gz")), folder});
}

void touch(const QString& path) {
  QFile file(path);
  QVERIFY(file.open(QIODevice::WriteOnly));
  file.write("weights");
}

// Sets an environment variable for one scope.
class ScopedEnv {
 public:
  ScopedEnv(const char* name, const QByteArray& value) : name_(name), old_(qgetenv(name)), had_(qEnvironmentVariableIsSet(name)) {
    qputenv(name, value);
  }
  ~ScopedEnv() {
    if (had_) qputenv(name_, old_);
    else qunsetenv(name_);
  }

 private:
  const char* name_;
  QByteArray old_;
  bool had_;
};

}  // namespace

class TokenizerFilesTest : public QObject {
  Q_OBJECT

 private slots:
  void usesTheGivenMergesFile() {
    const auto tokenizer = load_tokenizer("/nowhere/model.pt", shared_data("clip/bpe_simple_vocab_16e6.txt.gz"));
    QCOMPARE(tokenizer->encode("a photo of a cat.", 77), kCatIds);
  }

  void usesTheGivenHuggingFaceFolderOrFile() {
    QTemporaryDir dir;
    write_hf_files(dir.path());
    QCOMPARE(load_tokenizer("", dir.path().toStdString())->encode("a photo of a cat.", 77), kCatIds);
    QCOMPARE(load_tokenizer("", dir.filePath("vocab.json").toStdString())->encode("a photo of a cat.", 77), kCatIds);
  }

  void findsMergesBesideTheWeightsFile() {
    QTemporaryDir dir;
    copy_merges(dir.filePath("bpe_simple_vocab_16e6.txt.gz"));
    touch(dir.filePath("ViT-B-32.pt"));
    QCOMPARE(load_tokenizer(dir.filePath("ViT-B-32.pt").toStdString())->encode("a photo of a cat.", 77), kCatIds);
  }

  void findsHuggingFaceFilesInsideTheModelFolder() {
    QTemporaryDir dir;
    write_hf_files(dir.path());
    QCOMPARE(load_tokenizer(dir.path().toStdString())->encode("a photo of a cat.", 77), kCatIds);
  }

#ifdef PROTEXT_WITH_SENTENCEPIECE
  void findsSentencepieceModelBesideTheWeights() {
    QTemporaryDir dir;
    protext::train_spm_model({"a photo of a cat.", "a photo of a dog.", "a drawing of a bird."},
                             dir.filePath("tokenizer").toStdString(), 30);
    touch(dir.filePath("mini.safetensors"));
    const auto tokenizer = load_tokenizer(dir.filePath("mini.safetensors").toStdString());
    QVERIFY(dynamic_cast<protext::SpmTokenizer*>(tokenizer.get()) != nullptr);
    QCOMPARE(tokenizer->start_token(), int64_t{1});
  }
#endif

  void fallsBackToTheEnvironment() {
    QTemporaryDir empty;
    ScopedEnv env("PROTEXT_CLIP_VOCAB", QByteArray::fromStdString(shared_data("clip/bpe_simple_vocab_16e6.txt.gz")));
    QCOMPARE(load_tokenizer(empty.filePath("model.safetensors").toStdString())->encode("a photo of a cat.", 77), kCatIds);
  }

  void asksForVocabWhenNothingIsFound() {
    QTemporaryDir empty;
    ScopedEnv env("PROTEXT_CLIP_VOCAB", "");
    try {
      load_tokenizer(empty.filePath("model.safetensors").toStdString());
      QFAIL("no error");
    } catch (const protext::Error& error) {
      QVERIFY2(QString(error.what()).contains("--vocab"), error.what());
    }
  }

  void rejectsAMissingGivenFile() {
    QVERIFY_THROWS_EXCEPTION(protext::Error, load_tokenizer("", "/nowhere/bpe.txt.gz"));
    QTemporaryDir empty;
    QVERIFY_THROWS_EXCEPTION(protext::Error, load_tokenizer("", empty.path().toStdString()));
  }
};

PROTEXT_TEST_SUITE(TokenizerFilesTest)
#include "tokenizer_files_test.moc"
