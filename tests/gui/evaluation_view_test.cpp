#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLocale>
#include <QTemporaryDir>
#include <QTest>
#include <qcustomplot.h>

#include "support/suite.h"
#include "widgets/EvaluationTableModel.h"
#include "widgets/EvaluationView.h"

using protext::EvaluationResult;
using protext::EvaluationTableModel;
using protext::EvaluationView;
using protext::MethodScore;

namespace {

// Published ImageNet numbers for the top-1 values; the matrices are small and made up.
EvaluationResult sampleResult() {
  EvaluationResult result;
  result.classes = QStringList{"cat", "dog", "bird, small"};
  MethodScore templ;
  templ.method = QStringLiteral("Template");
  templ.top1 = 0.6672;
  templ.top5 = 0.9;
  templ.correct = 8;
  templ.total = 12;
  templ.perClassAccuracy = {0.75, 0.5, 0.75};
  templ.confusion = {{3, 1, 0}, {0, 2, 2}, {1, 0, 3}};
  MethodScore protext;
  protext.method = QStringLiteral("ProText");
  protext.top1 = 0.7022;
  protext.top5 = 1.0;
  protext.correct = 11;
  protext.total = 12;
  protext.perClassAccuracy = {1.0, 0.75, std::nan("")};
  protext.confusion = {{4, 0, 0}, {1, 3, 0}, {0, 0, 4}};
  protext.baseTop1 = 0.9;
  protext.novelTop1 = 0.8;
  protext.harmonicMean = 2 * 0.9 * 0.8 / 1.7;
  result.methods = {templ, protext};
  result.imageCount = 1234;
  result.skippedFiles = QStringList{"broken.jpg"};
  return result;
}

QStringList readLines(const QString& path) {
  QFile file(path);
  if (!file.open(QIODevice::ReadOnly)) return {};
  return QString::fromUtf8(file.readAll()).split(QLatin1Char('\n'));
}

}  // namespace

class EvaluationViewTest : public QObject {
  Q_OBJECT
 private slots:
  void initTestCase();
  void summaryCellsShowPercentages();
  void unmeasuredBaseToNovelCellsAreBlank();
  void perClassCellsShowEachMethodsAccuracy();
  void colourMapCellsEqualConfusionCounts();
  void methodSelectorSwitchesTheConfusionMatrix();
  void exportedJsonReadsBackEqual();
  void csvFileHasSummaryPerClassAndConfusionRows();
  void csvDirectoryGetsOneFilePerTable();
  void clearEmptiesTheTables();
};

void EvaluationViewTest::initTestCase() { QLocale::setDefault(QLocale(QLocale::English, QLocale::UnitedStates)); }

void EvaluationViewTest::summaryCellsShowPercentages() {
  EvaluationView view;
  view.setResult(sampleResult());
  const EvaluationTableModel* model = view.summaryModel();
  QCOMPARE(model->rowCount(), 2);
  QCOMPARE(model->columnCount(), 7);
  auto cell = [&](int row, int column) { return model->index(row, column).data().toString(); };
  QCOMPARE(cell(0, EvaluationTableModel::MethodColumn), QStringLiteral("Template"));
  QCOMPARE(cell(0, EvaluationTableModel::Top1Column), QStringLiteral("66.72%"));
  QCOMPARE(cell(0, EvaluationTableModel::Top5Column), QStringLiteral("90.00%"));
  QCOMPARE(cell(1, EvaluationTableModel::Top1Column), QStringLiteral("70.22%"));
  QCOMPARE(cell(1, EvaluationTableModel::BaseColumn), QStringLiteral("90.00%"));
  QCOMPARE(cell(1, EvaluationTableModel::NovelColumn), QStringLiteral("80.00%"));
  QCOMPARE(cell(1, EvaluationTableModel::HarmonicColumn), QStringLiteral("84.71%"));
  QCOMPARE(cell(1, EvaluationTableModel::ImagesColumn), QStringLiteral("12"));
  QCOMPARE(model->headerData(EvaluationTableModel::HarmonicColumn, Qt::Horizontal).toString(), QStringLiteral("HM"));
  QCOMPARE(model->index(1, EvaluationTableModel::Top1Column).data(EvaluationTableModel::SortRole).toDouble(), 0.7022);
}

