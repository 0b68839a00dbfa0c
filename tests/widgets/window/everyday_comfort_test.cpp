// First start and everyday comfort (issue 11): a newcomer sees the examples once, projects
// come back from a recent list, Preferences has a key, prompts loaded from a file can be
// saved again, and counts read "1 class", "2 classes".
#include <QAction>
#include <QCoreApplication>
#include <QMenu>
#include <QMenuBar>
#include <QSettings>
#include <QSignalSpy>
#include <QStatusBar>
#include <QTemporaryDir>
#include <QTest>

#include "core/runtime/resources.h"
#include "support/bare_window.h"
#include "support/fixtures.h"
#include "support/suite.h"
#include "widgets/common/StudioSettings.h"
#include "widgets/models/ClassListModel.h"
#include "widgets/models/ImageListModel.h"
#include "widgets/panels/ImagesPanel.h"
#include "widgets/panels/TrainingPanel.h"
#include "widgets/window/MainWindow.h"

using namespace protext;

namespace {

std::unique_ptr<MainWindow> firstStartWindow() {
  MainWindow::Options options;
  options.interactive = false;
  options.openEmbeddedModel = false;  // the examples open it themselves
  options.examplesOnFirstStart = true;
  return std::make_unique<MainWindow>(options);
}

QMenu* recentMenu(MainWindow& window) { return window.menuBar()->findChild<QMenu*>(QStringLiteral("recentProjectsMenu")); }

QStringList recentEntries(MainWindow& window) {
  QMenu* menu = recentMenu(window);
  emit menu->aboutToShow();
  QStringList paths;
  for (QAction* action : menu->actions())
    if (action->data().isValid()) paths << action->data().toString();
  return paths;
}

}  // namespace

class EverydayComfortTest : public QObject {
  Q_OBJECT
  QTemporaryDir home_;

 private slots:
  void init() {
    test::use_private_settings(home_.path());
    StudioSettings().raw().clear();
  }

  void theFirstStartShowsTheExamplesAndLaterStartsDoNot() {
    {
      auto window = firstStartWindow();
      QCOMPARE(window->imagesPanel()->imageModel()->rowCount(), 24);
      QCOMPARE(window->classModel()->count(), 48);  // the demo classes they belong to
      QVERIFY2(window->statusBar()->currentMessage().startsWith("Examples: 24 images"),
               qPrintable(window->statusBar()->currentMessage()));
    }
    auto again = firstStartWindow();
    QCOMPARE(again->imagesPanel()->imageModel()->rowCount(), 0);
  }

  void loadExamplesAsksBeforeReplacingUnsavedClasses() {
    auto window = test::bare_window();
    window->classModel()->addClasses({QStringLiteral("my own class")});
    QStringList asked;
    window->setUnsavedChangesAnswer([&](const QString& question) {
      asked << question;
      return QMessageBox::Cancel;
    });
    QVERIFY(!window->loadExamples());
    QCOMPARE(asked.size(), 1);
    QCOMPARE(window->classModel()->classes(), QStringList{"my own class"});
    QCOMPARE(window->imagesPanel()->imageModel()->rowCount(), 0);
    window->setUnsavedChangesAnswer([](const QString&) { return QMessageBox::Discard; });
    QVERIFY(window->loadExamples());
    QCOMPARE(window->classModel()->count(), 48);
    QCOMPARE(window->imagesPanel()->imageModel()->rowCount(), 24);
  }

  void savedAndOpenedProjectsAreListedNewestFirst() {
    auto window = test::bare_window();
    QTemporaryDir dir;
    window->classModel()->addClasses({QStringLiteral("heron")});
    const QString first = dir.filePath("first.protext"), second = dir.filePath("second.protext");
    QVERIFY(window->saveProject(first));
    QVERIFY(window->saveProject(second));
    QCOMPARE(recentEntries(*window), (QStringList{second, first}));
    QVERIFY(window->openProject(first));
    QCOMPARE(recentEntries(*window), (QStringList{first, second}));

    // A project that has gone says so and leaves the list.
    QVERIFY(QFile::remove(second));
    QSignalSpy errors(window.get(), &MainWindow::errorShown);
    emit recentMenu(*window)->aboutToShow();
    for (QAction* action : recentMenu(*window)->actions())
      if (action->data().toString() == second) action->trigger();
    QCOMPARE(errors.count(), 1);
    QVERIFY2(errors.at(0).at(0).toString().contains("no longer exists"), qPrintable(errors.at(0).at(0).toString()));
    QCOMPARE(recentEntries(*window), QStringList{first});
  }

