#include "widgets/views/PairedComparisonView.h"

#include <QHeaderView>
#include <QLabel>
#include <QSortFilterProxyModel>
#include <QTableView>
#include <QVBoxLayout>
#include <algorithm>

#include "widgets/common/MethodStyle.h"
#include "widgets/models/PairedTableModel.h"

namespace protext {
namespace {

QTableView* countTable(QAbstractItemModel* model, QWidget* parent) {
  auto* table = new QTableView(parent);
  table->setModel(model);
  table->verticalHeader()->hide();
  table->verticalHeader()->setDefaultSectionSize(table->fontMetrics().height() + 6);
  table->setEditTriggers(QAbstractItemView::NoEditTriggers);
  table->setSelectionMode(QAbstractItemView::SingleSelection);
  table->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
  table->horizontalHeader()->setStretchLastSection(true);
  return table;
}

}  // namespace

PairedComparisonView::PairedComparisonView(QWidget* parent) : QWidget(parent) {
  pairs_ = new PairedTableModel(PairedTableModel::Table::Pairs, this);
  classes_ = new PairedTableModel(PairedTableModel::Table::Classes, this);
  pair_table_ = countTable(pairs_, this);
  pair_table_->setSelectionBehavior(QAbstractItemView::SelectRows);
  // The counts whole; the pair's name gives way (elided, whole in its tooltip) on a narrow dock.
  pair_table_->horizontalHeader()->setStretchLastSection(false);
  pair_table_->horizontalHeader()->setSectionResizeMode(PairedTableModel::PairColumnName, QHeaderView::Stretch);
  pair_table_->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
  pair_table_->setToolTip(tr("Images both methods get right, only one of them, or neither; click a count to see "
                             "its images"));
  auto* proxy = new QSortFilterProxyModel(this);
  proxy->setSourceModel(classes_);
  proxy->setSortRole(PairedTableModel::SortRole);
  class_table_ = countTable(proxy, this);
  class_table_->setSortingEnabled(true);
  class_table_->horizontalHeader()->setStretchLastSection(false);
  class_table_->sortByColumn(-1, Qt::AscendingOrder);
  class_title_ = new QLabel(this);
  class_title_->setWordWrap(true);

  connect(pair_table_->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
          [this](const QModelIndex& current) {
            if (current.isValid()) showPair(current.row());
          });
  connect(pair_table_, &QTableView::clicked, this, [this](const QModelIndex& index) { openCell(index, pairs_); });
  connect(class_table_, &QTableView::clicked, this,
          [this, proxy](const QModelIndex& index) { openCell(proxy->mapToSource(index), classes_); });

  auto* layout = new QVBoxLayout(this);
  layout->setContentsMargins(0, 0, 0, 0);
  layout->addWidget(pair_table_);
  layout->addWidget(class_title_);
  layout->addWidget(class_table_, 1);
}

void PairedComparisonView::setResult(const EvaluationResult& result) {
  result_ = result;
  pairs_->setResult(result_);
  classes_->setResult(result_);
  // As tall as its rows (six for four methods), so the per-class table gets the rest.
  const int rows_height = pair_table_->horizontalHeader()->sizeHint().height() +
                          pair_table_->verticalHeader()->defaultSectionSize() * std::max(1, int(result_.pairs.size())) +
                          2 * pair_table_->frameWidth();
  pair_table_->setFixedHeight(rows_height);
  // The pair most worth a look first: the last method against the first (ProText against
  // one template, when both are there).
  showPair(result_.pairs.isEmpty() ? -1 : 0);
  for (int i = 0; i < result_.pairs.size(); ++i)
    if (result_.pairs[i].a == result_.methods.value(0).method &&
        result_.pairs[i].b == result_.methods.value(result_.methods.size() - 1).method)
      showPair(i);
}

void PairedComparisonView::showPair(int pair) {
  classes_->setPair(pair);
  if (pair >= 0 && pair_table_->currentIndex().row() != pair) pair_table_->selectRow(pair);
  if (pair < 0 || pair >= result_.pairs.size()) {
    class_title_->setText(QString());
    return;
  }
  const PairScore& p = result_.pairs[pair];
  class_title_->setText(tr("Per class, what <b>%1</b> fixes and breaks relative to <b>%2</b>:")
                            .arg(MethodStyle::label(p.b).toHtmlEscaped(), MethodStyle::label(p.a).toHtmlEscaped()));
}

void PairedComparisonView::openCell(const QModelIndex& index, const PairedTableModel* model) {
  PairOutcome outcome;
  int pair = -1, trueClass = -1;
  if (!model->outcomeAt(index, &outcome, &pair, &trueClass)) return;
  emit drillDownRequested(DrillDowns::pairCell(result_, pair, outcome, trueClass));
}

}  // namespace protext
