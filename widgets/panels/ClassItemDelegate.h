#pragma once

#include <QStyledItemDelegate>

namespace protext {

// Draws a class row of the class list: the name, elided, and its description count at the
// right; names stay aligned whether or not a row carries the no-descriptions warning icon.
class ClassItemDelegate : public QStyledItemDelegate {
 public:
  using QStyledItemDelegate::QStyledItemDelegate;

  void paint(QPainter* painter, const QStyleOptionViewItem& option, const QModelIndex& index) const override;

 protected:
  void initStyleOption(QStyleOptionViewItem* option, const QModelIndex& index) const override;
};

}  // namespace protext
