#pragma once
#include <QSet>
#include <QSortFilterProxyModel>

namespace protext {

// The thumbnail strip's view of the images: all of them, or those some method gets wrong,
// every method gets wrong, one given method gets wrong, the methods disagree on, of one
// true class, or a given list (an evaluation's drill-down); in the order they were added
// or by confidence. Reads ImageListModel's verdict roles; an image not judged yet
// passes only the "all" filter and sorts last.
class ImageFilterModel : public QSortFilterProxyModel {
  Q_OBJECT
 public:
  enum class Filter { All, SomeWrong, AllWrong, WrongByMethod, Disagreeing, OfClass, Listed };
  enum class Order { Added, LeastConfident, MostConfident };

  explicit ImageFilterModel(QObject* parent = nullptr);

  Filter filter() const { return filter_; }
  QString filterClass() const { return class_; }
  Order order() const { return order_; }
  // argument: the true class for OfClass, the method id for WrongByMethod.
  void setFilter(Filter filter, const QString& argument = {});
  // The paths Listed shows.
  void setListed(const QStringList& paths);
  int listedCount() const { return listed_.size(); }
  void setOrder(Order order);

 protected:
  bool filterAcceptsRow(int sourceRow, const QModelIndex& sourceParent) const override;
  bool lessThan(const QModelIndex& left, const QModelIndex& right) const override;

 private:
  Filter filter_ = Filter::All;
  QString class_;  // or the method id
  QSet<QString> listed_;
  Order order_ = Order::Added;
};

}  // namespace protext
