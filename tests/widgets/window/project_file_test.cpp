#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>
#include <memory>

#include "support/suite.h"
#include "widgets/window/ProjectFile.h"

using protext::ProjectData;
using protext::ProjectFile;
using protext::ProjectFileError;

class ProjectFileTest : public QObject {
  Q_OBJECT
 private slots:
  void init();
  void roundTripGivesEqualData();
  void storesPathsUnderTheProjectFolderRelatively();
  void keepsPathsOutsideTheProjectFolderAbsolute();
  void resolvesRelativePathsAgainstTheProjectFolderOnRead();
  void writesDescriptionsInClassOrder();
  void unicodeClassNamesSurvive();
  void malformedJsonNamesFileAndOffset();
  void wrongFieldTypeNamesFileAndField();
  void wrongFieldTypeNamesFileAndField_data();
  void futureVersionIsRejected();
  void topLevelArrayIsRejected();
  void missingFileNamesFile();
  void missingOptionalFieldsGiveDefaults();

 private:
  QString writeText(const QString& name, const QByteArray& text);
  QString errorOf(const QString& path);
  QJsonObject rawJson(const QString& path);
  ProjectData sample() const;
  std::unique_ptr<QTemporaryDir> dir_;
};

void ProjectFileTest::init() {
  dir_ = std::make_unique<QTemporaryDir>();
  QVERIFY(dir_->isValid());
}

QString ProjectFileTest::writeText(const QString& name, const QByteArray& text) {
  const QString path = dir_->filePath(name);
  QFile f(path);
  if (!f.open(QIODevice::WriteOnly)) return {};
  f.write(text);
  return path;
}

QString ProjectFileTest::errorOf(const QString& path) {
  try {
    ProjectFile::read(path);
  } catch (const ProjectFileError& e) {
    return QString::fromUtf8(e.what());
  }
  return {};
}

QJsonObject ProjectFileTest::rawJson(const QString& path) {
  QFile f(path);
  if (!f.open(QIODevice::ReadOnly)) return {};
  return QJsonDocument::fromJson(f.readAll()).object();
}

ProjectData ProjectFileTest::sample() const {
  ProjectData d;
  d.modelPath = dir_->filePath("models/ViT-B-16.pt");
  d.device = "cuda:1";
  d.classes = QStringList{"tabby cat", "golden retriever", "airliner"};
  d.descriptions["tabby cat"] = QStringList{"A tabby cat has a striped coat.", "It has an M on its forehead."};
  d.descriptions["airliner"] = QStringList{"A large passenger aircraft with two engines."};
  d.promptsPath = dir_->filePath("prompts/imagenet-4x9.safetensors");
  protext::TrainConfig training = protext::preset_config("text-only");
  training.epochs = 120;
  training.lr = 0.00125;
  training.text_template = "a sketch of a {}.";
  d.training = training;
  d.imageSettings = QJsonObject{{"resize", "bicubic"}, {"size", 224}};
  d.images = QStringList{dir_->filePath("images/cat 1.jpg"), dir_->filePath("images/plane.png")};
  return d;
}

void ProjectFileTest::roundTripGivesEqualData() {
  const ProjectData original = sample();
  const QString path = dir_->filePath("study.protext");
  ProjectFile::write(path, original);
  const ProjectData back = ProjectFile::read(path);
  QCOMPARE(back.modelPath, original.modelPath);
  QCOMPARE(back.device, QString("cuda:1"));
  QCOMPARE(back.classes, original.classes);
  QCOMPARE(back.descriptions, original.descriptions);
  QCOMPARE(back.promptsPath, original.promptsPath);
  QVERIFY(back.training.has_value());
  QVERIFY(*back.training == *original.training);
  QCOMPARE(back.imageSettings, original.imageSettings);
  QCOMPARE(back.images, original.images);
  QCOMPARE(back.version, 1);
  QVERIFY(back == original);
  // No temporary file is left beside the project.
  QCOMPARE(QDir(dir_->path()).entryList(QDir::Files), QStringList{"study.protext"});
}

