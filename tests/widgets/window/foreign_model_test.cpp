// A project file from someone else (issue 13) names the model it opens. One inside the
// project's folder, or one opened here before, opens as before; one from another folder is
// opened only when the user says so, and declining leaves the current model and loads no
// prompts onto it.
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QSignalSpy>
#include <QStatusBar>
#include <QTemporaryDir>
#include <QTest>

#include "support/bare_window.h"
#include "support/fixtures.h"
#include "support/suite.h"
#include "widgets/models/ClassListModel.h"
#include "widgets/window/MainWindow.h"
#include "widgets/window/ProjectFile.h"

using namespace protext;

class ForeignModelTest : public QObject {
  Q_OBJECT
  QTemporaryDir home_;
  std::unique_ptr<MainWindow> window_;
  QStringList questions_;
  bool answer_ = false;

  // A project in its own folder naming `model`, which is not a CLIP checkpoint: opening it
  // shows an error, so whether it was opened can be seen.
  QString project(const QString& folder, const QString& model) {
    QDir().mkpath(folder);
    QDir().mkpath(QFileInfo(model).absolutePath());
    test::write_file(model, "not a model at all");
    ProjectData data;
    data.classes = {"beagle", "pug"};
    data.modelPath = model;
    const QString path = folder + "/pets.protext";
    ProjectFile::write(path, data);
    return path;
  }

 private slots:
  void init() {
    test::use_private_settings(home_.path());
    window_ = test::bare_window();
    questions_.clear();
    window_->setForeignModelQuestion([this](const QString& question) {
      questions_ << question;
      return answer_;
    });
  }

  void aModelFromAnotherFolderIsOpenedOnlyWhenTheUserSaysSo() {
    QTemporaryDir dir;
    const QString path = project(dir.filePath("project"), dir.filePath("elsewhere/evil.pt"));
    QSignalSpy errors(window_.get(), &MainWindow::errorShown);
    answer_ = false;
    QVERIFY(window_->openProject(path));
    QCOMPARE(questions_.size(), 1);
    QVERIFY2(questions_.front().contains("“evil.pt” from another folder"), qPrintable(questions_.front()));
    QVERIFY(questions_.front().contains(QDir::toNativeSeparators(dir.filePath("elsewhere"))));
    QCOMPARE(window_->classModel()->classes(), (QStringList{"beagle", "pug"}));  // the rest of the project opened
    QTest::qWait(200);
    QCOMPARE(errors.count(), 0);  // the model was never read
    QVERIFY(window_->statusBar()->currentMessage().startsWith("The project's model was not opened"));

    answer_ = true;
    QVERIFY(window_->openProject(path));
    QCOMPARE(questions_.size(), 2);
    QVERIFY(errors.wait(20000));  // read, and refused for what it is
    QVERIFY2(errors.front().front().toString().contains("not a CLIP checkpoint"),
             qPrintable(errors.front().front().toString()));
  }

  void aModelInsideTheProjectFolderIsNotAskedAbout() {
    QTemporaryDir dir;
    const QString path = project(dir.filePath("project"), dir.filePath("project/models/model.safetensors"));
    QSignalSpy errors(window_.get(), &MainWindow::errorShown);
    QVERIFY(window_->openProject(path));
    QVERIFY(questions_.isEmpty());
    QVERIFY(errors.wait(20000));  // opened straight away
  }
};

PROTEXT_TEST_SUITE(ForeignModelTest)
#include "foreign_model_test.moc"
