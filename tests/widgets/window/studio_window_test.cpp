// The whole studio on the embedded mini model, as a user drives it: an image dropped on
// the window is classified by every method, class-list edits re-classify it and undo
// restores it, training plots its loss while the window stays responsive and stops within
// a second, a finished run becomes the ProText method, evaluation fills its table and
// confusion matrix, and the Chinese translation leaves no English on screen.
#include <QAbstractButton>
#include <QApplication>
#include <QComboBox>
#include <QDockWidget>
#include <QDropEvent>
#include <QElapsedTimer>
#include <QFile>
#include <QGroupBox>
#include <QLabel>
#include <QLineEdit>
#include <QMenuBar>
#include <QMimeData>
#include <QRegularExpression>
#include <QSettings>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTabBar>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>
#include <QUndoStack>
#include <qcustomplot.h>

#include <cmath>
#include <filesystem>

#include "core/miniworld/render.h"
#include "core/runtime/resources.h"
#include "support/fixtures.h"
#include "support/suite.h"
#include "widgets/common/MethodStyle.h"
#include "widgets/common/Prediction.h"
#include "widgets/common/Translations.h"
#include "widgets/engine/TrainingService.h"
#include "widgets/models/ClassListModel.h"
#include "widgets/models/EvaluationTableModel.h"
#include "widgets/models/ImageListModel.h"
#include "widgets/panels/EvaluatePanel.h"
#include "widgets/panels/ImagesPanel.h"
#include "widgets/panels/PromptsPanel.h"
#include "widgets/panels/TrainingPanel.h"
#include "widgets/views/EvaluationView.h"
#include "widgets/views/LossPlot.h"
#include "widgets/views/MethodComparisonView.h"
#include "widgets/window/MainWindow.h"

using namespace protext;

namespace {

QString firstExample() {
  return QString::fromStdString(resource_path("examples/blicket__1.png"));
}

void dropFiles(QWidget* target, const QStringList& paths) {
  QMimeData mime;
  QList<QUrl> urls;
  for (const auto& p : paths) urls << QUrl::fromLocalFile(p);
  mime.setUrls(urls);
  const QPointF centre(target->width() / 2.0, target->height() / 2.0);
  QDragEnterEvent enter(centre.toPoint(), Qt::CopyAction, &mime, Qt::LeftButton, Qt::NoModifier);
  QApplication::sendEvent(target, &enter);
  QDropEvent drop(centre, Qt::CopyAction, &mime, Qt::LeftButton, Qt::NoModifier);
  QApplication::sendEvent(target, &drop);
}

// Every string a user can read on the window and its menus.
QStringList visibleTexts(QMainWindow& window) {
  QStringList texts;
  for (QWidget* w : window.findChildren<QWidget*>()) {
    if (!w->isVisibleTo(&window)) continue;
    if (auto* l = qobject_cast<QLabel*>(w)) texts << l->text();
    if (auto* b = qobject_cast<QAbstractButton*>(w)) texts << b->text() << b->toolTip();
    if (auto* g = qobject_cast<QGroupBox*>(w)) texts << g->title();
    if (auto* d = qobject_cast<QDockWidget*>(w)) texts << d->windowTitle();
    if (auto* e = qobject_cast<QLineEdit*>(w)) texts << e->placeholderText();
    if (auto* t = qobject_cast<QTabBar*>(w))
      for (int i = 0; i < t->count(); ++i) texts << t->tabText(i);
    if (auto* c = qobject_cast<QComboBox*>(w))
      for (int i = 0; i < c->count(); ++i) texts << c->itemText(i);
    if (auto* p = qobject_cast<QCustomPlot*>(w))
      for (QCPAxis* axis : p->findChildren<QCPAxis*>()) texts << axis->label();
  }
  std::function<void(QMenu*)> walk = [&](QMenu* menu) {
    texts << menu->title();
    for (QAction* a : menu->actions()) {
      texts << a->text() << a->toolTip();
      if (a->menu()) walk(a->menu());
    }
  };
  for (QAction* a : window.menuBar()->actions())
    if (a->menu()) walk(a->menu());
  return texts;
}

}  // namespace

