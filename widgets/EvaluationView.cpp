#include "widgets/EvaluationView.h"

#include <QAction>
#include <QComboBox>
#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QJsonArray>
#include <QJsonDocument>
#include <QLabel>
#include <QLocale>
#include <QMessageBox>
#include <QPushButton>
#include <QSaveFile>
#include <QSortFilterProxyModel>
#include <QSplitter>
#include <QStackedWidget>
#include <QTableView>
#include <QToolTip>
#include <QVBoxLayout>
#include <algorithm>
#include <cmath>
#include <qcustomplot.h>

#include "widgets/EvaluationTableModel.h"
#include "widgets/MethodComparisonView.h"

namespace protext {

namespace {

const QColor kMuted(110, 110, 110);
const QColor kText(40, 40, 40);

QJsonValue number(double x) { return std::isfinite(x) ? QJsonValue(x) : QJsonValue(QJsonValue::Null); }
double numberOr(const QJsonValue& v, double fallback) { return v.isDouble() ? v.toDouble() : fallback; }

QString csvField(const QString& s) {
  if (!s.contains(QLatin1Char(',')) && !s.contains(QLatin1Char('"')) && !s.contains(QLatin1Char('\n'))) return s;
  QString quoted = s;
  quoted.replace(QLatin1String("\""), QLatin1String("\"\""));
  return QLatin1Char('"') + quoted + QLatin1Char('"');
}

// Fractions as in the JSON; unmeasured numbers stay empty so spreadsheets see no zero.
QString csvNumber(double x) {
  return std::isfinite(x) && x >= 0 ? QString::number(x, 'g', 10) : QString();
}

QString fileSafe(const QString& name) {
  QString safe;
  for (QChar c : name) safe += c.isLetterOrNumber() || c == QLatin1Char('-') || c == QLatin1Char('_') ? c : QLatin1Char('_');
  return safe.isEmpty() ? QStringLiteral("method") : safe;
}

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
  export_csv_ = new QPushButton(tr("Export &CSV…"), this);
  export_json_ = new QPushButton(tr("Export &JSON…"), this);
  auto* csv_action = new QAction(this);
  csv_action->setShortcut(QKeySequence(tr("Ctrl+Shift+C")));
  csv_action->setShortcutContext(Qt::WidgetWithChildrenShortcut);
  addAction(csv_action);
  auto* json_action = new QAction(this);
  json_action->setShortcut(QKeySequence(tr("Ctrl+Shift+J")));
  json_action->setShortcutContext(Qt::WidgetWithChildrenShortcut);
  addAction(json_action);
  export_csv_->setToolTip(tr("Save the summary, per-class accuracy and confusion matrices as CSV (Ctrl+Shift+C)"));
  export_json_->setToolTip(tr("Save the whole evaluation as a JSON report (Ctrl+Shift+J)"));
  connect(export_csv_, &QPushButton::clicked, this, &EvaluationView::chooseCsvFile);
  connect(export_json_, &QPushButton::clicked, this, &EvaluationView::chooseJsonFile);
  connect(csv_action, &QAction::triggered, export_csv_, &QPushButton::click);
  connect(json_action, &QAction::triggered, export_json_, &QPushButton::click);

  // Summary table, sized to its few rows.
  summary_model_ = new EvaluationTableModel(EvaluationTableModel::Table::Summary, this);
  summary_table_ = new QTableView(this);
  summary_table_->setModel(summary_model_);
  summary_table_->verticalHeader()->hide();
  summary_table_->setSelectionBehavior(QAbstractItemView::SelectRows);
  summary_table_->setSelectionMode(QAbstractItemView::SingleSelection);
  summary_table_->setEditTriggers(QAbstractItemView::NoEditTriggers);
  summary_table_->horizontalHeader()->setSectionResizeMode(QHeaderView::Stretch);
  summary_table_->horizontalHeader()->setSectionResizeMode(EvaluationTableModel::MethodColumn,
                                                           QHeaderView::ResizeToContents);
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
  per_class_table_->horizontalHeader()->setSectionResizeMode(QHeaderView::Stretch);
  per_class_table_->horizontalHeader()->setSectionResizeMode(EvaluationTableModel::ClassColumn,
                                                             QHeaderView::ResizeToContents);
  per_class_table_->setToolTip(tr("Top-1 accuracy per class; click a header to sort"));

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

