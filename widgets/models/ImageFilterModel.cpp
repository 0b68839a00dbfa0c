#include "widgets/models/ImageFilterModel.h"

#include "widgets/common/ImageVerdict.h"
#include "widgets/models/ImageListModel.h"

namespace protext {

ImageFilterModel::ImageFilterModel(QObject* parent) : QSortFilterProxyModel(parent) {
  // A verdict arriving for an image re-filters and re-sorts it.
  setDynamicSortFilter(true);
}

void ImageFilterModel::setFilter(Filter filter, const QString& argument) {
  const QString cls = filter == Filter::OfClass || filter == Filter::WrongByMethod ? argument : QString();
  if (filter == filter_ && cls == class_) return;
  filter_ = filter;
  class_ = cls;
  invalidateFilter();
}

void ImageFilterModel::setListed(const QStringList& paths) {
  listed_ = QSet<QString>(paths.begin(), paths.end());
  if (filter_ == Filter::Listed) invalidateFilter();
}

void ImageFilterModel::setOrder(Order order) {
  if (order == order_) return;
  order_ = order;
  if (order == Order::Added) {
    sort(-1);  // the source's order
  } else {
    invalidate();
    sort(0, Qt::AscendingOrder);
  }
}

bool ImageFilterModel::filterAcceptsRow(int sourceRow, const QModelIndex& sourceParent) const {
  const QModelIndex index = sourceModel()->index(sourceRow, 0, sourceParent);
  const auto kind = static_cast<ImageVerdict::Kind>(index.data(ImageListModel::VerdictRole).toInt());
  const bool judged = index.data(ImageListModel::JudgedRole).toBool();
  switch (filter_) {
    case Filter::All:
      return true;
    case Filter::SomeWrong:
      return judged && (kind == ImageVerdict::SomeWrong || kind == ImageVerdict::AllWrong);
    case Filter::AllWrong:
      return judged && kind == ImageVerdict::AllWrong;
    case Filter::Disagreeing:
      return judged && index.data(ImageListModel::DisagreeRole).toBool();
    case Filter::WrongByMethod:
      return judged && index.data(ImageListModel::WrongByRole).toStringList().contains(class_);
    case Filter::OfClass:
      return index.data(ImageListModel::TrueClassRole).toString() == class_;
    case Filter::Listed:
      return listed_.contains(index.data(ImageListModel::PathRole).toString());
  }
  return true;
}

bool ImageFilterModel::lessThan(const QModelIndex& left, const QModelIndex& right) const {
  const double a = left.data(ImageListModel::ConfidenceRole).toDouble();
  const double b = right.data(ImageListModel::ConfidenceRole).toDouble();
  // Not judged yet (-1): last in either order; ties keep the order they were added in.
  if ((a < 0) != (b < 0)) return b < 0;
  if (a != b) return order_ == Order::MostConfident ? a > b : a < b;
  return left.row() < right.row();
}

}  // namespace protext
