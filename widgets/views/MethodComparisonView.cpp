#include "widgets/views/MethodComparisonView.h"

#include <QFontMetrics>
#include <QGridLayout>
#include <QHash>
#include <QLabel>
#include <QLocale>
#include <QResizeEvent>
#include <QStackedWidget>
#include <QVBoxLayout>
#include <algorithm>
#include <map>
#include <qcustomplot.h>

#include "widgets/common/MethodStyle.h"

namespace protext {

namespace {

const QColor kGrid(230, 230, 230);
const QColor kText(40, 40, 40);
const QColor kMuted(110, 110, 110);
constexpr int kLabelWidth = 130;  // pixels of class name before it is elided

QString percentText(double p) {
  const QLocale locale;
  if (p > 0 && p < 0.001) return QStringLiteral("<%1%").arg(locale.toString(0.1, 'f', 1));
  return QStringLiteral("%1%").arg(locale.toString(100.0 * p, 'f', 1));
}

constexpr int kCardMinWidth = 170;
constexpr int kPlotMinHeight = 100;

}  // namespace

MethodComparisonView::MethodComparisonView(QWidget* parent) : QWidget(parent) {
  stack_ = new QStackedWidget(this);
  empty_ = new QLabel(tr("Drop an image to compare the methods"), this);
  empty_->setAlignment(Qt::AlignCenter);
  empty_->setWordWrap(true);
  empty_->setStyleSheet(QStringLiteral("color: #808080; font-size: 14pt;"));
  charts_ = new QWidget(this);
  charts_layout_ = new QGridLayout(charts_);
  charts_layout_->setContentsMargins(0, 0, 0, 0);
  charts_layout_->setSpacing(10);
  stack_->addWidget(empty_);
  stack_->addWidget(charts_);
  auto* layout = new QVBoxLayout(this);
  layout->setContentsMargins(0, 0, 0, 0);
  layout->addWidget(stack_);
  // Room for the charts two by two: below the width of a row of four they wrap (arrange()).
  const int cardHeight = fontMetrics().height() * 2 + 6 + kPlotMinHeight + 14;
  setMinimumSize(2 * kCardMinWidth + 10, 2 * cardHeight + 10);
  clear();
}

QString MethodComparisonView::topLabel(int method) const {
  if (method < 0 || method >= predictions_.size() || predictions_[method].labels.isEmpty()) return {};
  return predictions_[method].labels.front();
}

QVector<double> MethodComparisonView::shownProbabilities(int method) const {
  QVector<double> shown;
  QCustomPlot* chart = plot(method);
  if (!chart) return shown;
  // Bars of all colours, ordered by their key: the best class sits at the highest key.
  std::map<double, double, std::greater<double>> by_key;
  for (int i = 0; i < chart->plottableCount(); ++i) {
    auto* bars = qobject_cast<QCPBars*>(chart->plottable(i));
    if (!bars) continue;
    for (auto it = bars->data()->constBegin(); it != bars->data()->constEnd(); ++it) by_key[it->key] = it->value;
  }
  for (const auto& [key, value] : by_key) shown.push_back(value);
  return shown;
}

bool MethodComparisonView::isDisagreeing(int method) const {
  const QString top = topLabel(method);
  return !consensus_.isEmpty() && !top.isEmpty() && top != consensus_;
}

bool MethodComparisonView::isCorrect(int method) const {
  return !true_class_.isEmpty() && topLabel(method) == true_class_;
}

QCustomPlot* MethodComparisonView::plot(int method) const {
  return method >= 0 && method < columns_.size() ? columns_[method].plot : nullptr;
}

QLabel* MethodComparisonView::titleLabel(int method) const {
  return method >= 0 && method < columns_.size() ? columns_[method].title : nullptr;
}

QLabel* MethodComparisonView::noteLabel(int method) const {
  return method >= 0 && method < columns_.size() ? columns_[method].note : nullptr;
}

void MethodComparisonView::setPredictions(const QVector<MethodPrediction>& predictions, const QString& trueClass) {
  predictions_ = predictions;
  true_class_ = trueClass;
  consensus_ = consensusLabel();
  rebuild();
}

void MethodComparisonView::clear() {
  predictions_.clear();
  true_class_.clear();
  consensus_.clear();
  rebuild();
}

void MethodComparisonView::setTopK(int k) {
  k = std::max(1, k);
  if (k == top_k_) return;
  top_k_ = k;
  for (int i = 0; i < columns_.size(); ++i) fillChart(i);
}

QString MethodComparisonView::consensusLabel() const {
  QHash<QString, int> votes;
  for (int i = 0; i < predictions_.size(); ++i)
    if (!topLabel(i).isEmpty()) ++votes[topLabel(i)];
  QString best;
  int best_votes = 0;
  bool tied = false;
  for (auto it = votes.cbegin(); it != votes.cend(); ++it) {
    if (it.value() > best_votes) {
      best = it.key();
      best_votes = it.value();
      tied = false;
    } else if (it.value() == best_votes) {
      tied = true;
    }
  }
  return best_votes >= 2 && !tied ? best : QString();
}

void MethodComparisonView::rebuild() {
  if (columns_.size() != predictions_.size()) {
    for (Column& column : columns_) delete column.box;
    columns_.clear();
    for (int i = 0; i < predictions_.size(); ++i) {
      Column column;
      column.box = new QWidget(charts_);
      // A white card per method, so title and chart read as one unit.
      column.box->setObjectName(QStringLiteral("methodCard"));
      column.box->setAttribute(Qt::WA_StyledBackground);
      column.box->setStyleSheet(QStringLiteral(
          "#methodCard { background: white; border: 1px solid #d6d6d6; border-radius: 4px; }"));
      column.title = new QLabel(column.box);
      column.title->setTextFormat(Qt::RichText);
      column.title->setAlignment(Qt::AlignLeft | Qt::AlignVCenter);
      column.title->setMinimumHeight(column.title->fontMetrics().height() * 2 + 6);
      column.plot = new QCustomPlot(column.box);
      column.plot->setMinimumSize(kCardMinWidth - 12, kPlotMinHeight);
      column.plot->xAxis2->setVisible(false);
      column.plot->yAxis2->setVisible(false);
      column.plot->axisRect()->setMinimumMargins(QMargins(0, 4, 22, 0));  // room for the "100%" tick
      column.note = new QLabel(column.box);
      column.note->setWordWrap(true);
      column.note->setAlignment(Qt::AlignLeft | Qt::AlignTop);
      column.note->setStyleSheet(QStringLiteral("color: #6e6e6e;"));
      column.note->setMinimumSize(kCardMinWidth - 12, kPlotMinHeight);
      column.note->hide();
      auto* layout = new QVBoxLayout(column.box);
      layout->setContentsMargins(8, 6, 4, 4);
      layout->setSpacing(2);
      layout->addWidget(column.title);
      layout->addWidget(column.plot, 1);
      layout->addWidget(column.note, 1);
      columns_.push_back(column);
    }
    per_row_ = 0;
    arrange();
  }
  for (int i = 0; i < columns_.size(); ++i) fillChart(i);
  stack_->setCurrentWidget(predictions_.isEmpty() ? static_cast<QWidget*>(empty_) : charts_);
}

void MethodComparisonView::arrange() {
  const int n = static_cast<int>(columns_.size());
  const int perRow = width() >= n * kCardMinWidth + (n - 1) * 10 ? std::max(1, n) : std::max(1, (n + 1) / 2);
  if (perRow == per_row_) return;
  per_row_ = perRow;
  for (const Column& column : columns_) charts_layout_->removeWidget(column.box);
  for (int c = 0; c < charts_layout_->columnCount(); ++c) charts_layout_->setColumnStretch(c, 0);
  for (int i = 0; i < n; ++i) charts_layout_->addWidget(columns_[i].box, i / perRow, i % perRow);
  for (int c = 0; c < perRow; ++c) charts_layout_->setColumnStretch(c, 1);
}

void MethodComparisonView::resizeEvent(QResizeEvent* event) {
  QWidget::resizeEvent(event);
  arrange();
}

void MethodComparisonView::fillChart(int index) {
  const MethodPrediction& prediction = predictions_[index];
  QCustomPlot* chart = columns_[index].plot;
  const bool noted = !prediction.note.isEmpty() && prediction.labels.isEmpty();
  columns_[index].note->setText(prediction.note);
  columns_[index].note->setVisible(noted);
  chart->setVisible(!noted);
  chart->clearPlottables();
  chart->clearItems();
  const int k = std::min<int>({top_k_, int(prediction.labels.size()), int(prediction.probabilities.size())});

  const QColor color = MethodStyle::color(prediction.method);
  auto* bars = new QCPBars(chart->yAxis, chart->xAxis);
  bars->setName(MethodStyle::label(prediction.method));
  bars->setWidth(0.7);
  bars->setPen(QPen(color.darker(120)));
  bars->setBrush(color);
  auto* true_bar = new QCPBars(chart->yAxis, chart->xAxis);
  true_bar->setName(tr("True class"));
  true_bar->setWidth(0.7);
  true_bar->setPen(QPen(MethodStyle::trueClassColor().darker(130)));
  true_bar->setBrush(MethodStyle::trueClassColor());

  auto ticker = QSharedPointer<QCPAxisTickerText>::create();
  const QFontMetrics metrics(chart->yAxis->tickLabelFont());
  for (int r = 0; r < k; ++r) {
    const double key = k - r;  // the best class on top
    const double p = prediction.probabilities[r];
    const bool is_true = !true_class_.isEmpty() && prediction.labels[r] == true_class_;
    (is_true ? true_bar : bars)->addData(key, p);
    QString name = metrics.elidedText(prediction.labels[r], Qt::ElideRight, kLabelWidth);
    if (is_true) name = QStringLiteral("✓ ") + name;
    ticker->addTick(key, name);

    // Inside a long bar, beside a short one: the percentage never leaves the 0..1 range.
    auto* text = new QCPItemText(chart);
    text->position->setType(QCPItemPosition::ptPlotCoords);
    text->position->setAxes(chart->yAxis, chart->xAxis);
    text->position->setCoords(key, p);
    const bool inside = p > 0.72;
    text->setPositionAlignment(Qt::AlignVCenter | (inside ? Qt::AlignRight : Qt::AlignLeft));
    text->setPadding(QMargins(4, 0, 4, 0));
    text->setColor(inside ? Qt::white : kText);
    QFont font = chart->font();
    font.setBold(r == 0);
    text->setFont(font);
    text->setText(percentText(p));
  }

  chart->yAxis->setTicker(ticker);
  chart->yAxis->setTickLength(0, 0);
  chart->yAxis->setSubTicks(false);
  chart->yAxis->grid()->setVisible(false);
  chart->yAxis->setBasePen(QPen(kMuted));
  chart->yAxis->setTickLabelColor(kText);
  // Same bar thickness in every chart, even where a method returned fewer than k classes.
  chart->yAxis->setRange(k - top_k_ + 0.5, k + 0.5);

  auto percent = QSharedPointer<QCPAxisTickerText>::create();
  percent->addTick(0, QStringLiteral("0%"));
  percent->addTick(0.5, QStringLiteral("50%"));
  percent->addTick(1, QStringLiteral("100%"));
  chart->xAxis->setTicker(percent);
  chart->xAxis->setSubTicks(false);
  chart->xAxis->setRange(0, 1);
  chart->xAxis->setBasePen(QPen(kMuted));
  chart->xAxis->setTickPen(QPen(kMuted));
  chart->xAxis->setTickLabelColor(kMuted);
  chart->xAxis->grid()->setPen(QPen(kGrid, 0, Qt::DashLine));

  if (k == 0) {
    auto* none = new QCPItemText(chart);
    none->position->setType(QCPItemPosition::ptAxisRectRatio);
    none->position->setCoords(0.5, 0.5);
    none->setColor(kMuted);
    none->setText(tr("No prediction"));
  }
  chart->setToolTip(tr("%1: the %n most probable classes", nullptr, k).arg(MethodStyle::label(prediction.method)));
  updateTitle(index);
  chart->replot(QCustomPlot::rpQueuedReplot);
}

void MethodComparisonView::updateTitle(int index) {
  const MethodPrediction& prediction = predictions_[index];
  const bool disagrees = isDisagreeing(index);
  const QString name_color = disagrees ? MethodStyle::warningColor().name() : kText.name();
  QString html = QStringLiteral("<span style=\"color:%1;\">&#9632;</span>&nbsp;<b style=\"color:%2;\">%3</b>")
                     .arg(MethodStyle::color(prediction.method).name(), name_color, MethodStyle::label(prediction.method).toHtmlEscaped());
  if (disagrees)
    html += QStringLiteral("&nbsp; <span style=\"background-color:%1; color:white;\">&nbsp;%2&nbsp;</span>")
                .arg(MethodStyle::warningColor().name(), tr("disagrees").toHtmlEscaped());
  QString detail;
  const QString top = topLabel(index);
  if (top.isEmpty() && !prediction.note.isEmpty()) {
    detail = QStringLiteral("<span style=\"color:%1;\">%2</span>").arg(kMuted.name(), tr("not available").toHtmlEscaped());
  } else if (top.isEmpty()) {
    detail = QStringLiteral("<span style=\"color:%1;\">%2</span>").arg(kMuted.name(), tr("no prediction"));
  } else if (isCorrect(index)) {
    detail = QStringLiteral("<span style=\"color:%1;\">&#10003; %2</span>")
                 .arg(MethodStyle::trueClassColor().darker(120).name(), tr("top-1 is the true class").toHtmlEscaped());
  } else {
    detail = QStringLiteral("<span style=\"color:%1;\">%2</span>")
                 .arg(disagrees ? MethodStyle::warningColor().name() : kMuted.name(),
                      tr("top-1: %1").arg(top).toHtmlEscaped());
    if (!true_class_.isEmpty() && !prediction.labels.mid(0, top_k_).contains(true_class_))
      detail += QStringLiteral("<span style=\"color:%1;\"> · %2</span>")
                    .arg(kMuted.name(), tr("true class not in top %1").arg(top_k_).toHtmlEscaped());
  }
  QLabel* title = columns_[index].title;
  title->setText(html + QStringLiteral("<br>") + detail);
  QString tip = !prediction.note.isEmpty() && top.isEmpty() ? prediction.note
              : disagrees ? tr("%1 picks %2 where most methods pick %3").arg(MethodStyle::label(prediction.method), top, consensus_)
                          : tr("%1's most probable classes for this image").arg(MethodStyle::label(prediction.method));
  title->setToolTip(tip);
}

}  // namespace protext