void ProjectFileTest::storesPathsUnderTheProjectFolderRelatively() {
  const QString path = dir_->filePath("study.protext");
  ProjectFile::write(path, sample());
  const QJsonObject json = rawJson(path);
  QCOMPARE(json.value("model").toString(), QString("models/ViT-B-16.pt"));
  QCOMPARE(json.value("prompts").toString(), QString("prompts/imagenet-4x9.safetensors"));
  QCOMPARE(json.value("images").toArray().at(0).toString(), QString("images/cat 1.jpg"));
  QCOMPARE(json.value("images").toArray().at(1).toString(), QString("images/plane.png"));
}

void ProjectFileTest::keepsPathsOutsideTheProjectFolderAbsolute() {
  QDir(dir_->path()).mkpath("projects/a");
  const QString path = dir_->filePath("projects/a/study.protext");
  ProjectData d;
  d.modelPath = dir_->filePath("shared/model.safetensors");  // a sibling folder
  d.promptsPath = ":/models/mini/prompts.safetensors";      // embedded resource
  d.images = QStringList{"/data/imagenet/val/n01440764/x.JPEG"};
  ProjectFile::write(path, d);
  const QJsonObject json = rawJson(path);
  QCOMPARE(json.value("model").toString(), QDir::cleanPath(dir_->filePath("shared/model.safetensors")));
  QCOMPARE(json.value("prompts").toString(), QString(":/models/mini/prompts.safetensors"));
  QCOMPARE(json.value("images").toArray().at(0).toString(), QString("/data/imagenet/val/n01440764/x.JPEG"));
  const ProjectData back = ProjectFile::read(path);
  QCOMPARE(back.modelPath, d.modelPath);
  QCOMPARE(back.promptsPath, d.promptsPath);
  QCOMPARE(back.images, d.images);
}

void ProjectFileTest::resolvesRelativePathsAgainstTheProjectFolderOnRead() {
  QDir(dir_->path()).mkpath("moved/here");
  const QString path = writeText("moved/here/p.protext",
                                 "{\"version\": 1, \"model\": \"m/clip.pt\", \"images\": [\"../x.png\", \"y.png\"]}");
  const ProjectData d = ProjectFile::read(path);
  QCOMPARE(d.modelPath, QDir::cleanPath(dir_->filePath("moved/here/m/clip.pt")));
  QCOMPARE(d.images, (QStringList{QDir::cleanPath(dir_->filePath("moved/x.png")),
                                  QDir::cleanPath(dir_->filePath("moved/here/y.png"))}));
}

void ProjectFileTest::writesDescriptionsInClassOrder() {
  ProjectData d;
  d.classes = QStringList{"zebra", "apple", "mango"};
  d.descriptions["apple"] = QStringList{"red fruit"};
  d.descriptions["zebra"] = QStringList{"striped horse"};
  d.descriptions["mango"] = QStringList{"yellow fruit"};
  const QString path = dir_->filePath("order.protext");
  ProjectFile::write(path, d);
  QFile f(path);
  QVERIFY(f.open(QIODevice::ReadOnly));
  const QByteArray text = f.readAll();
  const qsizetype descriptions = text.indexOf("\"descriptions\"");
  const qsizetype zebra = text.indexOf("\"zebra\": [", descriptions);
  const qsizetype apple = text.indexOf("\"apple\": [", descriptions);
  const qsizetype mango = text.indexOf("\"mango\": [", descriptions);
  QVERIFY(descriptions > 0);
  QVERIFY2(zebra > 0 && zebra < apple && apple < mango, text.constData());
}

void ProjectFileTest::unicodeClassNamesSurvive() {
  ProjectData d;
  d.classes = QStringList{"猫", "金毛寻回犬", "Ærø ferry", "crème brûlée", "🦜 parrot"};
  d.descriptions["猫"] = QStringList{"一种小型家养食肉动物。"};
  d.descriptions["🦜 parrot"] = QStringList{"A bird with a hooked beak \"and\" bright feathers\\."};
  const QString path = dir_->filePath("统一码.protext");
  ProjectFile::write(path, d);
  const ProjectData back = ProjectFile::read(path);
  QCOMPARE(back.classes, d.classes);
  QCOMPARE(back.descriptions, d.descriptions);
  // Stored as UTF-8 text, not \u escapes, so the file stays readable in an editor.
  QFile f(path);
  QVERIFY(f.open(QIODevice::ReadOnly));
  QVERIFY(f.readAll().contains(QString("金毛寻回犬").toUtf8()));
}

