#include "widgets/models/PairedTableModel.h"

#include <QBrush>
#include <QColor>
#include <QLocale>
#include <algorithm>

#include "widgets/common/MethodStyle.h"

namespace protext {

PairedTableModel::PairedTableModel(Table table, QObject* parent) : QAbstractTableModel(parent), table_(table) {}

void PairedTableModel::setResult(const EvaluationResult& result) {
  beginResetModel();
  result_ = result;
  pair_ = result_.pairs.isEmpty() ? -1 : std::clamp(pair_, 0, int(result_.pairs.size()) - 1);
  endResetModel();
}

void PairedTableModel::setPair(int pair) {
  beginResetModel();
  pair_ = pair >= 0 && pair < result_.pairs.size() ? pair : -1;
  endResetModel();
}

QString PairedTableModel::pValue(double p) {
  if (p < 0.0001) return QStringLiteral("< %1").arg(QLocale().toString(0.0001, 'f', 4));
  if (p >= 1) return QLocale().toString(1);
  return QLocale().toString(p, 'f', 4);
}

int PairedTableModel::rowCount(const QModelIndex& parent) const {
  if (parent.isValid()) return 0;
  if (table_ == Table::Pairs) return result_.pairs.size();
  return pair_ < 0 ? 0 : result_.classes.size();
}

int PairedTableModel::columnCount(const QModelIndex& parent) const {
  if (parent.isValid()) return 0;
  return table_ == Table::Pairs ? int(PairColumnCount) : int(ClassColumnCount);
}

bool PairedTableModel::outcomeAt(const QModelIndex& index, PairOutcome* outcome, int* pair, int* trueClass) const {
  if (!index.isValid()) return false;
  if (table_ == Table::Pairs) {
    static const PairOutcome kOutcomes[] = {PairOutcome::BothRight, PairOutcome::OnlyA, PairOutcome::OnlyB,
                                            PairOutcome::BothWrong};
    if (index.column() < BothRightColumn || index.column() > BothWrongColumn) return false;
    *outcome = kOutcomes[index.column() - BothRightColumn];
    *pair = index.row();
    *trueClass = -1;
    return true;
  }
  if (index.column() != FixesColumn && index.column() != BreaksColumn) return false;
  *outcome = index.column() == FixesColumn ? PairOutcome::OnlyB : PairOutcome::OnlyA;
  *pair = pair_;
  *trueClass = index.row();
  return true;
}

QVariant PairedTableModel::data(const QModelIndex& index, int role) const {
  if (!index.isValid() || index.row() >= rowCount() || index.column() >= columnCount()) return {};
  if (table_ == Table::Pairs) return pairData(result_.pairs[index.row()], index.column(), role);
  return classData(index.row(), index.column(), role);
}

QVariant PairedTableModel::pairData(const PairScore& p, int column, int role) const {
  const int counts[] = {p.bothRight, p.onlyA, p.onlyB, p.bothWrong};
  const bool count = column >= BothRightColumn && column <= BothWrongColumn;
  switch (role) {
    case Qt::DisplayRole:
      if (column == PairColumnName) return tr("%1 vs %2").arg(MethodStyle::label(p.a), MethodStyle::label(p.b));
      if (count) return QLocale().toString(counts[column - BothRightColumn]);
      return pValue(p.mcnemarP);
    case SortRole:
      if (column == PairColumnName) return tr("%1 vs %2").arg(MethodStyle::label(p.a), MethodStyle::label(p.b));
      if (count) return counts[column - BothRightColumn];
      return p.mcnemarP;
    case Qt::TextAlignmentRole:
      return column == PairColumnName ? QVariant() : QVariant(int(Qt::AlignRight | Qt::AlignVCenter));
    case Qt::ForegroundRole:
      // A difference unlikely to be chance stands out.
      if (column == PValueColumn && p.mcnemarP < 0.05) return QBrush(QColor(20, 110, 40));
      return {};
    case Qt::ToolTipRole:
      if (count) return tr("Click to open these images in the image grid");
      if (column == PairColumnName) return tr("%1 vs %2").arg(MethodStyle::label(p.a), MethodStyle::label(p.b));
      if (column == PValueColumn)
        return tr("McNemar's exact test on the %n images the two methods disagree on: the chance of a split at "
                  "least this uneven if both were equally good",
                  nullptr, p.onlyA + p.onlyB);
      return {};
  }
  return {};
}

QVariant PairedTableModel::classData(int row, int column, int role) const {
  const PairScore& p = result_.pairs[pair_];
  const int fixes = p.fixes.value(row), breaks = p.breaks.value(row);
  switch (role) {
    case Qt::DisplayRole:
      if (column == ClassNameColumn) return result_.classes[row];
      if (column == FixesColumn) return QLocale().toString(fixes);
      if (column == BreaksColumn) return QLocale().toString(breaks);
      return (fixes - breaks > 0 ? QStringLiteral("+") : QString()) + QLocale().toString(fixes - breaks);
    case SortRole:
      if (column == ClassNameColumn) return result_.classes[row];
      return column == FixesColumn ? fixes : column == BreaksColumn ? breaks : fixes - breaks;
    case Qt::TextAlignmentRole:
      return column == ClassNameColumn ? QVariant() : QVariant(int(Qt::AlignRight | Qt::AlignVCenter));
    case Qt::ForegroundRole:
      if (column == NetColumn && fixes != breaks) return QBrush(fixes > breaks ? QColor(20, 110, 40) : QColor(170, 30, 30));
      return {};
    case Qt::ToolTipRole:
      if (column == FixesColumn || column == BreaksColumn) return tr("Click to open these images in the image grid");
      return {};
  }
  return {};
}

QVariant PairedTableModel::headerData(int section, Qt::Orientation orientation, int role) const {
  if (orientation != Qt::Horizontal) return {};
  const PairScore* p = pair_ >= 0 && pair_ < result_.pairs.size() ? &result_.pairs[pair_] : nullptr;
  if (role == Qt::DisplayRole) {
    if (table_ == Table::Pairs) {
      switch (section) {
        case PairColumnName: return tr("A vs B");
        case BothRightColumn: return tr("Both right");
        case OnlyAColumn: return tr("Only A");
        case OnlyBColumn: return tr("Only B");
        case BothWrongColumn: return tr("Both wrong");
        case PValueColumn: return tr("McNemar p");
      }
      return {};
    }
    switch (section) {
      case ClassNameColumn: return tr("Class");
      case FixesColumn: return tr("Fixes");
      case BreaksColumn: return tr("Breaks");
      case NetColumn: return tr("Net");
    }
    return {};
  }
  if (role == Qt::ToolTipRole && table_ == Table::Classes && p) {
    if (section == FixesColumn) return tr("Images %1 gets wrong and %2 right").arg(MethodStyle::label(p->a), MethodStyle::label(p->b));
    if (section == BreaksColumn) return tr("Images %1 gets right and %2 wrong").arg(MethodStyle::label(p->a), MethodStyle::label(p->b));
  }
  return {};
}

}  // namespace protext