  // Layout: numbers on the left, the matrix (which needs the room) on the right.
  auto* charts = new QSplitter(Qt::Vertical, this);
  charts->addWidget(accuracy_plot_);
  charts->addWidget(per_class_table_);
  charts->setStretchFactor(0, 1);
  charts->setStretchFactor(1, 2);
  charts->setChildrenCollapsible(false);
  auto* left = new QWidget(this);
  // Wide enough for the summary's seven columns; the heat map takes what is left.
  left->setMinimumWidth(420);
  auto* left_layout = new QVBoxLayout(left);
  left_layout->setContentsMargins(0, 0, 0, 0);
  left_layout->addWidget(summary_table_);
  left_layout->addWidget(charts, 1);

  auto* right = new QWidget(this);
  auto* selector = new QHBoxLayout;
  selector->addWidget(method_label);
  selector->addWidget(method_box_);
  selector->addStretch(1);
  auto* right_layout = new QVBoxLayout(right);
  right_layout->setContentsMargins(0, 0, 0, 0);
  right_layout->addLayout(selector);
  right_layout->addWidget(confusion_plot_, 1);

  auto* split = new QSplitter(Qt::Horizontal, this);
  split->addWidget(left);
  split->addWidget(right);
  split->setStretchFactor(0, 2);
  split->setStretchFactor(1, 3);
  split->setChildrenCollapsible(false);

  auto* empty = new QLabel(tr("Evaluate a labelled image folder to see the accuracy of each method, per class, "
                              "and where they confuse classes."),
                           this);
  empty->setAlignment(Qt::AlignCenter);
  empty->setWordWrap(true);
  empty->setStyleSheet(QStringLiteral("color: #808080; font-size: 14pt;"));
  stack_ = new QStackedWidget(this);
  stack_->addWidget(empty);
  stack_->addWidget(split);

