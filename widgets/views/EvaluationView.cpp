#include "widgets/views/EvaluationView.h"

#include <QAction>
#include <QComboBox>
#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLocale>
#include <QMessageBox>
#include <QPushButton>
#include <QSortFilterProxyModel>
#include <QSplitter>
#include <QStandardPaths>
#include <QStackedWidget>
#include <QTabWidget>
#include <QTableView>
#include <QToolTip>
#include <QVBoxLayout>
#include <algorithm>
#include <cmath>
#include <qcustomplot.h>

#include "core/error.h"
#include "core/protext/eval_report.h"
#include "widgets/common/MethodStyle.h"
#include "widgets/models/EvaluationTableModel.h"
#include "widgets/views/CalibrationView.h"
#include "widgets/views/PairedComparisonView.h"

namespace protext {

namespace {

const QColor kMuted(110, 110, 110);
const QColor kText(40, 40, 40);

// White for no images, then a quick step to pale blue, so a single confused image is
// visible next to a diagonal of hundreds.
QCPColorGradient confusionGradient() {
  QCPColorGradient gradient;
  gradient.setColorInterpolation(QCPColorGradient::ciRGB);
  gradient.setLevelCount(500);
  gradient.clearColorStops();
  gradient.setColorStopAt(0.0, QColor(255, 255, 255));
  gradient.setColorStopAt(0.0005, QColor(222, 235, 247));
  gradient.setColorStopAt(0.12, QColor(158, 202, 225));
  gradient.setColorStopAt(0.4, QColor(66, 146, 198));
  gradient.setColorStopAt(1.0, QColor(8, 48, 107));
  return gradient;
}

QFont smallerFont(const QFont& base, int classes) {
  QFont font = base;
  font.setPointSizeF(classes <= 20 ? 9 : classes <= 40 ? 8 : 7);
  return font;
}

}  // namespace

EvaluationView::EvaluationView(QWidget* parent) : QWidget(parent) {
  header_ = new QLabel(this);
  header_->setTextFormat(Qt::RichText);
  export_ = new QPushButton(tr("Export &report…"), this);
  auto* export_action = new QAction(this);
  export_action->setShortcut(QKeySequence(tr("Ctrl+Shift+J")));
  export_action->setShortcutContext(Qt::WidgetWithChildrenShortcut);
  addAction(export_action);
  export_->setToolTip(tr("Save report.json and, beside it, each method's per-class and confusion CSV and every "
                         "image's predictions: the files protext eval writes (Ctrl+Shift+J)"));
  connect(export_, &QPushButton::clicked, this, &EvaluationView::chooseReportFile);
  connect(export_action, &QAction::triggered, export_, &QPushButton::click);

  // Summary table, sized to its few rows.
  summary_model_ = new EvaluationTableModel(EvaluationTableModel::Table::Summary, this);
  summary_table_ = new QTableView(this);
  summary_table_->setModel(summary_model_);
  summary_table_->verticalHeader()->hide();
  summary_table_->setSelectionBehavior(QAbstractItemView::SelectRows);
  summary_table_->setSelectionMode(QAbstractItemView::SingleSelection);
  summary_table_->setEditTriggers(QAbstractItemView::NoEditTriggers);
  // Every figure whole ("100.00%", never "100.…"): columns fit their contents, and the
  // column of tables widens to the summary's width once a result is in (setResult).
  summary_table_->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
  summary_table_->horizontalHeader()->setStretchLastSection(false);
  summary_table_->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
  summary_table_->verticalHeader()->setDefaultSectionSize(summary_table_->fontMetrics().height() + 10);
  summary_table_->setSizePolicy(QSizePolicy::Preferred, QSizePolicy::Fixed);
  summary_table_->setToolTip(tr("Accuracy of each method; select a row to show its confusion matrix"));

  accuracy_plot_ = new QCustomPlot(this);
  accuracy_plot_->setMinimumHeight(170);
  accuracy_plot_->yAxis->setLabel(tr("Top-1 accuracy"));
  accuracy_plot_->setToolTip(tr("Top-1 accuracy per method"));

  per_class_model_ = new EvaluationTableModel(EvaluationTableModel::Table::PerClass, this);
  auto* per_class_proxy = new QSortFilterProxyModel(this);
  per_class_proxy->setSourceModel(per_class_model_);
  per_class_proxy->setSortRole(EvaluationTableModel::SortRole);
  per_class_table_ = new QTableView(this);
  per_class_table_->setModel(per_class_proxy);
  per_class_table_->setSortingEnabled(true);
  per_class_table_->sortByColumn(-1, Qt::AscendingOrder);  // the folder's class order until a header is clicked
  per_class_table_->verticalHeader()->hide();
  per_class_table_->verticalHeader()->setDefaultSectionSize(per_class_table_->fontMetrics().height() + 6);
  per_class_table_->setEditTriggers(QAbstractItemView::NoEditTriggers);
  per_class_table_->setAlternatingRowColors(false);
  per_class_table_->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
  per_class_table_->horizontalHeader()->setStretchLastSection(false);
  per_class_table_->setToolTip(tr("Top-1 accuracy per class; click a header to sort, a row to see its images"));
  connect(per_class_table_, &QTableView::clicked, this, [this, per_class_proxy](const QModelIndex& index) {
    emit drillDownRequested(DrillDowns::ofClass(result_, per_class_proxy->mapToSource(index).row()));
  });

  // Confusion matrix.
  method_box_ = new QComboBox(this);
  method_box_->setToolTip(tr("The method whose confusion matrix is shown"));
  method_box_->setSizeAdjustPolicy(QComboBox::AdjustToContents);
  connect(method_box_, qOverload<int>(&QComboBox::currentIndexChanged), this, &EvaluationView::showConfusionFor);
  connect(summary_table_->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
          [this](const QModelIndex& current) {
            if (current.isValid()) method_box_->setCurrentIndex(current.row());
          });
  auto* method_label = new QLabel(tr("Confusion &matrix of"), this);
  method_label->setBuddy(method_box_);

  confusion_plot_ = new QCustomPlot(this);
  confusion_plot_->setMinimumSize(320, 320);
  confusion_plot_->setMouseTracking(true);
  confusion_plot_->axisRect()->setupFullAxesBox(false);
  confusion_plot_->xAxis2->setVisible(false);
  confusion_plot_->yAxis2->setVisible(false);
  confusion_plot_->xAxis->setLabel(tr("Predicted class"));
  confusion_plot_->yAxis->setLabel(tr("True class"));
  confusion_plot_->yAxis->setRangeReversed(true);  // first class on top, as matrices are read
  for (QCPAxis* axis : {confusion_plot_->xAxis, confusion_plot_->yAxis}) {
    axis->grid()->setVisible(false);
    axis->setSubTicks(false);
    axis->setTickLength(0, 3);
    axis->setTickLabelColor(kText);
  }
  confusion_plot_->xAxis->setTickLabelRotation(90);
  confusion_map_ = new QCPColorMap(confusion_plot_->xAxis, confusion_plot_->yAxis);
  confusion_map_->setInterpolate(false);
  confusion_map_->setTightBoundary(false);
  color_scale_ = new QCPColorScale(confusion_plot_);
  color_scale_->setType(QCPAxis::atRight);
  color_scale_->setBarWidth(12);
  color_scale_->axis()->setLabel(tr("Images"));
  confusion_plot_->plotLayout()->addElement(0, 1, color_scale_);
  confusion_map_->setColorScale(color_scale_);
  confusion_map_->setGradient(confusionGradient());  // after linking: the scale hands the map its own
  auto* scale_margins = new QCPMarginGroup(confusion_plot_);
  confusion_plot_->axisRect()->setMarginGroup(QCP::msTop | QCP::msBottom, scale_margins);
  color_scale_->setMarginGroup(QCP::msTop | QCP::msBottom, scale_margins);
  connect(confusion_plot_, &QCustomPlot::mouseMove, this, &EvaluationView::showCellToolTip);
  connect(confusion_plot_, &QCustomPlot::mousePress, this, [this](QMouseEvent* event) {
    int t = -1, p = -1;
    if (event->button() == Qt::LeftButton && cellAt(event->pos(), &t, &p)) openConfusionCell(t, p);
  });

  // Layout: the summary on top, always in sight, and below it one page at a time, so the
  // view fits a dock on a laptop screen and each page gets the dock's whole width.
  auto* per_class = new QSplitter(Qt::Vertical, this);
  per_class->addWidget(accuracy_plot_);
  per_class->addWidget(per_class_table_);
  per_class->setStretchFactor(0, 1);
  per_class->setStretchFactor(1, 2);
  per_class->setChildrenCollapsible(false);

  auto* confusion = new QWidget(this);
  auto* selector = new QHBoxLayout;
  selector->addWidget(method_label);
  selector->addWidget(method_box_);
  selector->addStretch(1);
  auto* confusion_layout = new QVBoxLayout(confusion);
  confusion_layout->setContentsMargins(0, 0, 0, 0);
  confusion_layout->addLayout(selector);
  confusion_layout->addWidget(confusion_plot_, 1);

  paired_ = new PairedComparisonView(this);
  connect(paired_, &PairedComparisonView::drillDownRequested, this, &EvaluationView::drillDownRequested);
  calibration_ = new CalibrationView(this);
  tabs_ = new QTabWidget(this);
  tabs_->setDocumentMode(true);
  tabs_->addTab(per_class, tr("Per class"));
  tabs_->addTab(confusion, tr("Confusion"));
  tabs_->addTab(paired_, tr("Paired"));
  tabs_->addTab(calibration_, tr("Calibration"));
  tabs_->setTabToolTip(0, tr("Top-1 of each method, overall and per class; click a class to see its images"));
  tabs_->setTabToolTip(1, tr("Where one method confuses classes; click a cell to see its images"));
  tabs_->setTabToolTip(2, tr("Which images one method gets right and another wrong, and whether the difference "
                             "is more than chance"));
  tabs_->setTabToolTip(3, tr("Whether confidence matches accuracy"));

  auto* results = new QWidget(this);
  results_ = results;
  auto* results_layout = new QVBoxLayout(results);
  results_layout->setContentsMargins(0, 0, 0, 0);
  results_layout->addWidget(summary_table_);
  results_layout->addWidget(tabs_, 1);

  auto* empty = new QLabel(tr("Evaluate a labelled image folder to see the accuracy of each method, per class, "
                              "and where they confuse classes."),
                           this);
  empty->setAlignment(Qt::AlignCenter);
  empty->setWordWrap(true);
  empty->setStyleSheet(QStringLiteral("color: #808080; font-size: 14pt;"));
  stack_ = new QStackedWidget(this);
  stack_->addWidget(empty);
  stack_->addWidget(results);

  auto* bar = new QHBoxLayout;
  bar->setContentsMargins(4, 4, 4, 0);
  // The button follows the summary, so that it stays in sight when the view is scrolled.
  bar->addWidget(header_);
  bar->addSpacing(12);
  bar->addWidget(export_);
  bar->addStretch(1);
  auto* layout = new QVBoxLayout(this);
  layout->setContentsMargins(0, 0, 0, 0);
  layout->addLayout(bar);
  layout->addWidget(stack_, 1);
  setMinimumSize(440, 420);
  clear();
}

int EvaluationView::confusionMethod() const { return method_box_->currentIndex(); }

void EvaluationView::setResult(const EvaluationResult& result) {
  result_ = result;
  summary_model_->setResult(result_);
  per_class_model_->setResult(result_);
  // As wide as its columns: the view is never narrower, nor the table wider.
  summary_table_->resizeColumnsToContents();
  const int summary_width = summary_table_->horizontalHeader()->length() + 2 * summary_table_->frameWidth();
  summary_table_->setFixedWidth(summary_width);
  results_->setMinimumWidth(summary_width);
  const int rows_height = summary_table_->horizontalHeader()->sizeHint().height() +
                          summary_table_->verticalHeader()->length() + 2 * summary_table_->frameWidth();
  summary_table_->setFixedHeight(std::min(rows_height, 240));
  {
    const QSignalBlocker block(method_box_);
    method_box_->clear();
    for (const MethodScore& m : result_.methods) method_box_->addItem(MethodStyle::label(m.method), m.method);
    // ProText's matrix first when there is one: it is what the user trained.
    int preferred = 0;
    for (int i = 0; i < result_.methods.size(); ++i)
      if (result_.methods[i].method == QLatin1String("protext")) preferred = i;
    method_box_->setCurrentIndex(result_.methods.isEmpty() ? -1 : preferred);
  }
  export_->setEnabled(result_.report != nullptr && !result_.methods.isEmpty());
  stack_->setCurrentIndex(result_.methods.isEmpty() ? 0 : 1);
  updateHeader();
  fillAccuracyChart();
  fillConfusion();
  paired_->setResult(result_);
  calibration_->setResult(result_);
}

void EvaluationView::clear() { setResult({}); }

void EvaluationView::showConfusionFor(int method) {
  if (method != method_box_->currentIndex()) {
    method_box_->setCurrentIndex(method);  // comes back here through currentIndexChanged
    return;
  }
  fillConfusion();
}

void EvaluationView::updateHeader() {
  if (result_.methods.isEmpty()) {
    header_->setText(QString());
    header_->setToolTip(QString());
    return;
  }
  const QLocale locale;
  QString text = tr("<b>%1</b> images · <b>%2</b> classes · <b>%3</b> methods")
                     .arg(locale.toString(result_.imageCount), locale.toString(result_.classes.size()),
                          locale.toString(result_.methods.size()));
  if (!result_.skippedFiles.isEmpty())
    text += QStringLiteral(" · <span style=\"color:%1;\">%2</span>")
                .arg(MethodStyle::warningColor().name(),
                     tr("%n files skipped", nullptr, result_.skippedFiles.size()));
  header_->setText(text);
  QStringList shown = result_.skippedFiles.mid(0, 20);
  if (result_.skippedFiles.size() > 20) shown << tr("… and %1 more").arg(result_.skippedFiles.size() - 20);
  header_->setToolTip(shown.isEmpty() ? QString() : tr("Skipped:\n%1").arg(shown.join(QLatin1Char('\n'))));
}

void EvaluationView::fillAccuracyChart() {
  QCustomPlot* chart = accuracy_plot_;
  chart->clearPlottables();
  chart->clearItems();
  auto ticker = QSharedPointer<QCPAxisTickerText>::create();
  for (int i = 0; i < result_.methods.size(); ++i) {
    const MethodScore& m = result_.methods[i];
    const QColor color = MethodStyle::color(m.method);
    auto* bars = new QCPBars(chart->xAxis, chart->yAxis);
    bars->setName(MethodStyle::label(m.method));
    bars->setWidth(0.6);
    bars->setPen(QPen(color.darker(120)));
    bars->setBrush(color);
    bars->addData(i + 1, 100.0 * m.top1);
    ticker->addTick(i + 1, MethodStyle::label(m.method));
    auto* label = new QCPItemText(chart);
    label->position->setType(QCPItemPosition::ptPlotCoords);
    label->position->setCoords(i + 1, 100.0 * m.top1);
    label->setPositionAlignment(Qt::AlignHCenter | Qt::AlignBottom);
    label->setPadding(QMargins(0, 0, 0, 2));
    label->setColor(kText);
    label->setText(EvaluationTableModel::percent(m.top1));
  }
  chart->xAxis->setTicker(ticker);
  chart->xAxis->setTickLength(0, 0);
  chart->xAxis->grid()->setVisible(false);
  chart->xAxis->setSubTicks(false);
  chart->xAxis->setRange(0.4, result_.methods.size() + 0.6);
  auto percent = QSharedPointer<QCPAxisTickerText>::create();
  for (int p = 0; p <= 100; p += 25) percent->addTick(p, QStringLiteral("%1%").arg(p));
  chart->yAxis->setTicker(percent);
  chart->yAxis->setSubTicks(false);
  chart->yAxis->setRange(0, 112);  // room for the label over a perfect score
  chart->yAxis->grid()->setPen(QPen(QColor(230, 230, 230), 0, Qt::DashLine));
  chart->yAxis->setTickLabelColor(kMuted);
  chart->xAxis->setTickLabelColor(kText);
  chart->replot(QCustomPlot::rpQueuedReplot);
}

void EvaluationView::fillConfusion() {
  QCustomPlot* chart = confusion_plot_;
  chart->clearItems();
  const int n = result_.classes.size();
  const int method = method_box_->currentIndex();
  if (n == 0 || method < 0 || method >= result_.methods.size()) {
    confusion_map_->data()->clear();
    confusion_map_->setVisible(false);
    chart->replot(QCustomPlot::rpQueuedReplot);
    return;
  }
  const MethodScore& m = result_.methods[method];
  confusion_map_->setVisible(true);
  confusion_map_->data()->setSize(n, n);
  confusion_map_->data()->setRange(QCPRange(0, n - 1), QCPRange(0, n - 1));
  int max_count = 0;
  for (int t = 0; t < n; ++t)
    for (int p = 0; p < n; ++p) {
      const int count = t < m.confusion.size() && p < m.confusion[t].size() ? m.confusion[t][p] : 0;
      confusion_map_->data()->setCell(p, t, count);
      max_count = std::max(max_count, count);
    }
  confusion_map_->setDataRange(QCPRange(0, std::max(1, max_count)));

  const QFont font = smallerFont(chart->font(), n);
  const QFontMetrics metrics(font);
  auto ticker = QSharedPointer<QCPAxisTickerText>::create();
  for (int c = 0; c < n; ++c) ticker->addTick(c, metrics.elidedText(result_.classes[c], Qt::ElideMiddle, 130));
  for (QCPAxis* axis : {chart->xAxis, chart->yAxis}) {
    axis->setTicker(ticker);
    axis->setTickLabelFont(font);
    axis->setRange(-0.5, n - 0.5);
  }
  chart->yAxis->setRangeReversed(true);

  // Counts in the cells while they are big enough to hold them.
  if (n <= 15) {
    for (int t = 0; t < n; ++t)
      for (int p = 0; p < n; ++p) {
        const int count = int(confusion_map_->data()->cell(p, t));
        if (count == 0) continue;
        auto* text = new QCPItemText(chart);
        text->position->setType(QCPItemPosition::ptPlotCoords);
        text->position->setCoords(p, t);
        text->setText(QLocale().toString(count));
        text->setFont(font);
        text->setColor(count > 0.45 * max_count ? Qt::white : kText);
      }
  }
  chart->replot(QCustomPlot::rpQueuedReplot);
}

bool EvaluationView::cellAt(const QPoint& pos, int* trueClass, int* predicted) const {
  const int n = result_.classes.size();
  const int method = method_box_->currentIndex();
  if (n == 0 || method < 0 || !confusion_plot_->axisRect()->rect().contains(pos)) return false;
  *predicted = int(std::lround(confusion_plot_->xAxis->pixelToCoord(pos.x())));
  *trueClass = int(std::lround(confusion_plot_->yAxis->pixelToCoord(pos.y())));
  return *predicted >= 0 && *predicted < n && *trueClass >= 0 && *trueClass < n;
}

void EvaluationView::openConfusionCell(int trueClass, int predicted) {
  emit drillDownRequested(DrillDowns::confusionCell(result_, method_box_->currentIndex(), trueClass, predicted));
}

void EvaluationView::showCellToolTip(QMouseEvent* event) {
  int t = -1, p = -1;
  if (!cellAt(event->pos(), &t, &p)) {
    QToolTip::hideText();
    return;
  }
  const MethodScore& m = result_.methods[method_box_->currentIndex()];
  const int count = t < m.confusion.size() && p < m.confusion[t].size() ? m.confusion[t][p] : 0;
  int row = 0;
  if (t < m.confusion.size())
    for (int c : m.confusion[t]) row += c;
  const QString share = row > 0 ? EvaluationTableModel::percent(double(count) / row) : QStringLiteral("—");
  QToolTip::showText(event->globalPosition().toPoint(),
                     tr("True: %1\nPredicted: %2\n%3 of %4 images (%5)\nClick to see them")
                         .arg(result_.classes[t], result_.classes[p], QLocale().toString(count),
                              QLocale().toString(row), share),
                     confusion_plot_);
}

bool EvaluationView::exportReport(const QString& path) {
  last_error_.clear();
  if (!result_.report) {
    last_error_ = tr("There is no evaluation to export.");
    return false;
  }
  try {
    QStringList written;
    const QString clean = QDir::cleanPath(path);
    for (const auto& file : write_report(*result_.report, clean.toStdString()))
      written << QString::fromStdString(file);
    const QFileInfo info(clean);
    const QString predictions = info.dir().filePath(info.completeBaseName() + QStringLiteral("-predictions.jsonl"));
    write_predictions(*result_.report, predictions.toStdString());
    written << predictions;
    emit exported(written);
    return true;
  } catch (const std::exception& e) {
    last_error_ = QString::fromStdString(error_message(e));
    return false;
  }
}

void EvaluationView::chooseReportFile() {
  if (export_dir_.isEmpty()) {
    export_dir_ = QStandardPaths::writableLocation(QStandardPaths::DocumentsLocation);
    if (export_dir_.isEmpty() || !QDir(export_dir_).exists()) export_dir_ = QDir::homePath();
  }
  const QString path = QFileDialog::getSaveFileName(this, tr("Export evaluation report"),
                                                    QDir(export_dir_).filePath(QStringLiteral("report.json")),
                                                    tr("JSON files (*.json)"));
  if (path.isEmpty()) return;
  export_dir_ = QFileInfo(path).absolutePath();
  if (!exportReport(path)) QMessageBox::warning(this, tr("Export report"), last_error_);
}

}  // namespace protext
