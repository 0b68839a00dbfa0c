#include <QComboBox>
#include <QFile>
#include <QLabel>
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

#include "core/error.h"
#include "core/protext/report_statistics.h"
#include "support/suite.h"
#include "widgets/common/DrillDown.h"
#include "widgets/models/PairedTableModel.h"
#include "widgets/views/CalibrationView.h"
#include "widgets/views/PairedComparisonView.h"
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
  // Image by image, as the matrices count them: four images per class.
  report->image_labels = {0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2};
  for (int i = 0; i < 12; ++i) report->image_paths.push_back("/images/" + std::to_string(i) + ".png");
  const std::vector<int> template_says = {0, 0, 0, 1, 1, 1, 2, 2, 0, 2, 2, 2};
  const std::vector<int> protext_says = {0, 0, 0, 0, 0, 1, 1, 1, 2, 2, 2, 2};
  for (int i = 0; i < 12; ++i) {
    const int label = static_cast<int>(report->image_labels[i]);
    templ.top.push_back({{template_says[i], 0.40 + 0.05 * i}});
    templ.right.push_back(template_says[i] == label);
    learned.top.push_back({{protext_says[i], 0.95 - 0.03 * i}});
    learned.right.push_back(protext_says[i] == label);
  }
  report->methods = {{"template", templ}, {"protext", learned}};
  report->base_novel["protext"] = {0.9, 0.8, 2 * 0.9 * 0.8 / 1.7};
  report->skipped = {{"broken.jpg", "not an image"}};
  protext::add_statistics(*report, {}, {});
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
  void summaryShowsTheBootstrapIntervalOfTopOne();
  void everyConfusionCellOpensExactlyTheImagesItCounts();
  void aPerClassRowOpensThatClassesImages();
  void pairedCountsOpenTheirImagesAndAddUp();
  void perClassFixesAndBreaksOpenTheirImages();
  void reliabilityDiagramShowsEachBinsAccuracy();
  void aReportWithoutPerImageResultsOpensNoImages();
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
  // The images scored are in the header line, and in the Top-1 tooltip.
  QCOMPARE(model->index(1, EvaluationTableModel::Top1Column).data(Qt::ToolTipRole).toString(),
           QStringLiteral("11 of 12 images classified correctly"));
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
  // report.json, two CSVs per method, the predictions
  QCOMPARE(exported.at(0).at(0).toStringList().size(), 6);
  QVERIFY(QFile::exists(dir.filePath(QStringLiteral("report-predictions.jsonl"))));
  QCOMPARE(readLines(dir.filePath(QStringLiteral("report-predictions.jsonl"))).size(), 13);  // 12 + final newline
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

void EvaluationViewTest::summaryShowsTheBootstrapIntervalOfTopOne() {
  EvaluationView view;
  view.setResult(sampleResult());
  const auto report = view.result().report;
  const protext::Interval ci = report->ci95.at("template");
  QVERIFY(ci.low < ci.high);
  const QModelIndex index = view.summaryModel()->index(0, EvaluationTableModel::Top1IntervalColumn);
  QCOMPARE(index.data().toString(), EvaluationTableModel::percentRange(ci.low, ci.high));
  QVERIFY(index.data().toString().endsWith(QLatin1Char('%')));
  QCOMPARE(view.summaryModel()->headerData(EvaluationTableModel::Top1IntervalColumn, Qt::Horizontal).toString(),
           QStringLiteral("95% CI"));
}

void EvaluationViewTest::everyConfusionCellOpensExactlyTheImagesItCounts() {
  EvaluationView view;
  const EvaluationResult result = sampleResult();
  view.setResult(result);
  for (int method = 0; method < 2; ++method)
    for (int t = 0; t < 3; ++t)
      for (int p = 0; p < 3; ++p)
        QCOMPARE(int(protext::DrillDowns::confusionCell(result, method, t, p).paths.size()),
                 result.methods[method].confusion[t][p]);
  QSignalSpy drill(&view, &EvaluationView::drillDownRequested);
  view.showConfusionFor(0);
  view.openConfusionCell(1, 2);  // template: dogs taken for birds
  QCOMPARE(drill.count(), 1);
  const auto opened = drill.at(0).at(0).value<protext::DrillDown>();
  QCOMPARE(opened.paths, QStringList({QStringLiteral("/images/6.png"), QStringLiteral("/images/7.png")}));
  QVERIFY2(opened.title.contains(QStringLiteral("dog → bird, small")), qPrintable(opened.title));
}

void EvaluationViewTest::aPerClassRowOpensThatClassesImages() {
  EvaluationView view;
  view.setResult(sampleResult());
  QSignalSpy drill(&view, &EvaluationView::drillDownRequested);
  QTableView* table = view.perClassTable();
  emit table->clicked(table->model()->index(2, 0));
  QCOMPARE(drill.count(), 1);
  const auto opened = drill.at(0).at(0).value<protext::DrillDown>();
  QCOMPARE(opened.paths.size(), 4);
  QCOMPARE(opened.paths.front(), QStringLiteral("/images/8.png"));
}