class StudioWindowTest : public QObject {
  Q_OBJECT
  QTemporaryDir home_;
  std::unique_ptr<MainWindow> window_;

  ImagesPanel* images() { return window_->imagesPanel(); }

  bool probabilitiesSumToOne(const QString& path) {
    const int row = images()->imageModel()->indexOf(path);
    const QVector<float> embedding = images()->imageModel()->image(row).embedding;
    for (const QString& method : window_->classifiers().methods) {
      const QVector<double> p = classProbabilities(window_->classifiers(), method, embedding);
      double sum = 0;
      for (double v : p) sum += v;
      if (p.size() != window_->classifiers().classes.size() || std::abs(sum - 1.0) > 1e-6) return false;
    }
    return true;
  }

 private slots:
  void initTestCase() {
    test::use_private_settings(home_.path());
    MainWindow::Options options;
    options.interactive = false;
    window_ = std::make_unique<MainWindow>(options);
    window_->resize(1600, 1000);
    window_->show();
    QTRY_COMPARE_WITH_TIMEOUT(window_->classifiers().methods.size(), 3, 180000);
    QCOMPARE(window_->classifiers().classes.size(), 48);
  }

  void droppingAnExampleImageFillsEveryMethodsChart() {
    dropFiles(images(), {firstExample()});
    QTRY_COMPARE_WITH_TIMEOUT(images()->currentPredictions().size(), 3, 60000);
    MethodComparisonView* view = images()->comparisonView();
    QCOMPARE(view->methodCount(), 3);
    QVERIFY(probabilitiesSumToOne(firstExample()));
    for (int m = 0; m < view->methodCount(); ++m) {
      const QVector<double> shown = view->shownProbabilities(m);
      QCOMPARE(shown.size(), 5);
      QVERIFY(std::is_sorted(shown.rbegin(), shown.rend()));
      QCOMPARE(shown, images()->currentPredictions()[m].probabilities);
    }
  }

  void editingTheClassListReclassifiesAndUndoRestores() {
    const auto before = images()->currentPredictions();
    const QString top = before[0].labels[0];
    window_->classModel()->removeClasses({window_->classModel()->rowOf(top)});
    QTRY_COMPARE_WITH_TIMEOUT(window_->classifiers().classes.size(), 47, 60000);
    QTRY_VERIFY(!images()->currentPredictions().isEmpty());
    QVERIFY(images()->currentPredictions()[0].labels[0] != top);
    window_->undoStack()->undo();
    QTRY_COMPARE_WITH_TIMEOUT(window_->classifiers().classes.size(), 48, 60000);
    QTRY_COMPARE(images()->currentPredictions()[0].labels, before[0].labels);
    for (int m = 0; m < before.size(); ++m)
      for (int i = 0; i < before[m].probabilities.size(); ++i)
        QVERIFY(std::abs(images()->currentPredictions()[m].probabilities[i] - before[m].probabilities[i]) < 1e-9);
  }

  void aClassWithoutDescriptionsKeepsTheDescriptionsChartWithANoteNamingIt() {
    window_->classModel()->addClasses({QStringLiteral("zorbling")});
    QTRY_COMPARE_WITH_TIMEOUT(window_->classifiers().classes.size(), 49, 60000);
    QVERIFY(!window_->classifiers().methods.contains("descriptions"));
    MethodComparisonView* view = images()->comparisonView();
    QTRY_COMPARE(view->methodCount(), 3);
    QCOMPARE(images()->currentPredictions()[2].method, QStringLiteral("descriptions"));
    QLabel* note = view->noteLabel(2);
    QVERIFY(note->isVisible());
    QVERIFY(!view->plot(2)->isVisible());
    QVERIFY2(note->text().contains("1 class without descriptions") && note->text().contains("'zorbling'"),
             qPrintable(note->text()));
    QVERIFY(view->titleLabel(2)->text().contains("not available"));
    // The methods that did run are unchanged by the note beside them.
    QVERIFY(view->plot(0)->isVisible());
    QCOMPARE(view->shownProbabilities(0), images()->currentPredictions()[0].probabilities);
    window_->undoStack()->undo();
    QTRY_VERIFY_WITH_TIMEOUT(window_->classifiers().methods.contains("descriptions"), 60000);
    QTRY_VERIFY(!view->noteLabel(2)->isVisible());
    QVERIFY(view->plot(2)->isVisible());
  }