void EvaluationViewTest::unmeasuredBaseToNovelCellsAreBlank() {
  EvaluationView view;
  view.setResult(sampleResult());
  for (int column : {EvaluationTableModel::BaseColumn, EvaluationTableModel::NovelColumn,
                     EvaluationTableModel::HarmonicColumn})
    QCOMPARE(view.summaryModel()->index(0, column).data().toString(), QString());
}

void EvaluationViewTest::perClassCellsShowEachMethodsAccuracy() {
  EvaluationView view;
  view.setResult(sampleResult());
  const EvaluationTableModel* model = view.perClassModel();
  QCOMPARE(model->rowCount(), 3);
  QCOMPARE(model->columnCount(), EvaluationTableModel::FirstMethodColumn + 2);
  QCOMPARE(model->headerData(EvaluationTableModel::FirstMethodColumn + 1, Qt::Horizontal).toString(),
           QStringLiteral("ProText"));
  auto cell = [&](int row, int column) { return model->index(row, column).data().toString(); };
  QCOMPARE(cell(1, EvaluationTableModel::ClassColumn), QStringLiteral("dog"));
  QCOMPARE(cell(1, EvaluationTableModel::ClassImagesColumn), QStringLiteral("4"));
  QCOMPARE(cell(1, EvaluationTableModel::FirstMethodColumn), QStringLiteral("50.00%"));
  QCOMPARE(cell(1, EvaluationTableModel::FirstMethodColumn + 1), QStringLiteral("75.00%"));
  QCOMPARE(cell(2, EvaluationTableModel::FirstMethodColumn + 1), QStringLiteral("—"));  // NaN: not measured
}

void EvaluationViewTest::colourMapCellsEqualConfusionCounts() {
  EvaluationView view;
  const EvaluationResult result = sampleResult();
  view.setResult(result);
  view.showConfusionFor(0);
  QCPColorMapData* data = view.confusionMap()->data();
  QCOMPARE(data->keySize(), 3);
  QCOMPARE(data->valueSize(), 3);
  for (int t = 0; t < 3; ++t)
    for (int p = 0; p < 3; ++p) QCOMPARE(int(data->cell(p, t)), result.methods[0].confusion[t][p]);
  // Cell (predicted dog, true cat) sits where the axes put the names "dog" and "cat".
  double x = 0, y = 0;
  data->cellToCoord(1, 0, &x, &y);
  auto names = view.confusionPlot()->xAxis->ticker().dynamicCast<QCPAxisTickerText>()->ticks();
  QCOMPARE(names.value(x), QStringLiteral("dog"));
  QCOMPARE(names.value(y), QStringLiteral("cat"));
}

void EvaluationViewTest::methodSelectorSwitchesTheConfusionMatrix() {
  EvaluationView view;
  const EvaluationResult result = sampleResult();
  view.setResult(result);
  view.showConfusionFor(1);
  QCOMPARE(view.confusionMethod(), 1);
  QCOMPARE(int(view.confusionMap()->data()->cell(0, 1)), 1);  // ProText: one dog taken for a cat
  QCOMPARE(int(view.confusionMap()->data()->cell(2, 1)), 0);
  view.showConfusionFor(0);
  QCOMPARE(int(view.confusionMap()->data()->cell(2, 1)), 2);
}

