#pragma once

#include <QString>

class QWidget;

namespace protext {

enum class BoxTiming {
  Now,
  // After the event being handled returns: a modal box inside dropEvent() would keep the
  // file manager that started the drag waiting for it.
  AfterEvent,
};

// How every panel and the main window show an error: a warning box titled `title` over
// `parent` when it is interactive (tests and scripted runs turn that off). Each caller then
// emits its errorShown(message), boxed or not.
void showErrorBox(QWidget* parent, bool interactive, const QString& title, const QString& message,
                  BoxTiming timing = BoxTiming::Now);

}  // namespace protext