  auto* bar = new QHBoxLayout;
  bar->setContentsMargins(4, 4, 4, 0);
  bar->addWidget(header_, 1);
  bar->addWidget(export_csv_);
  bar->addWidget(export_json_);
  auto* layout = new QVBoxLayout(this);
  layout->setContentsMargins(0, 0, 0, 0);
  layout->addLayout(bar);
  layout->addWidget(stack_, 1);
  setMinimumSize(780, 420);
  clear();
}

int EvaluationView::confusionMethod() const { return method_box_->currentIndex(); }

void EvaluationView::setResult(const EvaluationResult& result) {
  result_ = result;
  summary_model_->setResult(result_);
  per_class_model_->setResult(result_);
  summary_table_->resizeColumnsToContents();
  const int rows_height = summary_table_->horizontalHeader()->sizeHint().height() +
                          summary_table_->verticalHeader()->length() + 2 * summary_table_->frameWidth();
  summary_table_->setFixedHeight(std::min(rows_height, 240));
  {
    const QSignalBlocker block(method_box_);
    method_box_->clear();
    for (const MethodScore& m : result_.methods) method_box_->addItem(m.method);
    // ProText's matrix first when there is one: it is what the user trained.
    int preferred = 0;
    for (int i = 0; i < result_.methods.size(); ++i)
      if (result_.methods[i].method == QLatin1String("ProText")) preferred = i;
    method_box_->setCurrentIndex(result_.methods.isEmpty() ? -1 : preferred);
  }
  export_csv_->setEnabled(!result_.methods.isEmpty());
  export_json_->setEnabled(!result_.methods.isEmpty());
  stack_->setCurrentIndex(result_.methods.isEmpty() ? 0 : 1);
  updateHeader();
  fillAccuracyChart();
  fillConfusion();
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
                .arg(MethodComparisonView::warningColor().name(),
                     tr("%n file(s) skipped", nullptr, result_.skippedFiles.size()));
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
    const QColor color = MethodComparisonView::methodColor(m.method);
    auto* bars = new QCPBars(chart->xAxis, chart->yAxis);
    bars->setName(m.method);
    bars->setWidth(0.6);
    bars->setPen(QPen(color.darker(120)));
    bars->setBrush(color);
    bars->addData(i + 1, 100.0 * m.top1);
    ticker->addTick(i + 1, m.method);
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

void EvaluationView::showCellToolTip(QMouseEvent* event) {
  const int n = result_.classes.size();
  const int method = method_box_->currentIndex();
  if (n == 0 || method < 0 || !confusion_plot_->axisRect()->rect().contains(event->pos())) {
    QToolTip::hideText();
    return;
  }
  const int p = int(std::lround(confusion_plot_->xAxis->pixelToCoord(event->pos().x())));
  const int t = int(std::lround(confusion_plot_->yAxis->pixelToCoord(event->pos().y())));
  if (p < 0 || p >= n || t < 0 || t >= n) return;
  const MethodScore& m = result_.methods[method];
  const int count = t < m.confusion.size() && p < m.confusion[t].size() ? m.confusion[t][p] : 0;
  int row = 0;
  if (t < m.confusion.size())
    for (int c : m.confusion[t]) row += c;
  const QString share = row > 0 ? EvaluationTableModel::percent(double(count) / row) : QStringLiteral("—");
  QToolTip::showText(event->globalPosition().toPoint(),
                     tr("True: %1\nPredicted: %2\n%3 of %4 images (%5)")
                         .arg(result_.classes[t], result_.classes[p], QLocale().toString(count),
                              QLocale().toString(row), share),
                     confusion_plot_);
}

QJsonObject EvaluationView::toJson(const EvaluationResult& result) {
  QJsonObject json;
  json[QStringLiteral("n_images")] = result.imageCount;
  json[QStringLiteral("classes")] = QJsonArray::fromStringList(result.classes);
  QJsonObject methods;
  QJsonArray order;
  for (const MethodScore& m : result.methods) {
    QJsonObject method;
    method[QStringLiteral("top1")] = number(m.top1);
    method[QStringLiteral("top5")] = number(m.top5);
    method[QStringLiteral("correct")] = m.correct;
    method[QStringLiteral("total")] = m.total;
    QJsonObject per_class;
    QJsonArray per_class_list;  // keeps the order, and classes that share a name
    for (int c = 0; c < m.perClassAccuracy.size(); ++c) {
      if (c < result.classes.size()) per_class[result.classes[c]] = number(m.perClassAccuracy[c]);
      per_class_list.append(number(m.perClassAccuracy[c]));
    }
    method[QStringLiteral("per_class")] = per_class;
    method[QStringLiteral("per_class_list")] = per_class_list;
    QJsonArray confusion;
    for (const QVector<int>& row : m.confusion) {
      QJsonArray counts;
      for (int count : row) counts.append(count);
      confusion.append(counts);
    }
    method[QStringLiteral("confusion")] = confusion;
    if (m.baseTop1 >= 0 || m.novelTop1 >= 0 || m.harmonicMean >= 0) {
      QJsonObject b2n;
      b2n[QStringLiteral("base_top1")] = number(m.baseTop1);
      b2n[QStringLiteral("novel_top1")] = number(m.novelTop1);
      b2n[QStringLiteral("harmonic_mean")] = number(m.harmonicMean);
      method[QStringLiteral("base2novel")] = b2n;
    }
    methods[m.method] = method;
    order.append(m.method);
  }
  json[QStringLiteral("methods")] = methods;
  json[QStringLiteral("method_order")] = order;
  QJsonArray skipped;
  for (const QString& file : result.skippedFiles) skipped.append(QJsonObject{{QStringLiteral("path"), file}});
  json[QStringLiteral("skipped")] = skipped;
  return json;
}

EvaluationResult EvaluationView::fromJson(const QJsonObject& json) {
  EvaluationResult result;
  result.imageCount = json.value(QStringLiteral("n_images")).toInt();
  for (const QJsonValue& c : json.value(QStringLiteral("classes")).toArray()) result.classes << c.toString();
  const QJsonObject methods = json.value(QStringLiteral("methods")).toObject();
  QStringList order;
  for (const QJsonValue& name : json.value(QStringLiteral("method_order")).toArray()) order << name.toString();
  if (order.isEmpty()) order = methods.keys();
  for (const QString& name : order) {
    const QJsonObject method = methods.value(name).toObject();
    MethodScore m;
    m.method = name;
    m.top1 = numberOr(method.value(QStringLiteral("top1")), std::nan(""));
    m.top5 = numberOr(method.value(QStringLiteral("top5")), std::nan(""));
    for (const QJsonValue& row : method.value(QStringLiteral("confusion")).toArray()) {
      QVector<int> counts;
      for (const QJsonValue& count : row.toArray()) counts << count.toInt();
      m.confusion << counts;
    }
    int diagonal = 0, all = 0;
    for (int t = 0; t < m.confusion.size(); ++t)
      for (int p = 0; p < m.confusion[t].size(); ++p) {
        all += m.confusion[t][p];
        if (p == t) diagonal += m.confusion[t][p];
      }
    // The CLI's report has no counts; its confusion matrix does.
    m.correct = method.contains(QStringLiteral("correct")) ? method.value(QStringLiteral("correct")).toInt() : diagonal;
    m.total = method.contains(QStringLiteral("total")) ? method.value(QStringLiteral("total")).toInt() : all;
    if (method.contains(QStringLiteral("per_class_list"))) {
      for (const QJsonValue& v : method.value(QStringLiteral("per_class_list")).toArray())
        m.perClassAccuracy << numberOr(v, std::nan(""));
    } else {
      const QJsonObject per_class = method.value(QStringLiteral("per_class")).toObject();
      for (const QString& c : result.classes) m.perClassAccuracy << numberOr(per_class.value(c), std::nan(""));
    }
    const QJsonObject b2n = method.value(QStringLiteral("base2novel")).toObject();
    m.baseTop1 = numberOr(b2n.value(QStringLiteral("base_top1")), -1);
    m.novelTop1 = numberOr(b2n.value(QStringLiteral("novel_top1")), -1);
    m.harmonicMean = numberOr(b2n.value(QStringLiteral("harmonic_mean")), -1);
    result.methods << m;
  }
  for (const QJsonValue& s : json.value(QStringLiteral("skipped")).toArray()) {
    const QJsonObject entry = s.toObject();
    const QString error = entry.value(QStringLiteral("error")).toString();
    const QString path = s.isString() ? s.toString() : entry.value(QStringLiteral("path")).toString();
    result.skippedFiles << (error.isEmpty() ? path : QStringLiteral("%1 (%2)").arg(path, error));
  }
  return result;
}

QString EvaluationView::summaryCsv(const EvaluationResult& result) {
  QString out = QStringLiteral("method,top1,top5,base_top1,novel_top1,harmonic_mean,correct,images\n");
  for (const MethodScore& m : result.methods)
    out += QStringList{csvField(m.method), csvNumber(m.top1), csvNumber(m.top5), csvNumber(m.baseTop1),
                       csvNumber(m.novelTop1), csvNumber(m.harmonicMean), QString::number(m.correct),
                       QString::number(m.total)}
               .join(QLatin1Char(',')) +
           QLatin1Char('\n');
  return out;
}

QString EvaluationView::perClassCsv(const EvaluationResult& result) {
  QStringList header{QStringLiteral("class")};
  for (const MethodScore& m : result.methods) header << csvField(m.method);
  QString out = header.join(QLatin1Char(',')) + QLatin1Char('\n');
  for (int c = 0; c < result.classes.size(); ++c) {
    QStringList row{csvField(result.classes[c])};
    for (const MethodScore& m : result.methods)
      row << (c < m.perClassAccuracy.size() ? csvNumber(m.perClassAccuracy[c]) : QString());
    out += row.join(QLatin1Char(',')) + QLatin1Char('\n');
  }
  return out;
}

QString EvaluationView::confusionCsv(const EvaluationResult& result, int method) {
  // The CLI's layout: rows true class, columns predicted class, names in the first row and column.
  QStringList header{QStringLiteral("true\\predicted")};
  for (const QString& c : result.classes) header << csvField(c);
  QString out = header.join(QLatin1Char(',')) + QLatin1Char('\n');
  const MethodScore& m = result.methods[method];
  for (int t = 0; t < result.classes.size(); ++t) {
    QStringList row{csvField(result.classes[t])};
    for (int p = 0; p < result.classes.size(); ++p)
      row << QString::number(t < m.confusion.size() && p < m.confusion[t].size() ? m.confusion[t][p] : 0);
    out += row.join(QLatin1Char(',')) + QLatin1Char('\n');
  }
  return out;
}

bool EvaluationView::writeFile(const QString& path, const QByteArray& bytes) {
  QSaveFile file(path);
  if (!file.open(QIODevice::WriteOnly) || file.write(bytes) != bytes.size() || !file.commit()) {
    last_error_ = tr("Could not write %1: %2").arg(QDir::toNativeSeparators(path), file.errorString());
    return false;
  }
  return true;
}

bool EvaluationView::exportCsv(const QString& path) {
  last_error_.clear();
  QStringList written;
  if (QFileInfo(path).isDir()) {
    const QDir dir(path);
    const QString summary = dir.filePath(QStringLiteral("summary.csv"));
    const QString per_class = dir.filePath(QStringLiteral("per-class.csv"));
    if (!writeFile(summary, summaryCsv(result_).toUtf8())) return false;
    written << summary;
    if (!writeFile(per_class, perClassCsv(result_).toUtf8())) return false;
    written << per_class;
    for (int i = 0; i < result_.methods.size(); ++i) {
      const QString confusion =
          dir.filePath(QStringLiteral("confusion-%1.csv").arg(fileSafe(result_.methods[i].method)));
      if (!writeFile(confusion, confusionCsv(result_, i).toUtf8())) return false;
      written << confusion;
    }
  } else {
    QString all = QStringLiteral("# summary\n") + summaryCsv(result_) + QStringLiteral("\n# per-class top-1\n") +
                  perClassCsv(result_);
    for (int i = 0; i < result_.methods.size(); ++i)
      all += QStringLiteral("\n# confusion %1\n").arg(result_.methods[i].method) + confusionCsv(result_, i);
    if (!writeFile(path, all.toUtf8())) return false;
    written << path;
  }
  emit exported(written);
  return true;
}

bool EvaluationView::exportJson(const QString& path) {
  last_error_.clear();
  if (!writeFile(path, QJsonDocument(toJson(result_)).toJson(QJsonDocument::Indented))) return false;
  emit exported({path});
  return true;
}

void EvaluationView::chooseCsvFile() {
  const QString path = QFileDialog::getSaveFileName(this, tr("Export evaluation as CSV"),
                                                    QStringLiteral("evaluation.csv"), tr("CSV files (*.csv)"));
  if (!path.isEmpty() && !exportCsv(path)) QMessageBox::warning(this, tr("Export CSV"), last_error_);
}

void EvaluationView::chooseJsonFile() {
  const QString path = QFileDialog::getSaveFileName(this, tr("Export evaluation as JSON"),
                                                    QStringLiteral("evaluation.json"), tr("JSON files (*.json)"));
  if (!path.isEmpty() && !exportJson(path)) QMessageBox::warning(this, tr("Export JSON"), last_error_);
}

}  // namespace protext
