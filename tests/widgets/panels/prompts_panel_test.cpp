#include <QLabel>
#include <QStandardItemModel>
#include <QTableView>
#include <QTest>

#include "support/suite.h"
#include "widgets/panels/PromptsPanel.h"

using protext::PromptsPanel;
using protext::ClassMeaningRow;
using protext::PromptWords;

namespace {

PromptWords fourVectors() {
  PromptWords w;
  w.words = {{"photo", "picture", "image"}, {"of", "a"}, {"the", "dog", "cat"}, {"snapshot"}};
  w.cosines = {{0.41, 0.38, 0.352}, {0.2, 0.19}, {0.12, 0.11, 0.1}, {0.05}};
  return w;
}

}  // namespace

class PromptsPanelTest : public QObject {
  Q_OBJECT
 private slots:
  void showsTheEmptyStateUntilWordsArrive();
  void listsOneRowPerContextVectorWithItsNearestWords();
  void showsTheWarningOnlyWhenThereIsOne();
  void clearReturnsToTheEmptyState();
  void listsWhatThePromptsDidToEachClass();
};

void PromptsPanelTest::showsTheEmptyStateUntilWordsArrive() {
  PromptsPanel panel;
  QVERIFY(panel.isEmpty());
  QVERIFY(panel.emptyLabel()->isVisibleTo(&panel));
  QVERIFY(!panel.table()->isVisibleTo(&panel));
  QCOMPARE(panel.emptyLabel()->text(), QString("Train or load prompts to see what the learned context resembles"));
}

void PromptsPanelTest::listsOneRowPerContextVectorWithItsNearestWords() {
  PromptsPanel panel;
  panel.setPromptWords("/runs/birds.safetensors", fourVectors(), QString());
  QVERIFY(!panel.isEmpty());
  QVERIFY(panel.table()->isVisibleTo(&panel));
  QCOMPARE(panel.model()->rowCount(), 4);
  QCOMPARE(panel.model()->item(0, PromptsPanel::VectorColumn)->text(), QString("X1"));
  QCOMPARE(panel.model()->item(3, PromptsPanel::VectorColumn)->text(), QString("X4"));
  QCOMPARE(panel.model()->item(0, PromptsPanel::WordsColumn)->text(), QString("photo 0.41 · picture 0.38 · image 0.35"));
  QCOMPARE(panel.model()->item(3, PromptsPanel::WordsColumn)->text(), QString("snapshot 0.05"));
  QVERIFY(panel.model()->item(0, PromptsPanel::WordsColumn)->toolTip().contains("3. image (cosine 0.352)"));
  QVERIFY(panel.fileLabel()->text().contains("birds.safetensors"));
  QVERIFY(panel.fileLabel()->text().contains("4 context vectors"));
  QCOMPARE(panel.promptsPath(), QString("/runs/birds.safetensors"));
}

void PromptsPanelTest::showsTheWarningOnlyWhenThereIsOne() {
  PromptsPanel panel;
  panel.setPromptWords("/runs/a.safetensors", fourVectors(), "trained on another CLIP");
  QVERIFY(panel.warningLabel()->isVisibleTo(&panel));
  QCOMPARE(panel.warningLabel()->text(), QString("trained on another CLIP"));
  QCOMPARE(panel.warning(), QString("trained on another CLIP"));
  panel.setPromptWords("/runs/b.safetensors", fourVectors(), QString());
  QVERIFY(!panel.warningLabel()->isVisibleTo(&panel));
}

void PromptsPanelTest::clearReturnsToTheEmptyState() {
  PromptsPanel panel;
  panel.setPromptWords("/runs/a.safetensors", fourVectors(), "warning");
  panel.clear();
  QVERIFY(panel.isEmpty());
  QVERIFY(panel.promptsPath().isEmpty());
  QVERIFY(panel.emptyLabel()->isVisibleTo(&panel));
  QVERIFY(!panel.warningLabel()->isVisibleTo(&panel));
  QCOMPARE(panel.model()->rowCount(), 0);
}

void PromptsPanelTest::listsWhatThePromptsDidToEachClass() {
  PromptsPanel panel;
  ClassMeaningRow wug;
  wug.className = "wug";
  wug.hasDescriptions = true;
  wug.before = 0.62;
  wug.after = 0.814;
  wug.nearest = {"a wug is a striped triangle", "a photo of a wug."};
  wug.nearestOwners = {"wug", "wug"};
  wug.nearestIsTemplate = {false, true};
  wug.nearestCosines = {0.91, 0.88};
  ClassMeaningRow dax = wug;
  dax.className = "dax";
  dax.after = 0.5;  // moved away
  ClassMeaningRow fep;
  fep.className = "fep";  // no descriptions: nothing to measure against
  panel.setMeaning({wug, dax, fep});
  QStandardItemModel* model = panel.meaningModel();
  QCOMPARE(model->rowCount(), 3);
  QCOMPARE(model->item(0, PromptsPanel::ClassColumn)->text(), QStringLiteral("wug"));
  QCOMPARE(model->item(0, PromptsPanel::MovedColumn)->text(), QStringLiteral("0.620 → 0.814"));
  QCOMPARE(model->item(0, PromptsPanel::NearestColumn)->text(),
           QStringLiteral("0.910 a wug is a striped triangle · 0.880 a photo of a wug."));
  QVERIFY(model->item(0, PromptsPanel::NearestColumn)->toolTip().contains(QStringLiteral("template")));
  QCOMPARE(model->item(2, PromptsPanel::MovedColumn)->text(), QStringLiteral("no descriptions"));
  QCOMPARE(panel.meaningLabel()->text(),
           QStringLiteral("By meaning: the learned prompts moved 1 of 2 classes closer to their own descriptions."));
  panel.setMeaningError(QStringLiteral("no ProText prompts are loaded"));
  QCOMPARE(model->rowCount(), 0);
  QCOMPARE(panel.meaningLabel()->text(), QStringLiteral("By meaning: no ProText prompts are loaded"));
}

PROTEXT_TEST_SUITE(PromptsPanelTest)
#include "prompts_panel_test.moc"