void EvaluationViewTest::pairedCountsOpenTheirImagesAndAddUp() {
  EvaluationView view;
  const EvaluationResult result = sampleResult();
  view.setResult(result);
  QCOMPARE(result.pairs.size(), 1);
  const protext::PairScore& pair = result.pairs.front();
  QCOMPARE(pair.a, QStringLiteral("template"));
  QCOMPARE(pair.b, QStringLiteral("protext"));
  // Counted by hand from the two methods' predictions above.
  QCOMPARE(pair.bothRight, 7);
  QCOMPARE(pair.onlyA, 1);
  QCOMPARE(pair.onlyB, 4);
  QCOMPARE(pair.bothWrong, 0);
  QCOMPARE(pair.mcnemarP, protext::mcnemar_exact_p(1, 4));
  QCOMPARE(pair.mcnemarP, 2.0 * 6 / 32);  // 2 · (C(5,0) + C(5,1)) / 2^5
  using M = protext::PairedTableModel;
  M* model = view.pairedView()->pairModel();
  QCOMPARE(model->index(0, M::PValueColumn).data().toString(), QStringLiteral("0.3750"));
  QSignalSpy drill(&view, &EvaluationView::drillDownRequested);
  QTableView* table = view.pairedView()->pairTable();
  const int counts[] = {7, 1, 4, 0};
  for (int column = M::BothRightColumn; column <= M::BothWrongColumn; ++column) {
    emit table->clicked(model->index(0, column));
    QCOMPARE(int(drill.last().at(0).value<protext::DrillDown>().paths.size()), counts[column - M::BothRightColumn]);
    QCOMPARE(model->index(0, column).data().toString(), QString::number(counts[column - M::BothRightColumn]));
  }
  QCOMPARE(drill.count(), 4);
  emit table->clicked(model->index(0, M::PValueColumn));  // a p-value counts no images
  QCOMPARE(drill.count(), 4);
}

void EvaluationViewTest::perClassFixesAndBreaksOpenTheirImages() {
  EvaluationView view;
  view.setResult(sampleResult());
  using M = protext::PairedTableModel;
  M* model = view.pairedView()->classModel();
  QCOMPARE(model->rowCount(), 3);
  // ProText against the template: fixes cat 3 and dogs 6, 7, bird 8; breaks dog 4.
  QCOMPARE(model->index(0, M::FixesColumn).data().toString(), QStringLiteral("1"));
  QCOMPARE(model->index(1, M::FixesColumn).data().toString(), QStringLiteral("2"));
  QCOMPARE(model->index(1, M::BreaksColumn).data().toString(), QStringLiteral("1"));
  QCOMPARE(model->index(1, M::NetColumn).data().toString(), QStringLiteral("+1"));
  QSignalSpy drill(&view, &EvaluationView::drillDownRequested);
  QTableView* table = view.pairedView()->classTable();
  emit table->clicked(table->model()->index(1, M::BreaksColumn));
  QCOMPARE(drill.last().at(0).value<protext::DrillDown>().paths, QStringList{QStringLiteral("/images/4.png")});
  emit table->clicked(table->model()->index(1, M::FixesColumn));
  QCOMPARE(drill.last().at(0).value<protext::DrillDown>().paths,
           QStringList({QStringLiteral("/images/6.png"), QStringLiteral("/images/7.png")}));
}

void EvaluationViewTest::reliabilityDiagramShowsEachBinsAccuracy() {
  EvaluationView view;
  view.setResult(sampleResult());
  protext::CalibrationView* calibration = view.calibrationView();
  calibration->methodBox()->setCurrentIndex(0);  // the template
  const auto& bins = view.result().report->calibration.at("template").bins;
  auto* bars = qobject_cast<QCPBars*>(calibration->plot()->plottable(0));
  QVERIFY(bars);
  int filled = 0;
  for (const auto& bin : bins) {
    if (bin.count == 0) continue;
    const auto it = bars->data()->findBegin((bin.lo + bin.hi) / 2, false);
    QVERIFY(it != bars->data()->end());
    QCOMPARE(it->value, bin.accuracy);
    ++filled;
  }
  QCOMPARE(bars->data()->size(), filled);
  QVERIFY(calibration->summaryLabel()->text().contains(QStringLiteral("ECE")));
}

void EvaluationViewTest::aReportWithoutPerImageResultsOpensNoImages() {
  // A report made before per-image results existed: counts, but no image behind them.
  auto report = sampleReport();
  for (auto& [name, method] : report->methods) {
    method.top.clear();
    method.right.clear();
  }
  const EvaluationResult result = protext::evaluationResult(report, {"template", "protext"});
  QCOMPARE(result.methods[0].confusion[1][2], 2);
  QVERIFY(protext::DrillDowns::confusionCell(result, 0, 1, 2).paths.isEmpty());
  QCOMPARE(protext::DrillDowns::ofClass(result, 1).paths.size(), 4);  // the labels are still known
  QVERIFY_THROWS_EXCEPTION(protext::Error, protext::add_statistics(*report, {}, {}));
}