  void trainingPlotsLossKeepsTheWindowResponsiveAndStopsWithinASecond() {
    TrainingPanel* panel = window_->trainingPanel();
    TrainConfig s = panel->settings();
    s.epochs = 200;
    s.batch_size = 64;
    panel->setSettings(s);
    // A probe on the GUI thread: the longest gap between its ticks is the longest stall.
    QElapsedTimer clock;
    qint64 last = 0, worst = 0;
    QTimer probe;
    probe.setInterval(5);
    connect(&probe, &QTimer::timeout, [&] {
      const qint64 now = clock.elapsed();
      worst = std::max(worst, now - last);
      last = now;
    });
    panel->start();
    QTRY_VERIFY_WITH_TIMEOUT(panel->lossPlot()->stepPointCount() >= 3, 120000);
    clock.start();
    probe.start();
    QTRY_VERIFY_WITH_TIMEOUT(panel->lossPlot()->stepPointCount() >= 40, 120000);
    probe.stop();
    QVERIFY2(worst < 100, qPrintable(QString("the GUI thread stalled %1 ms").arg(worst)));
    QElapsedTimer stopping;
    stopping.start();
    panel->stop();
    QTRY_VERIFY_WITH_TIMEOUT(!window_->trainingService()->running(), 5000);
    QVERIFY2(stopping.elapsed() < 1000, qPrintable(QString("stopping took %1 ms").arg(stopping.elapsed())));
  }

  void aFinishedRunBecomesTheProTextMethod() {
    TrainingPanel* panel = window_->trainingPanel();
    TrainConfig s = panel->settings();
    s.epochs = 2;
    s.batch_size = 128;
    panel->setSettings(s);
    panel->start();
    QTRY_VERIFY_WITH_TIMEOUT(window_->classifiers().methods.contains("protext"), 180000);
    QTRY_COMPARE_WITH_TIMEOUT(images()->currentPredictions().size(), 4, 10000);
    QCOMPARE(images()->comparisonView()->methodCount(), 4);
    QVERIFY(probabilitiesSumToOne(firstExample()));
    QVERIFY(!window_->promptsPanel()->isEmpty());
  }

  void evaluatingARenderedFolderFillsTheTableAndConfusionMatrix() {
    QTemporaryDir folder;
    const int count = 96;
    miniworld::render_folder(4242, count, folder.path().toStdString(), 64);
    EvaluatePanel* panel = window_->evaluatePanel();
    panel->setFolder(folder.path());
    QVERIFY(panel->run());
    QTRY_COMPARE_WITH_TIMEOUT(panel->evaluationView()->result().methods.size(), 4, 180000);
    QCOMPARE(panel->evaluationView()->result().imageCount, count);
    QCOMPARE(panel->evaluationView()->summaryModel()->rowCount(), 4);
    QCPColorMapData* cells = panel->evaluationView()->confusionMap()->data();
    QCOMPARE(cells->keySize(), 48);
    double total = 0;
    for (int x = 0; x < cells->keySize(); ++x)
      for (int y = 0; y < cells->valueSize(); ++y) total += cells->cell(x, y);
    QCOMPARE(total, double(count));
  }

  void anEvaluationRightAfterAnEditScoresTheEditedList() {
    QTemporaryDir folder;
    miniworld::render_folder(4243, 48, folder.path().toStdString(), 64);
    EvaluatePanel* panel = window_->evaluatePanel();
    panel->setFolder(folder.path());
    const QString removed = window_->classModel()->classes().last();
    window_->classModel()->removeClasses({window_->classModel()->rowOf(removed)});
    // The charts say they are behind while the new list is encoded...
    QVERIFY(images()->isUpdating());
    // ...and an evaluation asked for now waits for it instead of scoring the old list.
    QVERIFY(panel->run());
    QTRY_COMPARE_WITH_TIMEOUT(panel->evaluationView()->result().imageCount, 47, 180000);
    QCOMPARE(panel->evaluationView()->result().classes.size(), 47);
    QVERIFY(!panel->evaluationView()->result().classes.contains(removed));
    QTRY_VERIFY_WITH_TIMEOUT(!images()->isUpdating(), 60000);  // and the charts are current
    window_->undoStack()->undo();
    QTRY_COMPARE_WITH_TIMEOUT(window_->classifiers().classes.size(), 48, 60000);
  }

