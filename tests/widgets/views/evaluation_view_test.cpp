#include <QFile>
#include <QSignalSpy>
#include <QLocale>
#include <QTemporaryDir>
#include <QTableView>
#include <QHeaderView>
#include <QApplication>
#include <QTest>
#include <qcustomplot.h>

#include <cmath>
#include <nlohmann/json.hpp>

#include "support/suite.h"
#include "widgets/models/EvaluationTableModel.h"
#include "widgets/views/EvaluationView.h"

using protext::EvaluationResult;
using protext::EvaluationTableModel;
using protext::EvaluationView;
using protext::MethodScore;

namespace {

// Published ImageNet numbers for the top-1 values; the matrices are small and made up.
std::shared_ptr<protext::EvalReport> sampleReport() {
  auto report = std::make_shared<protext::EvalReport>();
  report->n_images = 12;
  report->classes = {"cat", "dog", "bird, small"};
  protext::MethodResult templ;
  templ.top1 = 0.6672;
  templ.top5 = 0.9;
  templ.class_images = {4, 4, 4};
  templ.per_class = {0.75, 0.5, 0.75};
  templ.confusion = {{3, 1, 0}, {0, 2, 2}, {1, 0, 3}};
  protext::MethodResult learned;
  learned.top1 = 0.7022;
  learned.top5 = 1.0;
  learned.class_images = {4, 4, 4};
  learned.per_class = {1.0, 0.75, std::nan("")};
  learned.confusion = {{4, 0, 0}, {1, 3, 0}, {0, 0, 4}};
  report->methods = {{"template", templ}, {"protext", learned}};
  report->base_novel["protext"] = {0.9, 0.8, 2 * 0.9 * 0.8 / 1.7};
  report->skipped = {{"broken.jpg", "not an image"}};
  return report;
}

EvaluationResult sampleResult() { return protext::evaluationResult(sampleReport(), {"template", "protext"}); }

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
  void exportWritesTheFilesProtextEvalWrites();
  void exportWithoutAnEvaluationSaysSo();
  void exportIntoAMissingFolderNamesThePath();
  void clearEmptiesTheTables();
  void everySummaryFigureFitsItsColumn();
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

void EvaluationViewTest::exportWritesTheFilesProtextEvalWrites() {
  QTemporaryDir dir;
  EvaluationView view;
  view.setResult(sampleResult());
  QSignalSpy exported(&view, &EvaluationView::exported);
  const QString path = dir.filePath(QStringLiteral("report.json"));
  QVERIFY2(view.exportReport(path), qPrintable(view.lastError()));
  QCOMPARE(exported.count(), 1);
  QCOMPARE(exported.at(0).at(0).toStringList().size(), 5);  // report.json + two CSVs per method
  QFile file(path);
  QVERIFY(file.open(QIODevice::ReadOnly));
  const auto written = nlohmann::ordered_json::parse(file.readAll().toStdString());
  QVERIFY(written == protext::report_json(*sampleReport()));
  QVERIFY(written["methods"].contains("protext"));
  QVERIFY(written["methods"]["protext"]["per_class"]["bird, small"].is_null());
  const QStringList confusion = readLines(dir.filePath(QStringLiteral("report-template-confusion.csv")));
  QCOMPARE(confusion.at(0), QStringLiteral("true\\predicted,cat,dog,\"bird, small\""));
  QCOMPARE(confusion.at(1), QStringLiteral("cat,3,1,0"));
  QCOMPARE(readLines(dir.filePath(QStringLiteral("report-protext-per-class.csv"))).at(2),
           QStringLiteral("dog,4,3,0.750000"));
}

void EvaluationViewTest::exportWithoutAnEvaluationSaysSo() {
  QTemporaryDir dir;
  EvaluationView view;
  QVERIFY(!view.exportReport(dir.filePath(QStringLiteral("report.json"))));
  QVERIFY(!view.lastError().isEmpty());
  QVERIFY(!QFile::exists(dir.filePath(QStringLiteral("report.json"))));
}

void EvaluationViewTest::exportIntoAMissingFolderNamesThePath() {
  QTemporaryDir dir;
  EvaluationView view;
  view.setResult(sampleResult());
  const QString path = dir.filePath(QStringLiteral("missing/report.json"));
  QVERIFY(!view.exportReport(path));
  QVERIFY2(view.lastError().contains(path), qPrintable(view.lastError()));
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

void EvaluationViewTest::everySummaryFigureFitsItsColumn() {
  // "100.00%" in bold, shown whole even at the view's narrowest (issue 11: "100.…").
  EvaluationView view;
  view.resize(view.minimumSize());
  view.show();
  view.setResult(sampleResult());
  QApplication::processEvents();
  QTableView* table = nullptr;
  for (QTableView* t : view.findChildren<QTableView*>())
    if (t->model() == view.summaryModel()) table = t;
  QVERIFY(table);
  QFont bold = table->font();
  bold.setBold(true);
  const QFontMetrics metrics(bold);
  for (int c = 0; c < view.summaryModel()->columnCount(); ++c)
    for (int r = 0; r < view.summaryModel()->rowCount(); ++r) {
      const QString text = view.summaryModel()->index(r, c).data().toString();
      QVERIFY2(metrics.horizontalAdvance(text) <= table->columnWidth(c),
               qPrintable(QStringLiteral("'%1' in %2 px").arg(text).arg(table->columnWidth(c))));
    }
  QVERIFY(table->horizontalHeader()->length() <= table->viewport()->width() + 1);
}

PROTEXT_TEST_SUITE(EvaluationViewTest)
#include "evaluation_view_test.moc"
