#pragma once
#include <QColor>
#include <QCoreApplication>
#include <QString>

namespace protext {

// How the app shows a method: its translated label and its colour, the one place either is
// decided. Methods travel as core's ids ("template", "ensemble", "descriptions", "protext"),
// never as display text, so a translation cannot break a colour or an export key.
class MethodStyle {
  Q_DECLARE_TR_FUNCTIONS(MethodStyle)

 public:
  static QString label(const QString& method);
  static QColor color(const QString& method);
  static QColor trueClassColor();
  static QColor warningColor();
};

}  // namespace protext