void EvaluationViewTest::exportedJsonReadsBackEqual() {
  QTemporaryDir dir;
  EvaluationView view;
  const EvaluationResult result = sampleResult();
  view.setResult(result);
  const QString path = dir.filePath(QStringLiteral("report.json"));
  QVERIFY2(view.exportJson(path), qPrintable(view.lastError()));
  QFile file(path);
  QVERIFY(file.open(QIODevice::ReadOnly));
  const QJsonObject json = QJsonDocument::fromJson(file.readAll()).object();
  QCOMPARE(json.value(QStringLiteral("n_images")).toInt(), 1234);
  const QJsonObject protext = json.value(QStringLiteral("methods")).toObject().value(QStringLiteral("ProText")).toObject();
  QCOMPARE(protext.value(QStringLiteral("top1")).toDouble(), 0.7022);
  QCOMPARE(protext.value(QStringLiteral("confusion")).toArray().at(1).toArray().at(0).toInt(), 1);
  QVERIFY(protext.value(QStringLiteral("per_class")).toObject().value(QStringLiteral("bird, small")).isNull());
  QVERIFY(EvaluationView::fromJson(json) == result);
}

void EvaluationViewTest::csvFileHasSummaryPerClassAndConfusionRows() {
  QTemporaryDir dir;
  EvaluationView view;
  view.setResult(sampleResult());
  const QString path = dir.filePath(QStringLiteral("evaluation.csv"));
  QVERIFY2(view.exportCsv(path), qPrintable(view.lastError()));
  const QStringList lines = readLines(path);
  QVERIFY(lines.contains(QStringLiteral("method,top1,top5,base_top1,novel_top1,harmonic_mean,correct,images")));
  QVERIFY(lines.contains(QStringLiteral("Template,0.6672,0.9,,,,8,12")));
  QVERIFY(lines.contains(QStringLiteral("ProText,0.7022,1,0.9,0.8,0.8470588235,11,12")));
  QVERIFY(lines.contains(QStringLiteral("class,Template,ProText")));
  QVERIFY(lines.contains(QStringLiteral("\"bird, small\",0.75,")));
  QVERIFY(lines.contains(QStringLiteral("# confusion ProText")));
  QVERIFY(lines.contains(QStringLiteral("true\\predicted,cat,dog,\"bird, small\"")));
  QVERIFY(lines.contains(QStringLiteral("dog,0,2,2")));
  QVERIFY(lines.contains(QStringLiteral("dog,1,3,0")));
}

void EvaluationViewTest::csvDirectoryGetsOneFilePerTable() {
  QTemporaryDir dir;
  EvaluationView view;
  view.setResult(sampleResult());
  QVERIFY2(view.exportCsv(dir.path()), qPrintable(view.lastError()));
  QStringList summary = readLines(dir.filePath(QStringLiteral("summary.csv")));
  summary.removeAll(QString());
  QCOMPARE(summary.size(), 3);  // header and one row per method
  QStringList per_class = readLines(dir.filePath(QStringLiteral("per-class.csv")));
  per_class.removeAll(QString());
  QCOMPARE(per_class.size(), 4);  // header and one row per class
  QCOMPARE(per_class.at(1), QStringLiteral("cat,0.75,1"));
  const QStringList confusion = readLines(dir.filePath(QStringLiteral("confusion-Template.csv")));
  QCOMPARE(confusion.at(1), QStringLiteral("cat,3,1,0"));
  QCOMPARE(confusion.at(3), QStringLiteral("\"bird, small\",1,0,3"));
  QVERIFY(QFile::exists(dir.filePath(QStringLiteral("confusion-ProText.csv"))));
}

void EvaluationViewTest::clearEmptiesTheTables() {
  EvaluationView view;
  view.setResult(sampleResult());
  view.clear();
  QCOMPARE(view.summaryModel()->rowCount(), 0);
  QCOMPARE(view.perClassModel()->rowCount(), 0);
  QVERIFY(view.result().methods.isEmpty());
  QCOMPARE(view.confusionMap()->data()->keySize() * view.confusionMap()->data()->valueSize(), 0);
}

PROTEXT_TEST_SUITE(EvaluationViewTest)
#include "evaluation_view_test.moc"
