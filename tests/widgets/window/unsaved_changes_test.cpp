// Unsaved class edits are never lost without asking (issue 11): New Project, Open Project
// and Quit ask "Save the project before …?"; Cancel changes nothing, Save writes the
// project first, Discard goes on, and a clean list is never asked about.
#include <QApplication>
#include <QTemporaryDir>
#include <QTest>
#include <QUndoStack>

#include "support/bare_window.h"
#include "support/fixtures.h"
#include "support/suite.h"
#include "widgets/models/ClassListModel.h"
#include "widgets/window/MainWindow.h"
#include "widgets/window/ProjectFile.h"

using namespace protext;

class UnsavedChangesTest : public QObject {
  Q_OBJECT
  QTemporaryDir home_;
  std::unique_ptr<MainWindow> window_;
  QStringList questions_;
  QMessageBox::StandardButton answer_ = QMessageBox::Cancel;
  QString project_;

  ClassListModel* classes() const { return window_->classModel(); }

 private slots:
  void init() {
    test::use_private_settings(home_.path());
    window_ = test::bare_window();
    questions_.clear();
    window_->setUnsavedChangesAnswer([this](const QString& question) {
      questions_ << question;
      return answer_;
    });
    // A saved project, then one more class that is not saved yet.
    project_ = home_.filePath(QStringLiteral("pets-%1.protext").arg(QTest::currentTestFunction()));
    QCOMPARE(classes()->addClasses({"beagle", "pug"}), 2);
    QVERIFY(window_->saveProject(project_));
    QVERIFY(window_->undoStack()->isClean());
    QCOMPARE(classes()->addClasses({"sphynx"}), 1);
    QVERIFY(!window_->undoStack()->isClean());
  }

  void cancelKeepsTheEditsAndTheWindow() {
    answer_ = QMessageBox::Cancel;
    window_->newProject();
    QCOMPARE(classes()->classes(), (QStringList{"beagle", "pug", "sphynx"}));
    QVERIFY(!window_->openProject(project_));
    QCOMPARE(classes()->classes(), (QStringList{"beagle", "pug", "sphynx"}));
    window_->show();
    QVERIFY(!window_->close());
    QVERIFY(window_->isVisible());
    QCOMPARE(questions_.size(), 3);
    QVERIFY(questions_[0].contains("new"));
    QVERIFY(questions_[1].contains("opening"));
    QVERIFY(questions_[2].contains("quitting"));
    QVERIFY(!window_->undoStack()->isClean());
  }

  void saveWritesTheProjectBeforeStartingANewOne() {
    answer_ = QMessageBox::Save;
    window_->newProject();
    QCOMPARE(ProjectFile::read(project_).classes, (QStringList{"beagle", "pug", "sphynx"}));
    QVERIFY(classes()->classes().isEmpty());
    QCOMPARE(questions_.size(), 1);
  }

  void discardOpensTheSavedProjectWithoutTheEdits() {
    answer_ = QMessageBox::Discard;
    QVERIFY(window_->openProject(project_));
    QCOMPARE(classes()->classes(), (QStringList{"beagle", "pug"}));
    QCOMPARE(ProjectFile::read(project_).classes, (QStringList{"beagle", "pug"}));
    QCOMPARE(questions_.size(), 1);
    // A clean list is not asked about.
    window_->newProject();
    QCOMPARE(questions_.size(), 1);
  }
};

PROTEXT_TEST_SUITE(UnsavedChangesTest)
#include "unsaved_changes_test.moc"
