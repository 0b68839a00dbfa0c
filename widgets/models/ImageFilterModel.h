#pragma once
#include <QSortFilterProxyModel>

namespace protext {

// The thumbnail strip's view of the images: all of them, or those some method gets wrong,
// every method gets wrong, the methods disagree on, or of one true class; in the order they
// were added or by confidence. Reads ImageListModel's verdict roles; an image not judged yet
// passes only the "all" filter and sorts last.
class ImageFilterModel : public QSortFilterProxyModel {
  Q_OBJECT
 public:
  enum class Filter { All, SomeWrong, AllWrong, Disagreeing, OfClass };
  enum class Order { Added, LeastConfident, MostConfident };

  explicit ImageFilterModel(QObject* parent = nullptr);

  Filter filter() const { return filter_; }
  QString filterClass() const { return class_; }
  Order order() const { return order_; }
  void setFilter(Filter filter, const QString& trueClass = {});
  void setOrder(Order order);

 protected:
  bool filterAcceptsRow(int sourceRow, const QModelIndex& sourceParent) const override;
  bool lessThan(const QModelIndex& left, const QModelIndex& right) const override;

 private:
  Filter filter_ = Filter::All;
  QString class_;
  Order order_ = Order::Added;
};

}  // namespace protext