  void aProjectReopensClassesDescriptionsModelAndPrompts() {
    QTemporaryDir dir;
    const QString path = dir.path() + "/session.protext";
    QCOMPARE(window_->classModel()->addClasses({"glorp"}), 1);
    QVERIFY(window_->saveProject(path));
    QVERIFY(window_->undoStack()->isClean());

    MainWindow::Options options;
    options.interactive = false;
    options.openEmbeddedModel = false;
    MainWindow reopened(options);
    QVERIFY(reopened.openProject(path));
    QCOMPARE(reopened.classModel()->classes(), window_->classModel()->classes());
    QCOMPARE(reopened.classModel()->descriptionMap(), window_->classModel()->descriptionMap());
    // The model opens in the background, then the project's prompts load onto it.
    QTRY_VERIFY_WITH_TIMEOUT(reopened.classifiers().methods.contains("protext"), 180000);
    QCOMPARE(reopened.classifiers().classes.size(), 49);
    QVERIFY(!reopened.classifiers().methods.contains("descriptions"));  // 'glorp' has none
  }

  void aCorruptProjectIsRefusedWithAMessageAndChangesNothing() {
    QTemporaryDir dir;
    const QString path = dir.path() + "/broken.protext";
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write("{\"version\": 1, \"classes\": [1, 2");
    file.close();
    const QStringList before = window_->classModel()->classes();
    QSignalSpy errors(window_.get(), &MainWindow::errorShown);
    QVERIFY(!window_->openProject(path));
    QCOMPARE(errors.count(), 1);
    QVERIFY(errors.first().first().toString().contains("broken.protext"));
    QCOMPARE(window_->classModel()->classes(), before);
  }

  void chineseLeavesNoEnglishOnScreen() {
    QVERIFY(Translations::install(qApp, "zh_CN"));
    // The charts' method names too, which only show once an image is classified.
    for (const char* method : {"template", "ensemble", "descriptions", "protext"})
      QVERIFY2(!QRegularExpression("[A-Za-z]{3,}").match(MethodStyle::label(method).remove("ProText")).hasMatch(),
               qPrintable(MethodStyle::label(method)));
    MainWindow::Options options;
    options.interactive = false;
    options.openEmbeddedModel = false;
    MainWindow window(options);
    window.resize(1600, 1000);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    // Names that stay as they are in Chinese software: products, formats, units.
    static const QRegularExpression allowed(
        "ProText|Studio|CLIP|CuPL|LLM|WordNet|Ollama|LM Studio|llama|gpt|JSON|CSV|PNG|CPU|GPU|CUDA|cuda|cpu|Top|Qt|OpenAI|Hugging Face|"
        "safetensors|protext train|protext eval|protext|Dassl|fp32|MSE|L1|Ctrl|Shift|Alt|Del|Ins|Esc|F5|<[^>]*>|&[a-z]+;|"
        "[\\w.]*\\.[a-z]{2,}\\b|"  // file names and extensions: config.json, .txt, model.pth.tar
        "(/[\\w.\\-]+)+");  // folders, as the recent projects name them
    static const QRegularExpression english("[A-Za-z]{3,}");
    QStringList untranslated;
    for (QString text : visibleTexts(window)) {
      const QString original = text;
      text.remove(allowed);
      if (english.match(text).hasMatch()) untranslated << original;
    }
    untranslated.removeDuplicates();
    Translations::install(qApp, "en");
    QVERIFY2(untranslated.isEmpty(), qPrintable(untranslated.join(" | ")));
  }

  void cleanupTestCase() {
    window_->trainingService()->stop();
    window_.reset();
  }
};

PROTEXT_TEST_SUITE(StudioWindowTest)
#include "studio_window_test.moc"
