#include "widgets/common/PanelAction.h"

#include <QAction>
#include <QApplication>
#include <QCoreApplication>
#include <QFile>
#include <QWidget>

namespace protext {

QIcon iconOr(const QString& resource, QStyle::StandardPixmap fallback) {
  if (!QFile::exists(resource)) return QApplication::style()->standardIcon(fallback);
  return QIcon(resource);
}

QAction* makePanelAction(QWidget* owner, const QString& text, const QString& tip, const QKeySequence& keys,
                         const QIcon& icon, Qt::ShortcutContext context) {
  auto* action = new QAction(icon, text, owner);
  action->setShortcut(keys);
  action->setShortcutContext(context);
  action->setToolTip(keys.isEmpty() ? tip
                                    : QCoreApplication::translate("protext::PanelAction", "%1 (%2)")
                                          .arg(tip, keys.toString(QKeySequence::NativeText)));
  action->setStatusTip(tip);
  owner->addAction(action);
  return action;
}

}  // namespace protext
