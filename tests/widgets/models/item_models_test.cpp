// Every item model of the app keeps Qt's model contract through the edits a user makes:
// QAbstractItemModelTester watches each one (rows, indexes, parents, signals) and fails the
// test on the first broken rule.
#include <QAbstractItemModelTester>
#include <QDir>
#include <QImage>
#include <QTemporaryDir>
#include <QTest>
#include <QUndoStack>

#include <memory>

#include "support/suite.h"
#include "widgets/models/ClassListModel.h"
#include "widgets/models/EvaluationTableModel.h"
#include "widgets/models/ImageListModel.h"

using namespace protext;

namespace {

std::unique_ptr<QAbstractItemModelTester> watch(QAbstractItemModel* model) {
  return std::make_unique<QAbstractItemModelTester>(model, QAbstractItemModelTester::FailureReportingMode::QtTest);
}

EvaluationResult twoMethodResult() {
  auto report = std::make_shared<EvalReport>();
  report->n_images = 6;
  report->classes = {"cat", "dog", "bird"};
  MethodResult m;
  m.top1 = 0.5;
  m.top5 = 1;
  m.class_images = {2, 2, 2};
  m.per_class = {1.0, 0.5, 0.0};
  m.confusion = {{2, 0, 0}, {1, 1, 0}, {0, 2, 0}};
  report->methods = {{"template", m}, {"protext", m}};
  report->base_novel["protext"] = {0.75, 0.0, 0.0};
  return evaluationResult(report, {"template", "protext"});
}

}  // namespace

class ItemModelsTest : public QObject {
  Q_OBJECT
 private slots:
  void classListModelKeepsTheContractThroughEditsUndoAndRedo() {
    QUndoStack undo;
    ClassListModel model(&undo);
    const auto tester = watch(&model);
    QCOMPARE(model.addClasses({"robin", "wren", "jay", "owl"}), 4);
    QVERIFY(model.renameClass(1, "house wren"));
    QVERIFY(model.moveClass(0, 3));
    QVERIFY(model.moveClasses({0, 1}, model.rowCount()));
    QVERIFY(model.editDescriptions(2, {"a small bird", "brown feathers"}));
    QVERIFY(model.removeClasses({0, 2}));
    while (undo.canUndo()) undo.undo();
    QCOMPARE(model.rowCount(), 0);
    while (undo.canRedo()) undo.redo();
    QCOMPARE(model.rowCount(), 2);
    QVERIFY(model.replaceAll({{"a", {}}, {"b", {"x"}}, {"c", {}}}, "Import"));
    model.load({{"d", {}}});
    QCOMPARE(model.classes(), QStringList({"d"}));
  }

  void imageListModelKeepsTheContractThroughAddEncodeFailAndRemove() {
    QTemporaryDir dir;
    QStringList paths;
    for (const char* name : {"cat/a.png", "dog/b.png", "c.png"}) {
      const QString path = dir.filePath(name);
      QDir().mkpath(QFileInfo(path).absolutePath());
      QImage image(20, 20, QImage::Format_RGB32);
      image.fill(Qt::blue);
      QVERIFY(image.save(path));
      paths << QDir::cleanPath(path);
    }
    ImageListModel model;
    const auto tester = watch(&model);
    model.setClasses({"cat", "dog"});
    QCOMPARE(model.addPaths(paths).size(), 0);
    QCOMPARE(model.rowCount(), 3);
    QVERIFY(model.setEmbedding(model.paths()[0], {0.5f, 0.5f}));
    QVERIFY(model.setFailed(model.paths()[1], "broken"));
    QVERIFY(model.waitForThumbnails());
    model.setClasses({"dog"});
    QCOMPARE(model.resetEncodings().size(), 3);
    QVERIFY(model.removePaths({model.paths()[1]}));
    QVERIFY(model.removeRows(0, 1));
    model.clear();
    QCOMPARE(model.rowCount(), 0);
  }

  void evaluationTablesKeepTheContractThroughNewResultsAndClear() {
    for (auto table : {EvaluationTableModel::Table::Summary, EvaluationTableModel::Table::PerClass}) {
      EvaluationTableModel model(table);
      const auto tester = watch(&model);
      model.setResult(twoMethodResult());
      QVERIFY(model.rowCount() > 0);
      model.setResult(twoMethodResult());
      model.clear();
      QCOMPARE(model.rowCount(), 0);
    }
  }
};

PROTEXT_TEST_SUITE(ItemModelsTest)
#include "item_models_test.moc"