  void theRecentListKeepsEightProjects() {
    StudioSettings settings;
    for (int i = 0; i < 10; ++i) settings.addRecentProject(QStringLiteral("/p/%1.protext").arg(i));
    settings.addRecentProject(QStringLiteral("/p/5.protext"));
    const QStringList recent = settings.recentProjects();
    QCOMPARE(recent.size(), 8);
    QCOMPARE(recent.front(), QStringLiteral("/p/5.protext"));
    QCOMPARE(recent.count(QStringLiteral("/p/5.protext")), 1);
    QCOMPARE(recent[1], QStringLiteral("/p/9.protext"));
  }

  void preferencesHaveAKey() {
    auto window = test::bare_window();
    QAction* preferences = nullptr;
    for (QAction* action : window->findChildren<QAction*>())
      if (action->text() == QStringLiteral("&Preferences…")) preferences = action;
    QVERIFY(preferences);
    QVERIFY(!preferences->shortcut().isEmpty());
  }

  void promptsLoadedFromAFileCanBeSavedAgain() {
    TrainingPanel panel;
    panel.setInteractive(false);
    QVERIFY(!panel.savePromptsAction()->isEnabled());
    QTemporaryDir dir;
    const QString loaded = dir.filePath("loaded.safetensors");
    QFile file(loaded);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write("prompt bytes");
    file.close();
    panel.setPromptsFile(loaded);
    QVERIFY(panel.savePromptsAction()->isEnabled());
    QVERIFY(panel.savePromptsTo(dir.filePath("copy.safetensors")));
    QFile copy(dir.filePath("copy.safetensors"));
    QVERIFY(copy.open(QIODevice::ReadOnly));
    QCOMPARE(copy.readAll(), QByteArray("prompt bytes"));
  }

  void aLanguageSwitchRestartsOnTheSameProject() {
    auto window = test::bare_window();
    window->show();
    QStringList started;
    bool answer = false;
    window->setRestartHandlers([&] { return answer; },
                               [&](const QStringList& arguments) {
                                 started = arguments;
                                 return true;
                               });
    QVERIFY(!window->restartForLanguage());  // declined: nothing starts, the window stays
    QVERIFY(started.isEmpty());
    QVERIFY(window->isVisible());

    // An unsaved project: the images come back (the embedded model opens by itself).
    const QString image = QString::fromStdString(resource_path("examples/blicket__1.png"));
    window->imagesPanel()->addPaths({image});
    answer = true;
    QVERIFY(window->restartForLanguage());
    QCOMPARE(started, QStringList{image});
    QVERIFY(!window->isVisible());

    // A saved project with new edits: they are settled first, then the project reopens.
    auto second = test::bare_window();
    second->show();
    QTemporaryDir dir;
    const QString project = dir.filePath("birds.protext");
    second->classModel()->addClasses({QStringLiteral("heron")});
    QVERIFY(second->saveProject(project));
    second->classModel()->addClasses({QStringLiteral("egret")});
    QStringList asked;
    second->setUnsavedChangesAnswer([&](const QString& question) {
      asked << question;
      return QMessageBox::Discard;
    });
    second->setRestartHandlers([] { return true; },
                               [&](const QStringList& arguments) {
                                 started = arguments;
                                 return true;
                               });
    QVERIFY(second->restartForLanguage());
    QCOMPARE(asked.size(), 1);  // once: closing does not ask again
    QCOMPARE(started, QStringList{project});
  }

  void countsUseTheSingularForOne() {
    const auto classes = [](int n) {
      return QCoreApplication::translate("protext::ClassListEditor", "%n classes", nullptr, n);
    };
    QCOMPARE(classes(1), QStringLiteral("1 class"));
    QCOMPARE(classes(2), QStringLiteral("2 classes"));
    QCOMPARE(QCoreApplication::translate("protext::ImagesPanel", "%n images", nullptr, 1), QStringLiteral("1 image"));
  }
};

PROTEXT_TEST_SUITE(EverydayComfortTest)
#include "everyday_comfort_test.moc"
