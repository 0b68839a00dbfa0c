#pragma once
#include <QIcon>
#include <QKeySequence>
#include <QStyle>

class QAction;
class QWidget;

namespace protext {

// The project's icon `:/icons/<file>`, or the style's stand-in where the icons are not
// linked in (some test binaries).
QIcon iconOr(const QString& resource, QStyle::StandardPixmap fallback);

// An action owned by (and added to) `owner`, with its shortcut named in the tooltip, so
// every panel's actions read the same in menus, toolbars and tooltips.
QAction* makePanelAction(QWidget* owner, const QString& text, const QString& tip, const QKeySequence& keys,
                         const QIcon& icon, Qt::ShortcutContext context);

}  // namespace protext
