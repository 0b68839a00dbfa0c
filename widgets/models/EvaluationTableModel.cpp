#include "widgets/models/EvaluationTableModel.h"

#include <QBrush>
#include <QColor>
#include <QFont>
#include <QLocale>
#include <algorithm>
#include <cmath>

#include "widgets/common/MethodStyle.h"

namespace protext {

namespace {

bool measured(double x) { return std::isfinite(x) && x >= 0; }

// Pale red through pale yellow to pale green: dark text stays readable on every cell.
QColor accuracyTint(double fraction) {
  return QColor::fromHsvF(std::clamp(fraction, 0.0, 1.0) / 3.0, 0.22, 1.0);
}

}  // namespace

EvaluationTableModel::EvaluationTableModel(Table table, QObject* parent) : QAbstractTableModel(parent), table_(table) {}

void EvaluationTableModel::setResult(const EvaluationResult& result) {
  beginResetModel();
  result_ = result;
  endResetModel();
}

void EvaluationTableModel::clear() { setResult({}); }

QString EvaluationTableModel::percent(double fraction) {
  if (!measured(fraction)) return {};
  return QStringLiteral("%1%").arg(QLocale().toString(100.0 * fraction, 'f', 2));
}

QString EvaluationTableModel::percentRange(double low, double high) {
  if (!measured(low) || !measured(high)) return {};
  return QStringLiteral("%1–%2%").arg(QLocale().toString(100.0 * low, 'f', 1), QLocale().toString(100.0 * high, 'f', 1));
}

int EvaluationTableModel::rowCount(const QModelIndex& parent) const {
  if (parent.isValid()) return 0;
  return table_ == Table::Summary ? result_.methods.size() : result_.classes.size();
}

int EvaluationTableModel::columnCount(const QModelIndex& parent) const {
  if (parent.isValid()) return 0;
  return table_ == Table::Summary ? int(SummaryColumnCount) : int(FirstMethodColumn) + result_.methods.size();
}

QVariant EvaluationTableModel::data(const QModelIndex& index, int role) const {
  if (!index.isValid() || index.row() >= rowCount() || index.column() >= columnCount()) return {};
  return table_ == Table::Summary ? summaryData(index.row(), index.column(), role)
                                  : perClassData(index.row(), index.column(), role);
}

double EvaluationTableModel::summaryValue(int row, int column) const {
  const MethodScore& m = result_.methods[row];
  switch (column) {
    case Top1Column: return m.top1;
    case Top1IntervalColumn: return m.top1Low;
    case Top5Column: return m.top5;
    case BaseColumn: return m.baseTop1;
    case NovelColumn: return m.novelTop1;
    case HarmonicColumn: return m.harmonicMean;
    default: return -1;
  }
}

QVariant EvaluationTableModel::summaryData(int row, int column, int role) const {
  const MethodScore& m = result_.methods[row];
  const bool numeric = column != MethodColumn;
  switch (role) {
    case Qt::DisplayRole:
      if (column == MethodColumn) return MethodStyle::label(m.method);
      if (column == Top1IntervalColumn) return percentRange(m.top1Low, m.top1High);
      return percent(summaryValue(row, column));
    case SortRole:
      if (column == MethodColumn) return MethodStyle::label(m.method);
      return summaryValue(row, column);
    case Qt::DecorationRole:
      if (column == MethodColumn) return MethodStyle::color(m.method);
      return {};
    case Qt::TextAlignmentRole:
      return numeric ? QVariant(int(Qt::AlignRight | Qt::AlignVCenter)) : QVariant(int(Qt::AlignLeft | Qt::AlignVCenter));
    case Qt::FontRole: {
      // The best method in each accuracy column stands out.
      if (column == MethodColumn || column == Top1IntervalColumn) return {};
      const double value = summaryValue(row, column);
      if (!measured(value)) return {};
      for (int other = 0; other < result_.methods.size(); ++other)
        if (summaryValue(other, column) > value) return {};
      QFont bold;
      bold.setBold(true);
      return bold;
    }
    case Qt::ToolTipRole:
      if (column == Top1Column)
        return tr("%1 of %2 images classified correctly").arg(QLocale().toString(m.correct), QLocale().toString(m.total));
      if (column == HarmonicColumn && measured(m.harmonicMean)) {
        QString tip = tr("Harmonic mean of base and novel top-1: 2·b·n / (b + n)");
        const QString range = percentRange(m.harmonicLow, m.harmonicHigh);
        if (!range.isEmpty()) tip += QLatin1Char('\n') + tr("95% bootstrap interval: %1").arg(range);
        return tip;
      }
      if (column == Top1IntervalColumn && measured(m.top1Low))
        return tr("Top-1 lies in this range in 95% of %n bootstrap resamples of the images", nullptr,
                  result_.report ? int(result_.report->options.bootstrap) : 0);
      return {};
    default: return {};
  }
}

int EvaluationTableModel::classImages(int row) const {
  // Every method saw the same images, so any confusion row counts them.
  for (const MethodScore& m : result_.methods) {
    if (row >= m.confusion.size()) continue;
    int sum = 0;
    for (int count : m.confusion[row]) sum += count;
    return sum;
  }
  return 0;
}

QVariant EvaluationTableModel::perClassData(int row, int column, int role) const {
  if (column == ClassColumn) {
    if (role == Qt::DisplayRole || role == SortRole || role == Qt::ToolTipRole) return result_.classes[row];
    return {};
  }
  if (column == ClassImagesColumn) {
    if (role == Qt::DisplayRole) return QLocale().toString(classImages(row));
    if (role == SortRole) return classImages(row);
    if (role == Qt::TextAlignmentRole) return int(Qt::AlignRight | Qt::AlignVCenter);
    return {};
  }
  const MethodScore& m = result_.methods[column - FirstMethodColumn];
  const double accuracy = row < m.perClassAccuracy.size() ? m.perClassAccuracy[row] : std::nan("");
  switch (role) {
    case Qt::DisplayRole: return measured(accuracy) ? percent(accuracy) : QStringLiteral("—");
    case SortRole: return measured(accuracy) ? accuracy : -1.0;
    case Qt::TextAlignmentRole: return int(Qt::AlignRight | Qt::AlignVCenter);
    case Qt::BackgroundRole: return measured(accuracy) ? QVariant(QBrush(accuracyTint(accuracy))) : QVariant();
    case Qt::ForegroundRole: return QBrush(QColor(30, 30, 30));
    case Qt::ToolTipRole: {
      if (!measured(accuracy)) return tr("No images of %1").arg(result_.classes[row]);
      const int right = row < m.confusion.size() && row < m.confusion[row].size() ? m.confusion[row][row] : 0;
      return tr("%1 on %2: %3 of %4 correct")
          .arg(MethodStyle::label(m.method), result_.classes[row], QLocale().toString(right), QLocale().toString(classImages(row)));
    }
    default: return {};
  }
}

QVariant EvaluationTableModel::headerData(int section, Qt::Orientation orientation, int role) const {
  if (orientation != Qt::Horizontal) return QAbstractTableModel::headerData(section, orientation, role);
  if (table_ == Table::Summary) {
    if (role == Qt::DisplayRole) {
      switch (section) {
        case MethodColumn: return tr("Method");
        case Top1Column: return tr("Top-1");
        case Top1IntervalColumn: return tr("95% CI");
        case Top5Column: return tr("Top-5");
        case BaseColumn: return tr("Base");
        case NovelColumn: return tr("Novel");
        case HarmonicColumn: return tr("HM");
        default: return {};
      }
    }
    if (role == Qt::ToolTipRole) {
      switch (section) {
        case Top1Column: return tr("Share of images whose most probable class is the true one");
        case Top1IntervalColumn: return tr("95% bootstrap interval of top-1: how much it could move on another "
                                           "sample of images like these");
        case Top5Column: return tr("Share of images whose true class is among the five most probable");
        case BaseColumn: return tr("Top-1 on the first half of the classes (base), scored among those only");
        case NovelColumn: return tr("Top-1 on the second half of the classes (novel), scored among those only");
        case HarmonicColumn: return tr("Harmonic mean of base and novel top-1");
        default: return {};
      }
    }
    return {};
  }
  if (role == Qt::DisplayRole) {
    if (section == ClassColumn) return tr("Class");
    if (section == ClassImagesColumn) return tr("Images");
    const int method = section - FirstMethodColumn;
    if (method >= 0 && method < result_.methods.size()) return MethodStyle::label(result_.methods[method].method);
  }
  if (role == Qt::ToolTipRole && section >= FirstMethodColumn)
    return tr("Top-1 accuracy per class; click the header to sort");
  return {};
}

}  // namespace protext
