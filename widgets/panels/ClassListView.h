#pragma once

#include <QListView>

namespace protext {

// The class list's view.
class ClassListView : public QListView {
 public:
  using QListView::QListView;

 protected:
  // QListView first tries moveRow() once per dragged class, which the filter proxy refuses and
  // which, for a selection next to the drop point, ends the drop with nothing moved. The
  // model's drop handler moves the whole selection as one undo step instead.
  void dropEvent(QDropEvent* event) override { QAbstractItemView::dropEvent(event); }
};

}  // namespace protext
