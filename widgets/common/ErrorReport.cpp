#include "widgets/common/ErrorReport.h"

#include <QMessageBox>
#include <QMetaObject>
#include <QPointer>
#include <QWidget>

namespace protext {

void showErrorBox(QWidget* parent, bool interactive, const QString& title, const QString& message,
                  BoxTiming timing) {
  if (!interactive) return;
  if (timing == BoxTiming::Now) {
    QMessageBox::warning(parent, title, message);
    return;
  }
  QPointer<QWidget> guard(parent);
  QMetaObject::invokeMethod(
      parent,
      [guard, title, message] {
        if (guard) QMessageBox::warning(guard, title, message);
      },
      Qt::QueuedConnection);
}

}  // namespace protext
