#include "widgets/panels/ClassItemDelegate.h"

#include <QApplication>
#include <QIcon>
#include <QPainter>
#include <QPixmap>
#include <QStyle>

#include "widgets/models/ClassListModel.h"

namespace protext {

void ClassItemDelegate::paint(QPainter* painter, const QStyleOptionViewItem& option, const QModelIndex& index) const {
  QStyleOptionViewItem opt = option;
  initStyleOption(&opt, index);
  const QStyle* style = opt.widget ? opt.widget->style() : QApplication::style();
  const int described = index.data(ClassListModel::DescriptionCountRole).toInt();
  const QString badge = described > 0 ? QString::number(described) : QString();
  const int badgeWidth = badge.isEmpty() ? 0 : opt.fontMetrics.horizontalAdvance(badge) + 12;
  const QRect textRect = style->subElementRect(QStyle::SE_ItemViewItemText, &opt, opt.widget);
  opt.text = opt.fontMetrics.elidedText(opt.text, opt.textElideMode, qMax(0, textRect.width() - badgeWidth));
  style->drawControl(QStyle::CE_ItemViewItem, &opt, painter, opt.widget);
  if (badge.isEmpty()) return;
  painter->save();
  const bool selected = opt.state & QStyle::State_Selected;
  painter->setPen(opt.palette.color(selected ? QPalette::HighlightedText : QPalette::PlaceholderText));
  painter->drawText(opt.rect.adjusted(0, 0, -6, 0), Qt::AlignRight | Qt::AlignVCenter, badge);
  painter->restore();
}

void ClassItemDelegate::initStyleOption(QStyleOptionViewItem* option, const QModelIndex& index) const {
  QStyledItemDelegate::initStyleOption(option, index);
  if (!(option->features & QStyleOptionViewItem::HasDecoration)) {
    static const QIcon blank = [] {
      QPixmap pixmap(16, 16);
      pixmap.fill(Qt::transparent);
      return QIcon(pixmap);
    }();
    option->features |= QStyleOptionViewItem::HasDecoration;
    option->icon = blank;
  }
}

}  // namespace protext