void ProjectFileTest::malformedJsonNamesFileAndOffset() {
  const QString path = writeText("broken.protext", "{\"version\": 1, \"classes\": [\"cat\" \"dog\"]}");
  const QString message = errorOf(path);
  QVERIFY2(message.contains("broken.protext"), qPrintable(message));
  QVERIFY2(message.contains("malformed JSON at byte 34"), qPrintable(message));
}

void ProjectFileTest::wrongFieldTypeNamesFileAndField_data() {
  QTest::addColumn<QByteArray>("json");
  QTest::addColumn<QString>("expected");
  QTest::newRow("classes not array") << QByteArray("{\"version\": 1, \"classes\": \"cat\"}")
                                     << "field 'classes' is a string, expected an array of strings";
  QTest::newRow("class not string") << QByteArray("{\"version\": 1, \"classes\": [\"cat\", 7]}")
                                    << "field 'classes[1]' is a number, expected a string";
  QTest::newRow("model not string") << QByteArray("{\"version\": 1, \"model\": 3}")
                                    << "field 'model' is a number, expected a string";
  QTest::newRow("training not object") << QByteArray("{\"version\": 1, \"trainingSettings\": [1]}")
                                       << "field 'trainingSettings' is an array, expected an object";
  // The training block is the core's (config_from_json): a bad value names its key.
  QTest::newRow("training value") << QByteArray("{\"version\": 1, \"trainingSettings\": {\"lr\": \"fast\"}}")
                                  << "field 'trainingSettings': training setting 'lr' must be a number";
  QTest::newRow("training range") << QByteArray("{\"version\": 1, \"trainingSettings\": {\"epochs\": 0}}")
                                  << "field 'trainingSettings': training setting 'epochs' must be at least 1";
  QTest::newRow("description not list") << QByteArray("{\"version\": 1, \"descriptions\": {\"cat\": \"furry\"}}")
                                        << "field 'descriptions.cat' is a string, expected an array of strings";
  QTest::newRow("version string") << QByteArray("{\"version\": \"1\"}")
                                  << "field 'version' is a string, expected an integer";
  QTest::newRow("version missing") << QByteArray("{\"classes\": []}") << "field 'version' is missing";
}

void ProjectFileTest::wrongFieldTypeNamesFileAndField() {
  QFETCH(QByteArray, json);
  QFETCH(QString, expected);
  const QString path = writeText("typed.protext", json);
  const QString message = errorOf(path);
  QVERIFY2(message.startsWith(QDir::toNativeSeparators(path) + ": "), qPrintable(message));
  QVERIFY2(message.contains(expected), qPrintable(message));
}

void ProjectFileTest::futureVersionIsRejected() {
  const QString path = writeText("future.protext", "{\"version\": 2, \"classes\": [\"cat\"]}");
  const QString message = errorOf(path);
  QVERIFY2(message.contains("future.protext"), qPrintable(message));
  QVERIFY2(message.contains("newer") && message.contains("version 2"), qPrintable(message));
}

void ProjectFileTest::topLevelArrayIsRejected() {
  const QString path = writeText("list.protext", "[1, 2]");
  const QString message = errorOf(path);
  QVERIFY2(message.contains("list.protext") && message.contains("expected a JSON object"), qPrintable(message));
}

void ProjectFileTest::missingFileNamesFile() {
  const QString message = errorOf(dir_->filePath("absent.protext"));
  QVERIFY2(message.contains("absent.protext") && message.contains("cannot open"), qPrintable(message));
}

void ProjectFileTest::missingOptionalFieldsGiveDefaults() {
  const ProjectData d = ProjectFile::read(writeText("minimal.protext", "{\"version\": 1}"));
  QVERIFY(d == ProjectData());
}

PROTEXT_TEST_SUITE(ProjectFileTest)
#include "project_file_test.moc"
